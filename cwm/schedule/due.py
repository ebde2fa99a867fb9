"""What falls due in a period: 附件1 materials by their collection cadence, the festivals of
按时间节点 items, and 附件3's liaison duties by their own cadence.

``due(plan, period, today, target)`` is pure: the reference day is passed in. An item is due in
a period when one of its deadlines falls inside it. What each duty owes is its source's to say
(``sources``), the dates are ``cadence``'s (the data's rule, ``tasks.yaml`` → ``rules.deadline``,
for a collection period). Standing duties (sites, grid, publicity, 常态化 liaison) have no
deadline and are not listed here; ``cwm duties`` shows them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from cwm import labels
from cwm.output import by_unit as group_by_unit
from cwm.periods import Festival, Period
from cwm.plan import Plan
from cwm.plan.models import Item, LiaisonDuty, to_json
from cwm.plan.units import Target
from cwm.schedule.cadence import Deadline
from cwm.schedule.duties import all_duties, belongs_to
from cwm.schedule.sources import Duty, source_of
from cwm.schedule.sources.tasks import material_json


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


def _pick(deadlines: list[Deadline], today: dt.date) -> Deadline:
    upcoming = [d for d in deadlines if d.due >= today]
    return upcoming[0] if upcoming else deadlines[-1]


def due(plan: Plan, window: Period, today: dt.date, target: Target | None = None) -> list[DueItem]:
    """Everything due in ``window`` (for ``target`` when given), sorted by deadline, then in the
    plan's own order (附件1's rows, then sites, liaison, grid, publicity)."""
    out: list[DueItem] = []
    duties = all_duties(plan)
    for duty in duties:
        if target is not None and not belongs_to(duty, target):
            continue
        owes = source_of(duty).owed
        if owes is None:
            continue
        owed = owes(plan, duty, window)
        deadlines = owed.deadlines
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
                festivals=owed.festivals,
                count=owed.count,
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
    record = item.duty.record
    if isinstance(record, LiaisonDuty):
        text = labels.liaison(record)
        if not item.count:
            return text
        return f"本期共{item.count}{record.count_word}（{text}）"  # no space: it never wraps apart
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
    ("联系人", lambda i: [c.label for c in i.duty.contacts]),
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
    contacts = "、".join(c.label for c in duty.contacts)
    if contacts:
        lines.append(f"联系人：{contacts}")
    return "\n".join(lines)
