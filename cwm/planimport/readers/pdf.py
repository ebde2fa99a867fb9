"""A plan kept as a text PDF, through pdfplumber (MIT; pdfminer.six underneath): it finds a
table's cells from the ruling lines the PDF draws, which PDF text alone (pypdfium2, the checker's
reader) does not have. Text outside the tables becomes paragraphs, one per line as printed.

A cell a merged range covers comes back as None: it takes the text of the cell above (a range
spanning rows, the usual 测评项目/指标 cells), in the first row the text on its left (a header
spanning columns). Page numbers (``— 3 —``, ``第3页 共9页``) are not paragraphs, so a table
continued on the next page stays next to its first part. Bounded: ``MAX_PAGES`` pages; a PDF
without a text layer (a scan) is refused with the fix.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cwm.planimport.document import Block, Cell, NotAPlan, SourceTable

MAX_PAGES = 200
MAX_PDF_BYTES = 50 * 2**20
_PAGE_NUMBER = re.compile(
    r"^[-—－–\s]*\d{1,3}[-—－–\s]*$|^第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?$"
)


Raw = list[list["str | None"]]
"""A table as pdfplumber extracts it: None where a merged cell covers the grid cell."""


def _header_like(row: list[str | None]) -> bool:
    """A header row: most cells written or covered by a header above, each a short label
    without figures (a data row has sentences, codes or phones; a row's part continued on a
    page has most cells empty)."""
    texts = [re.sub(r"\s", "", t) for t in row if t]
    covered = sum(v is None for v in row)
    return (
        bool(texts)
        and (len(texts) + covered) * 2 > len(row)
        and all(len(t) <= 20 and not re.search(r"\d", t) for t in texts)
    )


def _table(rows: Raw) -> SourceTable:
    """Cells as the Word table had them: a covered cell takes the text on its left in a header
    row (a header over several columns), else the text above (a cell merged down)."""
    table = SourceTable()
    data: list[Cell] | None = None  # the last data row above (headers repeated between)
    above: list[Cell] | None = None  # the header row just above, in a header of two rows
    for values in rows:
        row: list[Cell] = []
        header = _header_like(values)
        for c, value in enumerate(values):
            if value is not None:
                row.append(Cell(_clean(value)))
            elif header and above is not None and c < len(above):
                row.append(Cell(above[c].text, merged=True))  # a header merged down
            elif header and row:
                row.append(Cell(row[-1].text, merged=True))  # a header over columns
            elif not header and data is not None and c < len(data):
                row.append(Cell(data[c].text, merged=True))  # a cell merged down
            else:
                row.append(Cell("", merged=True))
        table.rows.append(row)
        data, above = (data, row) if header else (row, None)
    return table


def _continue_row(last: list[str | None], rows: Raw) -> None:
    """A table row Word broke across a page: its part on this page (the first row after the
    repeated header, mostly covered cells) joins ``last``, the last row of the page before."""
    at = 0
    while at < len(rows) and _header_like(rows[at]):
        at += 1
    if at >= len(rows):
        return
    fragment = rows[at]
    if sum(not v for v in fragment) * 2 <= len(fragment) or len(last) != len(fragment):
        return
    for column, value in enumerate(fragment):
        if value:
            last[column] = (last[column] or "") + "\n" + value
    del rows[at]


def _clean(text: str) -> str:
    """A cell's lines as printed, joined into paragraphs (a PDF has no paragraph marks): a line
    goes on in the next unless it ends a sentence (。！？) or the next starts an item (①, 1）,
    一、) or a label (说明报告：)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out: list[str] = []
    for line in lines:
        starts = re.match(
            r"^(?:[①-⑩]|[（(]?\d+[)）.．、]|[一二三四五六七八九十]+、|[\u4e00-\u9fff]{2,6}[:：])",
            line,
        )
        if out and not starts and not re.search(r"[。！？]$", out[-1]):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def read_blocks(path: Path) -> list[Block]:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency of cwm
        raise NotAPlan(f"{path.name} 是 PDF：读取 PDF 表格需要 pdfplumber。") from None
    if path.stat().st_size > MAX_PDF_BYTES:
        raise NotAPlan(f"{path.name} 超过 {MAX_PDF_BYTES // 2**20} MB，不像一份工作方案。")
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise NotAPlan(
                    f"{path.name} 有 {len(pdf.pages)} 页，超过 {MAX_PAGES} 页，不像一份工作方案。"
                )
            last: list[str | None] | None = None  # the page before's last row, if cut there
            items: list[tuple[float, str | Raw]] = []
            for page in pdf.pages:
                found, cut = _page(page)
                tables = [b for _, b in found if isinstance(b, list)]
                if last is not None and tables and found and found[0][1] is tables[0]:
                    _continue_row(last, tables[0])
                items.extend(found)
                rows = [r for t in tables for r in t if not _header_like(r)]
                if not cut:
                    last = None
                elif rows:
                    last = rows[-1]
                # else: a page holding only the middle of one long row: it goes on
                page.close()
            blocks = [b if isinstance(b, str) else _table(b) for _, b in items if b]
    except NotAPlan:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        raise NotAPlan(
            f"{path.name} 无法作为 PDF 读取（{type(exc).__name__}）：可能已损坏或加密。"
        ) from None
    text_chars = sum(len(b) for b in blocks if isinstance(b, str))
    if not any(isinstance(b, SourceTable) for b in blocks) and text_chars < 50:
        raise NotAPlan(
            f"{path.name} 是扫描件（PDF 中没有文字层）：请找到方案的 Word 原件（.docx），"
            "或用 WPS/Word 的“PDF 转 Word”转换后再导入。"
        )
    return blocks


