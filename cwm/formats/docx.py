"""Text of a .docx, as Word counts it: body (with tables), text boxes, footnotes and endnotes;
not headers and footers.

Read straight from the OOXML parts with zipfile + an incremental ElementTree parse (bounded:
``zipparts`` and ``limits``). python-docx misses text boxes and footnotes and repeats a merged
table cell once per spanned column; here each w:t is read once. A text box is stored twice
(DrawingML in mc:Choice, VML in mc:Fallback): the fallback copy is skipped.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from cwm.formats.base import DocumentText, ReadError, TextBudget
from cwm.formats.limits import MAX_TABLE_ROWS
from cwm.formats.zipparts import parse_part

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
FIRST_PAGE_CHARS = 1500
_SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}
_PIECES = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n"}
"""Elements that stand for a character (a w:t's text is read from the parser's data)."""
_TABLE_TAGS = {W + "tbl", W + "tr", W + "tc"}


class _Paragraphs:
    """A parser target (expat calls it; no tree is built, so memory stays flat however many
    paragraphs a part holds): paragraph texts from start, data and end. A paragraph nested in
    another (a text box) is a paragraph of its own; skipped subtrees (mc:Fallback, separator
    notes) add nothing; only the text of w:t counts (not w:instrText, w:delText)."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.open: list[list[str]] = []
        self.skip = 0
        self.budget = TextBudget()
        self.text: list[str] | None = None
        """The pieces of the w:t being read."""
        self.tables = _Tables()

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.skip or tag == MC_FALLBACK:
            self.skip += 1
        elif tag in (W + "footnote", W + "endnote") and attrib.get(W + "type") in _SEPARATORS:
            self.skip += 1
        elif tag == W + "p":
            self.open.append([])
        elif tag == W + "t" and self.open:
            self.text = []
        elif tag in _TABLE_TAGS:
            self.tables.start(tag)

    def data(self, text: str) -> None:
        if self.text is not None:
            self.budget.spend(len(text))  # as it arrives: a 200 MB run is refused, never joined
            self.text.append(text)

    def end(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if tag == W + "p" and self.open:
            self.out.append("".join(self.open.pop()))
            self.tables.paragraph(self.out[-1])
            self.budget.spend(1)
            return
        if tag in _TABLE_TAGS:
            self.tables.end(tag)
            return
        if not self.open:
            return
        if tag == W + "t":
            piece, self.text = "".join(self.text or ()), None  # counted in data()
        else:
            piece = _PIECES.get(tag, "")
            self.budget.spend(len(piece))
        if piece:
            self.open[-1].append(piece)

    def close(self) -> list[str]:
        return self.out


class _Tables:
    """The body's tables as rows of cell texts, from the same parse (a 台账 or 自查表 kept in
    Word): a cell is its paragraphs, joined; a table inside a cell is text of that cell. Above
    each table, as one-cell rows, the last ``LEAD`` paragraphs before it (检查日期：…, 检查人：…
    are written there, as above a spreadsheet's header). At most ``MAX_TABLE_ROWS`` rows in all
    (the text itself is bounded by the paragraphs' budget)."""

    LEAD = 5

    def __init__(self) -> None:
        self.found: list[list[list[str]]] = []
        self.depth = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.rows_left = MAX_TABLE_ROWS
        self.lead: list[str] = []

    def start(self, tag: str) -> None:
        if tag == W + "tbl":
            self.depth += 1
            if self.depth == 1:
                self.found.append([[text] for text in self.lead[-self.LEAD :]])
                self.lead = []
        elif self.depth == 1 and tag == W + "tr":
            self.row = []
        elif self.depth == 1 and tag == W + "tc" and self.row is not None:
            self.cell = []

    def paragraph(self, text: str) -> None:
        if self.cell is not None:
            self.cell.append(text)
        elif self.depth == 0 and text.strip():
            self.lead.append(text.strip())
            del self.lead[: -self.LEAD]

    def end(self, tag: str) -> None:
        if tag == W + "tbl":
            self.depth -= 1
        elif self.depth == 1 and tag == W + "tc" and self.cell is not None:
            if self.row is not None:
                self.row.append("\n".join(self.cell).strip())
            self.cell = None
        elif self.depth == 1 and tag == W + "tr" and self.row is not None:
            if self.rows_left > 0 and any(self.row):
                self.found[-1].append(self.row)
                self.rows_left -= 1
            self.row = None

    def sheets(self) -> tuple[tuple[str, list[list[str]]], ...]:
        return tuple((f"表{n}", rows) for n, rows in enumerate(self.found, 1) if rows)


def read_docx(path: Path) -> DocumentText:
    from cwm.formats.encrypted import refuse_encrypted_office

    refuse_encrypted_office(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError):
        raise ReadError(
            "文件扩展名是 .docx，但内容不是 Word 文档（可能是改了扩展名，"
            "或文件已损坏/未复制完整）。请用 Word 打开后重新另存为 .docx。",
            code="wrong-content",
        ) from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise ReadError(
                "文件扩展名是 .docx，但其中没有 Word 正文（可能是其他 Office 文件改了扩展名）。",
                code="wrong-content",
            )
        parts: list[str] = []
        sheets: tuple[tuple[str, list[list[str]]], ...] = ()
        for part in PARTS:
            if part not in names:
                continue
            target = _Paragraphs()
            try:
                parts.append("\n".join(parse_part(archive, part, target)))
            except (ET.ParseError, zipfile.BadZipFile, RuntimeError, EOFError) as exc:
                raise ReadError(
                    f"Word 文件已损坏，无法读取（{part}：{exc}）。请用 Word 打开检查后重新保存。"
                ) from None
            if part == PARTS[0]:
                sheets = target.tables.sheets()
        text = "\n".join(parts)
        pictures = sorted(n for n in names if n.startswith("word/media/"))
        if DocumentText.is_scan(text) and pictures:  # pages scanned and pasted into Word
            from cwm.formats import ocr

            if ocr.enabled():
                return ocr.recognised_pictures(archive, pictures)
            return DocumentText(text, len(text), scanned=True, sheets=sheets)
    body = len(parts[0]) if parts else 0
    return DocumentText(text, min(body, FIRST_PAGE_CHARS), sheets=sheets)
