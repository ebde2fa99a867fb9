"""Chinese wording of structured data: statuses, severities, periods, cadences, material types,
word targets, material summaries.

One place for every label, so `check`, `due`, `duties` and the checklists say things the same way.
"""

from __future__ import annotations

from typing import assert_never

from cwm.plan.models import (
    ActivityLedger,
    AnyMaterial,
    Document,
    Evaluation,
    Images,
    Item,
    LiaisonDuty,
    Report,
    Table,
    WordTarget,
)
from cwm.vocab import OP_SIGNS, Status

COLLECTION = {
    "monthly": "每月收集",
    "quarterly": "季度收集",
    "half_yearly": "半年收集",
    "yearly": "每年收集",
}
CADENCE = {
    "monthly": "每月",
    "quarterly": "每季度",
    "half_yearly": "每半年",
    "yearly": "每年",
    "ongoing": "常态化",
}
MATERIAL = {
    "report": "说明报告",
    "photos": "图片资料",
    "screenshot": "媒体报道截图",
    "document": "正式发文",
    "table": "数据表格",
    "evaluation": "部门评价",
    "ledger": "工作台账",
}
UNIT_KIND = {
    "bureau": "本局",
    "section": "科室",
    "institution": "直属单位",
    "partner": "包联协作单位",
}

STATUS = {
    Status.PASS: "已达标",
    Status.WARN: "有警告",
    Status.FAIL: "未达标",
    Status.MISSING: "缺失",
    Status.MANUAL: "人工核对",
}
"""The checker's verdict on a requirement item (``cwm check``, the checklists)."""
DUE_STATUS = {
    Status.PASS: "已完成",
    Status.WARN: "已完成",
    Status.FAIL: "未达标",
    Status.MISSING: "缺失",
    Status.MANUAL: "人工核对",
}
"""The same verdicts as `due --evidence` names them: a warning does not block a submission."""
OPTIONAL = "本期无必报"
"""`due --evidence`'s word for an item with nothing mandatory in the period (择优报送)."""
THIS_PERIOD = {"quarter": "本季度", "half": "本半年", "month": "本月", "year": "本年度"}
REQUIRED = {True: "必报", False: "择优报送"}
"""A festival's photos: required of the bureau, or submitted by choice."""


def words(target: WordTarget) -> str:
    """``500字左右``, ``800字以内`` or ``不少于800字``."""
    if target.about is not None:
        return f"{target.about}字左右"
    if target.at_most is not None:
        return f"{target.at_most}字以内"
    return f"不少于{target.at_least}字"


def material(m: AnyMaterial) -> str:
    """One line saying what a material asks for, with its numbers."""
    name = MATERIAL[m.type]
    parts: list[str] = []
    match m:
        case Report():
            parts.append(words(m.words) + ("（汇总）" if m.aggregates else ""))
            if m.min_measures:
                parts.append(f"{m.min_measures}项以上举措")
            if m.needs_figures:
                parts.append("有数据支撑")
        case Images():
            if m.groups and m.groups.per_group:
                parts.append(f"每个{m.groups.name}{m.groups.per_group}张")
            if m.count and m.count_max:
                parts.append(f"{m.count}至{m.count_max}张")
            elif m.count:
                parts.append(f"{'不少于' if m.at_least else ''}{m.count}张")
            if m.groups and m.groups.min_groups:
                parts.append(f"{m.groups.min_groups}个不同{m.groups.name}")
            if m.groups and m.groups.required:
                parts.append(f"必报：{'、'.join(m.groups.required)}")
            if m.caption:
                parts.append(f"注明{'、'.join(m.caption)}")
        case Document():
            parts.append(f"{m.count}份以上")
        case Table():
            for metric in m.metrics:
                parts.append(
                    f"{metric.numerator}/{metric.denominator} "
                    f"{OP_SIGNS[metric.op]}{metric.percent:g}%"
                )
        case Evaluation():
            parts.append("无需报送文件，由省级部门评价")
        case ActivityLedger():
            period = CADENCE.get(m.collection or "", "每期")
            parts.append(f"{period}不少于{m.count}{m.unit_word}" if m.count else "逐条记录活动")
        case _:
            assert_never(m)
    return f"{name}：{'，'.join(parts)}"


def item_collection(item: Item) -> str:
    """``季度收集``, or per material where they differ (``图片资料季度收集，说明报告半年收集``)."""
    cadences = {item.collection_of(m) for m in item.materials}
    if len(cadences) == 1:
        return COLLECTION[cadences.pop()]
    return "，".join(
        f"{MATERIAL[m.type]}{COLLECTION[item.collection_of(m)]}" for m in item.materials
    )


def liaison(duty: LiaisonDuty) -> str:
    """``每月2次``, ``每年9月前1次以上``, ``每年10月前，群众参与率98%、满意率95%以上``."""
    text = CADENCE[duty.cadence]
    if duty.before_month:
        text += f"{duty.before_month}月前"
    if duty.count:
        text += f"{duty.count}{duty.count_word}" + ("以上" if duty.min else "")
    if duty.targets:
        text += "，" + "、".join(
            f"{t.name}{t.percent:g}%" + ("以上" if t.min else "") for t in duty.targets
        )
    return text
