"""cwm report: the office's periodic check, written as a dated report folder."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .. import options as opt
from .common import (
    check_folder,
    err,
    exit_on_findings,
    handles_errors,
    os_errors_as,
    out,
    period_options,
)


@handles_errors
@period_options(default="year")
def report(
    evidence: Path = opt.EVIDENCE_DIR,
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        help="报告目录：在其中新建一个以日期时间命名的文件夹（如 2021-06-20_0930）。",
    ),
    dept: Optional[str] = opt.DEPT,
    strict: bool = opt.STRICT,
    no_cache: bool = opt.NO_CACHE,
    jobs: int = opt.JOBS,
    *,
    when: opt.When,
) -> None:
    """办公室的定期检查：在报告目录下新建一个以日期时间命名的文件夹，写入检查结果（网页、Excel、JSON、文字）、
    提交清单和与上次相比的变化。

    文件夹先以临时名写好再改名，中途失败不留下任何东西。不写期间选项时检查本年度全部申报项。
    退出码同 cwm check。
    示例：cwm report 材料/ -o 检查报告/；cwm report 材料/ -o 检查报告/ --quarter。
    """
    import functools

    from ..report_folder import write_report

    with os_errors_as(f"无法写入报告目录“{output}”"):
        write = functools.partial(write_report, out_dir=output)
        _, run = check_folder(write, evidence, dept, when, no_cache, jobs)
    summary = run.checked.report.summary()
    out(f"报告已写入 {run.folder}\n")
    changes = run.changes
    what = "首次运行" if changes.first else f"新增 {len(changes.new)}，已解决 {len(changes.solved)}"
    counts = f"错误 {summary['errors']}，警告 {summary['warnings']}"
    err(f"检查 {summary['requirements']} 项：{counts}；{what}。")
    exit_on_findings(summary, strict)
