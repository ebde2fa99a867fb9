"""The fillable self-inspection workbook (``cwm checklist --kind sites -f xlsx``): one row per
site standard, the columns ``evidence.loops.inspections`` reads back, 合格/不合格 drop-downs,
the inspection date and inspector above the header. Printed A4 landscape, the header row on
every page, “第 N 页 共 M 页” below.
"""

from __future__ import annotations

import io
from typing import Any

from cwm.evidence import DATE_LABEL, FILLED, INSPECTOR_LABEL, RESULTS
from cwm.evidence import SHEET_COLUMNS as COLUMNS
from cwm.formats.xlsx import LINE_POINTS, wrapped_lines

WIDTHS = {
    "点位编号": 6,
    "点位": 8,
    "标准编号": 5,
    "考察内容及标准": 40,
    "责任单位": 10,
    "检查结果": 8,
    "问题描述": 18,
    "照片": 10,
    "整改责任人": 8,
    "整改时限": 10,
    "整改情况": 14,
    "复查结果": 8,
    "复查日期": 10,
}
HEADER_ROW = 4
"""Rows above the header: the title, the date and inspector, a line of instructions."""
INSTRUCTIONS = (
    "填写说明：检查结果、复查结果从下拉列表选“合格”或“不合格”；不合格的请写问题描述、整改责任人、"
    "整改时限（如 2021-05-31）；整改前后的照片放在 实地点位/S-编号 点位名/整改前/、整改后/；"
    "填好的表放回材料文件夹的“实地点位/”中（每次检查另存一份，文件名带日期）。"
)


def _row(sheet: dict[str, Any], standard: dict[str, Any]) -> list[Any]:
    values = {
        "点位编号": sheet["id"],
        "点位": f"{sheet['name']}·{sheet['indicator']}",
        "标准编号": standard["number"] if standard["number"] is not None else "",
        "考察内容及标准": standard["text"],
        "责任单位": sheet["unit"],
    }
    return [values.get(name, "") for name in COLUMNS]


def inspection_workbook(context: dict[str, Any]) -> bytes:
    """The workbook for ``checklist.sites``'s context."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "自查表"
    last = get_column_letter(len(COLUMNS))
    sheet["A1"] = f"{context['title']}（{context['issuer']}）"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells(f"A1:{last}1")
    sheet["A2"], sheet["D2"] = DATE_LABEL, INSPECTOR_LABEL
    sheet["A2"].font = sheet["D2"].font = Font(bold=True)
    sheet["B2"].number_format = "yyyy-mm-dd"
    sheet["A3"] = INSTRUCTIONS
    sheet.merge_cells(f"A3:{last}3")
    sheet["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[3].height = 30
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for n, name in enumerate(COLUMNS, 1):
        cell = sheet.cell(HEADER_ROW, n, name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
        sheet.column_dimensions[get_column_letter(n)].width = WIDTHS[name]
    row = HEADER_ROW
    for site in context["sheets"]:
        for standard in site["standards"]:
            row += 1
            for n, value in enumerate(_row(site, standard), 1):
                cell = sheet.cell(row, n, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.border = box
                cell.number_format = (
                    "@" if COLUMNS[n - 1] not in ("整改时限", "复查日期") else "yyyy-mm-dd"
                )
            lines = wrapped_lines(standard["text"], WIDTHS["考察内容及标准"])
            sheet.row_dimensions[row].height = LINE_POINTS * lines
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(RESULTS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="检查结果",
        error="请从下拉列表选择：合格 或 不合格。",
    )
    sheet.add_data_validation(choices)
    for name in ("检查结果", "复查结果"):
        letter = get_column_letter(COLUMNS.index(name) + 1)
        choices.add(f"{letter}{HEADER_ROW + 1}:{letter}{max(row, HEADER_ROW + 1)}")
    for name in FILLED:
        letter = get_column_letter(COLUMNS.index(name) + 1)
        for n in range(HEADER_ROW + 1, row + 1):
            sheet[f"{letter}{n}"].fill = PatternFill("solid", fgColor="FFFDE7")
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.3
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
