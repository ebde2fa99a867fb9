"""Excel workbooks for people (openpyxl): the office hands each 科室 a sheet of its problems.

Every sheet: a bold header row frozen, an auto-filter, A4 landscape fitted to the page width
(columns narrow enough that the font stays ≥ 9 pt; long text wraps, rows grow to show it), the
header row repeated on every printed page, a printed title and “第 N 页 共 M 页”; phone numbers
and ids as text cells (no 1.38e10).
Written in openpyxl's write-only mode with styles shared by all cells: memory stays flat however
many findings a report has (a style object per cell took ~460 MB for 50,000 findings).
"""

from __future__ import annotations

import copy
import io
import re
from typing import Any, Sequence


def _sheet(
    workbook: Any,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[int] | None = None,
    heading: str = "",
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    columns = [
        widths[n] if widths and widths[n] is not None else max(6, min(40, 2 * len(str(h)) + 2))
        for n, h in enumerate(headers)
    ]
    for index, width in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width or 10
        sheet.column_dimensions[get_column_letter(index)].hidden = width == 0
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4 (Worksheet.PAPERSIZE_A4)
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    margins = sheet.page_margins
    margins.left = margins.right = 0.3  # inches: the width goes to the text, not the margins
    margins.top = margins.bottom = 0.6
    sheet.oddHeader.center.text = f"{heading}　{title}" if heading else title
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    for number, row in enumerate(rows, 2):
        lines = max((_lines(v, w) for v, w in zip(row, columns)), default=1)
        if lines > 1:
            sheet.row_dimensions[number].height = LINE_POINTS * lines
    last = f"{get_column_letter(max(1, len(headers)))}{len(rows) + 1}"
    sheet.auto_filter.ref = f"A1:{last}"
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    top = Alignment(vertical="top", wrap_text=True)

    # One styled cell per kind, registered with the workbook once; every other cell copies its
    # style indices (what openpyxl's own WorksheetCopy does) instead of hashing the style
    # objects again: 18,000 cells took 0.9 s, most of a warm report.
    header_style = WriteOnlyCell(sheet)
    header_style.font, header_style.fill, header_style.alignment = bold, grey, centred
    number_style = WriteOnlyCell(sheet)
    number_style.alignment = top
    text_style = WriteOnlyCell(sheet)
    text_style.alignment, text_style.number_format = top, "@"  # a phone number stays text

    def cell(value: Any, header: bool = False) -> Any:
        out = WriteOnlyCell(sheet, value="" if value is None else value)
        like = header_style if header else text_style if isinstance(value, str) else number_style
        out._style = copy.copy(like._style)
        return out

    sheet.append([cell(h, header=True) for h in headers])
    for row in rows:
        sheet.append([cell(v) for v in row])


LINE_POINTS = 15
"""A wrapped line's height at the default 11 pt font."""


_WIDE = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
"""Characters two columns wide (CJK, full-width forms): counted by one C-speed search."""


def _lines(value: Any, width: int) -> int:
    """The lines a cell's text wraps to in a column ``width`` characters wide (a Chinese
    character is two)."""
    if not isinstance(value, str) or width <= 0:
        return 1
    return sum(
        max(1, -(-(len(part) + len(_WIDE.findall(part))) // width)) for part in value.split("\n")
    )


def workbook(
    sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]], Sequence[int] | None]],
    heading: str = "",
) -> bytes:
    """An .xlsx of ``(title, headers, rows, widths)`` sheets, as bytes (written atomically by
    the caller); ``heading`` (the period, the reference day) is printed above every page. A
    width of 0 hides its column (a key the program reads back, not for people)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, headers, rows, widths in sheets:
        _sheet(book, title, headers, rows, widths, heading)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