def _line_text(chars: list[dict[str, Any]]) -> str:
    """A printed line's text with the spaces its gaps stand for (a half-em each: the roster's
    ``组  长：王  强   局长`` keeps its columns)."""
    out: list[str] = []
    end = None
    for char in chars:
        if end is not None:
            gap = char["x0"] - end
            spaces = round(gap / (char["size"] * 0.5)) if gap > char["size"] * 0.2 else 0
            out.append(" " * spaces)
        out.append(char["text"])
        end = char["x1"]
    return "".join(out).strip()


def _paragraphs(lines: list[dict[str, Any]], right: float) -> list[tuple[float, str]]:
    """Printed lines as paragraphs: a line that reaches the right margin and does not end a
    sentence continues in the next."""
    out: list[tuple[float, str]] = []
    joined = False
    for line in lines:
        text = _line_text(line["chars"])
        if not text or _PAGE_NUMBER.match(text):
            joined = False
            continue
        if joined and out:
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((line["top"], text))
        size = line["chars"][0]["size"] if line["chars"] else 10
        joined = line["x1"] >= right - 1.5 * size and not re.search(r"[。；！？：:]$", text)
    return out


def _page(page: Any) -> tuple[list[tuple[float, str | Raw]], bool]:
    """The page's paragraphs and tables (top, block) in reading order, and whether its last
    table runs to the bottom of the text area (a row may go on over the page)."""
    found = page.find_tables()
    boxes = [t.bbox for t in found]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    items: list[tuple[float, str | Raw]] = []
    lines = page.filter(outside).extract_text_lines(return_chars=True)
    right = page.width - min((line["x0"] for line in lines), default=0.0)  # margins alike
    items.extend(_paragraphs(lines, right))
    for table in found:
        rows = table.extract()
        if rows:
            items.append((table.bbox[1], rows))
    items.sort(key=lambda item: item[0])
    bottom = max((c["bottom"] for c in page.chars), default=0.0)
    cut = bool(items) and isinstance(items[-1][1], list) and found[-1].bbox[3] >= bottom - 12
    return items, cut
