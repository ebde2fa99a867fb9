"""附件4 包联社区网格责任表: each row (a unit's share of the community) is a standing duty
— listed by ``cwm duties`` and printed by ``cwm checklist --kind grid``, never judged from
evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from cwm import labels
from cwm.plan.models import GridRow, to_json
from cwm.schedule.sources.base import Duty, Judged, Source

if TYPE_CHECKING:
    from cwm.plan import Plan


def duties(plan: Plan) -> Iterator[Duty]:
    for row in plan.grid.grid:
        leaders = [row.city_leader.name, row.district_leader.name]
        yield Duty(
            id=row.id,
            source=SOURCE.key,
            departments=plan.directory.units_of([row.unit]),
            title=f"{row.community}网格：{row.unit}",
            summary=f"责任路段 {len(row.roads)} 处：{'、'.join(row.roads)}；"
            f"责任小区 {len(row.compounds)} 处：{'、'.join(row.compounds)}",
            cadence=labels.CADENCE["ongoing"],
            contacts=(row.unit_leader, row.contact),
            people=frozenset([c.name for _, c in row.people()] + leaders),
            record=row,
        )


def record_of(duty: Duty) -> GridRow:
    """The model object of one of this source's duties (typed)."""
    assert isinstance(duty.record, GridRow)
    return duty.record


def details(duty: Duty) -> dict[str, Any]:
    return dict(to_json(record_of(duty), exclude=frozenset({"id"})))


SOURCE = Source(
    key="grid", label="附件4 网格责任", duties=duties, details=details, judged=Judged.NOT
)
