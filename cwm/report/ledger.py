"""The 整改台账 belongs to the office: every cell a person typed in an earlier report's workbook is
carried into the next one, or the run says which file and cells it could not carry and why.

Read, never changed: every workbook in the report folder's earlier reports — whatever it is
called (``检查结果（已填写）.xlsx``), whatever format it was saved in (.xlsx, .ods, .xls, .et),
whichever folder it is in (a report folder renamed, or one whose JSON was deleted) — oldest
saved first, so what was typed last wins (notes typed into an older workbook after a newer
report was written are found too). In each:

- every sheet with a 问题编号 column (问题清单, 实地点位, 包联社区, 宣传, however renamed or
  reordered): the office's columns — 整改责任人, 整改时限, 整改情况 and any column of its own
  (督办人…) — of each problem, a row below a problem's row without a 问题编号 continuing it (a
  problem written over two rows), 提示 rows too;
- 已销号: its rows, kept;
- a sheet the office added: carried whole (the newest copy);
- a cell typed where no problem can own it (below a table, above its header): named, not
  carried (``Ledger.lost``).

A problem is matched by its 问题编号 and, when its file was renamed or moved, by the file's
content (``文件指纹``, hidden): it keeps its notes and moves to 已销号 only when it is gone. A
workbook open in Excel, WPS or LibreOffice (its lock file beside it) is named: notes saved after
this run are read by the next one, since every workbook is read each time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from cwm.formats.xlsx import column_letter
from cwm.fsutil import locked_file

HAND = ("整改责任人", "整改时限", "整改情况")
"""The columns the office fills in."""
ID_COLUMN = "问题编号"
"""The finding's stable id (``S-3|S-3（2）``): how a row is matched from one run to the next."""
PRINT_COLUMN = "文件指纹"
"""The content fingerprint of the finding's file: how a problem is matched after a rename."""
CLOSED_SHEET = "已销号"
RESOLVED_COLUMN = "销号日期"
WORKBOOK_NAME = "检查结果.xlsx"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls", ".et")
"""What an office saves the workbook as (Excel, LibreOffice, old Excel, WPS)."""
OWN_SHEETS = ("汇总",)
"""Sheets cwm writes that hold no problems (made anew each time)."""
MAX_BYTES = 32 * 2**20
MAX_ROWS = 100_000
MAX_WORKBOOKS = 200
"""Earlier workbooks read (a year of weekly reports is 52)."""
CARRIED_LEVELS = ("错误", "警告")
"""Rows of these 级别 move to 已销号 when their problem is gone (a 提示 is no problem)."""


@dataclass
class Ledger:
    """What the earlier workbooks hold, merged."""

    headers: tuple[str, ...] = ()
    """The 问题清单 columns as the newest workbook wrote them (for rows moved to 已销号)."""
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    """Finding id -> its row, by column name: cwm's columns as last written, the office's
    columns as last typed in any workbook."""
    extra: list[str] = field(default_factory=list)
    """The office's own columns (督办人…), in the order first met."""
    closed: list[dict[str, str]] = field(default_factory=list)
    """The 已销号 rows, by column name (newest first, each problem once)."""
    sheets: list[tuple[str, list[list[str]]]] = field(default_factory=list)
    """Sheets the office added, as last saved."""
    lost: list[str] = field(default_factory=list)
    """Typed cells no problem owns, as ``file sheet!A12“…”`` (said, not carried)."""
    open_now: list[str] = field(default_factory=list)
    """Workbooks open in a spreadsheet program at this run (their lock file is there)."""
    problem: str = ""
    """Why an earlier workbook could not be read ("" when all could, or there was none)."""

    def notes(self, ident: str) -> dict[str, str]:
        """The office's columns of a problem (empty ones left out)."""
        row = self.rows.get(ident, {})
        return {name: row[name] for name in (*HAND, *self.extra) if row.get(name)}

    def by_print(self, ident: str, fingerprint: str, current: set[str]) -> str | None:
        """The id of an earlier problem of the same item and rule whose file had this content
        and which is not found by its own id now (the file was renamed or moved)."""
        if not fingerprint:
            return None
        item, code = ident.split("|", 2)[:2]
        for earlier, row in self.rows.items():
            if (
                earlier not in current
                and row.get(PRINT_COLUMN) == fingerprint
                and earlier.split("|", 2)[:2] == [item, code]
            ):
                return earlier
        return None

    def said(self) -> list[str]:
        """What 变化.txt says about the 整改台账: workbooks open now, cells not carried."""
        lines = [
            f"{name} 正在被 Excel、WPS 或 LibreOffice 打开（有它的锁文件）：本次读到的是它"
            "上次保存的内容；在这之后保存的整改记录，下次运行会读入。"
            for name in self.open_now
        ]
        if self.lost:
            shown = "；".join(self.lost[:20]) + ("……" if len(self.lost) > 20 else "")
            lines.append(
                f"以下 {len(self.lost)} 个手填的单元格不在任何问题的行中（没有问题编号），"
                f"未能带入，请移到对应问题的行或另存：{shown}"
            )
        return lines


