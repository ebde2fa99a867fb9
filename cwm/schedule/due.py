"""What falls due in a period: 附件1 materials by their collection cadence, the festivals of
按时间节点 items, and 附件3's liaison duties by their own cadence.

``due(plan, period, today, target)`` is pure: the reference day is passed in. An item is due in
a period when one of its deadlines falls inside it; the deadline of a collection period is given
by the data's rule (``tasks.yaml`` → ``rules.deadline``: the period's last day plus
``offset_days``). Standing duties (sites, grid, publicity, 常态化 liaison) have no deadline and
are not listed here; ``cwm duties`` shows them.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from cwm import labels
from cwm.output import by_unit as group_by_unit
from cwm.periods import Festival, Kind, Period, festivals_in
from cwm.plan import Plan
from cwm.plan.models import DeadlineRule, Item, LiaisonDuty, Row, to_json
from cwm.plan.units import Target
from cwm.schedule.duties import Duty, all_duties, belongs_to, material_json

COLLECTION_KIND: dict[str, Kind] = {
    "monthly": "month",
    "quarterly": "quarter",
    "half_yearly": "half",
    "yearly": "year",
}
CADENCE_KIND: dict[str, Kind] = {
    "monthly": "month",
    "quarterly": "quarter",
    "half_yearly": "half",
    "yearly": "year",
}


@dataclass(eq=False)
class Deadline:
    period: Period
    """The collection (or cadence) period this deadline closes."""
    due: dt.date
    materials: tuple[Any, ...] = ()
    """For 附件1 items: the materials collected then."""


@dataclass(frozen=True, eq=False)
class DueItem:
    """A duty with what it owes in the chosen period."""

    duty: Duty
    deadlines: tuple[Deadline, ...]
    due: dt.date
    """The next deadline on or after the reference day; else the last one (overdue)."""
    period: Period
    overdue: bool
    festivals: tuple[tuple[Festival, bool], ...] = ()
    """(festival, required) for 按时间节点 items."""
    count: int | None = None
    """For liaison duties: how many times (or things) in the whole period."""
    materials: tuple[Any, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        duty = self.duty
        out: dict[str, Any] = {
            "id": duty.id,
            "source": duty.source,
            "departments": list(duty.departments),
            "title": duty.title,
            "due": self.due.isoformat(),
            "period": self.period.label,
            "overdue": self.overdue,
            "cadence": duty.cadence,
            "contacts": to_json(list(duty.contacts)),
            "deadlines": [
                {
                    "period": d.period.label,
                    "due": d.due.isoformat(),
                    "materials": [m.type for m in d.materials],
                }
                for d in self.deadlines
            ],
        }
        if isinstance(duty.record, Item):
            out["materials"] = [material_json(duty.record, m) for m in self.materials]
            out["festivals"] = [
                {"name": f.name, "date": f.date.isoformat(), "required": required}
                for f, required in self.festivals
            ]
        if isinstance(duty.record, LiaisonDuty):
            out["count"] = self.count
            out["targets"] = to_json(duty.record.targets)
        return out


def deadline_of(rule: DeadlineRule, period: Period) -> dt.date:
    """The deadline that closes a collection period under the data's rule (a day past the end
    of a short month is its last day: 31日 in a 30-day month)."""
    import calendar

    end = period.end
    if rule.rule == "period_end" or rule.day is None:
        day = end
    else:
        year, month = end.year, end.month
        if rule.rule == "next_month_day":
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        day = dt.date(year, month, min(rule.day, calendar.monthrange(year, month)[1]))
    return day + dt.timedelta(days=rule.offset_days)


@functools.lru_cache(maxsize=64)
def _closing_in(
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


def _task_deadlines(
    item: Item, rule: DeadlineRule, window: Period, festivals: list[Festival]
) -> list[Deadline]:
    by_period: dict[Period, list[Any]] = {}
    dates: dict[Period, dt.date] = {}
    for material in item.materials:
        kind = COLLECTION_KIND[item.collection_of(material)]
        closing = list(_closing_in(kind, rule, window))
        # a festival inside the window is collected in the period that contains it
        closing += [
            (Period.around(kind, f.date), deadline_of(rule, Period.around(kind, f.date)))
            for f in festivals
        ]
        for period, deadline in closing:
            collected = by_period.setdefault(period, [])
            if not any(m is material for m in collected):
                collected.append(material)
            dates[period] = deadline
    return [
        Deadline(p, dates[p], tuple(by_period[p]))
        for p in sorted(by_period, key=lambda p: (dates[p], p.start))
    ]


def _item_festivals(row: Row, item: Item, window: Period) -> list[tuple[Festival, bool]]:
    if row.planned_time != "按时间节点":
        return []
    names: set[str] = set()
    required: set[str] = set()
    for material in item.materials:
        groups = getattr(material, "groups", None)
        if groups:
            names.update(groups.allowed or groups.required)
            required.update(groups.required)
    return [(f, f.name in required) for f in festivals_in(window) if f.name in names]


def _liaison_deadlines(duty: LiaisonDuty, rule: DeadlineRule, window: Period) -> list[Deadline]:
    if duty.cadence == "ongoing":
        return []
    if duty.before_month:  # "N月前": the last day of the month before, in each year
        out = []
        for year in (window.year - 1, window.year, window.year + 1):
            day = dt.date(year, duty.before_month, 1) - dt.timedelta(days=1)
            if day in window:
                out.append(Deadline(Period(year, "year"), day))
        return out
    return [Deadline(p, d) for p, d in _closing_in(CADENCE_KIND[duty.cadence], rule, window)]


def _pick(deadlines: list[Deadline], today: dt.date) -> Deadline:
    upcoming = [d for d in deadlines if d.due >= today]
    return upcoming[0] if upcoming else deadlines[-1]


def due(plan: Plan, window: Period, today: dt.date, target: Target | None = None) -> list[DueItem]:
    """Everything due in ``window`` (for ``target`` when given), sorted by deadline, then in the
    plan's own order (附件1's rows, then sites, liaison, grid, publicity)."""
    rule = plan.tasks.rules.deadline
    out: list[DueItem] = []
    duties = all_duties(plan)
    for duty in duties:
        if target is not None and not belongs_to(duty, target):
            continue
        record = duty.record
        festivals: list[tuple[Festival, bool]] = []
        count = None
        if isinstance(record, Item):
            festivals = _item_festivals(duty.row, record, window)  # type: ignore[arg-type]
            deadlines = _task_deadlines(record, rule, window, [f for f, _ in festivals])
        elif isinstance(record, LiaisonDuty):
            deadlines = _liaison_deadlines(record, rule, window)
            count = record.count * len(deadlines) if record.count else None
        else:
            continue
        if not deadlines:
            continue
        chosen = _pick(deadlines, today)
        materials: list[Any] = []
        for deadline in deadlines:
            materials += [m for m in deadline.materials if not any(m is seen for seen in materials)]
        out.append(
            DueItem(
                duty=duty,
                deadlines=tuple(deadlines),
                due=chosen.due,
                period=chosen.period,
                overdue=chosen.due < today,
                festivals=tuple(festivals),
                count=count,
                materials=tuple(materials),
            )
        )
    order = {d.id: n for n, d in enumerate(duties)}
    out.sort(key=lambda d: (d.due, order.get(d.duty.id, len(order))))  # the plan's own order
    return out


def by_unit(plan: Plan, items: list[DueItem]) -> list[tuple[str, list[DueItem]]]:
    """Group items under each responsible unit (org.yaml order); an item of two units shows in
    both."""
    return group_by_unit(items, lambda item: item.duty.departments, list(plan.directory.units))


def requirement_text(item: DueItem) -> str:
    """What the item owes in its period, in one line (the 本期应交 / 应做 column)."""
    if item.duty.source == "liaison":
        text = labels.liaison(item.duty.record)
        if not item.count:
            return text
        return f"本期共 {item.count} {item.duty.record.count_word}（{text}）"
    return "；".join(labels.material(m) for m in item.materials)


def festivals_text(item: DueItem) -> str:
    return "、".join(
        f"{f.name} {f.date.month}月{f.date.day}日（{labels.REQUIRED[required]}）"
        for f, required in item.festivals
    )


COLUMNS: list[tuple[str, Any]] = [
    ("截止日期", lambda i: i.due.isoformat()),
    ("逾期", lambda i: "已逾期" if i.overdue else ""),
    ("编号", lambda i: i.duty.id),
    ("事项", lambda i: i.duty.title),
    ("本期应交 / 应做", requirement_text),
    ("节日", festivals_text),
    ("联系人", lambda i: [f"{c.name} {c.phone}" for c in i.duty.contacts]),
]
"""The table of ``cwm due``: one row per DueItem (``DueCheck.columns`` adds the check)."""


def describe(item: DueItem, deadline: Deadline) -> str:
    """An item's deadline in a few lines, for a calendar event: who, what, whom to ask."""
    duty = item.duty
    owed = (
        "；".join(labels.material(m) for m in deadline.materials)
        if deadline.materials
        else requirement_text(item)
    )
    lines = [
        f"{duty.id} {duty.title}",
        f"责任单位：{'、'.join(duty.responsible)}",
        f"应交 / 应做：{owed}",
        f"期间：{deadline.period.chinese}",
    ]
    contacts = "、".join(f"{c.name} {c.phone}" for c in duty.contacts)
    if contacts:
        lines.append(f"联系人：{contacts}")
    return "\n".join(lines)
