"""附件3 社区包联工作方案: liaison duties with their own cadence (每月2次, 每半年, N月前, 每年,
常态化 by the bureau's routine), judged from the 台账 and activity photos under ``包联社区/``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterator

from cwm import labels
from cwm.periods import Period
from cwm.plan.models import LiaisonDuty, to_json
from cwm.schedule import cadence
from cwm.schedule.cadence import Deadline
from cwm.schedule.sources.base import Duty, Judged, Owed, Source, routine_wording
from cwm.vocab import Area

if TYPE_CHECKING:
    from cwm.evidence import ActivityDuty, Span
    from cwm.plan import Plan


def duties(plan: Plan) -> Iterator[Duty]:
    liaison = plan.grid.liaison
    if liaison is None:  # a plan without a 包联 plan
        return
    shared = (
        tuple(u.name for u in plan.org.units if u.kind == "institution")
        if liaison.with_institutions
        else ()
    )
    for duty in liaison.duties:
        yield Duty(
            id=duty.id,
            source=SOURCE.key,
            departments=plan.directory.units_of(liaison.departments),
            title=duty.title,
            summary=duty.text,
            cadence=labels.liaison(duty),
            shared_with=shared,
            record=duty,
        )


def record_of(duty: Duty) -> LiaisonDuty:
    """The model object of one of this source's duties (typed)."""
    assert isinstance(duty.record, LiaisonDuty)
    return duty.record


def details(duty: Duty) -> dict[str, Any]:
    return dict(to_json(record_of(duty), exclude=frozenset({"id", "title"})))


def owed(plan: Plan, duty: Duty, window: Period) -> Owed:
    record = record_of(duty)
    if record.cadence == "ongoing":
        return Owed([])
    if record.before_month:
        deadlines = cadence.before_month_deadlines(record.before_month, window)
    else:
        rule = plan.tasks.rules.deadline
        closing = cadence.closing_in(cadence.KIND[record.cadence], rule, window)
        deadlines = [Deadline(p, d) for p, d in closing]
    count = record.count * len(deadlines) if record.count else None
    return Owed(deadlines, count=count)


def _spans(kind: str, window: Period, today: dt.date) -> tuple[Span, ...]:
    from cwm.evidence import Span

    return tuple(
        Span(p.chinese, p.start, p.end) for p in cadence.spans(cadence.KIND[kind], window, today)
    )


def subject(plan: Plan, duty: Duty, window: Period | None, today: dt.date) -> ActivityDuty | None:
    """The spans a check counts (without a window: the reference day's year, up to that day):
    the cadence's periods that have begun; 1 January to the deadline of a ``N月前`` duty; the
    bureau's routine for a 常态化 one."""
    from cwm.evidence import ActivityDuty

    record = record_of(duty)
    judged = window or Period(today.year, "year")
    common: dict[str, Any] = {
        "id": duty.id,
        "title": duty.title,
        "departments": duty.departments,
        "today": today,
        "judged_until": judged.end,
    }
    if record.cadence == "ongoing":
        assert plan.grid.liaison is not None  # the duty comes from it
        routine = plan.grid.liaison.routine
        spans = _spans(routine.every, judged, today)
        if not spans:
            return None
        wording = routine_wording(routine.every, routine.count, "次")
        return ActivityDuty(
            **common, spans=spans, count=routine.count, standing=True, wording=wording
        )
    targets = tuple((t.name, t.percent) for t in record.targets)
    wording = labels.liaison(record)
    distinct = record.count_word == "个"
    if record.before_month:
        counted = cadence.before_month_span(record.before_month, judged, today)
        if counted is None:
            return None
        start, end = counted
        span = _span(f"{judged.start.year}年{record.before_month}月前", start, end)
        return ActivityDuty(
            **common,
            spans=(span,) if record.count else (),
            count=record.count,
            distinct=distinct,
            targets=targets,
            deadline=end,
            wording=wording,
        )
    spans = _spans(record.cadence, judged, today)
    if not spans:
        return None
    return ActivityDuty(
        **common,
        spans=spans,
        count=record.count,
        distinct=distinct,
        targets=targets,
        deadline=spans[-1].end if targets else None,
        wording=wording,
    )


def _span(label: str, start: dt.date, end: dt.date) -> Span:
    from cwm.evidence import Span

    return Span(label, start, end)


SOURCE = Source(
    key="liaison",
    label="附件3 社区包联",
    duties=duties,
    details=details,
    judged=Judged.LOOP,
    owed=owed,
    subject=subject,
    area=Area.LIAISON,
    manual="cwm.evidence.loops.liaison",
)