def earlier_workbooks(out_dir: Path) -> tuple[list[Path], list[str]]:
    """Every workbook in the report folders under ``out_dir`` (oldest saved first), and the
    workbooks open now (a lock file beside them)."""
    books: list[tuple[float, Path]] = []
    open_now: list[str] = []
    try:
        folders = [p for p in out_dir.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return [], []
    for folder in folders:
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for path in entries:
            name = path.name
            workbook = locked_file(name)
            if workbook is not None:
                open_now.append(f"{folder.name}/{workbook}")
            elif path.suffix.lower() in WORKBOOK_SUFFIXES and not name.startswith("."):
                try:
                    books.append((path.stat().st_mtime, path))
                except OSError:
                    continue
    books.sort(key=lambda b: (b[0], str(b[1])))
    return [p for _, p in books][-MAX_WORKBOOKS:], sorted(open_now)


def _sheets(path: Path) -> list[tuple[str, list[list[str]]]]:
    """Every sheet of a workbook as text cells (bounded)."""
    from python_calamine import CalamineWorkbook

    from cwm.formats.table import cell_text

    with open(path, "rb") as handle:
        book = CalamineWorkbook.from_filelike(handle)
        out = []
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=MAX_ROWS)
            out.append((name, [[cell_text(c).strip() for c in row] for row in rows]))
    return out


def _read_into(ledger: Ledger, path: Path, label: str) -> None:
    """Merge one workbook into ``ledger``. The office's cell of a problem may be in several
    sheets (问题清单 and 实地点位 list the same problem): the value someone changed — one that
    differs from what the ledger held — wins, 问题清单's first; cwm's columns are as last
    written."""
    from cwm.report.workbook import FINDING_HEADERS

    own = set(FINDING_HEADERS) | {RESOLVED_COLUMN, PRINT_COLUMN}
    typed: dict[tuple[str, str], list[str]] = {}
    found_problems = False
    sheets = sorted(_sheets(path), key=lambda s: s[0] != "问题清单")
    for name, rows in sheets:
        at = next((n for n, row in enumerate(rows) if ID_COLUMN in row), None)
        if at is None:
            if name not in OWN_SHEETS and any(any(row) for row in rows):
                ledger.sheets = [s for s in ledger.sheets if s[0] != name] + [(name, rows)]
            continue
        header = rows[at]
        if name == CLOSED_SHEET:
            records = [dict(zip(header, r)) for r in rows[at + 1 :] if any(r)]
            again = {r.get(ID_COLUMN) for r in records}
            ledger.closed = records + [c for c in ledger.closed if c.get(ID_COLUMN) not in again]
            continue
        found_problems = True
        office = [h for h in header if h and h not in own]
        for column in office:
            if column not in ledger.extra:
                ledger.extra.append(column)
        if not ledger.headers or name == "问题清单":
            ledger.headers = tuple(h for h in header if h)
        lost = [(n, row) for n, row in enumerate(rows[:at])]  # above the header: nobody's
        mine: dict[tuple[str, str], str] = {}
        current: str | None = None
        for n, row in enumerate(rows[at + 1 :], at + 1):
            record = {h: v for h, v in zip(header, row) if h}
            ident = record.get(ID_COLUMN, "")
            cells = {h: v for h, v in record.items() if v and (h in HAND or h in office)}
            if ident:
                current = ident
                merged = ledger.rows.setdefault(ident, {})
                for h, v in record.items():
                    if h in own and h not in HAND:
                        merged[h] = v  # cwm's columns: as last written
                for h, v in cells.items():
                    mine[(ident, h)] = v
            elif current is not None and cells:  # a problem written over two rows
                for h, v in cells.items():
                    before = mine.get((current, h), "")
                    mine[(current, h)] = f"{before}\n{v}" if before else v
            elif any(row):
                lost.append((n, row))
        for key, value in mine.items():
            typed.setdefault(key, []).append(value)
        ledger.lost += [
            f"{label} {name}!{column_letter(c + 1)}{n + 1}“{v[:20]}”"
            for n, row in lost
            for c, v in enumerate(row)
            if v
        ]
    for (ident, column), values in typed.items():
        before = ledger.rows[ident].get(column, "")
        changed = [v for v in values if v != before]
        if changed:
            ledger.rows[ident][column] = changed[0]
    if not found_problems and path.name == WORKBOOK_NAME:
        ledger.problem = (
            f"{label} 中没有“{ID_COLUMN}”列（可能不是 cwm 生成的），其中的整改记录未能带入"
        )


