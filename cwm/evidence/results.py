"""What the checker returns: findings, each requirement's result and status, the whole report,
and its plain-text form for people (the JSON form is ``CheckResult.as_json``).

Statuses of a requirement item:

- ``missing``  no folder, or a folder with no evidence file at all
- ``fail``     any error
- ``warn``     any warning
- ``manual``   something only a person can judge (a scan, a 部门评价, an unreadable .doc)
- ``pass``     none of the above
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from cwm.fsutil import CONTROL_ESCAPES, shown
from cwm.labels import STATUS
from cwm.output import by_unit
from cwm.vocab import HasTraits, Severity, Status, Trait

_CONTROL = {c: escape for c, escape in CONTROL_ESCAPES.items() if c != 0x09}


def printable(text: str) -> str:
    """Control characters in file names (a newline, ESC) shown escaped, never sent raw to a
    terminal or a log."""
    return text.translate(_CONTROL)


def finding_key(
    requirement: str | None, code: str | None, path: str | None, topic: str | None = None
) -> str:
    """``III-8-1-3|words-off|家风/报告.docx``: a finding's id, also for a report's JSON written
    before findings carried one. A finding with a topic is that topic's, whatever its code and
    file: ``S-3|S-3（2）`` stays one problem from 整改中 to 逾期, from one inspection sheet to
    the next."""
    if topic:
        return f"{requirement or '-'}|{topic}"
    return f"{requirement or '-'}|{code}|{path or ''}"


@dataclass(frozen=True)
class Finding(HasTraits):
    """A rule's finding with the severity its code declares."""

    code: str
    severity: Severity
    message: str
    """Chinese, ready for users: what is wrong and what to do."""
    path: str | None = None
    """The file or folder it is about, relative to the checked root (``/`` separators)."""
    related: tuple[str, ...] = ()
    """Other files it is about (the other copies of a photo)."""
    traits: frozenset[Trait] = field(default=frozenset(), compare=False)
    """What its code is besides its severity (declared on the rule: ``vocab.Trait``)."""
    topic: str | None = None
    """What it is about beyond any one file (``context.Found.topic``)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", shown(self.message))
        if self.path is not None:
            object.__setattr__(self, "path", shown(self.path))
        object.__setattr__(self, "related", tuple(shown(r) for r in self.related))

    def file_name(self, folder: str | None) -> str | None:
        """The name of the file it is about, as people read it (None when it is about the
        requirement's folder itself)."""
        return self.path.rsplit("/", 1)[-1] if self.path and self.path != folder else None

    def key(self, requirement: str | None) -> str:
        """A stable id: the same finding on the same file in the next run has the same one."""
        return finding_key(requirement, self.code, self.path, self.topic)

    def as_json(self, requirement: str | None = None) -> dict[str, Any]:
        return {
            "id": self.key(requirement),
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "related": list(self.related),
        }


@dataclass
class RequirementResult:
    id: str
    title: str
    departments: tuple[str, ...]
    status: Status
    folder: str | None
    findings: list[Finding] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.folder = shown(self.folder) if self.folder is not None else None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "departments": list(self.departments),
            "status": self.status,
            "folder": self.folder,
            "findings": [f.as_json(self.id) for f in self.findings],
        }


@dataclass
class CheckResult:
    root: str
    requirements: list[RequirementResult]
    other_findings: list[Finding]
    """Findings outside any checked requirement folder (stray files, loops…)."""

    def __post_init__(self) -> None:
        self.root = shown(self.root)

    def count(self, severity: Severity) -> int:
        every = [f for r in self.requirements for f in r.findings] + self.other_findings
        return sum(1 for f in every if f.severity == severity)

    def result(self, ident: str) -> RequirementResult | None:
        return next((r for r in self.requirements if r.id == ident), None)

    def summary(self) -> dict[str, Any]:
        statuses = {s.value: sum(1 for r in self.requirements if r.status == s) for s in Status}
        return {
            "root": self.root,
            "requirements": len(self.requirements),
            **statuses,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "requirements": [r.as_json() for r in self.requirements],
            "other_findings": [f.as_json() for f in self.other_findings],
        }


def _line(finding: Finding, where: str = "") -> str:
    return printable(f"  {finding.severity.label} [{finding.code}] {finding.message}{where}")


def by_department(
    results: Sequence[RequirementResult], order: Sequence[str] = ()
) -> list[tuple[str, list[RequirementResult]]]:
    """Results under each 科室 (``order`` first, as org.yaml lists them, then as met), each
    group in the results' own order; an item of two 科室 is in both groups, one of none under
    ``NO_DEPARTMENT``."""
    return by_unit(results, lambda result: result.departments, order, NO_DEPARTMENT)


NO_DEPARTMENT = "未写明科室"


def render_text(report: CheckResult, unit_order: Sequence[str] = ()) -> str:
    """The check for people: a summary line, then under each 科室 each item with its findings
    (an item two 科室 share is written out under the first and named under the other); the
    人工核对 items several items share said once at the end (a legend), an item's own under it."""
    from collections import Counter

    reminders = [
        {f.message.removeprefix("人工核对：") for f in r.findings if f.reminder}
        for r in report.requirements
    ]
    shared = {text for text, n in Counter(t for texts in reminders for t in texts).items() if n > 1}
    summary = report.summary()
    counts = "，".join(f"{STATUS[s]} {summary[s]}" for s in Status if summary[s])
    lines = [
        f"检查 {printable(report.root)}：{summary['requirements']} 项申报要求——{counts}；"
        f"错误 {summary['errors']} 个，警告 {summary['warnings']} 个。",
        "",
    ]
    written: dict[str, str] = {}
    for unit, results in by_department(report.requirements, unit_order):
        lines += [printable(f"【{unit}】（{len(results)} 项）"), ""]
        for result in results:
            folder = f"（{result.folder}）" if result.folder else ""
            head = f"{result.id} {result.title}：{STATUS[result.status]}"
            if result.id in written:
                lines += [printable(f"{head}（与{written[result.id]}共同负责，详见上文）"), ""]
                continue
            written[result.id] = unit
            lines.append(printable(head + folder))
            lines += _findings(result, shared)
            lines.append("")
    if report.other_findings:
        lines.append("其他：")
        lines.extend(
            _line(finding, f"  ← {finding.path}" if finding.path else "")
            for finding in report.other_findings
        )
        lines.append("")
    if shared:
        order = [t for texts in reminders for t in sorted(texts) if t in shared]
        lines.append("共同的人工核对事项（提交前请逐项确认，程序无法判断）：")
        lines += [f"  - {text}" for text in dict.fromkeys(order)]
        lines.append("")
    return "\n".join(lines)


def _findings(result: RequirementResult, shared: set[str]) -> list[str]:
    """An item's findings, one a line; its own 人工核对 items in one line, shared ones as a
    pointer to the legend."""
    lines, manual, legend = [], [], False
    for finding in result.findings:
        if finding.reminder:
            text = finding.message.removeprefix("人工核对：")
            if text in shared:
                legend = True
            else:
                manual.append(text)
            continue
        here = finding.path and finding.path != result.folder
        lines.append(_line(finding, f"  ← {finding.path}" if here else ""))
    if manual:
        lines.append(f"  人工核对：{'；'.join(manual)}")
    if legend:
        lines.append("  人工核对：另见文末“共同的人工核对事项”")
    return lines
