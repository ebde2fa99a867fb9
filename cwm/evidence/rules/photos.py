"""图片资料与媒体报道截图：张数、照片说明（注明事项）、日期、分组。

- 照片说明按申报要求的顺序写在文件名中，用“_”分隔，如 ``2021-04-04_市民政局_清明祭扫.jpg``；
  或写在文件夹里的 captions.csv / captions.xlsx 中（“文件名”一列，每个注明事项一列），表格优先。
- 日期可写 2021-04-04、2021.04.04、20210404 或 2021年4月4日；须在方案年度内。
- 照片的拍摄日期（EXIF）与说明中的日期相差超过 3 天时给出警告。
- 分组：按节日（每个节日3张，清明节必报）、按场所（每个2张）、按不同小区/社会组织计数。
  分组取自子文件夹名，或取自说明中对应的事项（如“小区名称”）。
"""

from __future__ import annotations

from typing import Any, Iterator

from ... import labels
from ..captions import DATE_FORMS_TEXT, parse_date
from ..context import Context, Found

CODES = {
    "photo-count": ("error", "图片（截图）张数少于要求。"),
    "caption-missing": ("error", "照片说明缺少要求注明的事项。"),
    "caption-date": ("error", "照片说明中的日期无法识别，或不在方案年度内。"),
    "exif-date": ("warning", "照片拍摄日期（EXIF）与说明中的日期相差超过3天。"),
    "photo-groups": ("error", "分组不满足要求：每组张数、必报的组、不同组的个数，或照片无法归组。"),
    "caption-file": ("error", "captions.csv / captions.xlsx 无法读取，或缺少“文件名”列。"),
}

EXIF_TOLERANCE_DAYS = 3


def named_option(text: str, allowed: list[str]) -> str | None:
    """The allowed group ``text`` names, also by its short form (``清明`` for 清明节)."""
    for option in allowed:
        short = option.rstrip("节") or option
        if option in text or short in text:
            return option
    return None


def group_of(file: Any, caption: Any, groups: Any) -> str | None:
    """The group a photo belongs to: its subfolder, else its caption field, else (for a closed
    list such as the festivals) a name found anywhere in its caption or file name."""
    named = file.group or (caption.fields.get(groups.field) if groups.field else None)
    if named:
        return named_option(named, groups.allowed) or named
    if groups.allowed:
        return named_option(
            " ".join(caption.fields.values()) + " " + file.path.stem, groups.allowed
        )
    return None


def judge_count(ctx: Context, material: Any, photos: list) -> Iterator[Found]:
    """Enough photos, counting one scene once."""
    assert ctx.folder is not None
    noun = "截图" if material.type == "screenshot" else "图片"
    effective = len(ctx.scenes)
    if material.count and effective < material.count:
        if effective < len(photos):
            repeated = sum(len(scene) for scene in ctx.scenes if len(scene) > 1)
            message = (
                f"{len(photos)}张中有{repeated}张为同一场景，有效张数{effective}，"
                f"要求{material.count}。"
            )
        else:
            have, want = len(photos), material.count
            message = f"{noun} {have} 张，要求 {want} 张（{have}/{want} 张{noun}）。"
        yield Found("photo-count", message, ctx.folder.rel)
    elif not photos:
        wanted = labels.material(material).split("：", 1)[1]
        yield Found("photo-count", f"没有{noun}，要求：{wanted}。", ctx.folder.rel)


def judge_caption(
    ctx: Context, material: Any, file: Any, facts: Any, caption: Any
) -> Iterator[Found]:
    """The caption's fields are all there; its date is readable, in the plan year and near EXIF."""
    if caption.missing:
        pattern = "_".join(material.caption) + ".jpg"
        where = caption.source if caption.source != "filename" else f"文件名应为“{pattern}”"
        yield Found(
            "caption-missing", f"照片说明缺少：{'、'.join(caption.missing)}（{where}）。", file.rel
        )
    field = material.date_field
    if not field or field not in caption.fields:
        return
    raw = caption.fields[field]
    day = parse_date(raw)
    if day is None:
        yield Found("caption-date", f"{field}“{raw}”无法识别，请写成 {DATE_FORMS_TEXT}。", file.rel)
    elif day.year != ctx.year:
        message = f"{field} {day.isoformat()} 不在方案年度 {ctx.year} 年内。"
        yield Found("caption-date", message, file.rel)
    elif facts.taken and abs((facts.taken - day).days) > EXIF_TOLERANCE_DAYS:
        yield Found(
            "exif-date",
            f"照片拍摄日期 {facts.taken.isoformat()}（EXIF）与说明中的 {day.isoformat()} "
            f"相差 {abs((facts.taken - day).days)} 天，请核对。",
            file.rel,
        )


def judge_groups(
    ctx: Context, groups: Any, grouped: dict[str, set[int]], ungrouped: list[str]
) -> Iterator[Found]:
    """Photos per group, the required groups, the number of distinct groups, allowed names."""
    assert ctx.folder is not None
    here = ctx.folder.rel
    name = groups.name
    for rel in ungrouped:
        how = f"在“{groups.field}”中写明" if groups.field else f"在文件名或活动主题中写明{name}"
        message = f"无法确定这张照片属于哪个{name}：请放入以{name}命名的子文件夹，或{how}。"
        yield Found("photo-groups", message, rel)
    if groups.per_group:
        for group, shown in sorted(grouped.items()):
            if len(shown) < groups.per_group:
                message = f"{group} {len(shown)} 张，要求每个{name} {groups.per_group} 张。"
                yield Found("photo-groups", message, here)
    for group in ctx.requirement.required(groups):
        if group not in grouped:
            message = f"缺少必报的{group}照片（每个{name} {groups.per_group or 1} 张）。"
            yield Found("photo-groups", message, here)
    if groups.min_groups and len(grouped) < groups.min_groups:
        have = "、".join(sorted(grouped)) or "无"
        yield Found(
            "photo-groups",
            f"只有 {len(grouped)} 个不同的{name}（{have}），要求 {groups.min_groups} 个，"
            f"每张反映一个{name}。",
            here,
        )
    if groups.allowed:
        for group in sorted(grouped):
            if group not in groups.allowed:
                allowed = "、".join(groups.allowed)
                yield Found("photo-groups", f"“{group}”不是要求的{name}（可用：{allowed}）。", here)


def check(ctx: Context) -> Iterator[Found]:
    yield from ctx.caption_problems
    if ctx.folder is None:
        return
    for material in ctx.materials:
        if material.type not in ("photos", "screenshot"):
            continue
        photos = ctx.read("image")
        yield from judge_count(ctx, material, photos)
        scene_of = {file.rel: n for n, scene in enumerate(ctx.scenes) for file in scene}
        grouped: dict[str, set[int]] = {}  # group -> the scenes shown in it (a scene counts once)
        ungrouped: list[str] = []
        for file, facts in photos:
            caption = ctx.caption(file, material.caption)
            yield from judge_caption(ctx, material, file, facts, caption)
            if material.groups:
                group = group_of(file, caption, material.groups)
                if group is None:
                    ungrouped.append(file.rel)
                else:
                    grouped.setdefault(group, set()).add(scene_of[file.rel])
        if material.groups is not None and photos:  # no photos: photo-count says it
            yield from judge_groups(ctx, material.groups, grouped, ungrouped)
