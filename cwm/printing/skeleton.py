"""`cwm init`: the evidence skeleton — a folder per requirement item under its 科室, each with a
note (要求.txt: Windows opens it on a double-click) saying what belongs there.

Never overwrites or deletes: an item that already has a folder anywhere in the tree (found by the
checker's own walker) gets no second one, and an existing note is left as it is. A re-run creates
only what is missing and reports it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, assert_never

from cwm import labels
from cwm.evidence import NOTES_FILE
from cwm.periods import Period
from cwm.plan import Plan
from cwm.plan.models import ActivityLedger, AnyMaterial, Document, Evaluation, Images, Report, Table
from cwm.plan.units import Target
from cwm.schedule.cadence import rule_text
from cwm.schedule.duties import duties_for
from cwm.schedule.sources import Judged, Source, source_of, tasks

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def folder_name(ident: str, title: str) -> str:
    """``<id> <short title>``, safe on Windows and POSIX."""
    return f"{ident} {_UNSAFE.sub('_', title).strip(' .')}"


def how_to_file(material: AnyMaterial) -> str:
    """How to name and sort files so that the checker reads captions and groups."""
    match material:
        case Images():
            return _how_to_file_images(material)
        case Report():
            return "说明报告存为 .docx（或 .pdf、.doc、.wps、.txt），字数按 Word“字数统计”计算"
        case Document():
            return "正式发文的 PDF 或 Word 文件，首页应有发文字号"
        case Table():
            names: list[str] = []
            for metric in material.metrics:
                for name in (metric.numerator, metric.denominator):
                    if name not in names:
                        names.append(name)
            return (
                "数据表格存为 .xlsx 或 .csv：第一列写指标名称（"
                + "、".join(names)
                + "），第二列写数值"
            )
        case Evaluation():
            return ""
        case ActivityLedger():
            return (
                "台账存为 .xlsx 或 .csv（或 Word 中的表格）：表头有“日期”列，一次活动一行，"
                "日期写成 2023-05-12"
            )
        case _:
            assert_never(material)


def _how_to_file_images(material: Images) -> str:
    """Photos and screenshots: the file name's fields (or a captions table) and the groups'
    subfolders."""
    parts: list[str] = []
    if material.caption:
        example = {
            "活动时间": "2021-04-04",
            "刊发时间": "2021-05-20",
            "主办单位": "市民政局",
            "单位名称": "某某协会",
            "活动主题": "活动主题",
            "小区名称": "某某小区",
            "服务功能": "日间照料",
            "中心名称": "某某中心",
            "标题": "报道标题",
            "媒体名称": "资阳日报",
        }
        sample = "_".join(example.get(f, f) for f in material.caption)
        dates = "（日期可写 2021-04-04、20210404 或 2021年4月4日）" if material.date_field else ""
        parts.append(
            f"文件名写成“{'_'.join(material.caption)}.jpg”，如 {sample}.jpg{dates}；"
            "也可在本文件夹放 照片说明.xlsx 或 captions.csv（列：文件名、"
            + "、".join(material.caption)
            + "）"
        )
    if material.groups and not material.groups.field:
        groups = material.groups
        first = (groups.required or groups.allowed or ["名称"])[0]
        parts.append(f"每个{groups.name}建一个子文件夹（如 {first}/）")
    return "；".join(parts)


def note_context(plan: Plan, duty: Any) -> dict[str, Any]:
    row, item = duty.row, duty.item
    year = Period(plan.year, "year")
    owed = tasks.owed(plan, duty, year)
    days = "、".join(sorted({d.due.isoformat() for d in owed.deadlines}))
    return {
        "id": item.id,
        "title": item.title,
        "departments": list(duty.departments),
        "contacts": [{"name": c.name, "phone": c.phone or ""} for c in duty.contacts],
        "indicator": row.indicator_path(),
        "standard": row.standard_line,
        "requirement": item.requirement,
        "materials": [
            {
                "name": labels.MATERIAL[m.type],
                "collection": labels.COLLECTION[item.collection_of(m)],
                "summary": labels.material(m).split("：", 1)[1],
                "text": m.text,
                "how": how_to_file(m),
                "manual": plan.tasks.manual_items(m),
            }
            for m in item.materials
        ],
        "deadline_rule": (
            f"季度收集的材料每季度交，半年收集的在第二、四季度交；截止日为"
            f"{rule_text(plan.tasks.rules.deadline)}（{plan.year}年：{days or '无'}）。"
            "用 `cwm due` 查看本期的截止日期。"
        ),
    }


def _manual(source: Source) -> list[str]:
    """How the checker judges a part of the plan, as its rule module says (the manual of
    ``cwm rules``): one paragraph a line."""
    import importlib

    if source.manual is None:
        return []
    paragraphs = (importlib.import_module(source.manual).__doc__ or "").strip().split("\n\n")
    return ["".join(line.strip() for line in p.splitlines()) for p in paragraphs]


def duty_context(duty: Any) -> dict[str, Any]:
    """The note of a site, liaison or publicity duty's folder."""
    return {
        "id": duty.id,
        "title": duty.title,
        "source": source_of(duty).label,
        "departments": duty.responsible,
        "contacts": [{"name": c.name, "phone": c.phone or ""} for c in duty.contacts],
        "cadence": duty.cadence,
        "text": duty.summary,
        "manual": _manual(source_of(duty)),
    }


@dataclass
class InitResult:
    created_folders: list[Path] = field(default_factory=list)
    created_notes: list[Path] = field(default_factory=list)
    existing: list[Path] = field(default_factory=list)


def _write_new(path: Path, text: str) -> bool:
    """Write ``path`` whole, only if it does not exist (never overwrites). True if written."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".cwm-", suffix=".tmp", dir=path.parent)
    try:
        # UTF-8 with a BOM and CRLF: Windows Notepad of any age opens the note right
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="\r\n") as handle:
            handle.write(text)
        try:
            os.link(tmp, path)  # atomic, and fails if the note exists
        except FileExistsError:
            return False
        except OSError:  # file systems without hard links
            if path.exists():
                return False
            os.replace(tmp, path)
            return True
        return True
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def init(
    plan: Plan, root: Path, target: Target | None = None, template_dir: Path | None = None
) -> InitResult:
    """Create the skeleton under ``root`` for ``target``'s items (all items when None)."""
    from cwm.evidence import scan_tree
    from cwm.printing.templating import render_template
    from cwm.schedule.loopduties import loop_titles

    root.mkdir(parents=True, exist_ok=True)
    existing = scan_tree(root, plan.tasks.titles(), more=loop_titles(plan)).folders
    result = InitResult()
    for duty in duties_for(plan, target):
        source = source_of(duty)
        match source.judged:
            case Judged.NOT:
                continue
            case Judged.REQUIREMENT:
                unit = next(
                    (u for u in duty.departments if target is None or u in target.units),
                    duty.departments[0],
                )
                place = root / unit
                template, context = "requirement.md.j2", note_context(plan, duty)
            case Judged.LOOP:
                place = root / str(source.area)
                template, context = "duty.md.j2", duty_context(duty)
            case _:
                assert_never(source.judged)
        if duty.id in existing:
            folder = existing[duty.id].path
            result.existing.append(folder)
        else:
            folder = place / folder_name(duty.id, duty.title)
            folder.mkdir(parents=True, exist_ok=True)
            for name in source.subfolders(duty):
                (folder / name).mkdir(exist_ok=True)
            result.created_folders.append(folder)
        note = folder / NOTES_FILE
        text = render_template(template, context, template_dir)
        if not note.exists() and _write_new(note, text):
            result.created_notes.append(note)
    return result
