"""人工核对：程序无法判断的事项（画面20人以上、背景相同算一张、数据前后一致……）和部门评价。"""

from __future__ import annotations

from typing import Iterator

from cwm.evidence.context import Context, Found
from cwm.vocab import Trait

CODES = {
    "manual-check": ("info", "需要人工核对的事项（来自附件1备注和申报要求）。", {Trait.REMINDER}),
    "evaluation": ("info", "部门评价：由省级部门评价，无需提交材料。", {Trait.NEEDS_PERSON}),
}


def check(ctx: Context) -> Iterator[Found]:
    for material in ctx.materials:
        if material.type == "evaluation":
            yield Found(
                "evaluation",
                "部门评价：由省级文明办征求主管部门意见后评价，无需提交材料；"
                "请做好与省级对口部门的汇报沟通。",
            )
            continue
        if ctx.folder is None:  # nothing to look at yet: the checklist lists these
            continue
        for text in ctx.tasks.manual_items(material):
            yield Found("manual-check", f"人工核对：{text}")
