"""cwm due: what falls due in a period, by unit and deadline; with --evidence, each item's
check."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from cwm.commands import options as opt
from cwm.commands.common import (
    all_fit,
    err,
    handles_errors,
    load,
    out,
    period_options,
    require_dir,
    require_outside,
    write_output,
    year_note,
)
from cwm.output import Format

SUMMARY = "本期（默认本季度）应交什么、何时截止"
"""The line ``cwm --help`` shows for this command (short enough never to be cut)."""


def checked_if_asked(
    plan: Any, evidence: Optional[Path], target: Any, when: Any, output: Optional[Path] = None
) -> Any:
    """With --evidence: the check of that folder for the items due in the period; else None.
    ``output`` (the command's -o) must not be inside it."""
    if evidence is None:
        return None
    from cwm.schedule.duecheck import check_due

    require_dir(evidence)
    require_outside(output, evidence)
    return check_due(plan, evidence, target, when.window, when.today)


def write_calendar(
    plan: Any, items: list[Any], target: Any, window: Any, remind: int, output: Optional[Path]
) -> None:
    from cwm.errors import UsageError
    from cwm.printing.calendar_ics import calendar
    from cwm.schedule.due import describe

    if output is None:
        raise UsageError("ics 格式须用 -o 指定要写入的文件，如 -o 创文截止日期.ics。")
    who = target.name if target else plan.org.plan.issuer
    name = f"创文截止日期（{who}，{window.chinese}）"
    write_output(calendar(items, name, describe, remind), output)
    events = sum(len(i.deadlines) for i in items)
    err(f"已写入 {output}：{events} 个截止日期（提前 {remind} 天提醒）。")


def deliver(parts: list[Any], fmt: Format, output: Optional[Path]) -> None:
    """Several parts (lines, tables) to the screen, or together into one file."""
    from cwm.output import TableView, to_plain

    if output is None and fmt is not Format.xlsx:
        tables = [p for p in parts if isinstance(p, TableView)]
        if tables and sys.stdout.isatty() and not all_fit(tables):  # one layout for all groups
            parts = [to_plain(p) if isinstance(p, TableView) else p for p in parts]
        for part in parts:
            out(part)
        return
    if fmt is Format.xlsx:
        write_output(parts[0], output)
        return
    write_output("".join(to_plain(p) if isinstance(p, TableView) else p for p in parts), output)


DueFormat = Enum("DueFormat", {f.name: f.value for f in Format} | {"ics": "ics"}, type=str)  # type: ignore[misc]  # an Enum made from Format's members plus ics
"""The formats of the other listing commands, and ics (the deadlines as calendar events)."""


@handles_errors
@period_options()
def due(
    dept: Optional[str] = opt.DEPT,
    fmt: DueFormat = typer.Option(
        "table",
        "--format",
        "-f",
        help=opt.FORMAT_HELP + "ics：日历文件（每个截止日一个全天事件，可导入 Outlook、WPS、"
        "手机日历，须用 -o 指定文件）。",
    ),
    output: Optional[Path] = opt.OUTPUT,
    evidence: Optional[Path] = opt.EVIDENCE,
    remind: int = typer.Option(3, "--remind", min=0, help="ics 日历中提前几天提醒（0 为不提醒）。"),
    *,
    when: opt.When,
) -> None:
    """列出某期间（默认本季度）应交的材料和应完成的包联工作：按单位分组、按截止日期排序。

    季度收集的材料每季度都到期，半年收集的在第二、四季度到期；按时间节点的事项列出期间内的传统节日及日期；
    附件3 的包联工作按各自的周期（每月、每半年、N月前、每年）列出。
    示例：cwm due；cwm due --half --dept 养老；cwm due --period 2021Q2 --format json。
    """
    from cwm.output import tabulate_groups
    from cwm.schedule.due import COLUMNS, by_unit
    from cwm.schedule.due import due as due_items

    window, today = when.period, when.today
    plan, target = load(dept)
    note = year_note(plan, window)
    if fmt.value == "ics":
        write_calendar(plan, due_items(plan, window, today, target), target, window, remind, output)
        if note:
            err(note)
        return
    listing = Format(fmt.value)
    checked = checked_if_asked(plan, evidence, target, when, output)
    items = (checked.items or []) if checked else due_items(plan, window, today, target)
    parts: list[Any] = []
    if listing is Format.table:
        who = f"{target.name} " if target else ""
        span = f"{window.chinese}（{window.start} 至 {window.end}）"
        parts.append(f"{who}{span}应交事项 {len(items)} 项，参考日 {today}。\n")
        if checked:
            parts.append(checked.summary_line() + "\n")
        if not items:
            parts.append("本期没有到期的事项。\n")
    as_json = checked.item_json if checked else (lambda i: i.as_json())
    columns = checked.columns() if checked else COLUMNS
    groups = by_unit(plan, items)
    parts += tabulate_groups(listing, columns, groups, [as_json(i) for i in items], "责任单位")
    if checked and listing is Format.table and checked.standing():
        parts.append(checked.standing())
    deliver(parts, listing, output)
    if checked and listing is not Format.table:
        err(checked.summary_line())
    if note:
        err(note)
