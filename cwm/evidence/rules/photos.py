"""图片资料与媒体报道截图：张数、照片说明（注明事项）、日期、分组。

- 照片说明按申报要求的顺序写在文件名中，用“_”分隔，如 ``2021-04-04_市民政局_清明祭扫.jpg``；
  或写在文件夹里的照片说明表中（照片说明.xlsx、图片说明.csv 或 captions.xlsx：“文件名”一列，
  每个注明事项一列），表格优先。
- 每一项须有该项的内容：日期可写 2021-04-04、2021.04.04、2021/4/4、20210404 或 2021年4月4日；
  名称（小区名称、单位名称……）须有汉字；相机、手机、微信自动起的名字（IMG_…、DSC…、微信图片_…、
  mmexport…、Screenshot_…）、纯数字、时间戳都不算。照片说明不全的照片不计入张数。
- 日期须在方案年度内（写明“N年以来”的，从N年1月1日到检查日）；照片的拍摄日期（EXIF）不在其中，
  或与说明中的日期相差超过 3 天时给出警告。
- 分组：按节日（每个节日3张，清明节必报）、按场所（每个2张）、按不同小区/社会组织计数。
  小区、单位、场所取自照片说明中的对应事项；节日取自以节日命名的子文件夹或照片说明。
  “照片”“原图”等其他子文件夹名不算分组。
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any, Iterator

from cwm import labels
from cwm.dates import FORMS_TEXT, parse_date, parse_month
from cwm.evidence.captions import Caption, same_name
from cwm.evidence.context import Context, Found
from cwm.vocab import Trait

CODES = {
    "photo-count": ("error", "图片（截图）张数少于要求（照片说明不全的、同一场景的不重复计数）。"),
    "photo-count-over": ("warning", "图片张数超过要求的上限（要求写“N至M张”时）。"),
    "caption-missing": (
        "error",
        "照片说明缺少要求注明的事项，或该项不是有意义的内容（如相机自动命名）。",
        {Trait.PHOTO},
    ),
    "festival-date": (
        "warning",
        "归入某个节日的照片，日期与该节日相差超过15天。",
        {Trait.PHOTO},
    ),
    "caption-shape": (
        "info",
        "照片说明用空格、、、-、— 或括号分隔：已按各项读出，建议改为用 _ 分隔。",
        {Trait.PHOTO},
    ),
    "caption-date": ("error", "照片说明中的日期无法识别，或不在要求的时间范围内。", {Trait.PHOTO}),
    "exif-date": (
        "warning",
        "照片拍摄日期（EXIF）不在要求的时间范围内，或与说明中的日期相差超过3天。",
        {Trait.PHOTO},
    ),
    "photo-groups": ("error", "分组不满足要求：每组张数、必报的组、不同组的个数，或照片无法归组。"),
    "caption-file": (
        "error",
        "照片说明表（照片说明.xlsx、captions.csv 等）无法读取，或缺少“文件名”列。",
    ),
    "caption-column": ("warning", "照片说明表有不认识的列（已忽略）。"),
}

EXIF_TOLERANCE_DAYS = 3


def named_option(text: str, allowed: list[str]) -> str | None:
    """The allowed group ``text`` names, by its full name or a short form of at least two
    characters (``清明`` for 清明节; never ``春`` for 春节: 青春, 春季 are not the festival)."""
    for option in allowed:
        short = option.removesuffix("节")
        if option in text or (len(short) >= 2 and short in text):
            return option
    return None


FESTIVAL_WINDOW_DAYS = 15
"""A festival's photos are taken around it: a caption (or EXIF) date further than this from the
festival in the plan year is a warning (a 清明节 photo dated in June is likely another event)."""


def judge_festival_day(
    ctx: Context, material: Any, file: Any, facts: Any, caption: Caption, group: str
) -> Iterator[Found]:
    """A photo filed under a festival, dated far from that festival's day."""
    day = dict(ctx.requirement.festival_days).get(group)
    if day is None:
        return
    raw = caption.fields.get(material.date_field or "", "")
    taken = parse_date(raw, ctx.year) if raw else facts.taken
    if taken is not None and abs((taken - day).days) > FESTIVAL_WINDOW_DAYS:
        yield Found(
            "festival-date",
            f"归入{group}（{day.month}月{day.day}日）的照片日期是 {taken.isoformat()}，相差超过"
            f" {FESTIVAL_WINDOW_DAYS} 天：请确认是{group}期间的活动。",
            file.rel,
        )


