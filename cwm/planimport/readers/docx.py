"""A Word plan as a sequence of blocks: paragraphs and tables, in document order.

Tables keep their grid: a cell spanning columns (``w:gridSpan``) fills each column it spans, a
vertically merged cell (``w:vMerge``) gives its text to every row it spans (``Cell.merged``
marks the copies), cells skipped before or after a row (``w:gridBefore``/``w:gridAfter``) are
empty. Deleted text (tracked changes), field codes and the fallback copy of a text box are not
read. The document part is read within the bounds of the evidence readers (``zipparts``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from cwm.formats.base import ReadError
from cwm.formats.zipparts import open_part
from cwm.planimport.document import Block, Cell, NotAPlan, SourceTable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_DOCUMENT_BYTES = 20 * 2**20
"""A plan's document.xml is about 1 MB for 30 pages: more is not a plan."""


def _val(element: ET.Element | None, default: str | None = None) -> str | None:
    if element is None:
        return default
    return element.get(W + "val", default)


def _text(element: ET.Element) -> str:
    """The visible text of a paragraph (or of anything inside one)."""
    out: list[str] = []
    for node in element.iter():
        tag = node.tag
        if tag == W + "t" and node.text:
            out.append(node.text)
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
    return "".join(out)


def _strip(element: ET.Element) -> None:
    """Drop what Word does not show: deleted runs, field codes, text-box fallbacks."""
    for parent in element.iter():
        for child in list(parent):
            if child.tag in (W + "del", W + "instrText", W + "delText", MC + "Fallback"):
                parent.remove(child)


MAX_SPAN = 63
"""Word's own limit on a table's columns: a larger gridSpan/gridBefore is no real table's."""


def _count(value: str | None) -> int:
    """A grid count as written, within ``MAX_SPAN`` (a damaged or hostile value is no count)."""
    try:
        return min(max(int(value or 0), 0), MAX_SPAN)
    except ValueError:
        return 0


def _cell_text(tc: ET.Element) -> str:
    lines = []
    for p in tc.iter(W + "p"):
        lines.append(_text(p))
    return "\n".join(lines).strip("\n")


def _table(tbl: ET.Element) -> SourceTable:
    table = SourceTable()
    above: dict[int, Cell] = {}
    for tr in tbl.findall(W + "tr"):
        row: list[Cell] = []
        properties = tr.find(W + "trPr")
        before = _count(
            _val(properties.find(W + "gridBefore") if properties is not None else None, "0")
        )
        row.extend(Cell("") for _ in range(before))
        for tc in tr.findall(W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span = max(1, _count(_val(tcpr.find(W + "gridSpan") if tcpr is not None else None)))
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            column = len(row)
            if vmerge is not None and _val(vmerge, "continue") != "restart" and column in above:
                cell = Cell(above[column].text, merged=True)
            else:
                cell = Cell(_cell_text(tc))
            for k in range(span):
                copy = cell if k == 0 else Cell(cell.text, merged=True)
                row.append(copy)
                above[column + k] = cell
        table.rows.append(row)
    return table


def _blocks(body: ET.Element) -> list[Block]:
    out: list[Block] = []
    for child in body:
        if child.tag == W + "p":
            out.append(_text(child))
        elif child.tag == W + "tbl":
            out.append(_table(child))
        elif child.tag == W + "sdt":  # a content control: its content is ordinary blocks
            content = child.find(W + "sdtContent")
            if content is not None:
                out.extend(_blocks(content))
    return out


def read_blocks(path: Path, name: str | None = None) -> list[Block]:
    """The blocks of the .docx at ``path``. Raises NotAPlan with a Chinese message for a file
    that is not a readable .docx (damaged, a part too large)."""
    name = name or path.name  # a converted copy's messages name the user's file
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise NotAPlan(
            f"{name} 不是 Word 文档（.docx）：可能已损坏、未复制完整，或是改了扩展名的其他文件。"
        ) from None
    with archive:
        if "word/document.xml" not in archive.namelist():
            raise NotAPlan(f"{name} 中没有 Word 正文（word/document.xml）：不是 Word 文档。")
        info = archive.getinfo("word/document.xml")
        if info.file_size > MAX_DOCUMENT_BYTES:
            raise NotAPlan(
                f"{name} 的正文解压后超过 {MAX_DOCUMENT_BYTES // 2**20} MB，不像一份工作方案。"
            )
        try:
            with open_part(archive, "word/document.xml") as stream:
                root = ET.parse(stream).getroot()
        except (ReadError, ET.ParseError, zipfile.BadZipFile, RuntimeError, EOFError) as exc:
            raise NotAPlan(
                f"{name} 已损坏，无法读取正文（{exc}）。请用 Word 打开检查后另存为 .docx。"
            ) from None
    body = root.find(W + "body")
    if body is None:
        raise NotAPlan(f"{name} 的正文是空的。")
    _strip(body)
    return _blocks(body)
