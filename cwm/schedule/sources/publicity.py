"""正文（三）宣传问卷工作: standing publicity duties of the 直属单位 (专栏, LED 标语, 入户宣传),
judged by each unit's photos under ``宣传/`` in each span of the bureau's routine."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterator

from cwm import labels
from cwm.periods import Period
from cwm.plan.models import Publicity, to_json
from cwm.schedule import cadence
from cwm.schedule.sources.base import Duty, Judged, Source, routine_wording
from cwm.vocab import Area

if TYPE_CHECKING:
    from cwm.evidence import PublicityDuty
    from cwm.plan import Plan


def duties(plan: Plan) -> Iterator[Duty]:
    for pub in plan.org.publicity:
        yield Duty(
            id=pub.id,
            source=SOURCE.key,
            departments=plan.directory.units_of(pub.departments),
            title=pub.title,
            summary=pub.text,
            cadence=labels.CADENCE[pub.cadence],
            record=pub,
        )


def record_of(duty: Duty) -> Publicity:
    """The model object of one of this source's duties (typed)."""
    assert isinstance(duty.record, Publicity)
    return duty.record


def details(duty: Duty) -> dict[str, Any]:
    return dict(to_json(record_of(duty), exclude=frozenset({"id", "title", "departments"})))


def subject(plan: Plan, duty: Duty, window: Period | None, today: dt.date) -> PublicityDuty:
    from cwm.evidence import PublicityDuty, Span

    routine = record_of(duty).routine
    judged = window or Period(today.year, "year")
    spans = tuple(
        Span(p.chinese, p.start, p.end)
        for p in cadence.spans(cadence.KIND[routine.every], judged, today)
    )
    units = plan.directory.units
    names = tuple(
        (name, *(units[name].aliases if name in units else ())) for name in duty.departments
    )
    wording = routine_wording(routine.every, routine.count, "张")
    return PublicityDuty(
        duty.id, duty.title, duty.departments, names, today, spans, routine.count, wording
    )


SOURCE = Source(
    key="publicity",
    label="正文 宣传问卷",
    duties=duties,
    details=details,
    judged=Judged.LOOP,
    subject=subject,
    area=Area.PUBLICITY,
    manual="cwm.evidence.loops.publicity",
    subfolders=lambda duty: list(duty.departments),
)