def group_of(file: Any, caption: Caption, groups: Any) -> str | None:
    """The group a photo belongs to. Where the group has a caption field (小区名称, 单位名称),
    that field names it; where it has a closed list (the festivals), a subfolder named after
    one, else a name found in the caption or file name. Other subfolder names never count."""
    if groups.field:
        value = caption.fields.get(groups.field)
        if value is None or groups.field in caption.missing:
            return None
        value = unicodedata.normalize("NFKC", value).strip()
        return named_option(value, groups.allowed) or value if groups.allowed else value
    if not groups.allowed:
        return None
    if file.group:
        named = named_option(file.group, groups.allowed)
        if named:
            return named
    return named_option(" ".join(caption.fields.values()) + " " + file.path.stem, groups.allowed)


def window_text(material: Any, window: tuple[dt.date, dt.date], year: int) -> str:
    start, end = window
    if getattr(material, "since", None) is None:
        return f"方案年度 {year} 年内"
    return f"{start.year}年以来（{start.isoformat()} 至 {end.isoformat()}）"


def judge_count(
    ctx: Context, material: Any, photos: list, counted: set[str], future: int = 0
) -> Iterator[Found]:
    """Enough photos: a photo without a full caption does not count, one scene counts once."""
    assert ctx.folder is not None
    noun = "截图" if material.type == "screenshot" else "图片"
    scenes = [s for s in ([f for f in scene if f.rel in counted] for scene in ctx.scenes) if s]
    effective, uncaptioned = len(scenes), len(photos) - len(counted)
    if not photos and ctx.requirement.optional:
        return
    if material.count_max and effective > material.count_max:
        yield Found(
            "photo-count-over",
            f"有效{noun} {effective} 张，超过要求的 {material.count}至{material.count_max}张："
            f"请选出最能反映要求的 {material.count_max} 张，其余移入“参考资料”。",
            ctx.folder.rel,
        )
    if not material.count or effective >= material.count:
        if not photos:
            wanted = labels.material(material).split("：", 1)[1]
            yield Found("photo-count", f"没有{noun}，要求：{wanted}。", ctx.folder.rel)
        return
    if uncaptioned or effective < len(photos):
        message = _count_line(noun, len(photos), uncaptioned, scenes, material.count, future)
    else:
        have, want = len(photos), material.count
        message = f"{noun} {have} 张，要求 {want} 张（{have}/{want} 张{noun}）。"
    yield Found("photo-count", message, ctx.folder.rel)


def _count_line(
    noun: str, total: int, uncaptioned: int, scenes: list[list[Any]], wanted: int, future: int = 0
) -> str:
    """The count, in parts that add up: the photos not counted, each group of one scene counted
    once, the rest one each (“图片 157 张：97 张照片说明不全，不计入；58 张为 2 个场景，算 2 张；
    其余 2 张各算 1 张；有效 4 张，要求 5 张。”)."""
    groups = [scene for scene in scenes if len(scene) > 1]
    repeated = sum(len(scene) for scene in groups)
    single = len(scenes) - len(groups)
    parts = []
    if uncaptioned - future:
        parts.append(f"{uncaptioned - future} 张照片说明不全，不计入")
    if future:
        parts.append(f"{future} 张说明中的日期在检查日之后，不计入")
    if groups:
        which = "同一场景" if len(groups) == 1 else f"{len(groups)} 个场景"
        parts.append(f"{repeated} 张为{which}，算 {len(groups)} 张")
    if single and parts:
        parts.append(f"其余 {single} 张各算 1 张")
    return f"{noun} {total} 张：{'；'.join(parts)}；有效 {len(scenes)} 张，要求 {wanted} 张。"


def _missing_message(ctx: Context, material: Any, file: Any, caption: Caption) -> str | None:
    """Why the caption lacks fields (a bad date is caption-date's), or None."""
    written = {n: v for n, v in caption.fields.items() if v}
    missing = [n for n in caption.missing if not (n == material.date_field and n in written)]
    if not missing:
        return None
    if caption.device_name:
        why = f"文件名“{file.path.name}”是相机或软件自动命名，没有照片说明"
    elif caption.source != "filename":
        why = caption.source
    else:
        why = f"文件名应为“{'_'.join(material.caption)}.jpg”"
    junk = [f"“{written[n]}”不是{n}" for n in missing if n in written]
    detail = "；".join([*junk, why])
    return f"照片说明缺少：{'、'.join(missing)}（{detail}）。"


def after_check_day(ctx: Context, material: Any, caption: Caption) -> str | None:
    """Why a caption's date cannot be the activity's: it is after the day the check is made for
    (a typo, 8月4日 for 4月8日: the photo is not counted) — or None."""
    field = material.date_field
    raw = caption.fields.get(field) if field else None
    check_day = ctx.requirement.reference_day
    if not raw or check_day is None:
        return None
    day = parse_date(raw, ctx.year)
    if day is None:
        month = parse_month(raw)
        day = dt.date(*month, 1) if month is not None else None
    if day is None or day <= check_day:
        return None
    swapped = ""
    if day.day <= 12 and day.month != day.day:
        try:
            other = day.replace(month=day.day, day=day.month)
        except ValueError:
            other = None
        if other is not None and other <= check_day:
            swapped = f"是否把 {other.month}月{other.day}日 写成了 {day.month}月{day.day}日？"
    return (
        f"{field}“{raw}”在检查日 {check_day.isoformat()} 之后（还没有到这一天），不计入。"
        f"{swapped}请核对照片说明中的日期。"
    )


