"""Run the evidence rules over a scanned tree and decide each requirement's status.

``check_tree`` checks the requirements it is given (``context.Requirement``): it scans the tree
once, reads every file of those requirements once (``reading``), runs the registered rules
(``rules``) on each, stamps each finding's severity from its code and decides the status
(``report``). ``run_check`` adds the user's file cache and the process pool. What is due, for
whom, in which period, is decided above (``cwm.schedule.duecheck``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

from cwm.errors import InternalError
from cwm.evidence.captions import Caption, CaptionReader
from cwm.evidence.context import Context, Elsewhere, Found, PhotoRef, Requirement
from cwm.evidence.reading import OnProgress, read_file, read_files
from cwm.evidence.results import CheckResult, Finding, RequirementResult
from cwm.evidence.scan import EvidenceFile, RequirementFolder, Scan, scan
from cwm.formats import ReadError
from cwm.vocab import Severity, Status

if TYPE_CHECKING:
    from cwm.evidence.loops import Subject
    from cwm.plan.models import Tasks


def _captions_of(
    folder: RequirementFolder | None, names: list[str], reader: CaptionReader
) -> tuple[dict[str, Caption], list[Found]]:
    """Captions from the folder's captions tables (``is_caption_file``), and findings for
    unusable ones."""
    out: dict[str, Caption] = {}
    problems: list[Found] = []
    if folder is None:
        return out, problems
    for path in folder.caption_files:
        rel = f"{folder.rel}/{path.relative_to(folder.path).as_posix()}"
        result = read_file(EvidenceFile(path, rel, "table"))
        if isinstance(result, ReadError):
            problems.append(Found("caption-file", result.message, rel))
            continue
        rows = result.rows
        table, unusable = reader.from_table(rows, names, path.name)
        problems += [Found(code, message, rel) for code, message in unusable]
        out.update(table)
    return out, problems


def status_of(handed_in: bool, findings: list[Finding]) -> Status:
    """The verdict on one requirement item from its findings (``vocab.Status``): with errors,
    缺材料 when nothing was handed in, else 未达标."""
    errors = any(f.severity == Severity.ERROR for f in findings)
    if not handed_in and errors:
        return Status.MISSING
    if errors:
        return Status.FAIL
    if any(f.severity == Severity.WARNING for f in findings):
        return Status.WARN
    if any(f.needs_person for f in findings):
        return Status.MANUAL
    return Status.PASS


def _to_read(folder: RequirementFolder) -> list[EvidenceFile]:
    """A folder's evidence, and the photos among its supporting material (for duplicates)."""
    return folder.files + [f for f in folder.reference if f.kind == "image"]


NAMED = 3
"""Other photos a duplicate finding names (then “等 N 张”)."""


@dataclass
class PhotoComparison:
    """What comparing every checked photo with every other says (``compare_photos``)."""

    elsewhere: dict[str, Elsewhere] = field(default_factory=dict)
    """Photo rel -> how it looks like photos of *other* checked requirements."""
    scene_of: dict[str, int] = field(default_factory=dict)
    """Handed-in photo rel -> its scene among its own requirement's photos."""


