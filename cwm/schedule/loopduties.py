"""The loop duties of a period, for the checker: each duty of a source judged as a loop (附件2's
sites, 附件3's liaison duties, the body's publicity) turned into a subject by its source
(``sources.*.subject``), with the spans to count in already worked out (``cadence.spans``) — the
checker knows no periods or units.
"""

from __future__ import annotations

import datetime as dt

from cwm.evidence import Subject
from cwm.periods import Period
from cwm.plan import Plan
from cwm.plan.units import Target
from cwm.schedule.duties import duties_for
from cwm.schedule.sources import Judged, judged_as, source_of


def loop_duties(
    plan: Plan, target: Target | None, window: Period | None, today: dt.date
) -> list[Subject]:
    """The loop subjects of ``target`` (everyone when None) for ``window`` (without one: the
    reference day's year, up to that day), in the plan's order."""
    out: list[Subject] = []
    for duty in duties_for(plan, target):
        make = source_of(duty).subject
        made = make(plan, duty, window, today) if make is not None else None
        if made is not None:
            out.append(made)
    return out


def loop_titles(plan: Plan) -> dict[str, str]:
    """Every loop duty's id and title: their folders are theirs, judged in a run or not."""
    return {d.id: d.title for d in duties_for(plan, None) if judged_as(d, Judged.LOOP)}
