"""包联社区（附件3）：按活动台账和活动照片，在每个周期内计数。

每项职责一个文件夹（包联社区/L-6 参与社区志愿服务活动/），放活动照片（活动时间_活动内容.jpg）
和/或活动台账（.xlsx/.csv 或 Word 表格，列：日期、活动内容、地点、参加人数）。
每月2次按月计，每半年按半年计，
“9月前”“10月前”计到截止日，示范小区按不同的小区名计（台账的“地点”列或照片所在的子文件夹）；
问卷的参与率、满意率从表格中读取（如“群众参与率 | 98.6%”），与要求比较。本期到期的周期不足是错误
（与附件1一样：本季度应交的，季度末前没交齐也是未完成，消息说明还差几次）；以后才到期的周期只提示
已有几次；常态化职责（L-1、L-5）按数据中的 routine 计，不足是警告。
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Iterator

from cwm.evidence.context import Found
from cwm.evidence.loops.records import Records, collect
from cwm.evidence.loops.subjects import ActivityDuty, LoopContext, Span
from cwm.evidence.rules.tables import affirms, locate
from cwm.formats import ReadError
from cwm.formats.tablepairs import parse_number

CODES = {
    "activity-none": (
        "error",
        "本期到期的周期不足，且没有任何活动记录（没有文件夹，或其中没有带日期的照片和台账）。",
    ),
    "activity-short": ("error", "本期到期的周期内活动次数（或示范小区个数）少于要求。"),
    "activity-routine": (
        "warning",
        "常态化职责在已结束的周期内没有活动记录（按数据中的 routine）。",
    ),
    "activity-target": ("error", "问卷的参与率、满意率未达到要求，或到期仍未找到。"),
    "activity-undated": ("warning", "照片的文件名中没有日期，也没有拍摄日期，未计数。"),
    "activity-sheet": ("warning", "活动台账中有无法识别的行（指明行号），或文件无法读取。"),
    "activity-progress": ("info", "以后到期的周期还差几次，或各周期的计数。"),
}


def records_of(ctx: LoopContext) -> Records:
    return collect([*ctx.tables(), *ctx.files("image")], ctx.reads, ctx.year)


def undated_and_problems(ctx: LoopContext, records: Records, code: str) -> Iterator[Found]:
    """The photos that could not be dated and the rows and files that could not be read."""
    for rel in records.undated:
        yield Found(
            code,
            "照片的文件名中没有日期，也没有拍摄日期，未计数：请按“活动时间_活动内容”命名，"
            "如 2021-05-12_入户宣传.jpg。",
            rel,
        )
    for rel, message in records.problems:
        yield Found("activity-sheet", message, rel, topic=f"{rel}：{message}")  # one per row


def _not_over(duty: ActivityDuty, end: dt.date | None, code: str) -> str:
    """The code of a shortfall in a span not over yet: ``code`` when the span falls due in the
    judged period (as a 附件1 item due this quarter is judged before its last day) or has no
    end, else information (it falls due later)."""
    due = duty.judged_until is not None and (end is None or end <= duty.judged_until)
    return code if due else "activity-progress"


def _word(duty: ActivityDuty) -> str:
    return "个" if duty.distinct else "次"


def _count(duty: ActivityDuty, records: Records, span: Span) -> int:
    if duty.distinct:
        return len(records.names_within(span.start, min(span.end, duty.today)))
    return len(records.within(span.start, min(span.end, duty.today)))  # none planned ahead


def check(ctx: LoopContext) -> Iterator[Found]:
    duty = ctx.duty
    if not isinstance(duty, ActivityDuty):
        return
    records = records_of(ctx)
    yield from undated_and_problems(ctx, records, "activity-undated")
    where = ctx.folder.rel if ctx.folder else None
    nothing = not records.activities and not records.photos
    code = "activity-routine" if duty.standing else "activity-none" if nothing else "activity-short"
    how = (
        f"请在“包联社区/{duty.id} {duty.title}/”中放入活动照片（活动时间_活动内容.jpg）"
        "或活动台账（.xlsx/.csv 或 Word 表格：日期、活动内容、地点、参加人数）。"
    )
    counted = []
    word = _word(duty)
    for span in duty.spans:
        if not duty.count:
            break
        n = _count(duty, records, span)
        counted.append(f"{span.label} {n} {word}")
        if n >= duty.count:
            continue
        if span.end < duty.today:
            message = f"{span.label}：{n} {word}，要求 {duty.count} {word}（{duty.wording}）。"
            found = Found(code, message, where, topic=span.label)
        else:
            message = (
                f"{span.label}（进行中）：已 {n} {word}，要求 {duty.count} {word}，"
                f"{span.end} 前还需 {duty.count - n} {word}。"
            )
            found = Found(_not_over(duty, span.end, code), message, where, topic=span.label)
        if nothing and found.code != "activity-progress":  # say once where records go
            found = replace(found, message=f"{found.message}没有任何活动记录：{how}")
            nothing = False
        yield found
    if len(counted) > 1:
        yield Found("activity-progress", "计数：" + "；".join(counted) + "。", where)
    yield from _targets(ctx, duty)


def _rate(pairs: dict[str, str], name: str) -> str | None:
    """The label of the rate ``name`` in a table: as ``locate`` finds it, else by the rate's own
    word as the office's table writes it — 参与率 of 群众参与率 with any other word before it
    (问卷参与率, 居民参与率, 参与率（%）), 满意度 for 满意率; never 不满意率."""
    label = locate(pairs, name)
    if label is not None or not name.endswith("率") or len(name) < 3:
        return label
    word = name[-3:-1]
    return next((label for label in pairs if any(affirms(label, word + e) for e in "率度")), None)


def _targets(ctx: LoopContext, duty: ActivityDuty) -> Iterator[Found]:
    """Each target rate (群众参与率 98%) read from the folder's tables and compared."""
    if not duty.targets:
        return
    sheets = []
    for file in ctx.tables():
        facts = ctx.reads.get(file.rel)
        if facts is not None and not isinstance(facts, ReadError):
            sheets += [(file.rel, pairs) for pairs in facts.pairs]
    past = duty.deadline is not None and duty.deadline < duty.today
    where = ctx.folder.rel if ctx.folder else None
    for name, minimum in duty.targets:
        found = next(((rel, p, label) for rel, p in sheets if (label := _rate(p, name))), None)
        if found is None:
            message = f"没有找到“{name}”：请在问卷统计表中写一行“{name} | 98.5%”。"
            if past:
                yield Found("activity-target", message, where, topic=name)
            else:
                code = _not_over(duty, duty.deadline, "activity-target")
                yield Found(code, f"{duty.deadline} 前需完成。" + message, where, topic=name)
            continue
        rel, pairs, label = found
        raw = pairs[label]
        value = parse_number(raw)
        if value is not None and "%" not in raw and value <= 1:
            value *= 100  # 0.986 written as a fraction
        if value is None or value < minimum:
            shown = f"{value:g}%" if value is not None else f"“{raw}”（不是数字）"
            message = f"{name} {shown}，要求 ≥{minimum:g}%（{duty.wording}）。"
            if past:
                yield Found("activity-target", message, rel, topic=name)
            else:
                yield Found("activity-progress", f"{duty.deadline} 前需达到：" + message, rel)
        else:
            yield Found(
                "activity-progress", f"{name} {value:g}%，要求 ≥{minimum:g}%，已达到。", rel
            )
