"""cwm checklist: printable lists — the submission checklist, the site self-inspection sheet,
the grid table with the liaison calendar."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from cwm.commands import options as opt
from cwm.commands.common import (
    err,
    handles_errors,
    load,
    period_options,
    write_output,
    year_note,
)
from cwm.commands.due import checked_if_asked
from cwm.errors import UsageError

SUMMARY = "生成可打印的提交清单、自查表、包联日历"
"""The line ``cwm --help`` shows for this command (short enough never to be cut)."""


class ChecklistKind(str, Enum):
    submission = "submission"
    sites = "sites"
    grid = "grid"


class ChecklistFormat(str, Enum):
    html = "html"
    md = "md"
    xlsx = "xlsx"


@handles_errors
@period_options()
def checklist(
    kind: ChecklistKind = typer.Option(
        ChecklistKind.submission,
        "--kind",
        "-k",
        help="submission（网上申报材料提交清单，默认）、sites（实地点位自查表）、grid（网格责任表与包联工作日历）。",
    ),
    dept: Optional[str] = opt.DEPT,
    fmt: ChecklistFormat = typer.Option(
        ChecklistFormat.html,
        "--format",
        "-f",
        help="html（默认，A4 打印，浏览器、WPS、Word 均可打开）、md（Markdown），"
        "或 xlsx（仅 --kind sites：可填写的自查表，检查结果为下拉列表，须用 -o 指定文件）。",
    ),
    output: Optional[Path] = opt.OUTPUT,
    evidence: Optional[Path] = opt.EVIDENCE,
    template_dir: Optional[Path] = opt.TEMPLATE_DIR,
    *,
    when: opt.When,
) -> None:
    """生成可打印的清单：网上申报材料提交清单（可勾选、签字）、实地点位自查表、网格责任表与包联工作日历。

    示例：cwm checklist --dept 养老 -o 清单.html；
    cwm checklist --kind sites -f xlsx -o 自查表.xlsx（可填写的自查表）；
    cwm checklist --evidence 材料/ --quarter -o 本季度清单.html。
    """
    from cwm.printing import checklist as lists
    from cwm.printing.templating import render_template

    if fmt is ChecklistFormat.xlsx and kind is not ChecklistKind.sites:
        raise UsageError(
            "xlsx 格式只用于可填写的自查表：cwm checklist --kind sites -f xlsx -o 自查表.xlsx。"
        )
    plan, target = load(dept)
    window, today = when.period, when.today
    if kind is ChecklistKind.submission:
        checked = checked_if_asked(plan, evidence, target, when, output)
        context = lists.submission(plan, window, today, target, checked)
    elif kind is ChecklistKind.sites:
        context = lists.sites(plan, today, target)
    else:
        context = lists.grid(plan, window.year, today, target)
    if fmt is ChecklistFormat.xlsx:
        from cwm.printing.inspection_sheet import inspection_workbook

        write_output(inspection_workbook(context), output)
    else:
        write_output(render_template(f"{kind.value}.{fmt.value}.j2", context, template_dir), output)
    if output is not None:
        err(f"已写入 {output}。")
    note = year_note(plan, window) if kind is not ChecklistKind.sites else None
    if note:
        err(note)
