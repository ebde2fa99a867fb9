"""宣传（正文“宣传问卷工作”）：各单位专栏、LED 等常态化宣传的照片，按单位、按周期计数。

每项职责一个文件夹（宣传/PUB-2 LED滚动播放/），其中每个单位一个子文件夹（市老年大学/），
放带日期的照片（2021-05-12_LED标语.jpg，文件名没有日期时按拍摄日期）。原文只写“坚持常态化”，没有数字：每个单位每个周期
至少几张由数据中的 routine 规定（内置数据：每季度至少 1 张）；不足只是警告。
"""

from __future__ import annotations

from typing import Iterator

from cwm.evidence.context import Found
from cwm.evidence.loops.inspections import norm
from cwm.evidence.loops.liaison import records_of, undated_and_problems
from cwm.evidence.loops.subjects import LoopContext, PublicityDuty

CODES = {
    "publicity-short": ("warning", "某单位在已结束的周期内照片少于数据中的 routine 要求。"),
    "publicity-unit": ("warning", "照片不在任何责任单位的子文件夹中，不知道是哪个单位的。"),
    "publicity-undated": ("warning", "照片的文件名中没有日期，也没有拍摄日期，未计数。"),
    "publicity-progress": ("info", "各单位各周期的照片数。"),
}


def _short(name: str) -> str:
    """A unit's name as people shorten it, without the city before it: 市老年大学 -> 老年大学,
    资阳市精神病医院 -> 精神病医院 (at least three characters left; else the name)."""
    head, city, rest = name.partition("市")
    return rest if city and len(head) <= 3 and len(rest) >= 3 else name


def unit_of(names_of_units: tuple[tuple[str, ...], ...], text: str) -> str | None:
    """The one unit whose name or alias ``text`` contains, the city left out or not
    (``市老年大学LED``, ``老年大学宣传照片`` -> 市老年大学), else the one unit whose name contains
    ``text`` of three characters or more (``福利院`` when only 市社会福利院 has it). Two units
    named (``社会福利院和儿童福利院``): none — the photo is not guessed into either."""
    folded = norm(text)
    named = [names[0] for names in names_of_units if any(_short(norm(n)) in folded for n in names)]
    if named:
        return named[0] if len(named) == 1 else None
    if len(folded) < 3:
        return None
    within = [names[0] for names in names_of_units if any(folded in norm(n) for n in names)]
    return within[0] if len(within) == 1 else None


def check(ctx: LoopContext) -> Iterator[Found]:
    duty = ctx.duty
    if not isinstance(duty, PublicityDuty):
        return
    records = records_of(ctx)
    yield from undated_and_problems(ctx, records, "publicity-undated")
    by_unit: dict[str, list] = {names[0]: [] for names in duty.units}
    by_rel = {f.rel: f for f in ctx.files("image")}
    for photo in records.photos:
        file = by_rel[photo.rel]
        unit = unit_of(duty.units, file.group or "") or unit_of(duty.units, file.path.stem)
        if unit is None:
            units = "、".join(by_unit)
            message = f"照片不在任何责任单位的子文件夹中：请放入以单位命名的子文件夹（{units}）。"
            yield Found("publicity-unit", message, photo.rel)
            continue
        by_unit[unit].append(photo)
    where = ctx.folder.rel if ctx.folder else None
    counted = []
    for unit, photos in by_unit.items():
        for span in duty.spans:
            n = sum(1 for p in photos if span.start <= p.day <= min(span.end, duty.today))
            counted.append(f"{unit} {span.label} {n} 张")
            if n < duty.count and span.end < duty.today:
                message = (
                    f"{unit} {span.label}：{n} 张照片，要求至少 {duty.count} 张（{duty.wording}）。"
                )
                yield Found("publicity-short", message, where, topic=f"{unit}|{span.label}")
    if counted:
        yield Found("publicity-progress", "计数：" + "；".join(counted) + "。", where)
