"""What a rule is given and what it yields.

``Requirement``: one requirement item to check, with the materials to check (the caller —
``cwm.progress`` — decides which are due; the checker knows nothing of periods or units).
``Context``: everything a rule may look at for one requirement. ``Found``: what a rule yields;
the engine stamps the severity its code declares (``rulebook``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from .captions import Caption, from_filename
from .readers import ReadError

if TYPE_CHECKING:
    from ..models import Groups, Item, Row
    from ..plan import Plan
    from .scan import EvidenceFile, RequirementFolder


@dataclass(frozen=True)
class Requirement:
    """A requirement item to check and the materials to check it for."""

    row: Row
    item: Item
    materials: tuple[Any, ...]
    """The materials to check (all of the item's, or those due in a period)."""
    required_groups: frozenset[str] | None = None
    """Groups required in this check (a festival only in its period); None: as the data say."""

    def required(self, groups: Groups) -> list[str]:
        """The groups of ``groups`` that must be present in this check."""
        if self.required_groups is None:
            return list(groups.required)
        return [name for name in groups.required if name in self.required_groups]


@dataclass(frozen=True)
class Found:
    """A rule's finding: its code, a Chinese message, and the file or folder it is about."""

    code: str
    message: str
    path: str | None = None


@dataclass(frozen=True)
class Similar:
    """A photo in another checked requirement that looks like this one."""

    rel: str
    requirement: str
    distance: int


@dataclass
class Context:
    """Everything a rule may look at for one requirement item."""

    plan: Plan
    requirement: Requirement
    folder: RequirementFolder | None
    reads: Mapping[str, Any]
    """File rel -> reader result or ReadError (every evidence file is read once)."""
    captions: dict[str, Caption] = field(default_factory=dict)
    """File name -> caption from captions.csv/xlsx."""
    caption_problems: list[Found] = field(default_factory=list)
    """captions.csv/xlsx files that could not be used."""
    elsewhere: Mapping[str, list[Similar]] = field(default_factory=dict)
    """Photo rel -> similar photos in other checked requirements."""
    duplicate_folders: list[str] = field(default_factory=list)
    """Every folder found for this id, when there are several."""

    @property
    def item(self) -> Item:
        return self.requirement.item

    @property
    def materials(self) -> tuple[Any, ...]:
        return self.requirement.materials

    @property
    def year(self) -> int:
        return self.plan.year

    def files(self, kind: str) -> list[EvidenceFile]:
        return [f for f in (self.folder.files if self.folder else []) if f.kind == kind]

    def read(self, kind: str) -> list[tuple[EvidenceFile, Any]]:
        """Files of ``kind`` that were read, with what was read."""
        return [
            (f, self.reads[f.rel])
            for f in self.files(kind)
            if not isinstance(self.reads.get(f.rel), ReadError)
        ]

    def caption(self, file: EvidenceFile, names: list[str]) -> Caption:
        return self.captions.get(file.path.name) or from_filename(file.path, names)

    @functools.cached_property
    def scenes(self) -> list[list[EvidenceFile]]:
        """This requirement's photos grouped by scene: near-duplicates count once (computed once,
        used by the photo count and the duplicate rule)."""
        from .similarity import scenes

        photos = self.read("image")
        hashed = [(file, facts.dhash) for file, facts in photos if facts.dhash is not None]
        unhashed = [[file] for file, facts in photos if facts.dhash is None]
        return scenes(hashed) + unhashed