def read_ledger(out_dir: Path) -> Ledger:
    """Everything the office typed in the earlier workbooks of ``out_dir`` (an empty Ledger
    when there are none)."""
    books, open_now = earlier_workbooks(out_dir)
    ledger = Ledger(open_now=open_now)
    problems = []
    for path in books:
        label = f"{path.parent.name}/{path.name}"
        if path.stat().st_size > MAX_BYTES:
            problems.append(f"{label} 超过 {MAX_BYTES // 2**20} MB，未读取")
            continue
        try:
            _read_into(ledger, path, label)
        except Exception as exc:  # calamine's own errors: the file is damaged or no workbook
            problems.append(f"{label} 无法读取（{type(exc).__name__}）")
    if problems:
        ledger.problem = "；".join([*problems, *([ledger.problem] if ledger.problem else [])])
    return ledger


def carry(
    ledger: Ledger, headers: Sequence[str], rows: list[list[Any]], current: set[str]
) -> tuple[tuple[str, ...], list[list[Any]]]:
    """``rows`` (with the id in ``ID_COLUMN`` and the fingerprint in ``PRINT_COLUMN``) with the
    office's columns filled from the earlier workbooks where the new cells are empty — also for
    a problem whose file was renamed — and the office's own columns added before 问题编号."""
    extra = [c for c in ledger.extra if c not in headers]
    at_id = headers.index(ID_COLUMN)
    out_headers = (*headers[:at_id], *extra, *headers[at_id:])
    at = {name: headers.index(name) for name in (*HAND, ID_COLUMN, PRINT_COLUMN)}
    out = []
    for row in rows:
        ident = row[at[ID_COLUMN]]
        source = (
            ident
            if ident in ledger.rows
            else ledger.by_print(ident, row[at[PRINT_COLUMN]], current)
        )
        notes = ledger.notes(source) if source else {}
        for name in HAND:
            if not row[at[name]] and name in notes:
                row[at[name]] = notes[name]
        out.append([*row[:at_id], *(notes.get(c, "") for c in extra), *row[at_id:]])
    return out_headers, out


def renamed(
    ledger: Ledger, headers: Sequence[str], rows: list[list[Any]], current: set[str]
) -> set[str]:
    """The earlier problems found again under another name (their file renamed or moved)."""
    at_id, at_print = headers.index(ID_COLUMN), headers.index(PRINT_COLUMN)
    out = set()
    for row in rows:
        earlier = ledger.by_print(row[at_id], row[at_print], current)
        if earlier:
            out.add(earlier)
    return out


def closed_rows(
    ledger: Ledger, headers: Sequence[str], current: set[str], today: dt.date
) -> list[list[str]]:
    """已销号: the earlier problems (错误, 警告) no longer found — by id or by content — with
    their last notes and ``today`` as the day resolved, then the earlier 已销号 rows."""
    columns = [*headers, RESOLVED_COLUMN]
    out = [
        [row.get(name, "") for name in headers] + [today.isoformat()]
        for ident, row in ledger.rows.items()
        if ident not in current and row.get("级别") in CARRIED_LEVELS
    ]
    out += [[row.get(name, "") for name in columns] for row in ledger.closed]
    return out
