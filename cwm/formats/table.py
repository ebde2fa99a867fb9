"""Cells of a data table: .xlsx, .xlsm, .xls, WPS .et and .ods through one reader
(python-calamine: Rust, reads all of them, ~13× faster than openpyxl on real files and reads
Strict OOXML that openpyxl cannot), and .csv (UTF-8 or GBK, as Excel saves it).

Returns ``Sheets``: the first rows of each sheet (up to ``MAX_SHEETS``) as strings: integers
stay integers (1000000, not 1000000.0), dates as 2021-04-04. Bounded: the first
``MAX_TABLE_ROWS`` rows of a sheet; the first ``MAX_TABLE_BYTES`` of a CSV; zip-based files
within the zip bounds.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from cwm.formats.base import ReadError, Tabular
from cwm.formats.limits import (
    MAX_SHEET_BYTES,
    MAX_SHEET_CELLS,
    MAX_TABLE_BYTES,
    MAX_TABLE_ROWS,
    MiB,
    too_large,
)

MAX_ROWS = MAX_TABLE_ROWS
MAX_SHEETS = 8
"""Sheets read of a workbook: the figures are often on the second (a cover or notes first)."""


@dataclass(frozen=True)
class Sheets(Tabular):
    """The sheets of a table file: (name, rows) in workbook order; a CSV is one sheet."""

    sheets: tuple[tuple[str, list[list[str]]], ...] = ()
    merges: tuple[list[tuple[int, int, int, int]], ...] = ()
    """Per sheet, when asked for: its merged ranges as (top, left, bottom, right), 0-based and
    inclusive (the text is in the top-left cell only)."""

    @property
    def rows(self) -> list[list[str]]:
        """The first sheet's rows."""
        return self.sheets[0][1] if self.sheets else []


def cell_text(value: Any) -> str:
    """A cell as people read it."""
    if isinstance(value, str):  # most cells: first
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_table(path: Path, merges: bool = False) -> Sheets:
    if path.suffix.lower() == ".csv":
        import csv
        import io

        from cwm.formats.text import read_text_file

        text = read_text_file(path, MAX_TABLE_BYTES, whole=False)
        return Sheets((("", list(itertools.islice(csv.reader(io.StringIO(text)), MAX_ROWS))),))
    return _read_workbook(path, merges)


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """A Rust panic in calamine prints to the process's stderr before it becomes an exception:
    keep it off the user's screen (the file gets a finding instead)."""
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _read_workbook(path: Path, merges: bool = False) -> Sheets:
    from python_calamine import CalamineWorkbook

    from cwm.formats.encrypted import refuse_encrypted_office
    from cwm.formats.zipparts import check_sizes

    refuse_encrypted_office(path)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            check_sizes(archive)
            parts = archive.infolist()
            sheet_parts = [i for i in parts if i.filename.startswith(_SHEET_PARTS)]
            if any(i.file_size > MAX_SHEET_BYTES for i in sheet_parts):
                raise ReadError(_too_big(), code="too-large")
            spans = [_xlsx_span(archive, i.filename) for i in sheet_parts]
    elif path.stat().st_size > MAX_SHEET_BYTES:
        raise ReadError(_too_big(), code="too-large")
    else:
        spans = _biff_spans(path)
    for rows, columns in spans:
        if rows * columns > MAX_SHEET_CELLS:
            raise ReadError(_too_wide(rows, columns), code="too-large")
    try:
        with open(path, "rb") as handle, _quiet_stderr():
            workbook = CalamineWorkbook.from_filelike(handle)
            names = workbook.sheet_names[:MAX_SHEETS]
            sheets = [(name, _rows(workbook, n)) for n, name in enumerate(names)]
            ranges = [_merges(workbook, n) if merges else [] for n in range(len(names))]
    except BaseException as exc:  # calamine raises its own errors, and PanicException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise ReadError(
            f"文件扩展名是 {path.suffix}，但内容不是可读取的表格（可能改了扩展名或已损坏）。"
            "请用 Excel 或 WPS 打开后另存为 .xlsx。",
            code="wrong-content",
        ) from None
    return Sheets(
        tuple((name, [[cell_text(v) for v in row] for row in rows]) for name, rows in sheets),
        tuple(ranges) if merges else (),
    )


def _merges(workbook: Any, index: int) -> list[tuple[int, int, int, int]]:
    found = workbook.get_sheet_by_index(index).merged_cell_ranges or []
    return [(top, left, bottom, right) for (top, left), (bottom, right) in found]


_SHEET_PARTS = ("xl/worksheets/", "content.xml")
"""The parts holding a workbook's cells: .xlsx/.xlsm sheets, an .ods's content."""


_CELL_REF = re.compile(rb'<(?:c|dimension) r(?:ef)?="(?:[A-Z]+\d+:)?([A-Z]{1,3})(\d{1,7})"')


def _xlsx_span(archive: zipfile.ZipFile, name: str) -> tuple[int, int]:
    """(rows, columns) an .xlsx sheet spans: the farthest cell reference and the declared
    ``<dimension>`` (the part is already bounded by ``MAX_SHEET_BYTES``)."""
    if not name.endswith(".xml") or not name.startswith("xl/worksheets/"):
        return 0, 0  # an .ods's content.xml: repeated empty rows are not cells to calamine
    rows = columns = 0
    with archive.open(name) as part:
        for found in _CELL_REF.finditer(part.read()):
            letters, row = found.groups()
            column = 0
            for letter in letters:
                column = column * 26 + letter - 64
            rows, columns = max(rows, int(row)), max(columns, column)
    return rows, columns


def _biff_spans(path: Path) -> list[tuple[int, int]]:
    """(rows, columns) each sheet of an .xls/.et declares (its BIFF ``DIMENSIONS`` record);
    nothing for a file that is no Word-97-era workbook (calamine then says what it is). A
    password-protected one (a ``FILEPASS`` record: the rest is encrypted) is said to be."""
    import struct

    import olefile

    try:
        if not olefile.isOleFile(str(path)):
            return []
        with olefile.OleFileIO(str(path)) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if name is None:
                return []
            data = ole.openstream(name).read(MAX_SHEET_BYTES)
    except (OSError, ValueError, struct.error):
        return []
    spans = []
    at = 0
    while at + 4 <= len(data):
        kind, size = struct.unpack_from("<HH", data, at)
        if kind == 0x002F:  # FILEPASS: what follows is encrypted (a password-protected .xls)
            from cwm.formats.encrypted import ENCRYPTED

            raise ReadError(ENCRYPTED, code="encrypted")
        if kind == 0x0200 and size >= 14:  # DIMENSIONS (BIFF8): first/last+1 row, column
            first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", data, at + 4)
            spans.append((max(last_row - first_row, 0), max(last_col - first_col, 0)))
        at += 4 + size
    return spans


def _too_wide(rows: int, columns: int) -> str:
    return (
        f"表格的工作表占了 {rows} 行 × {columns} 列（有内容或格式的单元格一直延伸到那里），"
        f"超过 {MAX_SHEET_CELLS:,} 个单元格，未读取。请删去表格下方和右侧多余的行列，"
        "或把数据复制到新的工作簿后另存为 .xlsx。"
    )


def _too_big() -> str:
    return too_large(
        f"表格的工作表超过 {MAX_SHEET_BYTES // MiB} MB（几十万行）；数据表格只需汇总数据，"
        "请另存一份只含汇总表的文件"
    )


def _rows(workbook: Any, index: int) -> list[list[Any]]:
    return workbook.get_sheet_by_index(index).to_python(skip_empty_area=False, nrows=MAX_ROWS)
