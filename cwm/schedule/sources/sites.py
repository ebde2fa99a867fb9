"""附件2 实地点位建设任务清单: each site is a standing duty, kept up to its numbered standards
and judged from the self-inspection sheets and problem photos under ``实地点位/``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterator

from cwm import labels
from cwm.plan.models import Site, to_json
from cwm.schedule.sources.base import Duty, Judged, Source
from cwm.vocab import Area

if TYPE_CHECKING:
    from cwm.evidence import SiteDuty
    from cwm.periods import Period
    from cwm.plan import Plan


def duties(plan: Plan) -> Iterator[Duty]:
    for site in plan.sites.sites:
        yield Duty(
            id=site.id,
            source=SOURCE.key,
            departments=plan.directory.units_of([site.unit]),
            title=f"{site.name}·{site.indicator}",
            summary=f"{len(site.standards)}项标准：" + "；".join(s.text for s in site.standards),
            cadence=labels.CADENCE["ongoing"],
            contacts=tuple(site.contacts),
            people=frozenset(c.name for c in site.contacts),
            record=site,
        )


def record_of(duty: Duty) -> Site:
    """The model object of one of this source's duties (typed)."""
    assert isinstance(duty.record, Site)
    return duty.record


def details(duty: Duty) -> dict[str, Any]:
    site = record_of(duty)
    return dict(site=site.name, indicator=site.indicator, standards=to_json(site.standards))


def subject(plan: Plan, duty: Duty, window: Period | None, today: dt.date) -> SiteDuty:
    """A site is judged in any window (an inspection is expected in it); without one, as of
    the reference day."""
    from cwm.evidence import SiteDuty, Span

    standards = tuple((s.number, s.text) for s in record_of(duty).standards)
    period = Span(window.chinese, window.start, window.end) if window else None
    return SiteDuty(duty.id, duty.title, duty.departments, standards, today, period)


SOURCE = Source(
    key="sites",
    label="附件2 实地点位",
    duties=duties,
    details=details,
    judged=Judged.LOOP,
    subject=subject,
    area=Area.SITES,
    manual="cwm.evidence.loops.sites",
    subfolders=lambda duty: ["整改前", "整改后"],
)
