"""cwm duties: what a unit or person is responsible for, all year."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cwm.commands import options as opt
from cwm.commands.common import handles_errors, load, write_output
from cwm.output import Format

SUMMARY = "某单位或某人全年负责的事项"
"""The line ``cwm --help`` shows for this command (short enough never to be cut)."""


@handles_errors
def duties(
    unit: Optional[str] = typer.Argument(
        None,
        metavar="[单位或人员]",
        help=opt.UNIT_HELP + "不写则列出各单位的汇总。",
        show_default=False,
    ),
    all_: bool = typer.Option(False, "--all", help="列出全部单位的全部职责（而不是汇总）。"),
    fmt: Format = opt.FORMAT,
    output: Optional[Path] = opt.OUTPUT,
) -> None:
    """列出某单位或某人全年负责的事项：网上申报材料、实地点位、社区包联、网格责任、宣传职责。

    示例：cwm duties 养老服务科；cwm duties 区划地名科 --format json；cwm duties（各单位汇总）。
    """
    from cwm.output import tabulate
    from cwm.schedule.duties import COLUMNS, SUMMARY_COLUMNS, duties_for, duty_json, summary

    plan, target = load(unit)
    if unit is None and not all_:
        rows = summary(plan)
        title = "各单位职责汇总（用 cwm duties 单位名 查看明细）"
        write_output(tabulate(fmt, SUMMARY_COLUMNS, rows, rows, title=title), output)
        return
    items = duties_for(plan, target)
    if target is None:
        whose = "全部职责"
    elif target.kind == "person":
        whose = f"{plan.directory.person_label(target.name)}的职责"
    else:
        whose = f"{target.name}的职责"
    title = f"{whose}（{len(items)} 项）"
    write_output(tabulate(fmt, COLUMNS, items, [duty_json(d) for d in items], title=title), output)
