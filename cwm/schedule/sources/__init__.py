"""The registry of plan sources, as yamllint registers its rules: each part of the plan that
gives units duties is one module declaring a ``SOURCE`` (see ``base.Source``), listed here once,
in the plan's order. Adding a source (a 附件5) is one module, one line below and its tests.

tasks      附件1 网上申报对标责任清单 (requirement items, judged file by file)
sites      附件2 实地点位建设任务清单 (sites, judged from self-inspection sheets)
liaison    附件3 社区包联工作方案 (liaison duties, judged from 台账 and photos)
grid       附件4 包联社区网格责任表 (who is responsible; not judged)
publicity  正文 宣传问卷工作 (publicity duties, judged from each unit's photos)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

from cwm.schedule.sources import grid, liaison, publicity, sites, tasks
from cwm.schedule.sources.base import Duty, Judged, Owed, Record, Source

if TYPE_CHECKING:
    from cwm.plan import Plan

SOURCES: dict[str, Source] = {
    s.key: s for s in (tasks.SOURCE, sites.SOURCE, liaison.SOURCE, grid.SOURCE, publicity.SOURCE)
}
"""Every source, in the plan's order: 附件1, 附件2, 附件3, 附件4, then the body's publicity."""

LOOPS: tuple[Source, ...] = tuple(s for s in SOURCES.values() if s.judged is Judged.LOOP)
"""The sources judged as loops, each with its evidence area."""


def source_of(duty: Duty) -> Source:
    """The source a duty comes from."""
    return SOURCES[duty.source]


def every_duty(plan: Plan) -> Iterator[Duty]:
    """Every duty of the plan, in the sources' order."""
    for source in SOURCES.values():
        yield from source.duties(plan)


def of_source(duties: Iterable[Duty], source: Source) -> list[Duty]:
    """The duties that come from ``source``."""
    return [d for d in duties if d.source == source.key]


def judged_as(duty: Duty, how: Judged) -> bool:
    """Whether the checker judges ``duty`` that way."""
    return SOURCES[duty.source].judged is how


__all__ = [
    "LOOPS",
    "SOURCES",
    "Duty",
    "Judged",
    "Owed",
    "Record",
    "Source",
    "every_duty",
    "judged_as",
    "of_source",
    "source_of",
]
