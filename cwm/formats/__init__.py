"""File formats: the readers the evidence checker, the plan importer and the report's ledger
share, the bounds every read keeps, and the one .xlsx writer.

Each reader takes a path and returns plain facts, or raises ``ReadError`` with a Chinese
message that says what is wrong and what to do. Nothing here knows a requirement, a rule or a
plan.

docx.py  Word 2007+ (zipfile + ElementTree: body, tables, text boxes, footnotes, endnotes)
pdf.py   PDF text layer (pypdfium2)
ofd.py   OFD 电子公文 (zipfile + ElementTree: TextCode in page order)
doc.py   Word 97–2003 .doc and WPS .wps (olefile + the piece table)
text.py  .txt/.md/.csv decoding: BOM, then strict UTF-8, then GB18030
image.py photo facts without decoding pixels (Pillow): format, size, EXIF date, completeness
table.py cells of .xlsx, .xls, .et, .ods (python-calamine) and .csv
archive.py what a .zip or .rar holds (names only)
base.py  DocumentText and ReadError, shared by all of them
limits.py       every bound of a read (unpacked bytes, pixels, characters, rows, pages)
wordcount.py    Word-compatible 字数
photoquality.py blur and JPEG quality, imagehash.py the 64-bit dHash (one decode serves both)
xlsx.py         SpreadsheetML writer (cwm report, -f xlsx, the inspection sheet)
"""

from __future__ import annotations

from pathlib import Path

from cwm.formats.base import DocumentText, ReadError

__all__ = ["DocumentText", "ReadError", "read_document"]


_MAGIC = {b"PK\x03\x04": ".docx", bytes.fromhex("D0CF11E0A1B11AE1"): ".doc", b"%PDF": ".pdf"}
_FAMILY = {".docx": ".docx", ".doc": ".doc", ".wps": ".doc", ".pdf": ".pdf", ".ofd": ".docx"}


def actual_suffix(path: Path) -> str | None:
    """The document format the first bytes show, when the extension says another of the formats
    read here (a .docx that is a Word 97 file, a .doc that is a .docx); else None. An encrypted
    Office file is OLE too: it is left to the .docx reader, which says it is encrypted."""
    from cwm.formats.encrypted import refuse_encrypted_office

    suffix = path.suffix.lower()
    if suffix not in _FAMILY:
        return None
    with open(path, "rb") as handle:
        head = handle.read(8)
    actual = next((kind for magic, kind in _MAGIC.items() if head.startswith(magic)), None)
    if actual is None or actual == _FAMILY[suffix]:
        return None
    if actual == ".doc" and suffix == ".docx":
        refuse_encrypted_office(path)  # raises for an encrypted .docx: say that, not “Word 97”
    return actual


def read_document(path: Path) -> DocumentText:
    """Text of a report or official document: by its bytes where they contradict the
    extension (the result says so), else by extension."""
    actual = actual_suffix(path)
    if actual is not None:
        import dataclasses

        result = _read_as(path, actual)
        return dataclasses.replace(result, actual_format=actual)
    return _read_as(path, path.suffix.lower())


def _read_as(path: Path, suffix: str) -> DocumentText:
    if suffix == ".docx":
        from cwm.formats.docx import read_docx

        return read_docx(path)
    if suffix == ".pdf":
        from cwm.formats.pdf import read_pdf

        return read_pdf(path)
    if suffix == ".ofd":
        from cwm.formats.ofd import read_ofd

        return read_ofd(path)
    if suffix in (".doc", ".wps"):
        from cwm.formats.doc import read_doc

        return read_doc(path)
    if suffix != path.suffix.lower() and suffix not in (".txt", ".md"):
        raise ReadError(f"无法按 {suffix} 读取。", code="wrong-content")
    from cwm.formats.text import read_text_file

    text = read_text_file(path)
    return DocumentText(text, min(len(text), 2000))
