"""``cwm report``: the office's run on the shared drive. One new dated folder
(``报告/2021-06-20_0930/``), written as a temporary folder renamed at the end — a failed run
leaves nothing — holding:

- 检查结果.html  for people: per 科室 and requirement, the findings in words, thumbnails of the
  photos they are about (a duplicate beside its copy), and what changed since the last run;
- 检查结果.xlsx  one row per finding with empty 整改 columns, and a 汇总 sheet (科室 × status);
- 检查结果.json / 检查结果.txt  as ``cwm check`` writes them, the JSON with ``changes``;
- 提交清单.html   the submission checklist with each item's result;
- 变化.txt        new / solved / remaining findings and status changes against the newest
  earlier report of the same folder (compared by each finding's stable id).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from cwm.errors import UsageError
from cwm.evidence import REPORTS_SUFFIX, RequirementResult
from cwm.fsutil import decodable, normal_mode, publish_folder, remove_partials, set_hidden
from cwm.plan import Plan
from cwm.report.changes import JSON_NAME, Changes, compare, newest_report
from cwm.report.ledger import WORKBOOK_NAME, read_ledger
from cwm.report.workbook import duties_by_id, findings_workbook, results_by_unit, summary_rows
from cwm.schedule.duecheck import DueCheck, check_due
from cwm.schedule.sources import SOURCES, Judged, Source, source_of

MAX_THUMBNAILS = 300
"""Photos shown in the HTML (small JPEGs inside it); beyond that, names only."""


class _Thumbnails:
    """Thumbnails of the photos the findings are about (each file and its related ones), at
    most ``MAX_THUMBNAILS`` in one report: from the cache, where the report's reading put them
    (made from the decode the facts came from); those it did not make (photos whose facts a
    check had cached, or no cache) all at once here, in the readers' worker processes, and
    cached (a warm report decodes nothing)."""

    def __init__(self, root: Path, findings: list[Any], use_cache: bool, jobs: int) -> None:
        from cwm.evidence import EvidenceFile, kind_of, thumbnails

        rels: dict[str, None] = {}
        for finding in findings:
            if finding.about_photo:
                for rel in (finding.path, *finding.related):
                    if rel and rel != "." and kind_of(Path(rel)) == "image":
                        rels.setdefault(rel)
        files = [EvidenceFile(root / rel, rel, "image") for rel in list(rels)[:MAX_THUMBNAILS]]
        cache = _file_cache() if use_cache else None
        try:
            self.made = thumbnails(files, cache, jobs)
        finally:
            if cache is not None:
                cache.close()

    def __call__(self, finding: Any) -> list[dict[str, str]]:
        if not finding.about_photo:
            return []
        return [
            {"src": self.made[rel], "name": rel.rsplit("/", 1)[-1]}
            for rel in (finding.path, *finding.related)
            if rel and self.made.get(rel)
        ]


def _file_cache() -> Any:
    from cwm.evidence import FileCache, default_location

    return FileCache(default_location())


def html_context(
    plan: Plan,
    checked: DueCheck,
    root: Path,
    changes: Changes,
    period: str,
    today: dt.date,
    use_cache: bool = True,
    jobs: int = 1,
) -> dict[str, Any]:
    """What the picture report shows, per 科室 and requirement (an item two 科室 share under
    each, as in the 汇总 sheet and the checklist), with the 科室 × status table at the top,
    dated by the reference day the check was made for (``--date``)."""
    from cwm.printing.checklist import letterhead

    every = [f for r in checked.report.requirements for f in r.findings]
    thumbs = _Thumbnails(root, every, use_cache, jobs)
    dues = checked.due_dates()
    items: dict[str, dict[str, Any]] = {}
    for r in checked.report.requirements:
        findings = [
            {
                "message": f.message,
                "code": f.code,
                "severity_label": f.severity.label,
                "file": f.file_name(r.folder),
                "thumbs": thumbs(f),
            }
            for f in r.findings
            if not f.reminder
        ]
        items[r.id] = {
            "id": r.id,
            "title": r.title,
            "status": r.status,
            "folder": r.folder,
            "due": dues.get(r.id),
            "findings": findings,
        }
    units = plan.directory.units
    duties = duties_by_id(plan)
    return {
        **letterhead(plan, "材料检查报告", today),
        "unit_filter": checked.target.name if checked.target else None,
        "root": str(root),
        "period": period,
        "summary": checked.report.summary(),
        "by_unit": summary_rows(plan, checked),
        "changes": changes,
        "units": [
            {
                "name": unit,
                "part": source.label,
                "head": units[unit].head if unit in units else None,
                "items": [
                    {**items[r.id], "shared_with": [d for d in r.departments if d != unit]}
                    for r in results
                ],
            }
            for source in SOURCES.values()
            for unit, results in results_by_unit(plan, checked, _of(duties, source))
        ],
        "other": [f.as_json() for f in checked.report.other_findings if f.severity != "info"],
    }


def _of(duties: dict[str, Any], source: Source) -> Any:
    """Whether a result is of ``source``'s duties (a result of no duty is a requirement item's)."""

    def wanted(result: RequirementResult) -> bool:
        duty = duties.get(result.id)
        if duty is None:
            return source.judged is Judged.REQUIREMENT
        return source_of(duty) is source

    return wanted


@dataclass
class ReportRun:
    folder: Path
    checked: DueCheck
    changes: Changes


def _names(now: dt.datetime) -> Iterator[str]:
    """``2021-06-20_0930``, then ``…_2``, ``…_3``: the names a run of this minute may take."""
    yield now.strftime("%Y-%m-%d_%H%M")
    for n in range(2, 1000):
        yield f"{now:%Y-%m-%d_%H%M}_{n}"


def _texts(
    plan: Plan,
    checked: DueCheck,
    evidence: Path,
    data: dict[str, Any],
    changes: Changes,
    window: Any,
    today: dt.date,
    use_cache: bool = True,
    jobs: int = 1,
) -> dict[str, str]:
    """The text files of the folder, by name."""
    from cwm.evidence import render_text
    from cwm.output import to_json
    from cwm.printing.checklist import submission
    from cwm.printing.templating import render_template

    period = window.chinese if window else "全部申报项"
    files = {
        JSON_NAME: to_json(data, compact=True),
        "检查结果.txt": changes.text()
        + "\n"
        + render_text(checked.report, list(plan.directory.units)),
        "变化.txt": changes.text(),
        "检查结果.html": render_template(
            "report.html.j2",
            html_context(plan, checked, evidence, changes, period, today, use_cache, jobs),
        ),
    }
    if window is not None:
        context = submission(plan, window, today, checked.target, checked)
        files["提交清单.html"] = render_template("submission.html.j2", context)
    return files


def default_out_dir(evidence: Path) -> Path:
    """Where a report goes when no folder is named: beside the evidence folder, never in it
    (a report inside would be checked as evidence next time)."""
    folder = evidence.resolve()
    if folder.parent == folder:
        raise UsageError(f"“{evidence}”是磁盘根目录：请用 -o 指定报告目录。")
    return folder.parent / f"{folder.name}{REPORTS_SUFFIX}"


def write_report(
    plan: Plan,
    evidence: Path,
    out_dir: Path,
    target: Any,
    window: Any,
    today: dt.date,
    *,
    use_cache: bool = True,
    jobs: int = 0,
    progress: Any = None,
    now: dt.datetime | None = None,
) -> ReportRun:
    """Check ``evidence`` and write the report folder into ``out_dir``: whole, or not at all."""
    from cwm import __version__

    checked = check_due(
        plan,
        evidence,
        target,
        window,
        today,
        use_cache=use_cache,
        jobs=jobs,
        progress=progress,
        thumbnails=True,
    )
    now = now or dt.datetime.now()
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_partials(out_dir)
    name = now.strftime("%Y-%m-%d_%H%M")
    previous_name, previous, why = newest_report(out_dir)
    data = {
        "version": __version__,
        "generated": now.isoformat(timespec="seconds"),
        "sequence": int((previous or {}).get("sequence") or 0) + 1,
        **checked.report.as_json(),
    }
    changes = compare(previous, data, previous_name)
    ledger = read_ledger(out_dir)
    if ledger.problem:
        why += f"{ledger.problem}：其中手填的整改记录未能带入，请从该工作簿中复制。"
    changes.note = "\n".join(p for p in (changes.note + why, *ledger.said()) if p).strip()
    data["changes"] = changes.as_json()
    import tempfile

    temporary = Path(tempfile.mkdtemp(prefix=f".{name}.partial-{os.getpid()}-", dir=out_dir))
    os.chmod(temporary, normal_mode(directory=True))  # mkdtemp makes 0700: colleagues read it
    set_hidden(temporary, True)  # on Windows too: a killed run leaves nothing anyone sees
    try:
        workers = jobs or os.cpu_count() or 1
        texts = _texts(plan, checked, evidence, data, changes, window, today, use_cache, workers)
        for file_name, text in texts.items():
            (temporary / file_name).write_text(decodable(text), encoding="utf-8")
        book = findings_workbook(plan, checked, ledger, today)
        (temporary / WORKBOOK_NAME).write_bytes(book)
        folder = publish_folder(temporary, out_dir, _names(now))
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return ReportRun(folder, checked, changes)
