"""Cells of a data table: .xlsx (openpyxl, read-only, cached values) or .csv (UTF-8 or GBK, as
Excel saves it). Returns the first rows as strings; interpretation is the table rule's job.
Bounded: the first ``MAX_TABLE_BYTES`` of a CSV, the first ``MAX_TABLE_ROWS`` rows, an .xlsx
whose parts stay within the zip bounds.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from ..limits import MAX_TABLE_BYTES, MAX_TABLE_ROWS
from .base import ReadError

MAX_ROWS = MAX_TABLE_ROWS


def read_table(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        import csv
        import io

        from .text import read_text_file

        text = read_text_file(path, MAX_TABLE_BYTES, whole=False)
        return list(itertools.islice(csv.reader(io.StringIO(text)), MAX_ROWS))
    if suffix == ".xls":
        raise ReadError(
            "暂不能读取旧版 .xls 表格。请用 Excel 或 WPS 另存为 .xlsx 后再检查。", code="manual"
        )
    return _read_xlsx(path)


def _read_xlsx(path: Path) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    from .zipparts import check_sizes

    try:
        with zipfile.ZipFile(path) as archive:
            check_sizes(archive)
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(
            "文件扩展名是 .xlsx，但内容不是 Excel 表格（可能改了扩展名或已损坏）"
            f"：{type(exc).__name__}。",
            code="wrong-content",
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(max_row=MAX_ROWS, values_only=True):
            rows.append(["" if v is None else str(v) for v in row])
        return rows
    finally:
        workbook.close()
