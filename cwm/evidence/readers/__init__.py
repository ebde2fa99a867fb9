"""Readers: one per file format. Each takes a path and returns plain facts, or raises
``ReadError`` with a Chinese message that says what is wrong and what to do.

docx.py  Word 2007+ (zipfile + ElementTree: body, tables, text boxes, footnotes, endnotes)
pdf.py   PDF text layer (pypdfium2)
ofd.py   OFD 电子公文 (zipfile + ElementTree: TextCode in page order)
doc.py   Word 97–2003 .doc and WPS .wps (olefile + the piece table)
text.py  .txt/.md/.csv decoding: BOM, then strict UTF-8, then GB18030
image.py photo facts without decoding pixels (Pillow): format, size, EXIF date, completeness
table.py cells of .xlsx, .xls, .et, .ods (python-calamine) and .csv
archive.py what a .zip or .rar holds (names only)
base.py  DocumentText and ReadError, shared by all of them
"""

from __future__ import annotations

from pathlib import Path

from .base import DocumentText, ReadError

__all__ = ["DocumentText", "ReadError", "read_document"]


def read_document(path: Path) -> DocumentText:
    """Text of a report or official document, by extension."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from .docx import read_docx

        return read_docx(path)
    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf(path)
    if suffix == ".ofd":
        from .ofd import read_ofd

        return read_ofd(path)
    if suffix in (".doc", ".wps"):
        from .doc import read_doc

        return read_doc(path)
    from .text import read_text_file

    text = read_text_file(path)
    return DocumentText(text, min(len(text), 2000))
