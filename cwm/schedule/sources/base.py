"""What every plan source is made of: ``Duty`` (one thing a unit must do or hand in) and
``Source`` (a part of the plan that gives units duties, and everything cwm does with them).

A source declares, as a yamllint rule declares its options: its key (the JSON ``source``), its
Chinese label, how its duties are read from the plan and shown in JSON, what falls due (its
obligations in a window), how its duties are judged (``Judged``), and for the loops the
checker's subject, the evidence area and the subfolders ``cwm init`` makes. Nothing outside
``cwm.schedule.sources`` compares source names: it asks the source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Callable, Iterator, Union

from cwm.plan.models import Contact, GridRow, Item, LiaisonDuty, Publicity, Row, Site, to_json
from cwm.schedule.cadence import Deadline

if TYPE_CHECKING:
    from cwm.evidence import Subject
    from cwm.periods import Festival, Period
    from cwm.plan import Plan

Record = Union[Item, Site, LiaisonDuty, GridRow, Publicity]
"""The model object a duty comes from."""


@dataclass(frozen=True, eq=False)  # compared by identity: each is made once per plan
class Duty:
    """One thing a unit must do or hand in."""

    id: str
    source: str
    """The key of its ``Source``: ``tasks`` | ``sites`` | ``liaison`` | ``grid`` | ``publicity``."""
    departments: tuple[str, ...]
    """Canonical names of the responsible units."""
    title: str
    summary: str
    """One Chinese line: what is asked, with its numbers."""
    cadence: str
    """Chinese: 季度收集, 半年收集, 每月…"""
    record: Record = field(repr=False, compare=False)
    """The model object the duty comes from."""
    contacts: tuple[Contact, ...] = ()
    people: frozenset[str] = frozenset()
    """Everyone the duty names (contacts, leaders), for looking duties up by person."""
    shared_with: tuple[str, ...] = ()
    """Units that share the duty with ``departments`` (which lead): 附件3's 直属事业单位."""
    partners: tuple[str, ...] = ()
    """配合单位 as the plan names them: they help; the departments answer for it."""
    row: Row | None = field(default=None, repr=False, compare=False)

    @property
    def item(self) -> Item:
        assert isinstance(self.record, Item)
        return self.record

    @property
    def item_row(self) -> Row:
        """The 附件1 row of a requirement item's duty."""
        assert self.row is not None
        return self.row

    @property
    def responsible(self) -> list[str]:
        """Who answers for it, as people read it: ``资阳市民政局（牵头）、市精神病医院…``."""
        helping = [f"{p}（配合）" for p in self.partners]
        if not self.shared_with:
            return list(self.departments) + helping
        return [f"{d}（牵头）" for d in self.departments] + list(self.shared_with) + helping

    def base_json(self) -> dict[str, Any]:
        """The keys every duty has (the source adds its own, ``Source.details``)."""
        out: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "departments": list(self.departments),
            "title": self.title,
            "summary": self.summary,
            "cadence": self.cadence,
            "contacts": to_json(list(self.contacts)),
        }
        if self.shared_with:
            out["shared_with"] = list(self.shared_with)
        if self.partners:
            out["partners"] = list(self.partners)
        return out


@dataclass(frozen=True, eq=False, repr=False)
class Owed:
    """What a duty owes in a window: its deadlines there, with the festivals and the count the
    listing shows."""

    deadlines: list[Deadline]
    festivals: tuple[tuple[Festival, bool], ...] = ()
    """(festival, required) for 按时间节点 items."""
    count: int | None = None
    """For counted duties: how many times (or things) in the whole window."""


class Judged(StrEnum):
    """How the checker judges a source's duties."""

    REQUIREMENT = "requirement"
    """File by file, as a requirement item of 附件1 (its own folder named by id)."""
    LOOP = "loop"
    """As a loop: records, sheets and photos counted over spans (a subject of the checker)."""
    NOT = "not"
    """Not from evidence (附件4's grid is a table of who is responsible)."""


def _no_subfolders(duty: Duty) -> list[str]:
    return []


@dataclass(frozen=True, eq=False, repr=False)  # one of each, compared by identity
class Source:
    """A part of the plan that gives units duties."""

    key: str
    """The JSON ``source`` of its duties, and its name in ``cwm duties``'s columns."""
    label: str
    """Where in the plan it is: ``附件2 实地点位``."""
    duties: Callable[[Plan], Iterator[Duty]]
    """Its duties, in the plan's order."""
    details: Callable[[Duty], dict[str, Any]]
    """The JSON keys of ``cwm duties`` this source adds to ``Duty.base_json``."""
    judged: Judged
    owed: Callable[[Plan, Duty, Period], Owed] | None = None
    """What a duty owes in a window (None: standing duties, listed by ``cwm duties`` only)."""
    subject: Callable[[Plan, Duty, Period | None, dt.date], Subject | None] | None = None
    """For ``Judged.LOOP``: what the checker is given for a duty in a window (None when nothing
    of it is judged then)."""
    area: str | None = None
    """For ``Judged.LOOP``: the evidence folder its duties' folders are kept in (also the name
    of its sheet in the report's workbook)."""
    manual: str | None = None
    """For ``Judged.LOOP``: the checker's module whose docstring says how it is judged."""
    subfolders: Callable[[Duty], list[str]] = _no_subfolders
    """The subfolders ``cwm init`` makes in a duty's folder."""


def routine_wording(every: str, count: int, word: str) -> str:
    """A 常态化 duty's routine as people read it: ``常态化：每季度至少1张``."""
    from cwm import labels

    return f"常态化：{labels.CADENCE[every]}至少{count}{word}"