def compare_photos(
    tree: Scan,
    wanted: set[str],
    reads: dict[str, Any],
    owner: Callable[[EvidenceFile, str], str] | None = None,
) -> PhotoComparison:
    """Every checked photo against every other, by one pair search (``similarity.group``): how
    each looks like photos of other requirements, and each requirement's scenes; time and
    findings grow with the photos, not with the pairs. ``owner`` says whose a photo is when
    that is finer than its folder's id (a loop's unit, community or month: ``loop_owner``)."""
    from cwm.evidence.similarity import group

    photos: list[tuple[EvidenceFile, str]] = []
    hashes: list[int] = []
    for ident, folder in tree.folders.items():
        if ident in wanted:
            for file in _to_read(folder):
                dhash = getattr(reads.get(file.rel), "dhash", None)
                if file.kind == "image" and dhash is not None:
                    photos.append((file, owner(file, ident) if owner else ident))
                    hashes.append(dhash)
    # supporting photos (参考…) take part in the comparison, not in a requirement's scenes
    grouping = group(hashes, [None if file.reference else ident for file, ident in photos])
    scene_groups = _by_requirement(photos, grouping.scene)
    photo_groups = _by_requirement(photos, grouping.photo)
    out = PhotoComparison()
    for n, (file, ident) in enumerate(photos):
        if file.reference:
            continue
        out.scene_of[file.rel] = grouping.local[n]
        same, same_count, _ = _others(photo_groups[grouping.photo[n]], ident)
        scene, scene_count, reference = _others(scene_groups[grouping.scene[n]], ident)
        if same_count or scene_count or reference:
            out.elsewhere[file.rel] = Elsewhere(same, same_count, scene, scene_count, reference)
    return out


def loop_owner(file: EvidenceFile, ident: str) -> str:
    """Whose a loop's photo is: its duty and its subfolder (a publicity unit, a 小区, a month):
    one photo in two of them proves one piece of work twice."""
    return f"{ident} {file.group}" if file.group else ident


@dataclass
class _Members:
    """One requirement's photos in one group: how many were handed in, and the first few of
    them and of its supporting photos (enough to name)."""

    count: int = 0
    named: list[PhotoRef] = field(default_factory=list)
    reference: list[PhotoRef] = field(default_factory=list)


def _by_requirement(
    photos: list[tuple[EvidenceFile, str]], roots: list[int]
) -> dict[int, dict[str, _Members]]:
    """Group number -> requirement -> its photos in the group, summarised."""
    out: dict[int, dict[str, _Members]] = {}
    for (file, ident), root in zip(photos, roots):
        members = out.setdefault(root, {}).setdefault(ident, _Members())
        ref = PhotoRef(file.rel, ident)
        if file.reference:
            if len(members.reference) < NAMED:
                members.reference.append(ref)
            continue
        members.count += 1
        if len(members.named) < NAMED:
            members.named.append(ref)
    return out


def _others(
    group: dict[str, _Members], ident: str
) -> tuple[tuple[PhotoRef, ...], int, tuple[PhotoRef, ...]]:
    """(the first few handed-in photos of other requirements, how many in all, the supporting
    photos among them): a few steps per requirement, whatever the size of the group."""
    others = [m for other, m in group.items() if other != ident]
    named = [ref for m in others for ref in m.named][:NAMED]
    reference = [ref for m in others for ref in m.reference][:NAMED]
    return tuple(named), sum(m.count for m in others), tuple(reference)


def context_of(
    tasks: Tasks,
    requirement: Requirement,
    tree: Scan,
    reads: dict[str, Any],
    photos: PhotoComparison,
    reader: CaptionReader,
    recognised: Mapping[str, tuple[str, ...]] | None = None,
) -> Context:
    """What the rules see of one requirement."""
    item = requirement.item
    folder = tree.folders.get(item.id)
    names = sorted({n for m in requirement.materials for n in getattr(m, "caption", [])})
    captions, caption_problems = _captions_of(folder, names, reader)
    return Context(
        tasks=tasks,
        requirement=requirement,
        folder=folder,
        reads=reads,
        reader=reader,
        captions=captions,
        caption_problems=caption_problems,
        elsewhere=photos.elsewhere,
        scene_of=photos.scene_of,
        duplicate_folders=tree.duplicates.get(item.id, []),
        titled_folder=tree.by_title.get(item.id),
        recognised=recognised or {},
    )


def _stamped(code: Any, found: Found) -> Finding:
    """A rule's finding with the severity and traits its code declares."""
    return Finding(
        code.code, code.severity, found.message, found.path, found.related, code.traits, found.topic
    )


