"""cwm validate: check the data files and report the source's own inconsistencies."""

from __future__ import annotations

import typer

from cwm.commands.common import err, handles_errors, out, state
from cwm.errors import EXIT_USAGE

SUMMARY = "检查数据文件"
"""The line ``cwm --help`` shows for this command (short enough never to be cut)."""


@handles_errors
def validate(
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出（problems 列表）。"),
    rules: bool = typer.Option(False, "--rules", help="列出全部数据检查规则及说明，不做检查。"),
) -> None:
    """检查数据文件：格式、字段、引用是否正确，并报告原文自身的不一致（警告）。

    每条问题显示为“文件:行:列: 级别: 说明（键路径）”。有错误时退出码为 2，只有警告时为 0。
    """
    from cwm.output import to_json
    from cwm.plan import datarules
    from cwm.plan.loader import packaged_data_dir, read_plan
    from cwm.vocab import Severity

    if rules:
        for code in datarules.RULES.codes.values():
            out(f"{code.code}（{code.severity.label}）：{code.doc}\n")
        return
    _, problems = read_plan(state.data or packaged_data_dir())
    errors = sum(1 for p in problems if p.severity == Severity.ERROR)
    warnings = len(problems) - errors
    if as_json:
        problems_json = [p.as_json() for p in problems]
        out(to_json({"errors": errors, "warnings": warnings, "problems": problems_json}))
    else:
        for problem in problems:
            out(problem.format() + "\n")
        verdict = "数据有错误，请修改后重试。" if errors else "数据可用。"
        err(f"共 {errors} 个错误，{warnings} 个警告。{verdict}")
    if errors:
        raise typer.Exit(EXIT_USAGE)
