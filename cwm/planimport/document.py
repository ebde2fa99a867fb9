"""The document model every plan reader produces: paragraphs and tables, in reading order.

A plan arrives as a .docx, a Word 97 or WPS file, a web page, a workbook, a PDF, or several of
them in a folder; each reader in ``cwm.planimport.readers`` turns its format into ``Block``s, and
the importer reads only blocks. Tables keep their grid: a merged cell's text is in every grid cell
it covers (``Cell.merged`` marks the copies), so a row always has its cells in the header's
columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cwm.errors import CwmError


class NotAPlan(CwmError):
    """A file that cannot be read as a plan (exit 2); the message says what was looked for."""


@dataclass
class Cell:
    text: str
    """The cell's paragraphs joined by a newline (a line break inside a paragraph is one too)."""
    merged: bool = False
    """A copy of the cell above (vertical merge) or to the left (column span)."""


@dataclass
class SourceTable:
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = str | SourceTable
"""A paragraph's text, or a table."""


MAX_GRID_CELLS = 200_000
"""Grid cells of one table (a 30-page 责任清单 has about 600): more is no plan's table."""


def grid(rows: list[list[tuple[str, int, int]]]) -> SourceTable:
    """A table from rows of (text, rowspan, colspan) cells as HTML writes them: each cell fills
    every grid cell it spans, the copies marked merged; a grid cell a span from above already
    holds is skipped when the next cell is placed. Bounded: ``MAX_GRID_CELLS``."""
    table = SourceTable()
    pending: dict[tuple[int, int], Cell] = {}
    made = 0
    for r, cells in enumerate(rows):
        row: list[Cell] = []
        column = 0

        def fill_spans() -> None:
            nonlocal column
            while (r, column) in pending:
                row.append(pending.pop((r, column)))
                column += 1

        for text, rowspan, colspan in cells:
            fill_spans()
            made += max(colspan, 1) * max(rowspan, 1)
            if made > MAX_GRID_CELLS:
                raise NotAPlan(
                    f"表格超过 {MAX_GRID_CELLS:,} 个单元格（合并范围过大），不像方案的清单。"
                )
            for k in range(max(colspan, 1)):
                row.append(Cell(text, merged=k > 0))
                for down in range(1, max(rowspan, 1)):
                    pending[r + down, column] = Cell(text, merged=True)
                column += 1
        fill_spans()
        table.rows.append(row)
    return table