def check_requirement(ctx: Context, more: Iterable[Found] = ()) -> RequirementResult:
    """Run every rule on one requirement (and take ``more`` findings of rules that look across
    requirements), and decide its status."""
    from cwm.evidence.rules import RULES

    item, folder = ctx.requirement.item, ctx.folder
    coded = [*RULES.run(ctx), *((RULES.codes[f.code], f) for f in more)]
    findings = [_stamped(code, found) for code, found in coded]
    status = status_of(bool(folder and folder.files), findings)
    return RequirementResult(
        item.id,
        item.title,
        ctx.requirement.departments,
        status,
        folder.rel if folder else None,
        findings,
    )


def check_tree(
    tasks: Tasks,
    root: Path,
    requirements: Iterable[Requirement],
    cache: Any = None,
    jobs: int = 1,
    progress: OnProgress | None = None,
    keep: Callable[[str], bool] | None = None,
    loops: Sequence[Subject] = (),
    loop_titles: Mapping[str, str] | None = None,
    thumbnails: bool = False,
) -> CheckResult:
    """Check ``root`` for ``requirements`` and the ``loops`` duties (``keep``: which folders to
    walk, see ``scan``; ``loop_titles``: every loop duty's id and title, whose folders are
    theirs whether judged in this run or not).

    Files are read once (``read_files``: ``cache``, ``jobs`` processes, ``progress`` callback,
    ``thumbnails`` for a report's pictures); the evidence tree is only read, never written.
    """
    from cwm.evidence.loops import LOOPS, absent_areas, files_to_read, sheet_files
    from cwm.evidence.rules.figures import across_items
    from cwm.evidence.rules.recognised import recognise

    requirements = list(requirements)
    task_ids = set(tasks.titles())
    more = {**(loop_titles or {}), **{d.id: d.title for d in loops}}
    tree = scan(root, tasks.titles(), keep, more)
    loops, absent = absent_areas(list(loops), tree)
    sheets = sheet_files(tree)
    wanted = {r.item.id for r in requirements}
    files = [
        f for ident, folder in tree.folders.items() if ident in wanted for f in _to_read(folder)
    ]
    # One verdict whoever asks: a period or --dept chooses what is judged, never what is
    # compared, so every item's and every loop duty's photos take part in the duplicate check
    # (hashes are cached).
    loop_ids = set(more) & set(tree.folders)
    files += [
        f
        for ident, folder in tree.folders.items()
        if ident not in wanted and (ident in task_ids or ident in loop_ids)
        for f in _to_read(folder)
        if f.kind == "image"
    ]
    files += files_to_read(loops, tree, sheets)
    files = list({f.rel: f for f in files}.values())
    if progress:
        progress(0, len(files))
    reads = read_files(files, cache, jobs, progress, thumbnails)
    photos = compare_photos(tree, task_ids & set(tree.folders), reads)
    reader = CaptionReader(tasks.rules.captions, tasks.plan_year)
    recognised = recognise(requirements, tree.folders, reads, cache, jobs)
    contexts = [context_of(tasks, r, tree, reads, photos, reader, recognised) for r in requirements]
    across = across_items(contexts)
    results = []
    for ctx in contexts:
        try:
            results.append(check_requirement(ctx, across.get(ctx.requirement.item.id, ())))
        except Exception as exc:  # a bug in a rule: say where, keep the traceback for --debug
            where = f"（{ctx.folder.rel}）" if ctx.folder else ""
            raise _internal(ctx.requirement.item.id, where, exc) from exc
    loop_photos = compare_photos(tree, loop_ids, reads, loop_owner)
    loop_results, other = check_loops(
        loops, tree, reads, tasks.plan_year, sheets, loop_photos.elsewhere
    )
    results += loop_results
    other += _tree_findings(tree, {f.rel for f in sheets})
    absent_code = LOOPS.codes["area-absent"]
    other += [
        _stamped(absent_code, Found(absent_code.code, ABSENT.format(area))) for area in absent
    ]
    return CheckResult(str(root), results, other)


