"""Excel workbooks for people (openpyxl): the office hands each 科室 a sheet of its problems.

Every sheet: a bold header row frozen, an auto-filter, A4 landscape fitted to the page width,
the header repeated on every printed page; phone numbers and ids as text cells (no 1.38e10).
"""

from __future__ import annotations

import io
from typing import Any, Sequence


def _sheet(
    workbook: Any,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[int] | None = None,
) -> Any:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append(["" if v is None else v for v in row])
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, grey
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(cell.value, str):
                cell.number_format = "@"  # text: a phone number stays a phone number
    for index, header in enumerate(headers, 1):
        width = (widths[index - 1] if widths else None) or max(6, min(40, 2 * len(str(header)) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    return sheet


def workbook(
    sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]], Sequence[int] | None]],
) -> bytes:
    """An .xlsx of ``(title, headers, rows, widths)`` sheets, as bytes (written atomically by
    the caller)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, headers, rows, widths in sheets:
        _sheet(book, title, headers, rows, widths)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
