"""What is due, checked against an evidence folder.

The one place that joins ``due`` (what a unit owes in a period) and the evidence checker (what a
folder holds): ``check_due`` selects the requirement items due for a unit in a period (all
items without a period), runs the checker on exactly that selection, and joins each result onto
its due item. ``cwm check``, ``cwm due --evidence`` and ``cwm checklist --evidence`` all call it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cwm.evidence import (
    CheckResult,
    Finding,
    OnProgress,
    Requirement,
    RequirementResult,
    area_of,
    run_check,
)
from cwm.labels import DUE_STATUS, OPTIONAL, STATUS, THIS_PERIOD
from cwm.periods import Period, festivals_in, folder_period, known_festivals, overlaps
from cwm.plan import Plan
from cwm.plan.units import Target
from cwm.schedule.due import DueItem, due
from cwm.schedule.duties import duties_for
from cwm.schedule.loopduties import loop_duties, loop_titles
from cwm.schedule.sources import Judged, judged_as
from cwm.vocab import DONE, Severity, Status

REASONS_SHOWN = 3


def _is_optional(result: RequirementResult) -> bool:
    """Nothing was mandatory and nothing was handed in (what is handed in is judged as usual)."""
    return any(f.code == "optional" for f in result.findings)


def _required_groups(item: DueItem) -> frozenset[str]:
    """The groups required in the item's period: a festival only when it falls in it."""
    festivals = set(known_festivals())
    always = {
        name
        for m in item.materials
        for name in getattr(getattr(m, "groups", None), "required", [])
        if name not in festivals
    }
    return frozenset(always | {f.name for f, required in item.festivals if required})


def _optional(item: DueItem) -> bool:
    """Nothing of the item is mandatory in its period: its only materials are festival photos,
    and none of the festivals in the period is required (the others are 择优报送)."""
    festival_photos = all(
        getattr(getattr(m, "groups", None), "allowed", None) for m in item.materials
    )
    return bool(item.festivals) and festival_photos and not any(r for _, r in item.festivals)


def _collected(item: DueItem) -> tuple[tuple[int, dt.date, dt.date], ...]:
    """For each photo material of a quarterly or monthly collection (每季度的材料是本季度的) due
    in the checked period: the period it is collected for — the first to last day of the
    collection periods closing then. Festivals' photos (按时间节点) are judged by their day. A 台账
    counts its activities in the period it is collected for, whatever its cadence."""
    out = []
    for index, material in enumerate(item.materials):
        if material.type != "ledger":
            if material.type not in ("photos", "screenshot") or getattr(material, "groups", None):
                continue
            if item.duty.item.collection_of(material) not in ("quarterly", "monthly"):
                continue
        periods = [d.period for d in item.deadlines if any(m is material for m in d.materials)]
        if periods:
            out.append((index, min(p.start for p in periods), max(p.end for p in periods)))
    return tuple(out)


def select(
    plan: Plan, target: Target | None, window: Period | None, today: dt.date
) -> tuple[list[DueItem] | None, list[Requirement]]:
    """The due items (None without a period) and the requirement items to check.

    Without a window: every 附件1 item (of ``target`` when given) with all its materials. With
    one: the items due in it, with the materials due then (III-70-2-1 in Q1: the photos only).
    """
    units = _units(plan)
    if window is None:
        requirements = [
            Requirement(
                d.item_row, d.item, tuple(d.item.materials), reference_day=today, **units(d)
            )
            for d in duties_for(plan, target)
            if judged_as(d, Judged.REQUIREMENT)
        ]
        return None, requirements
    items = due(plan, window, today, target)
    requirements = [
        Requirement(
            i.duty.item_row,
            i.duty.item,
            i.materials,
            required_groups=_required_groups(i),
            optional=_optional(i),
            reference_day=today,
            collected=_collected(i),
            **units(i.duty),
        )
        for i in items
        if judged_as(i.duty, Judged.REQUIREMENT)
    ]
    return items, requirements


def _units(plan: Plan) -> Any:
    """The units a requirement names, resolved for the checker (which knows no units): its
    departments, and what “各责任单位” stands for (every institution and partner)."""
    responsible = tuple(
        (u.name, *u.aliases) for u in plan.org.units if u.kind in ("institution", "partner")
    )
    days = tuple((f.name, f.date) for f in festivals_in(Period.parse(str(plan.year))))

    def of(duty: Any) -> dict[str, Any]:
        return {
            "departments": duty.departments,
            "responsible_units": responsible,
            "festival_days": days,
        }

    return of


