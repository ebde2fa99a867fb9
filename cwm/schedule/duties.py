"""What each unit or person is responsible for, across the four attachments.

``all_duties(plan)`` flattens the plan into ``Duty`` records (one per requirement item, site
item, liaison duty, grid row and publicity duty); ``duties_for`` filters them for a resolved
unit or person; ``summary`` counts them per unit. Pure functions: no printing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from cwm import labels
from cwm.plan import Plan
from cwm.plan.models import Contact, GridRow, Item, LiaisonDuty, Publicity, Row, Site, to_json
from cwm.plan.units import Target

SOURCES = ("tasks", "sites", "liaison", "grid", "publicity")


@dataclass(frozen=True)
class Duty:
    """One thing a unit must do or hand in."""

    id: str
    source: str
    """``tasks`` | ``sites`` | ``liaison`` | ``grid`` | ``publicity``."""
    departments: tuple[str, ...]
    """Canonical names of the responsible units."""
    title: str
    summary: str
    """One Chinese line: what is asked, with its numbers."""
    cadence: str
    """Chinese: 季度收集, 半年收集, 每月…"""
    contacts: tuple[Contact, ...] = ()
    people: frozenset[str] = frozenset()
    """Everyone the duty names (contacts, leaders), for looking duties up by person."""
    shared_with: tuple[str, ...] = ()
    """Units that share the duty with ``departments`` (which lead): 附件3's 直属事业单位."""
    record: Any = field(default=None, repr=False, compare=False)
    """The model object the duty comes from (Item, Site, LiaisonDuty, GridRow, Publicity)."""
    row: Row | None = field(default=None, repr=False, compare=False)

    @property
    def item(self) -> Item:
        assert isinstance(self.record, Item)
        return self.record

    @property
    def responsible(self) -> list[str]:
        """Who answers for it, as people read it: ``资阳市民政局（牵头）、市精神病医院…``."""
        if not self.shared_with:
            return list(self.departments)
        return [f"{d}（牵头）" for d in self.departments] + list(self.shared_with)

    def as_json(self) -> dict[str, Any]:
        """Stable JSON (English keys; documented in README)."""
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
        rec = self.record
        if isinstance(rec, Item) and self.row is not None:
            row = self.row
            cadences = {rec.collection_of(m) for m in rec.materials}
            out.update(
                row=row.row,
                project=to_json(row.project),
                indicator=to_json(row.indicator),
                content=to_json(row.content),
                standard=to_json(row.standard),
                requirement=rec.requirement,
                materials=[material_json(rec, m) for m in rec.materials],
                collection=cadences.pop() if len(cadences) == 1 else "mixed",
                plan=row.plan,
                planned_time=row.planned_time,
            )
        elif isinstance(rec, Site):
            out.update(site=rec.name, indicator=rec.indicator, standards=to_json(rec.standards))
        elif isinstance(rec, LiaisonDuty):
            out.update(to_json(rec, exclude=frozenset({"id", "title"})))
        elif isinstance(rec, GridRow):
            out.update(to_json(rec, exclude=frozenset({"id"})))
        elif isinstance(rec, Publicity):
            out.update(to_json(rec, exclude=frozenset({"id", "title", "departments"})))
        return out


def material_json(item: Item, material: Any) -> dict[str, Any]:
    """A material's numbers (without the long source text), with its effective collection."""
    data = to_json(material, exclude=frozenset({"text"}), skip_empty=True)
    data["collection"] = item.collection_of(material)
    return data


def _task_duties(plan: Plan) -> Iterator[Duty]:
    for row, item in plan.tasks.items():
        yield Duty(
            id=item.id,
            source="tasks",
            departments=plan.directory.units_of(row.departments),
            title=item.title,
            summary="；".join(labels.material(m) for m in item.materials),
            cadence=labels.item_collection(item),
            contacts=tuple(row.contacts),
            people=frozenset(c.name for c in row.contacts),
            record=item,
            row=row,
        )


def _site_duties(plan: Plan) -> Iterator[Duty]:
    for site in plan.sites.sites:
        yield Duty(
            id=site.id,
            source="sites",
            departments=plan.directory.units_of([site.unit]),
            title=f"{site.name}·{site.indicator}",
            summary=f"{len(site.standards)}项标准：" + "；".join(s.text for s in site.standards),
            cadence=labels.CADENCE["ongoing"],
            contacts=tuple(site.contacts),
            people=frozenset(c.name for c in site.contacts),
            record=site,
        )


def _liaison_duties(plan: Plan) -> Iterator[Duty]:
    liaison = plan.grid.liaison
    shared = (
        tuple(u.name for u in plan.org.units if u.kind == "institution")
        if liaison.with_institutions
        else ()
    )
    for duty in liaison.duties:
        yield Duty(
            id=duty.id,
            source="liaison",
            departments=plan.directory.units_of(liaison.departments),
            title=duty.title,
            summary=duty.text,
            cadence=labels.liaison(duty),
            shared_with=shared,
            record=duty,
        )


def _grid_duties(plan: Plan) -> Iterator[Duty]:
    for row in plan.grid.grid:
        leaders = [row.city_leader.name, row.district_leader.name]
        yield Duty(
            id=row.id,
            source="grid",
            departments=plan.directory.units_of([row.unit]),
            title=f"{row.community}网格：{row.unit}",
            summary=f"责任路段 {len(row.roads)} 处：{'、'.join(row.roads)}；"
            f"责任小区 {len(row.compounds)} 处：{'、'.join(row.compounds)}",
            cadence=labels.CADENCE["ongoing"],
            contacts=(row.unit_leader, row.contact),
            people=frozenset([c.name for _, c in row.people()] + leaders),
            record=row,
        )


def _publicity_duties(plan: Plan) -> Iterator[Duty]:
    for pub in plan.org.publicity:
        yield Duty(
            id=pub.id,
            source="publicity",
            departments=plan.directory.units_of(pub.departments),
            title=pub.title,
            summary=pub.text,
            cadence=labels.CADENCE[pub.cadence],
            record=pub,
        )


_BY_SOURCE = {
    "tasks": _task_duties,
    "sites": _site_duties,
    "liaison": _liaison_duties,
    "grid": _grid_duties,
    "publicity": _publicity_duties,
}


def all_duties(plan: Plan) -> list[Duty]:
    """Every duty of the plan, in source order: 附件1, 附件2, 附件3, 附件4, then the body's
    publicity."""
    return [duty for source in SOURCES for duty in _BY_SOURCE[source](plan)]


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
        counts = {
            s: sum(1 for d in duties if d.source == s and unit.name in d.departments)
            for s in SOURCES
        }
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
    return [f"{c.name} {c.phone}" for c in duty.contacts]


COLUMNS: list[tuple[str, Any]] = [
    ("编号", lambda d: d.id),
    ("来源", lambda d: labels.SOURCE[d.source]),
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
    *[(labels.SOURCE[s], (lambda s: lambda r: r[s])(s)) for s in SOURCES],
    ("合计", lambda r: r["total"]),
]
"""The table of ``cwm duties`` without a unit: one row per unit of ``summary``."""
