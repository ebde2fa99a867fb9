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


def required_in(groups: Any, window: Any) -> list[str]:
    """The required groups; a required festival only when the checked period contains it."""
    if window is None:
        return list(groups.required)
    from ...periods import festivals_in, known_festivals

    in_window = {f.name for f in festivals_in(window)}
    return [name for name in groups.required if name not in known_festivals() or name in in_window]


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


def check(ctx: Any, tree: Any) -> Iterator[tuple[str, str, str | None]]:
    yield from ctx.caption_problems
    for material in ctx.materials:
        if material.type not in ("photos", "screenshot"):
            continue
        noun = "截图" if material.type == "screenshot" else "图片"
        photos = ctx.read("image")
        if ctx.folder is None:
            continue
        scenes = ctx.scenes
        scene_of = {file.rel: number for number, scene in enumerate(scenes) for file in scene}
        effective = len(scenes)
        if material.count and effective < material.count:
            if effective < len(photos):
                repeated = sum(len(scene) for scene in scenes if len(scene) > 1)
                yield (
                    "photo-count",
                    (
                        f"{len(photos)}张中有{repeated}张为同一场景，有效张数{effective}，要求{material.count}。"
                    ),
                    ctx.folder.rel,
                )
            else:
                yield (
                    "photo-count",
                    f"{noun} {len(photos)} 张，要求 {material.count} 张（{len(photos)}/{material.count} 张{noun}）。",
                    ctx.folder.rel,
                )
        elif not photos:
            yield (
                "photo-count",
                f"没有{noun}，要求：{labels.material(material).split('：', 1)[1]}。",
                ctx.folder.rel,
            )
        pattern = "_".join(material.caption) + ".jpg"
        grouped: dict[str, set[int]] = {}  # group -> the scenes shown in it (one scene counts once)
        ungrouped: list[str] = []
        for file, facts in photos:
            caption = ctx.caption(file, material.caption)
            if caption.missing:
                where = caption.source if caption.source != "filename" else f"文件名应为“{pattern}”"
                yield (
                    "caption-missing",
                    f"照片说明缺少：{'、'.join(caption.missing)}（{where}）。",
                    file.rel,
                )
            if material.date_field and material.date_field in caption.fields:
                raw = caption.fields[material.date_field]
                day = parse_date(raw)
                if day is None:
                    yield (
                        "caption-date",
                        f"{material.date_field}“{raw}”无法识别，请写成 {DATE_FORMS_TEXT}。",
                        file.rel,
                    )
                elif day.year != ctx.year:
                    yield (
                        "caption-date",
                        f"{material.date_field} {day.isoformat()} 不在方案年度 {ctx.year} 年内。",
                        file.rel,
                    )
                elif facts.taken and abs((facts.taken - day).days) > EXIF_TOLERANCE_DAYS:
                    yield (
                        "exif-date",
                        (
                            f"照片拍摄日期 {facts.taken.isoformat()}（EXIF）与说明中的 {day.isoformat()} 相差 "
                            f"{abs((facts.taken - day).days)} 天，请核对。"
                        ),
                        file.rel,
                    )
            if material.groups:
                group = group_of(file, caption, material.groups)
                if group is None:
                    ungrouped.append(file.rel)
                else:
                    grouped.setdefault(group, set()).add(scene_of[file.rel])
        groups = material.groups
        if groups is None or not photos:  # no photos at all: photo-count (or the folder) says it
            continue
        for rel in ungrouped:
            how = (
                f"在“{groups.field}”中写明"
                if groups.field
                else f"在文件名或活动主题中写明{groups.name}"
            )
            yield (
                "photo-groups",
                f"无法确定这张照片属于哪个{groups.name}：请放入以{groups.name}命名的子文件夹，或{how}。",
                rel,
            )
        if groups.per_group:
            for name, shown in sorted(grouped.items()):
                count = len(shown)
                if count < groups.per_group:
                    yield (
                        "photo-groups",
                        f"{name} {count} 张，要求每个{groups.name} {groups.per_group} 张。",
                        ctx.folder.rel,
                    )
        for name in required_in(groups, ctx.window):
            if name not in grouped:
                yield (
                    "photo-groups",
                    f"缺少必报的{name}照片（每个{groups.name} {groups.per_group or 1} 张）。",
                    ctx.folder.rel,
                )
        if groups.min_groups and len(grouped) < groups.min_groups:
            have = "、".join(sorted(grouped)) or "无"
            yield (
                "photo-groups",
                (
                    f"只有 {len(grouped)} 个不同的{groups.name}（{have}），要求 {groups.min_groups} 个，每张反映一个{groups.name}。"
                ),
                ctx.folder.rel,
            )
        if groups.allowed:
            for name in sorted(grouped):
                if name not in groups.allowed:
                    yield (
                        "photo-groups",
                        f"“{name}”不是要求的{groups.name}（可用：{'、'.join(groups.allowed)}）。",
                        ctx.folder.rel,
                    )