def scope(plan: Plan, evidence: Path, target: Target | None) -> tuple[Target | None, str | None]:
    """What the checked folder's own name narrows the check to: a unit's folder (养老服务科/)
    its unit's items, one requirement's or duty's folder (III-27-3-2 …/, L-6 …/) that one.
    (target, id)."""
    from cwm.evidence import IdMatcher

    name = evidence.resolve().name
    ident = IdMatcher(plan.tasks.titles(), loop_titles(plan)).match(name)
    if ident is not None or target is not None:
        return target, ident
    unit = folder_unit(plan, name)
    return (Target("unit", unit, (unit,)) if unit else None), None


def folder_unit(plan: Plan, name: str) -> str | None:
    """The unit a folder's name says it is the folder of: 养老服务科, 1.养老服务科 (numbered to
    sort it), 养老服务科（上半年）."""
    from cwm.evidence import without_ordinal

    return plan.directory.unit_of_folder(without_ordinal(name))


def _worst_first(findings: list[Finding]) -> list[Finding]:
    """The errors, then the warnings: the reasons of a status."""
    return [f for f in findings if f.severity == Severity.ERROR] + [
        f for f in findings if f.severity == Severity.WARNING
    ]


@dataclass
class DueCheck:
    """The due items of a period (None when checked without one) and the check of the folder."""

    window: Period | None
    items: list[DueItem] | None
    report: CheckResult
    target: Target | None = None
    """Whose duties were checked (from --dept, or the checked folder's name)."""
    today: dt.date | None = None
    """The reference day the check was made for (``--date``)."""

    @property
    def heading(self) -> str:
        """``2021年第二季度　参考日 2021-06-20`` for printed headers."""
        period = self.window.chinese if self.window else "全部申报项"
        return f"{period}　参考日 {self.today}" if self.today else period

    def result(self, ident: str) -> RequirementResult | None:
        return self.report.result(ident)

    def due_dates(self) -> dict[str, str]:
        """Requirement id -> its due date (ISO), for the items due in the period (none without
        one)."""
        return {i.duty.id: i.due.isoformat() for i in self.items or []}

    def status_label(self, item: DueItem) -> str:
        result = self.result(item.duty.id)
        if result is None:
            return ""
        return OPTIONAL if _is_optional(result) else DUE_STATUS[result.status]

    def reasons(self, item: DueItem) -> list[str]:
        """The first reasons of an item's status: errors, then warnings (and, for an item a
        person must check, what to check)."""
        result = self.result(item.duty.id)
        if result is None:
            return []
        ranked = _worst_first(result.findings)
        if result.status == Status.MANUAL:
            ranked += [f for f in result.findings if not f.reminder]
        return [f.message for f in ranked[:REASONS_SHOWN]]

    def columns(self) -> list[tuple[str, Any]]:
        """``due.COLUMNS`` with each item's status and first reasons after its title."""
        from cwm.schedule.due import COLUMNS

        return [*COLUMNS[:4], ("状态", self.status_label), ("原因", self.reasons), *COLUMNS[4:]]

    def item_json(self, item: DueItem) -> dict[str, Any]:
        """``item.as_json()`` with its ``status`` and ``reasons`` (附件1 items)."""
        data = item.as_json()
        result = self.result(item.duty.id)
        if result is not None:
            data["status"] = result.status
            data["reasons"] = self.reasons(item)
        return data

    def standing(self) -> str:
        """The duties judged but not due in the period (the sites' upkeep, the 常态化 liaison and
        publicity), one line each with its state and first reason, for ``due --evidence``."""
        due = {i.duty.id for i in self.items or []}
        lines = []
        for result in self.report.requirements:
            if result.id in due or result.id[0] not in "SLP":
                continue
            ranked = _worst_first(result.findings)
            why = f"——{ranked[0].message}" if ranked else ""
            lines.append(f"  {result.id} {result.title}：{STATUS[result.status]}{why}")
        if not lines:
            return ""
        return (
            "\n常态化职责（实地点位、包联、宣传，不按截止日期列出）：\n" + "\n".join(lines) + "\n"
        )

    def nothing_due(self) -> str:
        """“养老服务科 2021年第一季度没有到期的申报事项（附件1）。”"""
        who = f"{self.target.name} " if self.target else ""
        when = self.window.chinese if self.window else ""
        return f"{who}{when}没有到期的申报事项（附件1），无需检查。"

    def summary_line(self) -> str:
        """“本季度应交材料 9 项，已完成 4 项。”"""
        results = self.report.requirements
        if self.items is not None:  # what falls due in the period, not everything judged
            due = {i.duty.id for i in self.items}
            results = [r for r in results if r.id in due]
        optional = sum(1 for r in results if _is_optional(r))
        done = sum(1 for r in results if r.status in DONE) - optional
        period = THIS_PERIOD[self.window.kind] if self.window else "全部"
        rest = f"，{optional} 项{OPTIONAL}（择优报送）" if optional else ""
        return f"{period}应交材料 {len(results)} 项，已完成 {done} 项{rest}。"


