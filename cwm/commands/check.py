"""cwm check: check an evidence folder before submission."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from cwm.commands import options as opt
from cwm.commands.common import (
    check_folder,
    err,
    exit_on_findings,
    handles_errors,
    out,
    period_options,
    require_outside,
    write_output,
    year_note,
)
from cwm.labels import STATUS
from cwm.vocab import Status

SUMMARY = "提交前检查材料文件夹"
"""The line ``cwm --help`` shows for this command (short enough never to be cut)."""


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    xlsx = "xlsx"


@handles_errors
@period_options(default=None)
def check(
    evidence: Path = opt.EVIDENCE_DIR,
    dept: Optional[str] = opt.DEPT,
    fmt: CheckFormat = typer.Option(
        CheckFormat.text,
        "--format",
        "-f",
        help="输出格式：text（文字）、json 或 xlsx（Excel：每个问题一行，须用 -o 指定文件）。",
    ),
    output: Optional[Path] = opt.OUTPUT,
    strict: bool = opt.STRICT,
    no_cache: bool = opt.NO_CACHE,
    jobs: int = opt.JOBS,
    *,
    when: opt.When,
) -> None:
    """检查材料文件夹：字数、图片张数与说明、分组、正式发文、数据表格，提交前发现审核会退回的问题。

    只读取材料，不修改任何文件。不写期间选项时检查全部申报项；
    写了（如 --quarter）只检查该期间应交的材料。
    退出码：0 没有错误；1 有错误（加 --strict 时有警告也算）；2 用法或数据错误。
    示例：cwm check 材料/；cwm check 材料/ --dept 养老 --quarter；
    cwm check 材料/ -f json -o 报告.json。
    """
    from cwm.schedule.duecheck import check_due

    require_outside(output, evidence)
    plan, checked = check_folder(check_due, evidence, dept, when, no_cache, jobs)
    emit(plan, checked, fmt, output, strict)


def verdict(checked: Any) -> str:
    """The check's last line, with the period judged: it is what is on the screen at the end."""
    summary = checked.report.summary()
    counts = "，".join(f"{STATUS[s]} {summary[s]}" for s in Status if summary[s])
    return (
        f"结论（{checked.heading}）：{summary['requirements']} 项——{counts}；"
        f"错误 {summary['errors']} 个，警告 {summary['warnings']} 个。"
    )


def emit(plan: Any, checked: Any, fmt: CheckFormat, output: Optional[Path], strict: bool) -> None:
    """Write a check report as asked; exit 1 on errors (or warnings with ``strict``)."""
    from cwm.evidence import render_text

    report = checked.report
    if not report.requirements:
        if fmt is CheckFormat.text and output is None:
            out(checked.nothing_due() + "\n")
            return
        err(checked.nothing_due())
    if fmt is CheckFormat.xlsx:
        from cwm.report.workbook import findings_workbook

        text: Any = findings_workbook(plan, checked)
    elif fmt is CheckFormat.json:
        from cwm.output import to_json

        on_screen = output is None and sys.stdout.isatty()
        text = to_json(report.as_json(), compact=not on_screen)
    else:
        text = render_text(report, list(plan.directory.units))
    write_output(text, output)
    summary = report.summary()
    if output is None and fmt is CheckFormat.text:
        out("\n" + verdict(checked) + "\n")
    else:
        err(verdict(checked))
    note = year_note(plan, checked.window)
    if note:
        err(note)
    exit_on_findings(summary, strict)
