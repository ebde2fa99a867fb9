"""An attachment kept as a workbook (.xlsx, .xls, WPS .et, .ods: the 责任清单 offices pass
around in Excel) as blocks. Each sheet: the rows above its table that hold one text (the
title, ``附件1``) become paragraphs; the rest is one table with the sheet's merged ranges laid
out as a Word table's merged cells are (the text in every cell the range covers). A sheet named
``附件1`` (``附件一``…) whose rows do not say so gets that heading. Bounded by the table
reader's limits (``cwm.formats.table``).
"""

from __future__ import annotations

from pathlib import Path

from cwm.formats.base import ReadError
from cwm.formats.table import read_table
from cwm.planimport.document import Block, Cell, NotAPlan, SourceTable
from cwm.planimport.readers import with_heading


def read_blocks(path: Path) -> list[Block]:
    try:
        sheets = read_table(path, merges=True)
    except ReadError as exc:
        raise NotAPlan(f"无法读取 {path.name}：{exc}") from None
    blocks: list[Block] = []
    for at, (name, rows) in enumerate(sheets.sheets):
        merges = sheets.merges[at] if at < len(sheets.merges) else []
        blocks.extend(_sheet(name, rows, merges))
    return blocks


def _sheet(
    name: str, rows: list[list[str]], merges: list[tuple[int, int, int, int]]
) -> list[Block]:
    grid = [[Cell(text) for text in row] for row in rows]
    for top, left, bottom, right in merges:
        if top >= len(grid) or left >= len(grid[top]):
            continue
        text = grid[top][left].text
        for r in range(top, min(bottom, len(grid) - 1) + 1):
            for c in range(left, right + 1):
                if (r, c) == (top, left):
                    continue
                while len(grid[r]) <= c:
                    grid[r].append(Cell(""))
                grid[r][c] = Cell(text, merged=True)
    blocks: list[Block] = []
    at = 0
    while at < len(grid) and len({c.text.strip() for c in grid[at] if c.text.strip()}) <= 1:
        text = next((c.text.strip() for c in grid[at] if c.text.strip()), "")
        if text:
            blocks.append(text)
        at += 1
    body = grid[at:]
    while body and not any(c.text.strip() for c in body[-1]):
        body.pop()
    width = max(
        (max((i for i, c in enumerate(r) if c.text.strip()), default=-1) + 1 for r in body),
        default=0,
    )
    if body:
        blocks.append(SourceTable([row[:width] for row in body]))
    return with_heading(blocks, name)
