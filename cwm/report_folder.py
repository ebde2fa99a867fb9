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
import json
import os
import re
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .duecheck import DueCheck, check_due
from .evidence.rules import RULES
from .fsutil import decodable, publish_folder, remove_partials
from .labels import SEVERITY, STATUS
from .plan import Plan
from .vocab import Trait

REPORT_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}_\d{4}(?:_\d+)?$")
JSON_NAME = "检查结果.json"
MAX_THUMBNAILS = 300
"""Photos shown in the HTML (small JPEGs inside it); beyond that, names only."""
_REMINDERS = RULES.with_trait(Trait.REMINDER)
"""Reminder codes (人工核对) in a previous report's JSON: not findings to compare."""
FINDING_HEADERS = (
    "序号",
    "科室",
    "编号",
    "指标名称",
    "联系人",
    "联系电话",
    "截止日期",
    "状态",
    "级别",
    "问题说明",
    "文件",
    "整改责任人",
    "整改时限",
    "整改情况",
)


@dataclass
class Changes:
    """What changed since the newest earlier report."""

    first: bool = True
    previous: str = ""
    new: list[dict[str, Any]] = field(default_factory=list)
    solved: list[dict[str, Any]] = field(default_factory=list)
    kept: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[dict[str, str]] = field(default_factory=list)
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        if self.first:
            why = f"（{self.note}）" if self.note else ""
            return f"首次运行：没有更早的报告可比{why}。\n"
        lines = [
            f"与上次报告（{self.previous}）相比：新增问题 {len(self.new)} 个，"
            f"已解决 {len(self.solved)} 个，仍存在 {len(self.kept)} 个。"
        ]
        if self.note:
            lines.append(self.note)
        if self.statuses:
            lines.append("状态变化：")
            lines += [
                f"  {c['id']} {c['title']}：{c['before']} → {c['after']}" for c in self.statuses
            ]
        for title, group in (("新增", self.new), ("已解决", self.solved)):
            if group:
                lines.append(f"{title}：")
                lines += [
                    f"  {f['requirement']} {f['message']}"
                    + (f"（{f['path']}）" if f.get("path") else "")
                    for f in group
                ]
        return "\n".join(lines) + "\n"


