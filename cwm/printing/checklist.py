"""What the printable checklists show, as plain data for the templates (no HTML here).

``submission``: per unit, the requirement items due in a period with their materials, numbers,
deadline, contact and manual tick boxes (and, given a check report, each item's result).
``sites``: 附件2's self-inspection sheets. ``grid``: 附件4's rows per unit and 附件3's duties as
a year calendar.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from cwm import labels
from cwm.periods import Period
from cwm.plan import Plan
from cwm.plan.models import LiaisonDuty
from cwm.plan.units import Target
from cwm.schedule import sources
from cwm.schedule.due import DueItem, by_unit, due
from cwm.schedule.duties import duties_for
from cwm.schedule.sources import Judged, judged_as, of_source

if TYPE_CHECKING:
    from cwm.schedule.duecheck import DueCheck


PRINTED: dt.date | None = None
"""The day printed as 生成日期; None: the real today (tests fix it for golden files)."""


def letterhead(plan: Plan, title: str, today: dt.date) -> dict[str, Any]:
    """The letterhead: 生成日期 is the day the sheet is made; 参考日 (the reference day of a
    period, ``--date``) is shown beside it when it is another day."""
    printed = PRINTED or dt.date.today()
    return {
        "title": title,
        "plan_title": plan.org.plan.title,
        "document_number": plan.org.plan.document_number,
        "issuer": plan.org.plan.issuer,
        "generated": printed.isoformat(),
        "reference_day": today.isoformat() if today != printed else None,
    }


def submission(
    plan: Plan,
    window: Period,
    today: dt.date,
    target: Target | None = None,
    checked: DueCheck | None = None,
) -> dict[str, Any]:
    """Context of the submission checklist; with ``checked``, each item's check result."""
    items = checked.items if checked is not None else due(plan, window, today, target)
    units = []
    judged = [i for i in items or [] if judged_as(i.duty, Judged.REQUIREMENT)]
    for unit, unit_items in by_unit(plan, judged):
        rows = []
        for item in unit_items:
            result = checked.result(item.duty.id) if checked is not None else None
            rows.append(_submission_row(item, plan, result))
        units.append(
            {
                "name": unit,
                "head": plan.directory.units[unit].head if unit in plan.directory.units else None,
                "items": rows,
            }
        )
    notes = plan.tasks.notes
    return {
        **letterhead(plan, f"{window.chinese}网上申报材料提交清单", today),
        "period": {
            "label": window.label,
            "name": window.chinese,
            "start": window.start.isoformat(),
            "end": window.end.isoformat(),
        },
        "unit_filter": target.name if target else None,
        "units": units,
        "notes": [notes.document, notes.photos, notes.report, notes.table],
        "checked": checked is not None,
    }


def _submission_row(item: DueItem, plan: Plan, result: Any) -> dict[str, Any]:
    duty = item.duty
    row = duty.row
    assert row is not None
    manual = list(
        dict.fromkeys(text for m in item.materials for text in plan.tasks.manual_items(m))
    )
    return {
        "id": duty.id,
        "title": duty.title,
        "indicator": row.indicator_path(),
        "standard": row.standard_line,
        "requirement": duty.item.requirement,
        "materials": [labels.material(m) for m in item.materials],
        "material_texts": [m.text for m in item.materials],
        "festivals": [
            {"name": f.name, "date": f.date.isoformat(), "required": required}
            for f, required in item.festivals
        ],
        "due": item.due.isoformat(),
        "overdue": item.overdue,
        "contacts": [{"name": c.name, "phone": c.phone or ""} for c in duty.contacts],
        "manual": manual,
        "result": None
        if result is None
        else {
            "status": result.status,
            "findings": [
                {
                    "severity": f.severity,
                    "code": f.code,
                    "message": f.message,
                    "path": f.path,
                    "file": f.file_name(result.folder),
                }
                for f in result.findings
                if not f.reminder
            ],
        },
    }


def sites(plan: Plan, today: dt.date, target: Target | None = None) -> dict[str, Any]:
    """Context of the site self-inspection sheets (附件2)."""
    sheets = []
    for duty in of_source(duties_for(plan, target), sources.sites.SOURCE):
        site = sources.sites.record_of(duty)
        sheets.append(
            {
                "id": site.id,
                "number": site.number,
                "name": site.name,
                "indicator": site.indicator,
                "unit": duty.departments[0],
                "unit_as_written": site.unit,
                "contacts": [{"name": c.name, "phone": c.phone or ""} for c in site.contacts],
                "standards": [{"number": s.number, "text": s.text} for s in site.standards],
            }
        )
    return {
        **letterhead(plan, "实地点位自查表", today),
        "sheets": sheets,
        "unit_filter": target.name if target else None,
    }


def grid(plan: Plan, year: int, today: dt.date, target: Target | None = None) -> dict[str, Any]:
    """Context of the grid sheet (附件4 per unit) and the liaison calendar (附件3) for ``year``."""
    rows = []
    for duty in of_source(duties_for(plan, target), sources.grid.SOURCE):
        record = sources.grid.record_of(duty)
        rows.append(
            {
                "id": record.id,
                "unit": duty.departments[0],
                "unit_as_written": record.unit,
                "community": record.community,
                "city_leader": f"{record.city_leader.name}（{record.city_leader.title}）",
                "district_leader": f"{record.district_leader.name}"
                f"（{record.district_leader.title}）",
                "unit_leader": {
                    "name": record.unit_leader.name,
                    "phone": record.unit_leader.phone or "",
                },
                "contact": {"name": record.contact.name, "phone": record.contact.phone or ""},
                "roads": list(record.roads),
                "compounds": list(record.compounds),
                "grid_workers": [
                    {"name": c.name, "phone": c.phone or ""} for c in record.grid_workers
                ],
                "city_managers": [
                    {"name": c.name, "phone": c.phone or ""} for c in record.city_managers
                ],
            }
        )
    liaison = plan.grid.liaison
    months = []
    for month in range(1, 13):
        window = Period(year, "month", month)
        entries = []
        for item in due(plan, window, today):
            task = item.duty.record
            if not isinstance(task, LiaisonDuty):
                continue
            if task.cadence == "monthly":
                what = f"{task.title}（{task.count}{task.count_word}）"
            else:
                what = (
                    f"{task.title}（{labels.liaison(task)}，{item.due.month}月{item.due.day}日前）"
                )
            entries.append(what)
        months.append({"month": month, "entries": entries})
    standing = [
        {"id": d.id, "title": d.title, "text": d.text}
        for d in (liaison.duties if liaison else ())
        if d.cadence == "ongoing"
    ]
    return {
        **letterhead(plan, f"{year}年包联社区网格责任表与包联工作日历", today),
        "year": year,
        "rows": rows,
        "community": liaison.community if liaison else "",
        "basis": liaison.basis if liaison else "",
        "months": months,
        "standing": standing,
        "unit_filter": target.name if target else None,
    }
