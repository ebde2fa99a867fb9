"""The plan: the four data files of a data directory as one validated ``Plan`` object.

A Plan is data: it is built by ``loader`` (which reads, validates and caches the files) and
knows nothing of where its values were written; problems are located where the files are read.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from cwm.plan.models import Grid, Org, Sites, Tasks
from cwm.plan.units import Directory


@dataclass(frozen=True)
class Plan:
    """The validated plan."""

    data_dir: Path
    org: Org
    tasks: Tasks
    sites: Sites
    grid: Grid

    @functools.cached_property
    def directory(self) -> Directory:
        """Units and people of org.yaml, with the people of 附件4 and the requirement ids."""
        grid_people: dict[str, str] = {}
        for row in self.grid.grid:
            for role, contact in row.people():
                grid_people.setdefault(contact.name, f"{row.unit}{role}")
            for role, leader in (("市级领导", row.city_leader), ("区级领导", row.district_leader)):
                grid_people.setdefault(leader.name, f"{row.community}网格{role}")
        return Directory(self.org, grid_people, self.tasks.titles())

    @property
    def year(self) -> int:
        return self.tasks.plan_year
