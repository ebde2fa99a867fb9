"""Self-inspection sheets (自查表) of 附件2's sites: the layout ``cwm checklist --kind sites -f
xlsx`` writes, and reading a filled one back — as cwm wrote it, or re-saved by WPS, Excel or
LibreOffice with columns moved, added or widened, rows sorted.

A sheet has, above its header row, a cell ``检查日期`` with the day (in the cell after it, or
after a colon in the same cell) and ``检查人``; without a day there, a date in the file name
(``自查表_2021-05-10.xlsx``) is taken. Below the header, a row per site standard; columns are
found by their header's words, in any order.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Sequence

from cwm.dates import chinese_count, find_date, parse_date, parse_deadline
from cwm.evidence.captions import compact as norm
from cwm.vocab import Area

FOLDER = Area.SITES
"""The folder of the evidence tree holding the filled sheets (and S-n folders with photos)."""
COLUMNS = (
    "点位编号",
    "点位",
    "标准编号",
    "考察内容及标准",
    "责任单位",
    "检查结果",
    "问题描述",
    "照片",
    "整改责任人",
    "整改时限",
    "整改情况",
    "复查结果",
    "复查日期",
)
"""The sheet's columns as cwm writes them."""
FILLED = COLUMNS[COLUMNS.index("检查结果") :]
"""The columns the inspector fills in (the rest cwm fills)."""
PASS, FAIL = "合格", "不合格"
RESULTS = (PASS, FAIL)
"""What cwm's fillable sheet offers in its drop-down."""
RESULT_WORDS = {
    **{word: PASS for word in (PASS, "√", "✓", "✔", "达标", "符合", "符合要求")},
    **{word: FAIL for word in (FAIL, "×", "✗", "✘", "x", "X", "不达标", "不符合", "不符合要求")},
}
"""What an office's own sheet writes for the same two results, as a reviewer reads them: a tick
is 合格, a cross 不合格. Anything else (基本合格, 待整改, a blank with a remark) is not guessed: the
row is named and the fix said."""
DATE_LABEL, INSPECTOR_LABEL = "检查日期", "检查人"
"""The labels cwm's fillable sheet writes above its header."""
_DATE_LABELS = re.compile(r"(?:检查|自查|巡查)(?:日期|时间)[:：]?")
_INSPECTOR_LABELS = re.compile(r"(?:检查|自查|巡查)人员?(?:签字|签名)?[:：]?")
"""The labels as an office's own sheet writes them: 检查时间, 自查日期, 检查人员, 检查人签字."""
_SITE_ID = re.compile(r"^S-?(\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One filled row: a standard of a site as one inspection found it."""

    site: str
    number: int | None
    row: int
    """The row number as the spreadsheet shows it."""
    result: str
    """合格 or 不合格."""
    problem: str = ""
    deadline: dt.date | None = None
    recheck: str = ""
    """合格, 不合格 or empty: the 复查结果."""
    recheck_day: dt.date | None = None
    fixed: str = ""
    """整改情况 as written."""
    person: str = ""
    """整改责任人 as written."""


@dataclass
class Inspection:
    """One filled sheet: its day, inspector, rows, and what could not be read (site id or
    None, message)."""

    rel: str
    day: dt.date | None = None
    inspector: str = ""
    entries: list[Entry] = field(default_factory=list)
    problems: list[tuple[str | None, str]] = field(default_factory=list)


def _labelled(rows: Sequence[Sequence[str]], label: re.Pattern[str]) -> str:
    """The value beside a label cell (``检查日期`` | ``2021-05-10``), or after it in the same
    cell (``检查时间：2021-05-10``)."""
    for row in rows:
        for n, cell in enumerate(row):
            text = norm(cell)
            found = label.match(text)
            if not found:
                continue
            if text[found.end() :]:
                return text[found.end() :]
            after = (c.strip() for c in row[n + 1 :] if c.strip())
            value = next(after, "")
            labels = (_DATE_LABELS, _INSPECTOR_LABELS)
            return "" if any(other.match(norm(value)) for other in labels) else value
    return ""


def _header_at(rows: Sequence[Sequence[str]]) -> int | None:
    for n, row in enumerate(rows):
        cells = {norm(c) for c in row}
        if any(c.startswith("检查结果") for c in cells) and any("编号" in c for c in cells):
            return n
    return None


def _columns(header: Sequence[str]) -> dict[str, int]:
    """Column name -> index, by the header's words (``检查结果（合格/不合格）`` is 检查结果;
    ``点位`` only where no longer name starts the cell)."""
    out: dict[str, int] = {}
    cells = [norm(c) for c in header]
    for name in sorted(COLUMNS, key=len, reverse=True):
        for n, cell in enumerate(cells):
            if cell.startswith(name) and n not in out.values():
                out.setdefault(name, n)
                break
    return out


_STANDARD_NUMBER = re.compile(
    r"第?[(]?(\d{1,2}|[一二三四五六七八九十]{1,3})[)]?[.、．,，]?(?:条|项|款)?"
)


def _number(text: str) -> int | None:
    """A standard's number as offices write it: （2）, (2), 2, 2., 2、, 第2条, 第2项, 二, （二）,
    第二条; None for anything else."""
    found = _STANDARD_NUMBER.fullmatch(re.sub(r"\s", "", unicodedata.normalize("NFKC", text)))
    if found is None:
        return None
    digits = found.group(1)
    return int(digits) if digits.isdigit() else chinese_count(digits)


def read_inspection(
    rel: str, sheets: Sequence[tuple[str, list[list[str]]]], year: int | None
) -> list[Inspection] | None:
    """The inspections a filled sheet records: one, dated above the header (or by the file
    name); where an office's own sheet has a 检查日期 column (a year's 自查台账), one more per
    date its rows give, rows without one being of the sheet's date. None when no sheet of the
    workbook has the header: not a 自查表."""
    found = [(rows, at) for _, rows in sheets if (at := _header_at(rows)) is not None]
    if not found:
        return None
    first_rows, first_at = found[0]
    top = first_rows[:first_at]
    inspection = Inspection(rel, inspector=_labelled(top, _INSPECTOR_LABELS))
    written = _labelled(top, _DATE_LABELS)
    inspection.day = parse_date(written, year) if written else None
    if inspection.day is None:
        inspection.day = find_date(rel.rsplit("/", 1)[-1], year)
    by_day: dict[dt.date, Inspection] = {}
    per_row = False  # a 检查日期 column: each row says its own day, or is named
    for rows, at in found:
        columns = _columns(rows[at])
        day_at = next((n for n, c in enumerate(rows[at]) if _DATE_LABELS.fullmatch(norm(c))), None)
        per_row = per_row or day_at is not None
        for n, row in enumerate(_merged_down(rows[at + 1 :], columns), at + 2):
            entry = _entry(row, n, columns, year, inspection.problems)
            if entry is None:
                continue
            day = _row_day(row, day_at, n, entry.site, year, inspection)
            if day is None:
                inspection.entries.append(entry)
            else:
                if day not in by_day:
                    by_day[day] = Inspection(rel, day, inspection.inspector)
                by_day[day].entries.append(entry)
    if inspection.day is None and not per_row:
        what = f"检查日期“{written}”无法识别" if written else "没有填写检查日期"
        inspection.problems.append(
            (
                None,
                f"{what}：请在表头“{DATE_LABEL}”后填写日期（如 2021-05-10），"
                "或在文件名中写明日期。",
            )
        )
    return [inspection, *by_day.values()]


def _merged_down(rows: Sequence[Sequence[str]], columns: dict[str, int]) -> list[list[str]]:
    """The rows as the sheet shows them: a 点位编号 merged over a site's rows (WPS “合并居中”)
    is in the top cell only; the rows below it, with their own standard, are that site's too
    (they were dropped, and a 不合格 among them never reached its site). An empty row ends a
    merge."""
    at = columns.get("点位编号")
    out: list[list[str]] = []
    above = ""
    for row in rows:
        cells = list(row)
        if not any(c.strip() for c in cells):
            above = ""
        elif at is not None:
            own = cells[at].strip() if at < len(cells) else ""
            if own:
                above = own
            elif above:
                cells += [""] * (at + 1 - len(cells))
                cells[at] = above
        out.append(cells)
    return out


def _row_day(
    row: Sequence[str],
    at: int | None,
    number: int,
    site: str,
    year: int | None,
    sheet: Inspection,
) -> dt.date | None:
    """The day a row's own 检查日期 cell gives; None (the row is of the ``sheet``'s day) without
    the column or with an empty cell. A cell not read is named, and so is an empty one where
    the sheet has no day either."""
    if at is None:
        return None
    raw = row[at].strip() if at < len(row) else ""
    day = parse_date(raw, year) if raw else None
    if day is None and (raw or sheet.day is None):
        what = f"检查日期“{raw}”无法识别" if raw else "没有填写检查日期"
        sheet.problems.append((site, f"第{number}行 {what}：请写成 2021-05-10。"))
    return day


def _result(text: str) -> str:
    """合格 or 不合格 for any way of writing them (``RESULT_WORDS``); else the text, compacted."""
    word = norm(text)
    return RESULT_WORDS.get(word, word)


def _entry(
    row: Sequence[str],
    number: int,
    columns: dict[str, int],
    year: int | None,
    problems: list[tuple[str | None, str]],
) -> Entry | None:
    def cell(name: str) -> str:
        at = columns.get(name)
        return row[at].strip() if at is not None and at < len(row) else ""

    site_match = _SITE_ID.match(norm(cell("点位编号")))
    result = _result(cell("检查结果"))
    if site_match is None:
        if result:
            problems.append(
                (None, f"第{number}行 点位编号“{cell('点位编号')}”不是 S-1 这样的编号。")
            )
        return None
    site = f"S-{site_match.group(1)}"
    if not result:
        return None  # not inspected this time
    if result not in RESULTS:
        problems.append(
            (
                site,
                f"第{number}行 检查结果“{cell('检查结果')}”不是 合格/不合格：请从下拉列表中选择。",
            )
        )
        return None
    recheck = _result(cell("复查结果"))
    if recheck and recheck not in RESULTS:
        problems.append(
            (
                site,
                f"第{number}行 复查结果“{cell('复查结果')}”不是 合格/不合格：请从下拉列表中选择。",
            )
        )
        recheck = ""
    days = {}
    for name, read in (("整改时限", parse_deadline), ("复查日期", parse_date)):
        raw = cell(name)
        days[name] = read(raw, year) if raw else None
        if raw and days[name] is None:
            problems.append((site, f"第{number}行 {name}“{raw}”不是日期：请写成 2021-05-31。"))
    return Entry(
        site,
        _number(cell("标准编号")),
        number,
        result,
        problem=cell("问题描述"),
        deadline=days["整改时限"],
        recheck=recheck,
        recheck_day=days["复查日期"],
        fixed=cell("整改情况"),
        person=cell("整改责任人"),
    )
