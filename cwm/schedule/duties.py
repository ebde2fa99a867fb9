"""What each unit or person is responsible for, across the four attachments.

``all_duties(plan)`` flattens the plan into ``Duty`` records (one per requirement item, site
item, liaison duty, grid row and publicity duty); ``duties_for`` filters them for a resolved
unit or person; ``summary`` counts them per unit. Pure functions: no printing.
"""

from __future__ import annotations

from typing import Any

from cwm import labels
from cwm.plan import Plan
from cwm.plan.units import Target
from cwm.schedule.sources import SOURCES, Duty, every_duty, source_of


def duty_json(duty: Duty) -> dict[str, Any]:
    """Stable JSON of a duty (English keys; documented in README): the keys every duty has and
    its source's own."""
    return {**duty.base_json(), **source_of(duty).details(duty)}


def all_duties(plan: Plan) -> list[Duty]:
    """Every duty of the plan, in source order: 附件1, 附件2, 附件3, 附件4, then the body's
    publicity."""
    return list(every_duty(plan))


def belongs_to(duty: Duty, target: Target) -> bool:
    """A duty belongs to a unit it names, or to a person it names or whose unit it names."""
    if target.person and target.person in duty.people:
        return True
    return any(unit in duty.departments or unit in duty.shared_with for unit in target.units)


def duties_for(plan: Plan, target: Target | None) -> list[Duty]:
    """The duties of ``target`` (all duties when None)."""
    duties = all_duties(plan)
    return duties if target is None else [d for d in duties if belongs_to(d, target)]


def summary(plan: Plan) -> list[dict[str, Any]]:
    """Per unit of org.yaml: its kind, head and the number of duties per source."""
    duties = all_duties(plan)
    out = []
    for unit in plan.org.units:
        counts = {key: 0 for key in SOURCES}
        for duty in duties:
            if unit.name in duty.departments:
                counts[duty.source] += 1
        out.append(
            {
                "unit": unit.name,
                "kind": unit.kind,
                "head": unit.head,
                **counts,
                "total": sum(counts.values()),
            }
        )
    return out


def _contacts(duty: Duty) -> list[str]:
    return [c.label for c in duty.contacts]


COLUMNS: list[tuple[str, Any]] = [
    ("编号", lambda d: d.id),
    ("来源", lambda d: source_of(d).label),
    ("事项", lambda d: d.title),
    ("要求", lambda d: d.summary),
    ("周期", lambda d: d.cadence),
    ("责任单位", lambda d: d.responsible),
    ("联系人", _contacts),
]
"""The table of ``cwm duties``: one row per Duty."""

SUMMARY_COLUMNS: list[tuple[str, Any]] = [
    ("单位", lambda r: r["unit"]),
    ("类别", lambda r: labels.UNIT_KIND[r["kind"]]),
    ("负责人", lambda r: r["head"]),
    *[(s.label, (lambda key: lambda r: r[key])(s.key)) for s in SOURCES.values()],
    ("合计", lambda r: r["total"]),
]
"""The table of ``cwm duties`` without a unit: one row per unit of ``summary``."""
