"""What a rule is given and what it yields.

``Requirement``: one requirement item to check, with the materials to check and the units it
names (the caller — ``cwm.schedule.duecheck`` — decides which are due and resolves the units;
the checker knows nothing of periods or units).
``Context``: everything a rule may look at for one requirement. ``Found``: what a rule yields;
the engine stamps the severity its code declares (``rulebook``).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from cwm.evidence.captions import Caption, CaptionReader
from cwm.formats import ReadError

if TYPE_CHECKING:
    from cwm.evidence.scan import EvidenceFile, RequirementFolder
    from cwm.plan.models import Groups, Item, Row, Tasks


@dataclass(frozen=True)
class Requirement:
    """A requirement item to check and the materials to check it for."""

    row: Row
    item: Item
    materials: tuple[Any, ...]
    """The materials to check (all of the item's, or those due in a period)."""
    required_groups: frozenset[str] | None = None
    """Groups required in this check (a festival only in its period); None: as the data say."""
    optional: bool = False
    """Nothing is mandatory in this check (festivals submitted by choice, 择优报送): missing
    material is no fault; what is handed in is still judged."""
    reference_day: dt.date | None = None
    """The day the check is made for: the end of a “N年以来” date window (else the plan year)."""
    collected: tuple[tuple[int, dt.date, dt.date], ...] = ()
    """With a period checked: (material's index in ``materials``, first day, last day) of the
    collection period each photo material is due for (季度收集 in Q2: April to June) — its
    photos must be of that period, not an earlier one's; and of each 台账 (its activities are
    counted there)."""
    departments: tuple[str, ...] = ()
    """Canonical names of the responsible units, as the results name them (the caller resolves
    the row's names: the checker knows no units)."""
    festival_days: tuple[tuple[str, dt.date], ...] = ()
    """The festivals' days in the plan year (春节…重阳节), for photos filed under one."""
    responsible_units: tuple[tuple[str, ...], ...] = ()
    """The units “各责任单位” stands for in a contribution (the institutions and partners),
    each as its names: canonical first, then aliases."""

    def date_window(self, material: Any, plan_year: int) -> tuple[dt.date, dt.date]:
        """The dates a material's photos and captions may carry: the plan year, or from
        1 January of ``since`` (“N年以来”) up to the reference day."""
        since = getattr(material, "since", None)
        if since is None:
            return dt.date(plan_year, 1, 1), dt.date(plan_year, 12, 31)
        end = self.reference_day or dt.date(plan_year, 12, 31)
        return dt.date(since, 1, 1), max(end, dt.date(since, 12, 31))

    def collection_span(self, material: Any) -> tuple[dt.date, dt.date] | None:
        """The collection period a material's photos must fall in, when a period is checked."""
        for index, start, end in self.collected:
            if index < len(self.materials) and self.materials[index] is material:
                return start, end
        return None

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
    related: tuple[str, ...] = ()
    """Other files the finding is about (the other copies of a photo), relative to the root."""
    topic: str | None = None
    """What the finding is about when that outlives any one file: a site's standard
    (``S-3（2）``), a liaison month (``2021年5月``). It makes the finding's id."""


@dataclass(frozen=True)
class PhotoRef:
    rel: str
    requirement: str


@dataclass(frozen=True)
class Elsewhere:
    """What a photo looks like in the other checked requirements: the same photo (re-saved,
    resized), the same scene, and supporting material (参考…). A few are named; ``*_count``
    says how many there are in all, so the finding stays one line however large the group."""

    same: tuple[PhotoRef, ...] = ()
    same_count: int = 0
    scene: tuple[PhotoRef, ...] = ()
    scene_count: int = 0
    reference: tuple[PhotoRef, ...] = ()


@dataclass
class Context:
    """Everything a rule may look at for one requirement item."""

    tasks: Tasks
    """附件1 and the checker's rules (the checker is given no more of the plan)."""
    requirement: Requirement
    folder: RequirementFolder | None
    reads: Mapping[str, Any]
    """File rel -> reader result or ReadError (every evidence file is read once)."""
    reader: CaptionReader
    """Judges caption values under the plan's caption rules."""
    captions: dict[str, Caption] = field(default_factory=dict)
    """File name -> caption from the captions tables."""
    caption_problems: list[Found] = field(default_factory=list)
    """Captions tables that could not be used."""
    elsewhere: Mapping[str, Elsewhere] = field(default_factory=dict)
    """Photo rel -> how it looks like photos in other checked requirements."""
    scene_of: Mapping[str, int] = field(default_factory=dict)
    """Photo rel -> its scene among this requirement's photos (``engine.compare_photos``)."""
    duplicate_folders: list[str] = field(default_factory=list)
    titled_folder: str | None = None
    """A folder named like this item's title but without its id (scan.Scan.by_title)."""
    recognised: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Image rel -> the text lines OCR read (the ``cwm[ocr]`` extra): screenshots of items that
    ask for them, photos whose date no EXIF or file name gives. Empty without the extra."""
    memo: dict[str, Any] = field(default_factory=dict)
    """What one rule works out from the reads and another uses too (the files' figures: the
    figures rule and the comparison across a 科室's items), worked out once per run."""

    @property
    def item(self) -> Item:
        return self.requirement.item

    @property
    def materials(self) -> tuple[Any, ...]:
        return self.requirement.materials

    @property
    def year(self) -> int:
        return self.tasks.plan_year

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
        from cwm.evidence.captions import caption_key

        return self.captions.get(caption_key(file.path.name)) or self.reader.from_filename(
            file.path, names
        )

    @functools.cached_property
    def scenes(self) -> list[list[EvidenceFile]]:
        """This requirement's photos grouped by scene: near-duplicates count once (computed once,
        used by the photo count and the duplicate rule)."""
        from cwm.evidence.similarity import groups_in_order

        photos = self.read("image")
        hashed = [file for file, facts in photos if facts.dhash is not None]
        unhashed = [[file] for file, facts in photos if facts.dhash is None]
        return groups_in_order(hashed, [self.scene_of[f.rel] for f in hashed]) + unhashed