ABSENT = "材料文件夹中没有“{0}”文件夹，{0}的职责本次未检查（cwm init 可建立文件夹）。"


def _internal(ident: str, where: str, exc: Exception) -> InternalError:
    return InternalError(f"cwm 内部错误：检查 {ident}{where}时出错：{type(exc).__name__}: {exc}")


def _tree_findings(tree: Scan, claimed: set[str]) -> list[Finding]:
    """Problems outside any requirement folder, and stray files (but the inspection sheets)."""
    from cwm.evidence.rules import RULES

    other = [_stamped(RULES.codes[p.code], Found(p.code, p.message, p.rel)) for p in tree.problems]
    stray = "文件不在任何申报项文件夹中，不会被检查。"
    other += [
        Finding("stray-file", Severity.INFO, stray, f.rel)
        for f in tree.stray
        if f.rel not in claimed
    ]
    return other


def check_loops(
    duties: list[Subject],
    tree: Scan,
    reads: dict[str, Any],
    year: int | None,
    sheet_files: list[EvidenceFile],
    elsewhere: Mapping[str, Elsewhere] | None = None,
) -> tuple[list[RequirementResult], list[Finding]]:
    """Each loop duty's result (its folder found by id, its findings from the loop rules), and
    the findings about inspection sheets (``sheet_files``) no one site owns. ``elsewhere``:
    how each loop photo looks like the other loops' (``compare_photos`` with ``loop_owner``)."""
    from cwm.evidence.loops import LOOPS, NO_RECORDS, Inspection, LoopContext, SiteDuty, inspections

    sheets: list[Inspection] = []
    problems: list[tuple[str, str]] = []
    if any(isinstance(d, SiteDuty) for d in duties):
        sheets, problems = inspections(sheet_files, reads, year)
    code = LOOPS.codes["site-sheet"]
    other = [_stamped(code, Found(code.code, m, rel, topic=f"{rel}：{m}")) for rel, m in problems]
    results = []
    for duty in duties:
        folder = tree.folders.get(duty.id)
        ctx = LoopContext(duty, folder, reads, sheets, year, elsewhere or {})
        try:
            findings = [_stamped(code, found) for code, found in LOOPS.run(ctx)]
        except Exception as exc:  # a bug in a rule: say where
            raise _internal(duty.id, f"（{folder.rel}）" if folder else "", exc) from exc
        status = status_of(not any(f.code in NO_RECORDS for f in findings), findings)
        results.append(
            RequirementResult(
                duty.id,
                duty.title,
                duty.departments,
                status,
                folder.rel if folder else None,
                findings,
            )
        )
    return results, other


def run_check(
    tasks: Tasks,
    root: Path,
    requirements: Iterable[Requirement],
    use_cache: bool = True,
    jobs: int = 0,
    progress: OnProgress | None = None,
    keep: Callable[[str], bool] | None = None,
    loops: Sequence[Subject] = (),
    loop_titles: Mapping[str, str] | None = None,
    thumbnails: bool = False,
) -> CheckResult:
    """``check_tree`` with the user's file cache (unless ``use_cache`` is false) and ``jobs``
    processes (0: one per core)."""
    import os

    from cwm.evidence.cache import FileCache, default_location

    cache = FileCache(default_location()) if use_cache else None
    try:
        report = check_tree(
            tasks,
            root,
            requirements,
            cache=cache,
            jobs=jobs or os.cpu_count() or 1,
            progress=progress,
            keep=keep,
            loops=loops,
            loop_titles=loop_titles,
            thumbnails=thumbnails,
        )
    finally:
        if cache is not None:
            cache.close()
    if cache is not None and cache.note:
        report.other_findings.insert(0, Finding("cache-busy", Severity.INFO, cache.note))
    return report
