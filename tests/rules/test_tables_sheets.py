"""A helper of test_tables: a workbook with two sheets, written by openpyxl (as Excel writes)."""

from __future__ import annotations

import io


def two_sheet_xlsx(first: list[list[object]], second: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    cover = workbook.active
    cover.title = "说明"
    for row in first:
        cover.append(row)
    data = workbook.create_sheet("数据")
    for row in second:
        data.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
