"""The 整改台账 that remembers: what the office wrote by hand in the previous report's workbook
(整改责任人, 整改时限, 整改情况 of each problem) is carried into the new one, matched by each
finding's stable id (the 问题编号 column); a problem that is gone moves to the 已销号 sheet with
its last notes and the day it was found resolved.

The previous workbook is only read — as cwm wrote it, or re-saved by WPS, Excel or LibreOffice
with columns widened, added or moved and rows sorted (columns are found by their header); the new
one is written beside it. One that cannot be read is said in 变化.txt and the run goes on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

HAND = ("整改责任人", "整改时限", "整改情况")
"""The columns the office fills in."""
ID_COLUMN = "问题编号"
"""The finding's stable id (``S-3|S-3（2）``): how a row is matched from one run to the next."""
CLOSED_SHEET = "已销号"
RESOLVED_COLUMN = "销号日期"
WORKBOOK_NAME = "检查结果.xlsx"
MAX_BYTES = 32 * 2**20
MAX_ROWS = 100_000
CARRIED_LEVELS = ("错误", "警告")
"""Rows of these 级别 move to 已销号 when their problem is gone (a 提示 is no problem)."""


@dataclass
class Ledger:
    """What the previous workbook holds."""

    headers: tuple[str, ...] = ()
    """The 问题清单 columns as the previous workbook wrote them (for rows moved to 已销号)."""
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    """Finding id -> its 问题清单 row, by column name."""
    closed: list[dict[str, str]] = field(default_factory=list)
    """The previous 已销号 rows, by column name (kept, newest first)."""
    problem: str = ""
    """Why the previous workbook could not be read ("" when it was, or there was none)."""

    def notes(self, ident: str) -> dict[str, str]:
        """The hand columns the office filled for a problem (empty ones left out)."""
        row = self.rows.get(ident, {})
        return {name: row[name] for name in HAND if row.get(name)}


def _records(rows: Sequence[Sequence[Any]]) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """The rows under the first row that has the id column, by column name; each cell as the
    office typed it (the table reader's reading, trimmed)."""
    from cwm.formats.table import cell_text

    for n, row in enumerate(rows):
        header = tuple(cell_text(c).strip() for c in row)
        if ID_COLUMN in header:
            records = []
            for r in rows[n + 1 :]:
                cells = [cell_text(v).strip() for v in r]
                if any(cells):
                    records.append({h: v for h, v in zip(header, cells) if h})
            return header, records
    return (), []


def read_ledger(path: Path) -> Ledger:
    """The previous workbook's rows (an empty Ledger when there is none)."""
    if not path.is_file():
        return Ledger()
    if path.stat().st_size > MAX_BYTES:
        return Ledger(problem=f"上次的 {path.name} 超过 {MAX_BYTES // 2**20} MB，未读取")
    try:
        from python_calamine import CalamineWorkbook

        ledger = Ledger()
        with open(path, "rb") as handle:
            book = CalamineWorkbook.from_filelike(handle)
            for name in book.sheet_names:
                if ledger.headers and name != CLOSED_SHEET:
                    continue  # 问题清单 found: of the rest (its parts by area…), only 已销号
                sheet = book.get_sheet_by_name(name)
                header, records = _records(sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS))
                if not header:
                    continue
                if name == CLOSED_SHEET:
                    ledger.closed = records
                else:  # 问题清单, whatever the office renamed it to
                    ledger.headers = header
                    ledger.rows = {r[ID_COLUMN]: r for r in records if r.get(ID_COLUMN)}
    except Exception as exc:  # calamine's own errors: the file is damaged or no workbook
        return Ledger(problem=f"上次的 {path.name} 无法读取（{type(exc).__name__}）")
    if not ledger.headers:
        ledger.problem = (
            f"上次的 {path.name} 中没有“{ID_COLUMN}”列（可能不是 cwm 生成的），整改记录未能带入"
        )
    return ledger


def carry(ledger: Ledger, headers: Sequence[str], rows: list[list[Any]]) -> list[list[Any]]:
    """``rows`` (问题清单, with the id in the ``ID_COLUMN`` column) with the office's hand
    columns filled from the previous workbook where the new cells are empty."""
    at = {name: headers.index(name) for name in (*HAND, ID_COLUMN)}
    for row in rows:
        for name, value in ledger.notes(row[at[ID_COLUMN]]).items():
            if not row[at[name]]:
                row[at[name]] = value
    return rows


def closed_rows(
    ledger: Ledger, headers: Sequence[str], current: set[str], today: dt.date
) -> list[list[str]]:
    """已销号: the previous problems (错误, 警告) no longer found, with their last notes and
    ``today`` as the day resolved, then the earlier 已销号 rows."""
    columns = [*headers, RESOLVED_COLUMN]
    out = [
        [row.get(name, "") for name in headers] + [today.isoformat()]
        for ident, row in ledger.rows.items()
        if ident not in current and row.get("级别") in CARRIED_LEVELS
    ]
    out += [[row.get(name, "") for name in columns] for row in ledger.closed]
    return out