def _findings(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Finding id -> finding (with its requirement) of a report's JSON, old versions included
    (their ids are made from requirement, code and path as today's are)."""
    out = {}
    for requirement in data.get("requirements", []):
        for f in requirement.get("findings", []):
            if f.get("code") in _REMINDERS:
                continue
            ident = f.get("id") or f"{requirement.get('id')}|{f.get('code')}|{f.get('path') or ''}"
            out[ident] = {**f, "requirement": requirement.get("id")}
    return out


def shape_problem(data: Any) -> str | None:
    """Why a previous report's JSON cannot be compared with (valid JSON of another shape), or
    None: a dict whose requirements are objects with a list of findings that are objects."""
    if not isinstance(data, dict) or not isinstance(data.get("requirements"), list):
        return "内容不是 cwm 的检查结果"
    for requirement in data["requirements"]:
        if not isinstance(requirement, dict) or not isinstance(requirement.get("findings"), list):
            return "其中的申报项记录格式不对"
        if not all(isinstance(f, dict) for f in requirement["findings"]):
            return "其中的问题记录格式不对"
    return None


def compare(previous: dict[str, Any] | None, current: dict[str, Any], name: str = "") -> Changes:
    if previous is None:
        return Changes()
    before, after = _findings(previous), _findings(current)
    statuses_before = {r.get("id"): r.get("status") for r in previous.get("requirements", [])}
    changes = Changes(
        first=False,
        previous=name,
        new=[after[i] for i in after if i not in before],
        solved=[before[i] for i in before if i not in after],
        kept=[after[i] for i in after if i in before],
    )
    for r in current["requirements"]:
        was = statuses_before.get(r["id"])
        if was and was != r["status"]:
            changes.statuses.append(
                {
                    "id": r["id"],
                    "title": r["title"],
                    "before": STATUS.get(was, was),
                    "after": STATUS[r["status"]],
                }
            )
    if previous.get("version") != current.get("version"):
        changes.note = "（上次报告由另一版本的 cwm 生成，比较只到问题和状态。）"
    return changes


def newest_report(out_dir: Path) -> tuple[str, dict[str, Any] | None, str]:
    """(folder name, its JSON or None, why the newest could not be read) of the newest earlier
    report that can be read."""
    try:
        names = sorted(
            p.name for p in out_dir.iterdir() if REPORT_FOLDER.match(p.name) and p.is_dir()
        )
    except OSError:
        return "", None, ""
    why = ""
    for name in reversed(names):
        try:
            data = json.loads((out_dir / name / JSON_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            problem = f"无法读取（{type(exc).__name__}）"
        else:
            problem = shape_problem(data)
            if problem is None:
                return name, data, why
        why = why or f"上次报告 {name} {problem}，无法与它比较"
    return "", None, why


def finding_rows(plan: Plan, checked: DueCheck) -> list[list[Any]]:
    """One row per finding (manual items aside) for the workbook."""
    dues = checked.due_dates()
    by_id = {item.id: (row, item) for row, item in plan.tasks.items()}
    rows: list[list[Any]] = []
    for result in checked.report.requirements:
        row, _ = by_id[result.id]
        people = "、".join(c.name for c in row.contacts)
        phones = "、".join(c.phone for c in row.contacts)
        for f in result.findings:
            if f.reminder:
                continue
            rows.append(
                [
                    len(rows) + 1,
                    "、".join(result.departments),
                    result.id,
                    result.title,
                    people,
                    phones,
                    dues.get(result.id, ""),
                    STATUS[result.status],
                    SEVERITY[f.severity],
                    f.message,
                    f.path or "",
                    "",
                    "",
                    "",
                ]
            )
    return rows


def summary_rows(checked: DueCheck) -> list[list[Any]]:
    """科室 × status counts."""
    counts: dict[str, dict[str, int]] = {}
    for r in checked.report.requirements:
        for unit in r.departments:
            counts.setdefault(unit, dict.fromkeys(STATUS, 0))[r.status] += 1
    return [[unit, *counts[unit].values(), sum(counts[unit].values())] for unit in counts]


class _Thumbnails:
    """Thumbnails of the photos a finding is about (the file and its related ones), at most
    ``MAX_THUMBNAILS`` in one report."""

    def __init__(self, root: Path) -> None:
        self.root, self.made = root, 0

    def __call__(self, finding: Any) -> list[dict[str, str]]:
        if not finding.about_photo:
            return []
        from .evidence.reading import thumbnail
        from .evidence.scan import kind_of

        out = []
        for rel in (finding.path, *finding.related):
            if rel and kind_of(Path(rel)) == "image" and self.made < MAX_THUMBNAILS:
                src = thumbnail(self.root / rel if rel != "." else self.root)
                if src:
                    self.made += 1
                    out.append({"src": src, "name": rel.rsplit("/", 1)[-1]})
        return out


def html_context(
    plan: Plan, checked: DueCheck, root: Path, changes: Changes, period: str, today: dt.date
) -> dict[str, Any]:
    """What the picture report shows, per 科室 (the first responsible unit) and requirement,
    dated by the reference day the check was made for (``--date``)."""
    from .checklist import letterhead

    thumbs = _Thumbnails(root)
    dues = checked.due_dates()
    units: dict[str, list[dict[str, Any]]] = {}
    for r in checked.report.requirements:
        findings = [
            {
                "message": f.message,
                "code": f.code,
                "severity_label": SEVERITY[f.severity],
                "file": f.file_name(r.folder),
                "thumbs": thumbs(f),
            }
            for f in r.findings
            if not f.reminder
        ]
        item = {
            "id": r.id,
            "title": r.title,
            "status": r.status,
            "folder": r.folder,
            "due": dues.get(r.id),
            "findings": findings,
        }
        units.setdefault(r.departments[0], []).append(item)
    order = list(plan.directory.units)
    heads = {u: plan.directory.units[u].head if u in plan.directory.units else None for u in units}
    return {
        **letterhead(plan, "材料检查报告", today),
        "unit_filter": checked.target.name if checked.target else None,
        "root": str(root),
        "period": period,
        "summary": checked.report.summary(),
        "changes": changes,
        "units": [
            {"name": u, "head": heads[u], "items": units[u]}
            for u in sorted(units, key=lambda u: order.index(u) if u in order else len(order))
        ],
        "other": [f.as_json() for f in checked.report.other_findings if f.severity != "info"],
    }


def findings_workbook(plan: Plan, checked: DueCheck) -> bytes:
    """The workbook the office hands out: 问题清单 (a row per finding, 整改 columns to fill) and
    汇总 (科室 × status)."""
    from .xlsx import workbook

    widths = [6, 16, 12, 24, 8, 13, 11, 8, 6, 60, 40, 10, 10, 16]
    statuses = ["科室", *STATUS.values(), "合计"]
    return workbook(
        [
            ("问题清单", FINDING_HEADERS, finding_rows(plan, checked), widths),
            ("汇总", statuses, summary_rows(checked), [24, 8, 8, 8, 8, 8, 8]),
        ]
    )


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
) -> dict[str, str]:
    """The text files of the folder, by name."""
    from .checklist import submission
    from .evidence.results import render_text
    from .output import to_json
    from .templating import render_template

    period = window.chinese if window else "全部申报项"
    files = {
        JSON_NAME: to_json(data, compact=True),
        "检查结果.txt": changes.text() + "\n" + render_text(checked.report),
        "变化.txt": changes.text(),
        "检查结果.html": render_template(
            "report.html.j2", html_context(plan, checked, evidence, changes, period, today)
        ),
    }
    if window is not None:
        context = submission(plan, window, today, checked.target, checked)
        files["提交清单.html"] = render_template("submission.html.j2", context)
    return files


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
    from . import __version__

    checked = check_due(
        plan, evidence, target, window, today, use_cache=use_cache, jobs=jobs, progress=progress
    )
    now = now or dt.datetime.now()
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_partials(out_dir)
    name = now.strftime("%Y-%m-%d_%H%M")
    previous_name, previous, why = newest_report(out_dir)
    data = {
        "version": __version__,
        "generated": now.isoformat(timespec="seconds"),
        **checked.report.as_json(),
    }
    changes = compare(previous, data, previous_name)
    changes.note = (changes.note + why).strip()
    data["changes"] = changes.as_json()
    import tempfile

    from .fsutil import normal_mode

    temporary = Path(tempfile.mkdtemp(prefix=f".{name}.partial-{os.getpid()}-", dir=out_dir))
    os.chmod(temporary, normal_mode(directory=True))  # mkdtemp makes 0700: colleagues read it
    try:
        for file_name, text in _texts(
            plan, checked, evidence, data, changes, window, today
        ).items():
            (temporary / file_name).write_text(decodable(text), encoding="utf-8")
        (temporary / "检查结果.xlsx").write_bytes(findings_workbook(plan, checked))
        folder = publish_folder(temporary, out_dir, _names(now))
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return ReportRun(folder, checked, changes)
