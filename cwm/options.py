"""Options shared by several commands, declared once."""

from __future__ import annotations

from typing import Any, Optional

import typer

from .output import Format

FORMAT_HELP = (
    "输出格式：table（表格）、json、csv（UTF-8 带 BOM，Excel 可直接打开）、md（Markdown）。"
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


def choose_period(
    quarter: bool,
    half: bool,
    month: bool,
    year: bool,
    date: Optional[str],
    period: Optional[str],
    default: Optional[str] = "quarter",
) -> Any:
    """The period the options name: --period exactly, else the chosen length around --date
    (which, with --period, is only the reference day for marking overdue items). With no period
    option at all: the ``default`` length around today, or None when ``default`` is None."""
    import datetime as dt

    from .errors import UsageError
    from .periods import Period, parse_date

    lengths = [
        kind
        for kind, on in (("quarter", quarter), ("half", half), ("month", month), ("year", year))
        if on
    ]
    if len(lengths) > 1:
        raise UsageError("--quarter、--half、--month、--year 只能选一个。")
    if period is not None:
        if lengths:
            raise UsageError(
                "--period 已指定确切期间，不能再与 --quarter/--half/--month/--year 同用。"
            )
        return Period.parse(period)
    if not lengths and date is None and default is None:
        return None
    day = parse_date(date) if date is not None else dt.date.today()
    return Period.around(lengths[0] if lengths else default or "quarter", day)  # type: ignore[arg-type]


def reference_day(date: Optional[str]) -> Any:
    import datetime as dt

    from .periods import parse_date

    return parse_date(date) if date else dt.date.today()
