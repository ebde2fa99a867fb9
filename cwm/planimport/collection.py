"""An item's collection (季度收集, 每半年, 每年) and its own deadline (每年11月底前, 6月20日前,
每季度末), from the 责任清单's frequency cell. A cell that says more than the cadence's word is
read and listed for a person with what was made of it."""

from __future__ import annotations

import re
from typing import Any

from cwm.labels import CADENCE
from cwm.planimport import phrases as ph
from cwm.planimport.materials import LABELS, ImportContext

COLLECTIONS = {
    "季度": "quarterly",
    "半年": "half_yearly",
    "月": "monthly",
    "年度": "yearly",
    "全年": "yearly",
    "每年": "yearly",
    "一年": "yearly",
}
PLAIN_COLLECTIONS = frozenset(
    {"季度收集", "半年收集", "每季度", "每半年", "每月", "每年", "季度", "半年", "年度", "月度"}
    | {"按季度", "按半年", "按月", "按年", "每季度报送", "每半年报送", "每月报送", "每年报送"}
    | {"年度收集", "月度收集"}
)
"""The cadence as a word, read as it is written; anything more (a date, 前, 底) is inferred and
goes on the review list."""
_ITEM_DEADLINE = re.compile(
    r"(?:每年)?\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日|底|末|份)?\s*(?:前|之前|以前|截止)"
)


_LONGEST_FIRST = sorted(LABELS, key=len, reverse=True)
_PER_MATERIAL = re.compile(rf"[\n，,；;]|(?=(?:{'|'.join(_LONGEST_FIRST)})(?:季度|半年|每|按))")
"""Where one material's collection ends and the next's starts (图片资料季度收集，说明报告半年收集,
or run together: 图片资料季度收集说明报告半年收集)."""


def collection_of(
    text: str, materials: list[dict[str, Any]], ctx: ImportContext
) -> tuple[str | None, dict[str, Any] | None]:
    """The item's collection (季度收集 / 半年收集) and its own deadline (每年11月底前), or per
    material (图片资料季度收集，说明报告半年收集: written on the materials, None returned)."""
    parts = _PER_MATERIAL.split(text)
    lines = [ph.squeeze(line) for line in parts if line and ph.squeeze(line)]
    per_type: dict[str, str] = {}
    for line in lines:
        label = next((LABELS[k] for k in _LONGEST_FIRST if line.startswith(k)), None)
        cadence = next((v for k, v in COLLECTIONS.items() if k in line), None)
        if label and cadence:
            per_type[label] = cadence
    if per_type:
        for m in materials:
            if m["type"] in per_type:
                m["collection"] = per_type[m["type"]]
        return None, None
    plain = ph.squeeze(text)
    deadline = item_deadline(plain)
    words = _ITEM_DEADLINE.sub("", plain)  # 11月 in a date is not 每月
    cadence = next((v for k, v in COLLECTIONS.items() if k in words), None)
    if deadline is not None and deadline["rule"] == "month_day" and cadence in (None, "yearly"):
        cadence = "yearly"  # 6月20日前, 每年11月底前: once a year, by that day
    if cadence is None:
        ctx.review(text, "没有读出收集类型（季度/半年收集），按半年收集导入")
        return "half_yearly", None
    if plain not in PLAIN_COLLECTIONS:
        ctx.review(text, f"收集类型由“{plain}”推得：{_cadence_words(cadence, deadline)}")
    return cadence, deadline


def item_deadline(text: str) -> dict[str, Any] | None:
    """An item's own deadline in its frequency cell: ``每年11月底前`` / ``6月20日前`` -> that
    day of the year (``month_day``); ``每季度末`` / ``季末`` -> the period's last day."""
    import calendar

    match = _ITEM_DEADLINE.search(text)
    if match:
        month = int(match.group(1))
        if not 1 <= month <= 12:
            return None
        last = calendar.monthrange(2001, month)[1]  # 2月: 28 (a leap year's 29th is a day late)
        day = int(match.group(2)) if match.group(2) else last
        return {"rule": "month_day", "month": month, "day": min(day, last)}
    if re.search(r"(?:季度|季|半年|月|年)(?:末|底)", text):
        return {"rule": "period_end"}
    return None


def _cadence_words(cadence: str, deadline: dict[str, Any] | None) -> str:
    text = CADENCE.get(cadence, cadence)
    if deadline and deadline["rule"] == "month_day":
        text += f"，{deadline['month']}月{deadline['day']}日前交"
    elif deadline:
        text += "，周期最后一天前交"
    return text
