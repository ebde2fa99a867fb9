"""实地点位（附件2）：按自查表判断每个点位、每项标准的最新结果。

自查表（cwm checklist --kind sites -f xlsx 生成）填好后放在材料文件夹的“实地点位/”中，一年可有多份。
每项标准取最近一次检查的结果（自己的表里写 √/×、达标/不达标、符合/不符合的，按合格/不合格读）；
“不合格”是未整改的问题，直到之后的检查或该行“复查结果”为“合格”（销号）。
未整改的问题超过“整改时限”是错误，未到时限是警告；整改前后的照片放在
“实地点位/S-3 医院/整改前/”“整改后/”，报告中附在问题旁。指定期间时，期间内没有自查是警告。
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from cwm.evidence.context import Found
from cwm.evidence.loops.inspections import FAIL, FOLDER, PASS, Entry, Inspection
from cwm.evidence.loops.subjects import LoopContext, SiteDuty
from cwm.vocab import Trait

CODES = {
    "site-none": ("error", "没有这个点位的自查记录。"),
    "site-overdue": ("error", "自查不合格的问题已过整改时限，尚未复查合格。", {Trait.PHOTO}),
    "site-open": (
        "warning",
        "自查不合格的问题正在整改（未到时限，或没有填写时限）。",
        {Trait.PHOTO},
    ),
    "site-not-this-period": ("warning", "指定的期间内还没有自查。"),
    "site-unchecked": ("warning", "有标准在自查表中没有检查结果。"),
    "site-sheet": ("warning", "自查表中有无法识别的单元格（指明行号）。"),
    "site-inspected": ("info", "最近一次自查的日期、检查人和结果。"),
}
SHOWN_PHOTOS = 6
"""Photos of a site's 整改前/整改后 folders named beside each of its problems."""


def _label(duty: SiteDuty, number: int | None) -> str:
    return f"{duty.id}（{number}）" if number is not None else duty.id


def _short(text: str, size: int = 20) -> str:
    text = text.rstrip("。；;，, ")
    return text if len(text) <= size else text[:size] + "…"


def is_open(entry: Entry, today: dt.date) -> bool:
    """A 不合格 not yet closed by a 复查结果 of 合格 (dated no later than ``today``)."""
    closed = entry.recheck == PASS and (entry.recheck_day is None or entry.recheck_day <= today)
    return entry.result == FAIL and not closed


def _photos(ctx: LoopContext) -> tuple[str, ...]:
    """The site's photos, those of 整改前 first, then 整改后, then any other."""
    order = {"整改前": 0, "整改后": 1}
    photos = sorted(ctx.files("image"), key=lambda f: (order.get(f.group or "", 2), f.rel))
    return tuple(f.rel for f in photos[:SHOWN_PHOTOS])


def check(ctx: LoopContext) -> Iterator[Found]:
    duty = ctx.duty
    if not isinstance(duty, SiteDuty):
        return
    today = duty.today
    unreadable = 0  # rows of this site whose result was named as not 合格/不合格
    for inspection in ctx.inspections:
        for site, message in inspection.problems:
            if site == duty.id:
                unreadable += 1
                topic = f"{inspection.rel}：{message}"  # one per cell
                yield Found("site-sheet", message, inspection.rel, topic=topic)
    dated = [i for i in ctx.inspections if i.day is not None and i.day <= today]
    mine = sorted(
        ((i, e) for i in dated for e in i.entries if e.site == duty.id),
        key=lambda pair: (pair[0].day, pair[0].rel, pair[1].row),
    )
    if not mine:
        yield Found(
            "site-none",
            f"没有 {duty.id} {duty.title} 的自查记录："
            "请用 cwm checklist --kind sites -f xlsx 生成自查表，"
            f"检查后填写“检查结果”，放入“{FOLDER}/”文件夹。",
            ctx.folder.rel if ctx.folder else None,
        )
        return
    last, _ = mine[-1]
    if duty.period is not None and last.day < duty.period.start <= today:  # type: ignore[operator]  # last.day is set on every dated inspection
        yield Found(
            "site-not-this-period",
            f"{duty.period.label}还没有自查（最近一次是 {last.day}）：请本期内至少自查一次。",
            last.rel,
            topic=f"{duty.period.label}自查",
        )
    latest = _latest(duty, mine)
    photos = _photos(ctx)
    failed = unchecked = 0
    for number, text in duty.standards:
        got = latest.get(number)
        label = f"{_label(duty, number)} {_short(text)}"
        if got is None:
            unchecked += 1
            if unreadable:  # the row is there, its result not read: said once, above
                continue
            message = f"{label}：自查表中没有检查结果。请检查后填写。"
            yield Found("site-unchecked", message, last.rel, topic=_label(duty, number))
            continue
        inspection, entry = got
        if is_open(entry, today):
            failed += 1
            yield _problem(duty, label, inspection, entry, photos)
    who = f"，检查人 {last.inspector}" if last.inspector else ""
    parts = [f"{failed} 项标准未整改"] if failed else []
    parts += [f"{unchecked} 项标准没有可读的检查结果"] if unchecked else []
    outcome = "，".join(parts) or "各项标准均合格或已整改销号"
    message = f"最近一次自查 {last.day}{who}：{outcome}。"
    yield Found("site-inspected", message, last.rel, topic="最近一次自查")


def _latest(
    duty: SiteDuty, mine: list[tuple[Inspection, Entry]]
) -> dict[int | None, tuple[Inspection, Entry]]:
    """Standard number -> its latest inspection and row (a site with one standard takes every
    row as that standard's, numbered or not)."""
    numbers = [n for n, _ in duty.standards]
    out: dict[int | None, tuple[Inspection, Entry]] = {}
    for inspection, entry in mine:
        number = numbers[0] if len(numbers) == 1 else entry.number
        if number in numbers:
            out[number] = (inspection, entry)
    return out


def _problem(
    duty: SiteDuty, label: str, inspection: Inspection, entry: Entry, photos: tuple[str, ...]
) -> Found:
    problem = f"（{entry.problem}）" if entry.problem else ""
    again = "，复查仍不合格" if entry.recheck == FAIL else ""
    head = f"{label}：{inspection.day} 自查不合格{problem}{again}"
    where = f"（第{entry.row}行）"
    number = _label(duty, entry.number if len(duty.standards) > 1 else duty.standards[0][0])
    if entry.deadline is None:
        return Found(
            "site-open",
            f"{head}；没有填写整改时限：请在自查表中填写整改责任人和整改时限。{where}",
            inspection.rel,
            photos,
            topic=number,
        )
    if entry.deadline < duty.today:
        return Found(
            "site-overdue",
            f"{head}；整改时限 {entry.deadline} 已过，尚未复查合格。"
            f"整改后复查，在“复查结果”中选“合格”并填写复查日期。{where}",
            inspection.rel,
            photos,
            topic=number,
        )
    return Found(
        "site-open",
        f"{head}；整改时限 {entry.deadline}，整改后复查合格即可销号。{where}",
        inspection.rel,
        photos,
        topic=number,
    )
