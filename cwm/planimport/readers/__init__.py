"""Every form a plan arrives in, read into one document model (``cwm.planimport.document``).

``read_plan(paths)`` takes one file, a folder, or several files — the notice and its
attachments split any way — and returns their blocks in reading order: the body first (a file
whose name does not say 附件), then the attachments by the number in their names. A file named
``附件2…`` whose text does not start with that heading gets it, so the importer finds its
attachments the same way in one file or in five. The format is told by the bytes, not the
extension (a .doc that is really a .docx is read as one):

========================  =====================================================================
.docx                     ``readers.docx`` (merged cells on the grid)
.doc .wps                 LibreOffice converts to .docx (``readers.office``), when installed
.xlsx .xls .et .ods       ``readers.sheet`` (calamine; merged ranges on the grid)
.html .htm                ``readers.html`` (rowspan/colspan on the grid)
.pdf (with text)          ``readers.pdf`` (pdfplumber's table finder)
========================  =====================================================================

A .txt, an .ofd or a scanned PDF is refused with the fix; in a folder, files of other kinds are
passed over and named (``Reading.skipped``).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from cwm.dates import chinese_count
from cwm.planimport.document import Block, NotAPlan, SourceTable

SUFFIXES = (
    ".docx",
    ".doc",
    ".wps",
    ".xlsx",
    ".xlsm",
    ".xls",
    ".et",
    ".ods",
    ".html",
    ".htm",
    ".pdf",
)
_NUMBER = re.compile(r"附件\s*([0-9]+|[一二三四五六七八九十]+)")
MAX_FILES = 20


@dataclass
class Reading:
    blocks: list[Block] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    """The files read, in the order their blocks stand."""
    skipped: list[Path] = field(default_factory=list)
    converted: list[Path] = field(default_factory=list)
    """Files LibreOffice converted first."""


def attachment_number(text: str) -> int | None:
    """The N of ``附件N``/``附件一`` in a name or heading (None: it names no attachment)."""
    match = _NUMBER.search(text)
    if not match:
        return None
    n = match.group(1)
    return int(n) if n.isdigit() else chinese_count(n)


def with_heading(blocks: list[Block], name: str) -> list[Block]:
    """``blocks`` of a file or sheet named ``附件2…``, with the heading 附件2 in front when their
    first paragraph is not it: the importer finds attachments the same way in one file or in
    five."""
    number = attachment_number(name)
    first = next((b for b in blocks if isinstance(b, str) and b.strip()), "")
    if number is not None and attachment_number(first[:8]) != number:
        return [f"附件{number}", *blocks]
    return blocks


def _order(path: Path) -> tuple[int, str]:
    number = attachment_number(path.stem)
    return (number if number is not None else 0, path.name)


def read_plan(paths: list[Path]) -> Reading:
    """The blocks of the plan at ``paths`` (files, or one folder). Raises NotAPlan."""
    reading = Reading()
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p for p in path.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))
            )
            for p in inside:
                (files if p.suffix.lower() in SUFFIXES else reading.skipped).append(p)
        elif path.is_file():
            files.append(path)
        else:
            raise NotAPlan(f"“{path}”不存在：请给出方案文件（.docx 等）或存放方案及附件的文件夹。")
    if not files:
        raise NotAPlan("文件夹中没有方案文件（支持 " + "、".join(SUFFIXES) + "）。")
    if len(files) > MAX_FILES:
        raise NotAPlan(f"共 {len(files)} 个文件，超过 {MAX_FILES} 个：请只放方案正文和附件。")
    for path in sorted(files, key=_order) if len(files) > 1 else files:
        blocks = with_heading(read_file(path, reading), path.stem)
        reading.blocks.extend(join_continued(blocks))
        reading.files.append(path)
    return reading


def join_continued(blocks: list[Block]) -> list[Block]:
    """A table continued on the next page (a PDF's table per page; Word tables split by a page
    or section break) as one: tables of the same width with nothing between them."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            isinstance(block, SourceTable)
            and isinstance(previous, SourceTable)
            and previous.columns == block.columns
        ):
            previous.rows.extend(block.rows)
            continue
        out.append(block)
    return out


def _sniff(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        from cwm.errors import os_error

        raise NotAPlan(f"无法读取 {path.name}：{os_error(exc)}。") from None
    if not head:
        return "damaged"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "damaged"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names or "content.xml" in names:
            return "sheet"
        if "Doc_xml/Document.xml" in names or any(n.startswith("Doc_") for n in names):
            return "ofd"
        return "damaged"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (
        lowered.startswith((b"<!doctype html", b"<html", b"<?xml"))
        or b"<table" in lowered
        or b"<body" in lowered
    ):
        return "html"
    return "text"


def read_file(path: Path, reading: Reading | None = None) -> list[Block]:
    """The blocks of one plan file, whatever its format."""
    from cwm.planimport.readers import docx, html, office, pdf, sheet

    kind = _sniff(path)
    name = path.name
    if kind == "docx":
        return docx.read_blocks(path)
    if kind == "sheet":
        return sheet.read_blocks(path)
    if kind == "html":
        return html.read_blocks(path)
    if kind == "pdf":
        return pdf.read_blocks(path)
    if kind == "ole":
        from cwm.formats.base import ReadError
        from cwm.formats.encrypted import refuse_encrypted_office

        try:
            refuse_encrypted_office(path)
        except ReadError:
            raise NotAPlan(f"{name} 已加密：请去掉密码、另存为 .docx 后再导入。") from None
        if _is_workbook(path):
            return sheet.read_blocks(path)
        blocks = office.read_blocks(
            path, "WPS 文字" if path.suffix.lower() == ".wps" else "旧版 Word"
        )
        if reading is not None:
            reading.converted.append(path)
        return blocks
    if kind == "ofd":
        raise NotAPlan(
            f"{name} 是 OFD 版式文件：其中的表格没有单元格结构。请找到方案的 Word 原件，"
            "或用数科 OFD 阅读器导出为 PDF 或 Word 后再导入。"
        )
    if kind == "damaged":
        raise NotAPlan(
            f"{name} 不是 Word 文档或 Excel 表格："
            "可能已损坏、未复制完整，或是改了扩展名的其他文件。"
        )
    raise NotAPlan(
        f"{name} 是纯文本：纯文本中没有表格的单元格，无法可靠导入附件的清单。"
        "请使用方案的 Word 原件（.docx/.doc/.wps）、Excel 清单、网页或 PDF。"
    )


def _is_workbook(path: Path) -> bool:
    """A compound file holding a workbook (.xls, .et) rather than a Word/WPS document."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("Workbook") or ole.exists("Book")
    except (OSError, ValueError):
        return False
