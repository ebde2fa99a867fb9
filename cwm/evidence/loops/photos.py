"""一张照片只证明一次工作：实地点位、包联社区、宣传的照片中，同一张照片（字节相同，或重新保存、
缩放、压缩过）出现在两个点位、社区、单位（宣传文件夹中各单位的子文件夹）或两个月份的子文件夹中时，
两处各报一个错误——一个单位的电子屏照片复制到另一个单位的文件夹，不能证明两个单位都做了宣传。

- 与附件1 申报项的照片不比较：包联活动的照片也可以作为某个指标的材料报送。
- 同一场景而不是同一张的照片不报：宣传栏、电子屏每月拍的本来就是同一个场景。
- 同一文件夹（或同一子文件夹）中的同一张照片不报：按天计数的活动不会因此多算。
"""

from __future__ import annotations

from typing import Iterator

from cwm.evidence.context import Found
from cwm.evidence.loops.subjects import LoopContext
from cwm.evidence.rules.duplicates import photo_names

CODES = {
    "loop-photo-reused": (
        "error",
        "同一张照片出现在两个点位、社区、单位或月份中（一张照片只能证明一次工作）。",
    ),
}


def check(ctx: LoopContext) -> Iterator[Found]:
    for file in ctx.files("image"):
        other = ctx.elsewhere.get(file.rel)
        if other is None or not other.same_count:
            continue
        yield Found(
            "loop-photo-reused",
            f"这张照片也在 {photo_names(other.same, other.same_count)} 中。"
            "一张照片只能证明一次工作（一个单位、一个社区、一次活动），请换用当次拍的照片。",
            file.rel,
            tuple(r.rel for r in other.same),
        )
