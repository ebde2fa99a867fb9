"""The rows of an activity 台账 (.xlsx/.csv, or a table in a Word document) as dated
activities: a sheet's header row names a 日期 column (and 活动内容, 地点, 参加人数 where given);
each row below with a date is one activity, a row dated by its month only counts from the month's
last day; total rows (合计) are not activities. Used by the loops (附件3's liaison and publicity
folders) and by the ``ledgers`` rule (a 台账 material of 附件1).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Sequence

from cwm.dates import parse_date, parse_month
from cwm.evidence.captions import compact as norm

DATE_HEADERS = ("日期", "活动日期", "活动时间", "时间")
CONTENT_HEADERS = ("活动内容", "内容", "活动名称", "活动主题", "主题")
PLACE_HEADERS = ("地点", "活动地点", "小区", "示范小区")
PEOPLE_HEADERS = ("参加人数", "参与人数", "人数")
_TOTAL = re.compile(r"^(?:合计|总计|小计)")


@dataclass(frozen=True)
class Activity:
    day: dt.date
    what: str
    place: str
    rel: str
    row: int | None = None
    """The 台账 row (None for a photo)."""

    @property
    def name(self) -> str:
        """What a distinct count counts: the place, else the content."""
        return norm(self.place or self.what)


def _column(header: Sequence[str], names: tuple[str, ...]) -> int | None:
    cells = [norm(c) for c in header]
    for name in names:
        for n, cell in enumerate(cells):
            if cell == name or cell.startswith(name):
                return n
    return None


def from_table(
    rel: str, sheets: Sequence[tuple[str, list[list[str]]]], year: int | None
) -> tuple[list[Activity], list[str]]:
    """A 台账's activities and the rows that could not be read (messages naming the row).
    A sheet without a 日期 column holds no activities (a 问卷 summary)."""
    activities: list[Activity] = []
    problems: list[str] = []
    for _, rows in sheets:
        at = next((n for n, r in enumerate(rows) if _column(r, DATE_HEADERS) is not None), None)
        if at is None:
            continue
        header = rows[at]
        day_at = _column(header, DATE_HEADERS)
        what_at = _column(header, CONTENT_HEADERS)
        place_at = _column(header, PLACE_HEADERS)

        def cell(row: list[str], index: int | None) -> str:
            return row[index].strip() if index is not None and index < len(row) else ""

        for number, row in enumerate(rows[at + 1 :], at + 2):
            if not any(c.strip() for c in row) or any(_TOTAL.match(norm(c)) for c in row[:2]):
                continue
            raw = cell(row, day_at)
            day = (parse_date(raw, year) or month_end(raw)) if raw else None
            if day is None:
                what = f"日期“{raw}”无法识别" if raw else "没有填写日期"
                problems.append(f"第{number}行 {what}：请写成 2021-05-12，该行未计数。")
                continue
            activities.append(Activity(day, cell(row, what_at), cell(row, place_at), rel, number))
    return activities, problems


def month_end(text: str) -> dt.date | None:
    """A row dated by its month only (2021年5月): an activity of that month, counted from the
    month's last day (never before it could have happened)."""
    import calendar

    month = parse_month(text)
    if month is None:
        return None
    return dt.date(*month, calendar.monthrange(*month)[1])


def once(rows: list[Activity]) -> list[Activity]:
    """Each activity once: the same day, content and place written twice — a row copied, or the
    台账 saved again beside itself (台账.xlsx and 台账（定稿）.xlsx, an .xlsx and its .csv) — is one
    activity, as a reviewer counts it; two activities of one day that differ are two."""
    kept: dict[tuple[dt.date, str, str], Activity] = {}
    for row in sorted(rows, key=lambda a: (a.rel, a.row or 0)):
        kept.setdefault((row.day, norm(row.what), norm(row.place)), row)
    return list(kept.values())
