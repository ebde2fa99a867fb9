"""Options shared by several commands, declared once, and what the period options mean
(``when``). ``commands.common.period_options`` gives a command the six period options."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

import typer

from cwm.output import Format
from cwm.periods import Kind, Period, parse_date

FORMAT_HELP = (
    "输出格式：table（表格）、json、csv（UTF-8 带 BOM，Excel 可直接打开）、md（Markdown）、"
    "xlsx（Excel 表格，须用 -o 指定文件）。"
)
DEPT_HELP = "只看某单位或某人：规范名称、别名（区划地名科）、名称中的一段（养老）或姓名（曾平）。"
UNIT_HELP = (
    "单位或人员：规范名称、别名（区划地名科、市救助站）、名称中的一段（养老）或姓名（曾平）。"
)

FORMAT = typer.Option(Format.table, "--format", "-f", help=FORMAT_HELP)
DEPT = typer.Option(None, "--dept", help=DEPT_HELP)
QUARTER = typer.Option(False, "--quarter", "-q", help="按季度。")
HALF = typer.Option(False, "--half", help="按半年。")
MONTH = typer.Option(False, "--month", "-m", help="按月。")
YEAR = typer.Option(False, "--year", "-y", help="按全年。")
DATE = typer.Option(
    None,
    "--date",
    "-d",
    help="参考日期 YYYY-MM-DD（默认今天）：取包含这一天的期间，并据此标出已逾期的事项。",
)
PERIOD = typer.Option(None, "--period", "-p", help="确切的期间：2021、2021H1、2021Q2、2021-05。")
OUTPUT = typer.Option(
    None,
    "--output",
    "-o",
    help="写入文件（先写临时文件再改名，不会留下写了一半的文件）；不写则输出到屏幕。",
)
EVIDENCE = typer.Option(
    None,
    "--evidence",
    "-e",
    help="材料文件夹：一并列出每个申报项的检查状态（已完成、未达标、缺失、人工核对）和主要问题。",
)

EVIDENCE_DIR = typer.Argument(
    ...,
    metavar="材料文件夹",
    help="材料文件夹（其中按编号命名的子文件夹，可在任意层级）。",
    show_default=False,
)
EVIDENCE_DIR_OR_ASK = typer.Argument(
    None,
    metavar="[材料文件夹]",
    help="材料文件夹。不写时从 --folders-from 的文件读取；在终端中请您输入（可拖进窗口）。",
    show_default=False,
)
TEMPLATE_DIR = typer.Option(
    None,
    "--template-dir",
    help="自定义模板目录：其中同名的模板（如 base.html.j2、print.css、requirement.md.j2）"
    "替换内置模板。",
)
STRICT = typer.Option(False, "--strict", help="有警告也以退出码 1 结束。")
NO_CACHE = typer.Option(
    False,
    "--no-cache",
    help="不使用、也不更新读取结果的缓存（缓存在用户缓存目录，从不写入材料文件夹）。",
)
JOBS = typer.Option(0, "--jobs", "-j", help="同时读取文件的进程数（默认为 CPU 核数）。", min=0)


@dataclass(frozen=True)
class When:
    """What the period options name: the period (None: the whole plan) and the reference day."""

    window: Period | None
    today: dt.date
    chosen: bool = True
    """A period option was given (False: the command's default was taken)."""

    @property
    def period(self) -> Period:
        """The period of a command whose period options default to one (``due``,
        ``checklist``): never None there."""
        if self.window is None:
            raise AssertionError("this command's period options have a default")
        return self.window


def when(
    quarter: bool,
    half: bool,
    month: bool,
    year: bool,
    date: Optional[str],
    period: Optional[str],
    default: Optional[Kind] = "quarter",
) -> When:
    """Parse the period options once: --period exactly, else the chosen length around --date
    (which, with --period, is only the reference day for marking overdue items). With no period
    option at all: the ``default`` length around today, or no period when ``default`` is None."""
    from cwm.errors import UsageError

    today = parse_date(date) if date is not None else dt.date.today()
    lengths = [
        k
        for k, on in (("quarter", quarter), ("half", half), ("month", month), ("year", year))
        if on
    ]
    if len(lengths) > 1:
        raise UsageError("--quarter、--half、--month、--year 只能选一个。")
    if period is not None:
        if lengths:
            raise UsageError(
                "--period 已指定确切期间，不能再与 --quarter/--half/--month/--year 同用。"
            )
        return When(Period.parse(period), today)
    kind = lengths[0] if lengths else (default if date is None else default or "quarter")
    chosen = bool(lengths) or date is not None
    return When(Period.around(kind, today) if kind else None, today, chosen)  # type: ignore[arg-type]  # kind is a period Kind when not None
