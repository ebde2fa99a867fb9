"""cwm report: the office's periodic check, written as a dated report folder."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cwm.commands import options as opt
from cwm.commands.common import (
    ask_folder,
    check_folder,
    err,
    exit_on_findings,
    handles_errors,
    os_errors_as,
    out,
    period_options,
    require_outside,
    year_note,
)
from cwm.errors import UsageError

SUMMARY = "办公室定期检查：写一份带日期的报告文件夹"
"""The line ``cwm --help`` shows for this command (short enough never to be cut)."""


@handles_errors
@period_options(default="year")
def report(
    evidence: Optional[Path] = opt.EVIDENCE_DIR_OR_ASK,
    output: Optional[Path] = typer.Option(
        None,
        "--output",
        "-o",
        help="报告目录：在其中新建一个以日期时间命名的文件夹（如 2021-06-20_0930）。"
        "不写时为材料文件夹旁的“材料文件夹名_检查结果”。",
        show_default=False,
    ),
    folders_from: Optional[Path] = typer.Option(
        None,
        "--folders-from",
        metavar="文件",
        help="没有给出材料文件夹时，从此文件读取：第一行材料文件夹，第二行报告目录"
        "（批处理的 check_all.cfg；UTF-8 或 GBK 均可）。",
    ),
    open_html: bool = typer.Option(
        False, "--open", help="写好后在浏览器中打开 检查结果.html（检查材料.bat 用）。"
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

    from cwm.report.folder import default_out_dir, write_report

    evidence, output = _folders(evidence, output, folders_from)
    when = _cfg_period(folders_from, when)
    output = output or default_out_dir(evidence)
    require_outside(output, evidence)
    with os_errors_as(f"无法写入报告目录“{output}”"):
        write = functools.partial(write_report, out_dir=output)
        plan, run = check_folder(write, evidence, dept, when, no_cache, jobs)
    summary = run.checked.report.summary()
    out(f"报告已写入 {run.folder}\n")
    changes = run.changes
    what = "首次运行" if changes.first else f"新增 {len(changes.new)}，已解决 {len(changes.solved)}"
    counts = f"错误 {summary['errors']}，警告 {summary['warnings']}"
    err(f"检查 {summary['requirements']} 项：{counts}；{what}。")
    note = year_note(plan, run.checked.window)
    if note:
        err(note)
    if open_html:
        _open_in_browser(run.folder / "检查结果.html")
    exit_on_findings(summary, strict)


def _cfg_period(folders_from: Optional[Path], when: opt.When) -> opt.When:
    """The period a check_all.cfg names (its third line), unless the command line chose one."""
    from cwm.commands.batchcfg import read_period
    from cwm.periods import Period

    text = read_period(folders_from) if folders_from is not None else None
    if text is None or when.chosen:
        return when
    try:
        return opt.When(Period.parse(text), when.today, chosen=True)
    except UsageError as exc:
        raise UsageError(f"“{folders_from}”第三行的期间：{exc.message}") from None


def _folders(
    evidence: Optional[Path], output: Optional[Path], folders_from: Optional[Path]
) -> tuple[Path, Optional[Path]]:
    """The evidence folder and report folder: as given, from ``--folders-from``, or asked for
    on a terminal (a folder dragged into the console window arrives as its quoted path)."""
    from cwm.commands.batchcfg import clean_path, read_folders_file

    if evidence is not None:  # as given; a pasted "D:\材料\" with its quotes, cleaned
        return evidence if evidence.exists() else Path(clean_path(str(evidence))), output
    if folders_from is not None:
        from_file, reports = read_folders_file(folders_from)
        return from_file, output or reports
    return ask_folder("cwm report 材料/ -o 检查报告/"), output


def _open_in_browser(page: Path) -> None:
    import webbrowser

    if not webbrowser.open_new_tab(page.resolve().as_uri()):
        err(f"无法打开浏览器：请手动打开 {page}")
