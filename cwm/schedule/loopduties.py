"""The loop duties of a period, for the checker: 附件2's sites, 附件3's liaison duties and the
body's publicity, each turned into a subject (``evidence.loops.subjects``) with the spans to
count in already worked out — the checker knows no periods or units.

Spans: the cadence's periods (months of 每月2次, halves of 每半年, the year) that overlap the
judged period (without one, the reference day's year) and have begun by the reference day; a
``N月前`` duty counts from 1 January to its deadline; a 常态化 duty by the data's ``routine``.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from cwm import labels
from cwm.evidence.loops import ActivityDuty, PublicityDuty, SiteDuty, Span
from cwm.evidence.loops import Duty as Subject
from cwm.periods import Kind, Period
from cwm.plan import Plan
from cwm.plan.models import LiaisonDuty, Publicity, Routine, Site
from cwm.plan.units import Target
from cwm.schedule.due import CADENCE_KIND
from cwm.schedule.duties import Duty, duties_for

LOOP_SOURCES = ("sites", "liaison", "publicity")


def _spans(kind: Kind, window: Period, today: dt.date) -> tuple[Span, ...]:
    out = []
    for year in range(window.start.year, window.end.year + 1):
        for period in Period(year, "year").subperiods(kind):
            if period.end >= window.start and period.start <= min(window.end, today):
                out.append(Span(period.chinese, period.start, period.end))
    return tuple(out)


def _before(month: int, window: Period, today: dt.date) -> Span | None:
    """The span of a ``N月前`` duty in the window's year — 1 January to the day before the 1st
    of ``month`` — when it overlaps the window and has begun."""
    deadline = dt.date(window.start.year, month, 1) - dt.timedelta(days=1)
    start = dt.date(window.start.year, 1, 1)
    if deadline < window.start or start > min(window.end, today):
        return None
    return Span(f"{window.start.year}年{month}月前", start, deadline)


def _routine_wording(routine: Routine, word: str) -> str:
    return f"常态化：{labels.CADENCE[routine.every]}至少{routine.count}{word}"


def _liaison(plan: Plan, duty: Duty, window: Period, today: dt.date) -> ActivityDuty | None:
    record: LiaisonDuty = duty.record
    common = {
        "id": duty.id,
        "title": duty.title,
        "departments": duty.departments,
        "today": today,
        "judged_until": window.end,
    }
    if record.cadence == "ongoing":
        routine = plan.grid.liaison.routine
        spans = _spans(CADENCE_KIND[routine.every], window, today)
        wording = _routine_wording(routine, "次")
        if not spans:
            return None
        return ActivityDuty(
            **common,  # type: ignore[arg-type]
            spans=spans,
            count=routine.count,
            standing=True,
            wording=wording,
        )
    targets = tuple((t.name, t.percent) for t in record.targets)
    wording = labels.liaison(record)
    if record.before_month:
        span = _before(record.before_month, window, today)
        if span is None:
            return None
        return ActivityDuty(
            **common,  # type: ignore[arg-type]
            spans=(span,) if record.count else (),
            count=record.count,
            distinct=record.count_word == "个",
            targets=targets,
            deadline=span.end,
            wording=wording,
        )
    spans = _spans(CADENCE_KIND[record.cadence], window, today)
    if not spans:
        return None
    return ActivityDuty(
        **common,  # type: ignore[arg-type]
        spans=spans,
        count=record.count,
        distinct=record.count_word == "个",
        targets=targets,
        deadline=spans[-1].end if targets else None,
        wording=wording,
    )


def _publicity(plan: Plan, duty: Duty, window: Period, today: dt.date) -> PublicityDuty | None:
    record: Publicity = duty.record
    spans = _spans(CADENCE_KIND[record.routine.every], window, today)
    units = plan.directory.units
    names = tuple(
        (name, *(units[name].aliases if name in units else ())) for name in duty.departments
    )
    wording = _routine_wording(record.routine, "张")
    return PublicityDuty(
        duty.id, duty.title, duty.departments, names, today, spans, record.routine.count, wording
    )


def _site(duty: Duty, window: Period | None, today: dt.date) -> SiteDuty:
    record: Site = duty.record
    standards = tuple((s.number, s.text) for s in record.standards)
    period = Span(window.chinese, window.start, window.end) if window else None
    return SiteDuty(duty.id, duty.title, duty.departments, standards, today, period)


def loop_duties(
    plan: Plan, target: Target | None, window: Period | None, today: dt.date
) -> list[Subject]:
    """The loop subjects of ``target`` (everyone when None) for ``window`` (without one: the
    reference day's year, up to that day), in the plan's order."""
    judged = window or Period(today.year, "year")
    out: list[Subject] = []
    for duty in duties_for(plan, target):
        made: Subject | None = None
        if duty.source == "sites":
            made = _site(duty, window, today)
        elif duty.source == "liaison":
            made = _liaison(plan, duty, judged, today)
        elif duty.source == "publicity":
            made = _publicity(plan, duty, judged, today)
        if made is not None:
            out.append(made)
    return out


def loop_titles(plan: Plan) -> dict[str, str]:
    """Every loop duty's id and title: their folders are theirs, judged in a run or not."""
    return {d.id: d.title for d in _all(plan)}


def _all(plan: Plan) -> Iterator[Duty]:
    return (d for d in duties_for(plan, None) if d.source in LOOP_SOURCES)