def judge_caption(
    ctx: Context, material: Any, file: Any, facts: Any, caption: Caption
) -> Iterator[Found]:
    """The caption's fields all mean something; its date is readable and in the window; the
    photo's EXIF date is in the window and near the caption's."""
    message = _missing_message(ctx, material, file, caption)
    if message:
        yield Found("caption-missing", message, file.rel)
    elif caption.separator:
        name = {" ": "空格", "（）": "括号"}.get(caption.separator, f"“{caption.separator}”")
        agreed = "_".join(caption.parts) + file.path.suffix.lower()
        yield Found(
            "caption-shape",
            f"照片说明已读出，但用了{name}分隔；按约定请改为 _：{agreed}",
            file.rel,
        )
    later = after_check_day(ctx, material, caption)
    if later is not None:
        yield Found("caption-date", later, file.rel)
        return
    window = ctx.requirement.date_window(material, ctx.year)
    where = window_text(material, window, ctx.year)
    span = ctx.requirement.collection_span(material)
    if span is not None:  # 季度收集: this quarter's own material
        window = (max(window[0], span[0]), min(window[1], span[1]))
        where = f"本期的收集期间（{span[0].isoformat()} 至 {span[1].isoformat()}）内"
    taken = facts.taken
    if taken and not window[0] <= taken <= window[1]:
        message = f"照片拍摄日期 {taken.isoformat()}（EXIF）不在{where}，请确认是本期的照片。"
        yield Found("exif-date", message, file.rel)
        taken = None  # said once
    field = material.date_field
    raw = caption.fields.get(field) if field else None
    if not raw:
        return
    day = parse_date(raw, ctx.year)
    month = parse_month(raw) if day is None else None
    if month is not None:  # 2021年4月: the month must lie in the window; no day to hold EXIF to
        first = dt.date(*month, 1)
        if not window[0].replace(day=1) <= first <= window[1]:
            yield Found("caption-date", f"{field}“{raw}”不在{where}。", file.rel)
        return
    if day is None:
        yield Found("caption-date", f"{field}“{raw}”无法识别，请写成 {FORMS_TEXT}。", file.rel)
    elif not window[0] <= day <= window[1]:
        yield Found("caption-date", f"{field} {day.isoformat()} 不在{where}。", file.rel)
    elif taken and abs((taken - day).days) > EXIF_TOLERANCE_DAYS:
        yield Found(
            "exif-date",
            f"照片拍摄日期 {taken.isoformat()}（EXIF）与说明中的 {day.isoformat()} "
            f"相差 {abs((taken - day).days)} 天，请核对。",
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
        message = (
            f"无法确定这张照片属于哪个{name}：请放入以{name}命名的子文件夹（如 清明节/），"
            f"或在活动主题中写明{name}。"
        )
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
        merged = f"“/”连接的是同一个{name}的不同写法，只算一个；" if "/" in have else ""
        yield Found(
            "photo-groups",
            f"只有 {len(grouped)} 个不同的{name}（{have}），要求 {groups.min_groups} 个，"
            f"{merged}每张反映一个{name}。",
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
        scene_of = {file.rel: n for n, scene in enumerate(ctx.scenes) for file in scene}
        counted: set[str] = set()
        future = 0
        grouped: dict[str, set[int]] = {}  # group -> the scenes shown in it (a scene counts once)
        spelled: dict[str, list[str]] = {}  # group -> the ways its name was written
        ungrouped: list[str] = []
        for file, facts in photos:
            caption = ctx.caption(file, material.caption)
            yield from judge_caption(ctx, material, file, facts, caption)
            if not caption.complete:
                continue  # said above; does not count, and names no group
            if after_check_day(ctx, material, caption) is not None:
                future += 1
                continue  # said above: an activity after the check day is no activity yet
            counted.add(file.rel)
            if material.groups:
                group = group_of(file, caption, material.groups)
                if group is None:
                    ungrouped.append(file.rel)
                else:
                    key = same_name(group, material.groups.name)
                    grouped.setdefault(key, set()).add(scene_of[file.rel])
                    names = spelled.setdefault(key, [])
                    names += [group] if group not in names else []
                    yield from judge_festival_day(ctx, material, file, facts, caption, group)
        yield from judge_count(ctx, material, photos, counted, future)
        if material.groups is not None and counted:
            shown = {"/".join(spelled[key]): scenes for key, scenes in grouped.items()}
            yield from judge_groups(ctx, material.groups, shown, ungrouped)
