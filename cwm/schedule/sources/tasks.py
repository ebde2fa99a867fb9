"""附件1 网上申报对标责任清单: each requirement item is a duty, collected by its materials'
cadence (季度/半年收集, a festival's period for 按时间节点 items) and judged file by file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from cwm import labels
from cwm.periods import Festival, Period, festivals_in
from cwm.plan.models import Item, Row, to_json
from cwm.schedule.cadence import KIND, Deadline, closing_in, deadline_of
from cwm.schedule.sources.base import Duty, Judged, Owed, Source

if TYPE_CHECKING:
    from cwm.plan import Plan


def duties(plan: Plan) -> Iterator[Duty]:
    for row, item in plan.tasks.items():
        yield Duty(
            id=item.id,
            source=SOURCE.key,
            departments=plan.directory.units_of(row.departments),
            title=item.title,
            summary="；".join(labels.material(m) for m in item.materials),
            cadence=labels.item_collection(item),
            contacts=tuple(row.contacts),
            people=frozenset(c.name for c in row.contacts),
            partners=tuple(row.partners),
            record=item,
            row=row,
        )


def material_json(item: Item, material: Any) -> dict[str, Any]:
    """A material's numbers (without the long source text), with its effective collection."""
    data = to_json(material, exclude=frozenset({"text"}), skip_empty=True)
    data["collection"] = item.collection_of(material)
    return data


def details(duty: Duty) -> dict[str, Any]:
    item, row = duty.item, duty.row
    assert row is not None
    cadences = {item.collection_of(m) for m in item.materials}
    return dict(
        row=row.row,
        project=to_json(row.project),
        indicator=to_json(row.indicator),
        content=to_json(row.content),
        standard=to_json(row.standard),
        requirement=item.requirement,
        materials=[material_json(item, m) for m in item.materials],
        collection=cadences.pop() if len(cadences) == 1 else "mixed",
        plan=row.plan,
        planned_time=row.planned_time,
        deadline=to_json(item.deadline) if item.deadline else None,
    )


def festivals(row: Row, item: Item, window: Period) -> list[tuple[Festival, bool]]:
    """The festivals of a 按时间节点 item inside ``window``, each with whether it is required."""
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


def owed(plan: Plan, duty: Duty, window: Period) -> Owed:
    item, row = duty.item, duty.row
    assert row is not None
    rule = item.deadline or plan.tasks.rules.deadline
    days = festivals(row, item, window)
    by_period: dict[Period, list[Any]] = {}
    dates: dict[Period, Any] = {}
    for material in item.materials:
        kind = KIND[item.collection_of(material)]
        closing = list(closing_in(kind, rule, window))
        # a festival inside the window is collected in the period that contains it
        closing += [
            (Period.around(kind, f.date), deadline_of(rule, Period.around(kind, f.date)))
            for f, _ in days
        ]
        for period, deadline in closing:
            collected = by_period.setdefault(period, [])
            if not any(m is material for m in collected):
                collected.append(material)
            dates[period] = deadline
    deadlines = [
        Deadline(p, dates[p], tuple(by_period[p]))
        for p in sorted(by_period, key=lambda p: (dates[p], p.start))
    ]
    return Owed(deadlines, festivals=tuple(days))


SOURCE = Source(
    key="tasks",
    label="附件1 网上申报",
    duties=duties,
    details=details,
    judged=Judged.REQUIREMENT,
    owed=owed,
)
