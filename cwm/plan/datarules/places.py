"""Where the data name units, people, ids and materials: what the rules walk over."""

from __future__ import annotations

from typing import Any, Iterator

from cwm.plan import Plan
from cwm.plan.diagnostics import KeyPath


def unit_references(plan: Plan) -> Iterator[tuple[str, KeyPath, str]]:
    """Every place a unit is named: (file, key path, name as written)."""
    for i, person in enumerate(plan.org.people):
        if person.unit:
            yield "org.yaml", ("people", i, "unit"), person.unit
    yield "org.yaml", ("leading_group", "office"), plan.org.leading_group.office
    for i, pub in enumerate(plan.org.publicity):
        for j, name in enumerate(pub.departments):
            yield "org.yaml", ("publicity", i, "departments", j), name
    for r, row in enumerate(plan.tasks.rows):
        for j, name in enumerate(row.departments):
            yield "tasks.yaml", ("rows", r, "departments", j), name
    for s, site in enumerate(plan.sites.sites):
        yield "sites.yaml", ("sites", s, "unit"), site.unit
    liaison = plan.grid.liaison
    for j, name in enumerate(liaison.departments if liaison else ()):
        yield "grid.yaml", ("liaison", "departments", j), name
    for g, grid_row in enumerate(plan.grid.grid):
        yield "grid.yaml", ("grid", g, "unit"), grid_row.unit


def person_references(plan: Plan) -> Iterator[tuple[str, KeyPath, str, str | None]]:
    """Every place a person is named: (file, key path, name, phone or None)."""
    for i, unit in enumerate(plan.org.units):
        if unit.head:
            yield "org.yaml", ("units", i, "head"), unit.head, None
    group = plan.org.leading_group
    yield "org.yaml", ("leading_group", "leader"), group.leader, None
    for key in ("deputies", "members"):
        for j, name in enumerate(getattr(group, key)):
            yield "org.yaml", ("leading_group", key, j), name, None
    for r, row in enumerate(plan.tasks.rows):
        for c, contact in enumerate(row.contacts):
            yield "tasks.yaml", ("rows", r, "contacts", c, "name"), contact.name, contact.phone
    for s, site in enumerate(plan.sites.sites):
        for c, contact in enumerate(site.contacts):
            yield "sites.yaml", ("sites", s, "contacts", c, "name"), contact.name, contact.phone
    for g, grid_row in enumerate(plan.grid.grid):
        yield (
            "grid.yaml",
            ("grid", g, "unit_leader", "name"),
            grid_row.unit_leader.name,
            grid_row.unit_leader.phone,
        )
        yield (
            "grid.yaml",
            ("grid", g, "contact", "name"),
            grid_row.contact.name,
            grid_row.contact.phone,
        )


def all_ids(plan: Plan) -> Iterator[tuple[str, KeyPath, str]]:
    for i, pub in enumerate(plan.org.publicity):
        yield "org.yaml", ("publicity", i, "id"), pub.id
    for r, row in enumerate(plan.tasks.rows):
        for k, item in enumerate(row.items):
            yield "tasks.yaml", ("rows", r, "items", k, "id"), item.id
    for s, site in enumerate(plan.sites.sites):
        yield "sites.yaml", ("sites", s, "id"), site.id
    for d, duty in enumerate(plan.grid.liaison.duties if plan.grid.liaison else ()):
        yield "grid.yaml", ("liaison", "duties", d, "id"), duty.id
    for g, grid_row in enumerate(plan.grid.grid):
        yield "grid.yaml", ("grid", g, "id"), grid_row.id


def materials(plan: Plan) -> Iterator[tuple[KeyPath, Any, Any, Any]]:
    """(key path, row, item, material) of every material in tasks.yaml."""
    for r, row in enumerate(plan.tasks.rows):
        for k, item in enumerate(row.items):
            for m, material in enumerate(item.materials):
                yield ("rows", r, "items", k, "materials", m), row, item, material
