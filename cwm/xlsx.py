"""Excel workbooks for people (openpyxl): the office hands each 科室 a sheet of its problems.

Every sheet: a bold header row frozen, an auto-filter, A4 landscape fitted to the page width,
the header repeated on every printed page; phone numbers and ids as text cells (no 1.38e10).
Written in openpyxl's write-only mode with styles shared by all cells: memory stays flat however
many findings a report has (a style object per cell took ~460 MB for 50,000 findings).
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
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    for index, header in enumerate(headers, 1):
        width = (widths[index - 1] if widths else None) or max(6, min(40, 2 * len(str(header)) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4 (Worksheet.PAPERSIZE_A4)
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    last = f"{get_column_letter(max(1, len(headers)))}{len(rows) + 1}"
    sheet.auto_filter.ref = f"A1:{last}"
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    top = Alignment(vertical="top", wrap_text=True)

    def cell(value: Any, header: bool = False) -> Any:
        out = WriteOnlyCell(sheet, value="" if value is None else value)
        if header:
            out.font, out.fill, out.alignment = bold, grey, centred
        else:
            out.alignment = top
            if isinstance(value, str):
                out.number_format = "@"  # text: a phone number stays a phone number
        return out

    sheet.append([cell(h, header=True) for h in headers])
    for row in rows:
        sheet.append([cell(v) for v in row])


def workbook(
    sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]], Sequence[int] | None]],
) -> bytes:
    """An .xlsx of ``(title, headers, rows, widths)`` sheets, as bytes (written atomically by
    the caller)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, headers, rows, widths in sheets:
        _sheet(book, title, headers, rows, widths)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