def check_due(
    plan: Plan,
    evidence: Path,
    target: Target | None = None,
    window: Period | None = None,
    today: dt.date | None = None,
    *,
    use_cache: bool = True,
    jobs: int = 0,
    progress: OnProgress | None = None,
    thumbnails: bool = False,
) -> DueCheck:
    """Check ``evidence`` for what ``target`` (everyone when None) owes in ``window`` (every
    附件1 item when None), as seen on ``today`` (``thumbnails``: for a report, see
    ``read_files``)."""
    target, only = scope(plan, evidence, target)
    today = today or dt.date.today()
    items, requirements = select(plan, target, window, today)
    loops = loop_duties(plan, target, window, today)
    area = area_of(evidence.resolve().name)
    if only is not None:
        requirements = [r for r in requirements if r.item.id == only]
        loops = [d for d in loops if d.id == only]
    elif area is not None:  # 实地点位/ checked alone: its duties, not 附件1's
        requirements, loops = [], [d for d in loops if isinstance(d, area)]
    report = run_check(
        plan.tasks,
        evidence,
        requirements,
        use_cache=use_cache,
        jobs=jobs,
        progress=progress,
        keep=_this_period(window),
        loops=loops,
        loop_titles=loop_titles(plan),
        thumbnails=thumbnails,
    )
    root = evidence_root(plan, evidence)
    if root is not None:
        report.other_findings.insert(0, _partial(evidence, root, target))
    elif target is None and only is None and area is None:
        typo = _unit_folder_typo(plan, evidence)
        if typo is not None:
            report.other_findings.insert(0, typo)
    return DueCheck(window, items, report, target, today)


def _unit_folder_typo(plan: Plan, evidence: Path) -> Finding | None:
    """The checked folder's name is a 科室's, mistyped (养老服物科): it was checked as the whole
    evidence tree — every item, most 缺失 — where the office meant that 科室's."""
    from cwm.evidence import RULES, without_ordinal

    name = evidence.resolve().name
    unit = plan.directory.near_unit(without_ordinal(name))
    if unit is None:
        return None
    code = RULES.codes["unit-folder-typo"]
    message = (
        f"文件夹名“{name}”像是“{unit}”（名称不完全相同），所以按材料总目录检查了全部申报项。"
        f"只检查这个科室：把文件夹改名为“{unit}”，或加 --dept {unit}。"
    )
    return Finding(code.code, code.severity, message, None, (), code.traits)


def _this_period(window: Period | None) -> Any:
    """With a period: a folder named after a period that does not overlap it (2021年第一季度/
    when checking 2021Q2) is not walked; its copies of the items are not duplicates."""
    if window is None:
        return None

    def keep(name: str) -> bool:
        period = folder_period(name, window.year)
        return period is None or overlaps(period, window)

    return keep


def evidence_root(plan: Plan, evidence: Path) -> Path | None:
    """When the checked folder is a 科室's or one item's folder (its name says so), the folder
    the whole evidence tree likely is: the nearest ancestor whose name is neither. Decided by
    the names alone: nothing outside the folder the user named is read."""
    from cwm.evidence import IdMatcher

    matcher = IdMatcher(plan.tasks.titles())

    def below(path: Path) -> bool:
        return matcher.match(path.name) is not None or folder_unit(plan, path.name) is not None

    path = evidence.resolve()
    if not below(path):
        return None
    return next((parent for parent in path.parents if not below(parent)), None)


def _partial(evidence: Path, root: Path, target: Target | None) -> Finding:
    from cwm.evidence import RULES

    code = RULES.codes["partial-tree"]
    dept = f" --dept {target.name}" if target else ""
    message = (
        f"只检查了“{evidence.name}”这个文件夹：其中的照片没有与其他科室、其他申报项的材料比较是否重复"
        f"（同一张照片只能报送1个指标）。提交前请在材料总目录上检查：cwm check “{root}”{dept}"
    )
    return Finding(code.code, code.severity, message, None, (), code.traits)
