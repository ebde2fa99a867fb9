"""The plan's other half, checked from the same evidence tree as 附件1: 附件2's sites
(self-inspection sheets under ``实地点位/``), 附件3's liaison duties (an activity 台账 and photos
in ``L-n`` folders) and the body's 常态化 publicity (photos per unit in ``PUB-n`` folders).

Each duty is a requirement with its own id (S-n, L-n, PUB-n): the caller (``cwm.schedule.duecheck``)
builds its subject (``subjects``) with the periods to judge already worked out; the engine finds
its folder by id like 附件1's, reads its files in the same pass, and runs the loop rules
registered here — declared, stamped and listed (``cwm rules``) like the evidence rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from cwm.evidence.context import Found
from cwm.evidence.ids import without_ordinal
from cwm.evidence.loops import areas, liaison, photos, publicity, sites
from cwm.evidence.loops.inspections import FOLDER, Inspection, norm, read_inspection
from cwm.evidence.loops.records import readable
from cwm.evidence.loops.subjects import (
    ActivityDuty,
    LoopContext,
    PublicityDuty,
    SiteDuty,
    Span,
    Subject,
    has_tables,
)
from cwm.rulebook import Rulebook
from cwm.vocab import Area

if TYPE_CHECKING:
    from cwm.evidence.scan import EvidenceFile, Scan

MODULES = (sites, liaison, publicity, photos, areas)
LOOPS: Rulebook[LoopContext, Found] = Rulebook()
for _module in MODULES:
    LOOPS.register(_module.check, _module.CODES, _module.__doc__ or "")

NO_RECORDS = frozenset({"site-none", "activity-none"})
"""Codes that say nothing at all was handed in (the status is 缺材料)."""

__all__ = [
    "LOOPS",
    "NO_RECORDS",
    "ActivityDuty",
    "AREAS",
    "Subject",
    "LoopContext",
    "PublicityDuty",
    "SiteDuty",
    "Span",
    "absent_areas",
    "area_of",
    "files_to_read",
    "inspections",
]

AREAS: dict[type, tuple[str, str]] = {
    SiteDuty: (FOLDER, "S-"),
    ActivityDuty: (Area.LIAISON, "L-"),
    PublicityDuty: (Area.PUBLICITY, "PUB-"),
}
"""Each kind of loop duty: its area folder and its ids' prefix."""


def absent_areas(duties: list[Subject], tree: Scan) -> tuple[list[Subject], list[str]]:
    """The duties whose area the tree has (its folder, or a folder of one of its ids), and the
    areas it lacks among the duties' (see ``areas``)."""
    parts = {
        part
        for rel in [f.rel for f in tree.stray] + [f.rel + "/." for f in tree.folders.values()]
        for part in _folders(tree, rel)
    }
    kept, absent = [], []
    for kind, (area, prefix) in AREAS.items():
        mine = [d for d in duties if isinstance(d, kind)]
        here = any(is_area(p, area) for p in parts) or any(
            i.startswith(prefix) for i in tree.folders
        )
        if here:
            kept += mine
        elif mine:
            absent.append(area)
    order = {id(d): n for n, d in enumerate(duties)}
    return sorted(kept, key=lambda d: order[id(d)]), absent


def is_area(folded: str, area: str) -> bool:
    """A folder (name folded) is the area's: ``宣传``, ``宣传（2021）``, ``实地点位_2021``,
    ``3.实地点位`` (numbered to sort it) — not ``宣传照片`` or ``宣传资料``, which are an
    office's own folders."""
    name = without_ordinal(folded)
    rest = name.removeprefix(area)
    return rest != name and (not rest or not rest[0].isalpha())


def _folders(tree: Scan, rel: str) -> list[str]:
    """The folders a file is in, from the checked folder itself down (names folded)."""
    return [norm(tree.root.resolve().name), *(norm(p) for p in rel.split("/")[:-1])]


def area_of(name: str) -> type | None:
    """The kind of duty whose area a folder's name says (``实地点位``, ``包联社区…``), else None."""
    folded = norm(name)
    return next((kind for kind, (area, _) in AREAS.items() if is_area(folded, area)), None)


def sheet_files(tree: Scan) -> list[EvidenceFile]:
    """The self-inspection sheets: tables under ``实地点位/`` (outside any S-n folder, or in
    one), also when ``实地点位/`` itself is the checked folder."""
    loose = [
        f
        for f in tree.stray
        if has_tables(f) and any(is_area(p, FOLDER) for p in _folders(tree, f.rel))
    ]
    inside = [
        f
        for ident, folder in tree.folders.items()
        if ident.startswith("S-")
        for f in folder.files
        if has_tables(f)
    ]
    return loose + inside


def files_to_read(
    duties: Iterable[Subject], tree: Scan, sheets: list[EvidenceFile]
) -> list[EvidenceFile]:
    """Every file the loop rules look at: the duties' folders' photos and tables, and (with a
    site among the duties) the inspection ``sheets`` (``sheet_files``)."""
    duties = list(duties)
    out = [
        f
        for duty in duties
        if not isinstance(duty, SiteDuty) and duty.id in tree.folders
        for f in tree.folders[duty.id].files
        if has_tables(f) or f.kind == "image"
    ]
    out += [
        f
        for duty in duties
        if isinstance(duty, SiteDuty) and duty.id in tree.folders
        for f in tree.folders[duty.id].files
        if f.kind == "image"
    ]
    if any(isinstance(d, SiteDuty) for d in duties):
        out += sheets
    return out


def inspections(
    files: list[EvidenceFile], reads: dict[str, Any], year: int | None
) -> tuple[list[Inspection], list[tuple[str, str]]]:
    """The filled sheets among ``files``, and (rel, message) for a file that is no sheet, cannot
    be read, or has a problem not tied to one site."""
    sheets: list[Inspection] = []
    problems: list[tuple[str, str]] = []
    for file, facts in readable(files, reads, problems):
        if facts is None:
            continue
        found = read_inspection(file.rel, facts.sheets, year)
        if found is None and file.kind != "table":
            continue  # a Word document without a sheet's table: a document, not a bad sheet
        if found is None:
            problems.append(
                (
                    file.rel,
                    "不是自查表（没有“点位编号”“检查结果”列），未读取：自查表请用 "
                    "cwm checklist --kind sites -f xlsx 生成；用自己的表时，加一列“点位编号”"
                    "（S-1、S-3 等，见 cwm duties）和一列“检查结果”（合格/不合格）。",
                )
            )
            continue
        for sheet in found:
            problems += [(sheet.rel, m) for site, m in sheet.problems if site is None]
        sheets += found
    return sheets, problems
