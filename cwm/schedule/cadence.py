"""The one place where a cadence becomes dates: which periods a cadence closes in a window and on
which day (the data's deadline rule), which of its periods a check counts (spans), and the day a
``N月前`` duty is due.

``cwm due``, ``cwm check``/``report`` (through the loop subjects), ``cwm init``'s 要求.txt, the
checklists and the .ics calendar all ask these functions, so they agree by construction.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from cwm.periods import Kind, Period
from cwm.plan.models import DeadlineRule

KIND: dict[str, Kind] = {
    "monthly": "month",
    "quarterly": "quarter",
    "half_yearly": "half",
    "yearly": "year",
}
"""The period of each cadence (收集周期 of 附件1, 附件3's 每月/每半年, a routine's ``every``)."""


@dataclass(eq=False)
class Deadline:
    """One deadline of a duty: the period it closes and its day."""

    period: Period
    """The collection (or cadence) period this deadline closes."""
    due: dt.date
    materials: tuple[Any, ...] = ()
    """For 附件1 items: the materials collected then."""


def deadline_of(rule: DeadlineRule, period: Period) -> dt.date:
    """The deadline that closes a collection period under the data's rule (a day past the end
    of a short month is its last day: 31日 in a 30-day month)."""
    end = period.end
    if rule.rule == "period_end" or rule.day is None:
        day = end
    else:
        import calendar

        year, month = end.year, end.month
        if rule.rule == "month_day" and rule.month is not None:
            month = rule.month  # 每年11月底前: the day in the period's year
        elif rule.rule == "next_month_day":
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        day = dt.date(year, month, min(rule.day, calendar.monthrange(year, month)[1]))
    return day + dt.timedelta(days=rule.offset_days)


def rule_text(rule: DeadlineRule) -> str:
    """The data's deadline rule as people read it (``收集周期的最后一天``, ``收集周期结束后次月5日的
    前 2 天``) — the rule ``deadline_of`` applies."""
    if rule.rule == "period_end" or rule.day is None:
        text = "收集周期的最后一天"
    elif rule.rule == "last_month_day":
        text = f"收集周期最后一个月的{rule.day}日"
    elif rule.rule == "month_day":
        text = f"每年{rule.month}月{rule.day}日"
    else:
        text = f"收集周期结束后次月{rule.day}日"
    if rule.offset_days:
        text += f"的{'前' if rule.offset_days < 0 else '后'} {abs(rule.offset_days)} 天"
    return text


@functools.lru_cache(maxsize=64)
def closing_in(
    kind: Kind, rule: DeadlineRule, window: Period
) -> tuple[tuple[Period, dt.date], ...]:
    """Periods of ``kind`` whose deadline falls inside ``window`` (offsets may cross a year)."""
    out = []
    for year in (window.year - 1, window.year, window.year + 1):
        for candidate in Period(year, "year").subperiods(kind):
            deadline = deadline_of(rule, candidate)
            if deadline in window:
                out.append((candidate, deadline))
    return tuple(out)


def before_month(year: int, month: int) -> dt.date:
    """The day a ``N月前`` duty is due in ``year``: the last day of the month before."""
    return dt.date(year, month, 1) - dt.timedelta(days=1)


def before_month_deadlines(month: int, window: Period) -> list[Deadline]:
    """A ``N月前`` duty's deadlines inside ``window`` (one a year)."""
    out = []
    for year in (window.year - 1, window.year, window.year + 1):
        day = before_month(year, month)
        if day in window:
            out.append(Deadline(Period(year, "year"), day))
    return out


def spans(kind: Kind, window: Period, today: dt.date) -> list[Period]:
    """The periods of ``kind`` a check counts in ``window``: those that overlap it and have
    begun by the reference day."""
    out = []
    for year in range(window.start.year, window.end.year + 1):
        for period in Period(year, "year").subperiods(kind):
            if period.end >= window.start and period.start <= min(window.end, today):
                out.append(period)
    return out


def before_month_span(month: int, window: Period, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """What a ``N月前`` duty counts in the window's year — 1 January to its deadline — when that
    overlaps the window and has begun."""
    deadline = before_month(window.start.year, month)
    start = dt.date(window.start.year, 1, 1)
    if deadline < window.start or start > min(window.end, today):
        return None
    return start, deadline
