"""Run the evidence rules over a scanned tree and decide each requirement's status.

Rules (``rules/``) yield ``(code, message, path)``; the engine stamps the severity declared
for the code, collects findings per requirement, and decides the status:

- ``missing``  no folder, or a folder with no evidence file at all
- ``fail``     any error
- ``warn``     any warning
- ``manual``   something only a person can judge (a scan, a 部门评价, an unreadable .doc)
- ``pass``     none of the above
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..models import Item, Row
from ..plan import Plan
from .captions import Caption, from_filename, from_table
from .readers import ReadError
from .scan import EvidenceFile, RequirementFolder, Scan, scan

STATUSES = ("pass", "warn", "fail", "missing", "manual")
STATUS_LABELS = {
    "pass": "已达标",
    "warn": "有警告",
    "fail": "未达标",
    "missing": "缺失",
    "manual": "人工核对",
}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass
class Finding:
    code: str
    severity: str
    message: str
    path: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
        }


@dataclass
class RequirementResult:
    id: str
    title: str
    departments: tuple[str, ...]
    status: str
    folder: str | None
    findings: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "departments": list(self.departments),
            "status": self.status,
            "folder": self.folder,
            "findings": [f.as_json() for f in self.findings],
        }


@dataclass
class CheckReport:
    root: str
    requirements: list[RequirementResult]
    other_findings: list[Finding]
    """Findings outside any checked requirement folder (stray files, loops…)."""

    def count(self, severity: str) -> int:
        every = [f for r in self.requirements for f in r.findings] + self.other_findings
        return sum(1 for f in every if f.severity == severity)

    def summary(self) -> dict[str, Any]:
        statuses = {s: sum(1 for r in self.requirements if r.status == s) for s in STATUSES}
        return {
            "root": self.root,
            "requirements": len(self.requirements),
            **statuses,
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "infos": self.count("info"),
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "requirements": [r.as_json() for r in self.requirements],
            "other_findings": [f.as_json() for f in self.other_findings],
        }


@dataclass
class Context:
    """Everything a rule may look at for one requirement item."""

    plan: Plan
    row: Row
    item: Item
    materials: list[Any]
    """The materials to check (those due in the chosen period)."""
    folder: RequirementFolder | None
    reads: dict[str, Any]
    """File rel -> reader result or ReadError (every evidence file is read once)."""
    captions: dict[str, Caption] = field(default_factory=dict)
    """File name -> caption from captions.csv/xlsx."""
    window: Any = None
    """The period checked (None: the whole plan); a festival is required only in its period."""
    caption_problems: list[tuple[str, str, str]] = field(default_factory=list)
    """(code, message, path) for captions.csv/xlsx files that could not be used."""
    elsewhere: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    """Photo rel -> (other photo's rel, its requirement id, hash distance) for similar photos in
    other checked requirements."""

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


def read_file(file: EvidenceFile) -> Any:
    """What the rules need of one file; a ReadError (returned, not raised) if it cannot be read.

    The one place that opens evidence files (read only).
    """
    from .readers import read_document
    from .readers.image import read_photo
    from .readers.table import read_table

    try:
        if file.kind == "document":
            return read_document(file.path)
        if file.kind == "image":
            return read_photo(file.path)
        if file.kind == "table":
            return read_table(file.path)
    except ReadError as exc:
        return exc
    except PermissionError:
        return ReadError("没有读取权限。请检查文件权限。")
    except OSError as exc:
        return ReadError(f"无法读取文件：{exc.strerror or exc}。")
    return None


def _captions_of(
    folder: RequirementFolder | None, names: list[str]
) -> tuple[dict[str, Caption], list[tuple[str, str, str]]]:
    """Captions from the folder's captions.csv/xlsx, and (code, message, path) for unusable ones."""
    from .readers.table import read_table

    out: dict[str, Caption] = {}
    problems: list[tuple[str, str, str]] = []
    if folder is None:
        return out, problems
    for path in folder.caption_files:
        rel = f"{folder.rel}/{path.relative_to(folder.path).as_posix()}"
        try:
            rows = read_table(path)
        except ReadError as exc:
            problems.append(("caption-file", exc.message, rel))
            continue
        table = from_table(rows, names, path.name)
        if not table and rows:
            problems.append(
                (
                    "caption-file",
                    f"{path.name} 缺少“文件名”列，无法对应照片。第一行应为：文件名、{'、'.join(names)}。",
                    rel,
                )
            )
        out.update(table)
    return out, problems


def status_of(
    folder: RequirementFolder | None, findings: list[Finding], evidence_files: int
) -> str:
    from .rules import MANUAL_CODES

    errors = any(f.severity == "error" for f in findings)
    if (folder is None or evidence_files == 0) and errors:
        return "missing"
    if errors:
        return "fail"
    if any(f.severity == "warning" for f in findings):
        return "warn"
    if any(f.code in MANUAL_CODES for f in findings):
        return "manual"
    return "pass"


_NOT_CACHED = frozenset({"unreadable"})
"""Read errors that may go away without the file changing (permissions): read again next time."""


def read_files(
    files: list[EvidenceFile], cache: Any = None, jobs: int = 1, progress: Any = None
) -> dict[str, Any]:
    """Read every file once: cached results first, the rest in ``jobs`` processes (PDFium is not
    thread-safe, and processes use both cores). ``progress(n)`` is called as files are done."""
    hits, keys = cache.get_many(files) if cache is not None else ({}, {})
    results: dict[str, Any] = dict(hits)
    if progress and hits:
        progress(len(hits))
    misses = [f for f in files if f.rel not in hits]
    if jobs > 1 and len(misses) >= 2 * jobs:
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, min(4, len(misses) // (jobs * 8)))  # small chunks: no core idles at the end
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for file, result in zip(misses, pool.map(read_file, misses, chunksize=chunk)):
                results[file.rel] = result
                if progress:
                    progress(1)
    else:
        for file in misses:
            results[file.rel] = read_file(file)
            if progress:
                progress(1)
    if cache is not None:
        cache.put_many(
            (keys[f.rel], results[f.rel])
            for f in misses
            if f.rel in keys
            and not (isinstance(results[f.rel], ReadError) and results[f.rel].code in _NOT_CACHED)
        )
    return results


def similar_elsewhere(
    tree: Scan, wanted: set[str], reads: dict[str, Any]
) -> dict[str, list[tuple[str, str, int]]]:
    """For each photo, the similar photos in *other* checked requirements."""
    from .similarity import close_pairs

    photos = []
    for ident, folder in tree.folders.items():
        if ident not in wanted:
            continue
        for file in folder.files:
            facts = reads.get(file.rel)
            if file.kind == "image" and getattr(facts, "dhash", None) is not None:
                photos.append(((file.rel, ident), facts.dhash))
    out: dict[str, list[tuple[str, str, int]]] = {}
    for (rel_a, id_a), (rel_b, id_b), d in close_pairs(photos):
        if id_a != id_b:
            out.setdefault(rel_a, []).append((rel_b, id_b, d))
            out.setdefault(rel_b, []).append((rel_a, id_a, d))
    return out


def check_tree(
    plan: Plan,
    root: Path,
    selection: Iterable[tuple[Row, Item, list[Any]]],
    window: Any = None,
    cache: Any = None,
    jobs: int = 1,
    progress: Any = None,
) -> CheckReport:
    """Check ``root`` for the selected requirement items ((row, item, materials to check)),
    as due in ``window`` (a Period, or None for the whole plan).

    Files are read once (``read_files``: ``cache``, ``jobs`` processes, ``progress`` callback);
    the evidence tree is only read, never written.
    """
    from .rules import run_rules, severity_of

    selection = list(selection)
    tree = scan(root, [item.id for _, item in plan.tasks.items()])
    wanted = {item.id for _, item, _ in selection}
    files = [f for ident, folder in tree.folders.items() if ident in wanted for f in folder.files]
    if progress:
        progress(0, len(files))
    reads = read_files(files, cache, jobs, progress)
    elsewhere = similar_elsewhere(tree, wanted, reads)
    results: list[RequirementResult] = []
    for row, item, materials in selection:
        folder = tree.folders.get(item.id)
        names = sorted({n for m in materials for n in getattr(m, "caption", [])})
        captions, caption_problems = _captions_of(folder, names)
        ctx = Context(
            plan, row, item, materials, folder, reads, captions, window, caption_problems, elsewhere
        )
        findings = [
            Finding(code, severity, message, path)
            for code, severity, message, path in run_rules(ctx, tree)
        ]
        evidence = len(folder.files) if folder else 0
        departments = plan.directory.units_of(row.departments)
        results.append(
            RequirementResult(
                item.id,
                item.title,
                departments,
                status_of(folder, findings, evidence),
                folder.rel if folder else None,
                findings,
            )
        )
    other = [Finding(p.code, severity_of(p.code), p.message, p.rel) for p in tree.problems]
    other += [
        Finding("stray-file", "info", "文件不在任何申报项文件夹中，不会被检查。", f.rel)
        for f in tree.stray
    ]
    return CheckReport(str(root), results, other)


def run_check(
    plan: Plan,
    root: Path,
    selection: Iterable[tuple[Row, Item, list[Any]]],
    window: Any = None,
    use_cache: bool = True,
    jobs: int = 0,
    progress: Any = None,
) -> CheckReport:
    """``check_tree`` with the user's file cache (unless ``use_cache`` is false) and ``jobs``
    processes (0: one per core). The one way commands run the checker."""
    import os

    from .cache import FileCache, default_location

    cache = FileCache(default_location()) if use_cache else None
    try:
        return check_tree(
            plan,
            root,
            selection,
            window=window,
            cache=cache,
            jobs=jobs or os.cpu_count() or 1,
            progress=progress,
        )
    finally:
        if cache is not None:
            cache.close()


def select(
    plan: Plan, target: Any = None, window: Any = None, today: Any = None
) -> list[tuple[Row, Item, list[Any]]]:
    """The requirement items to check, each with the materials to check.

    Without a window: every item (of ``target`` when given) with all its materials. With one:
    the items due in it, with the materials due then (``due``'s answer, so III-70-2-1 in Q1
    asks for the photos only).
    """
    from ..duties import duties_for

    if window is None:
        duties = duties_for(plan, target)
        return [(d.row, d.item, list(d.item.materials)) for d in duties if d.source == "tasks"]  # type: ignore[misc]
    from ..due import due

    return [
        (d.duty.row, d.duty.item, list(d.materials))
        for d in due(plan, window, today, target)
        if d.duty.source == "tasks"
    ]  # type: ignore[misc]
