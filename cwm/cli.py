"""The command line. Commands parse options, call one core function, print, and exit.

Exit codes: 0 all good (warnings allowed), 1 the check found errors, 2 bad usage or bad data,
3 an internal error (a bug: rerun with --debug and report it). Only this module prints.
"""

from __future__ import annotations

import functools
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Optional

import typer

from . import i18n
from .errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, CwmError

i18n.install()  # Click's messages in Chinese, help wrapped by display width

app = typer.Typer(
    name="cwm",
    help="创文管理（cwm）：创建全国文明城市工作方案的任务清单、到期提醒与材料检查工具。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # Click formats help: Typer's rich panels cut Chinese text with “…”
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
    context_settings={"help_option_names": ["-h", "--help"]},
)
command = functools.partial(app.command, options_metavar="[选项]")
"""Every command is declared with this: its usage line in Chinese."""


class State:
    data: Optional[Path] = None
    debug: bool = False


state = State()


def _utf8_when_redirected() -> None:
    """Redirected output on Chinese Windows defaults to GBK, which lacks some symbols: write
    UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        if not stream.isatty() and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):  # pragma: no cover - stream already in use
                pass


def err(message: str) -> None:
    typer.echo(message, err=True)


def out(renderable: Any) -> None:
    """Print text as is; a TableView as a Rich table on a terminal, as plain text otherwise
    (stable for scripts, and Rich is not even imported)."""
    from .output import TableView, fits, rich_table, to_plain

    if isinstance(renderable, TableView):
        if not sys.stdout.isatty():
            renderable = to_plain(renderable)
        else:
            from rich.console import Console

            console = Console()
            if not fits(renderable, console.width):  # a list per item reads at 80 columns
                renderable = to_plain(renderable)
            else:
                console.print(rich_table(renderable))
                return
    sys.stdout.write(renderable)
    sys.stdout.flush()


def handles_errors(fn: Callable) -> Callable:
    """Turn CwmError into its message and exit code; hide tracebacks unless --debug."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CwmError as exc:
            if state.debug:
                raise
            err(exc.message)
            raise typer.Exit(exc.exit_code)
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            err("已中断。输出文件只在完整写好后才出现，不会留下写了一半的文件。")
            raise typer.Exit(EXIT_INTERRUPTED)
        except BrokenPipeError:  # the reader (e.g. `| head`) stopped reading: not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0)
        except Exception as exc:  # a bug, not bad input
            if state.debug:
                raise
            err(
                f"cwm 内部错误：{type(exc).__name__}: {exc}\n"
                "请加 --debug 重新运行以查看详细信息，并报告给维护者。"
            )
            raise typer.Exit(EXIT_INTERNAL)

    return wrapper


def load(unit: Optional[str] = None) -> tuple[Any, Any]:
    """The plan (from --data / CWM_DATA, else built in) and the resolved ``unit`` (None if not
    given)."""
    from .plan import load_plan

    plan = load_plan(state.data)
    return plan, plan.directory.resolve(unit) if unit else None


def version_callback(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"cwm {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    data: Optional[Path] = typer.Option(
        None,
        "--data",
        envvar="CWM_DATA",
        help="数据目录（含 org.yaml、tasks.yaml、sites.yaml、grid.yaml）。默认用内置的2021年方案。",
        show_default=False,
    ),
    debug: bool = typer.Option(
        False, "--debug", help="出错时显示完整的 Python 回溯（供维护者排查）。"
    ),
    version: bool = typer.Option(
        False, "--version", callback=version_callback, is_eager=True, help="显示版本号。"
    ),
) -> None:
    """创文管理（cwm）：创建全国文明城市工作方案的任务清单、到期提醒与材料检查工具。"""
    _utf8_when_redirected()
    state.data = data
    state.debug = debug
    if debug:
        from .evidence.reading import DEBUG_ENV

        os.environ[DEBUG_ENV] = "1"  # read errors name their exception, in workers too


# ---------------------------------------------------------------------------------------------
# validate


@command()
@handles_errors
def validate(
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出（problems 列表）。"),
    rules: bool = typer.Option(False, "--rules", help="列出全部数据检查规则及说明，不做检查。"),
) -> None:
    """检查数据文件：格式、字段、引用是否正确，并报告原文自身的不一致（警告）。

    每条问题显示为“文件:行:列: 级别: 说明（键路径）”。有错误时退出码为 2，只有警告时为 0。
    """
    from . import datarules, labels
    from .output import to_json
    from .plan import packaged_data_dir, read_plan

    if rules:
        for code in datarules.RULES.codes.values():
            out(f"{code.code}（{labels.SEVERITY[code.severity]}）：{code.doc}\n")
        return
    plan, problems = read_plan(state.data or packaged_data_dir())
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if as_json:
        out(
            to_json(
                {
                    "errors": errors,
                    "warnings": warnings,
                    "problems": [p.as_json() for p in problems],
                }
            )
        )
    else:
        for problem in problems:
            out(problem.format() + "\n")
        verdict = "数据有错误，请修改后重试。" if errors else "数据可用。"
        err(f"共 {errors} 个错误，{warnings} 个警告。{verdict}")
    if errors:
        raise typer.Exit(EXIT_USAGE)


# ---------------------------------------------------------------------------------------------
# duties

from . import options as opt  # noqa: E402  (shared option declarations; cheap)
from .i18n import os_error  # noqa: E402
from .output import Format  # noqa: E402


@command()
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
    from . import labels
    from .duties import SOURCES, duties_for, summary
    from .output import render

    plan, target = load(unit)
    if unit is None and not all_:
        rows = summary(plan)
        columns = [
            ("单位", lambda r: r["unit"]),
            ("类别", lambda r: labels.UNIT_KIND[r["kind"]]),
            ("负责人", lambda r: r["head"]),
        ]
        columns += [(labels.SOURCE[s], (lambda s: lambda r: r[s])(s)) for s in SOURCES]
        columns.append(("合计", lambda r: r["total"]))
        title = "各单位职责汇总（用 cwm duties 单位名 查看明细）"
        write_output(render(fmt, columns, rows, rows, title=title), output)
        return
    items = duties_for(plan, target)
    if target is None:
        title = f"全部职责（{len(items)} 项）"
    elif target.kind == "person":
        title = f"{plan.directory.person_label(target.name)}的职责（{len(items)} 项）"
    else:
        title = f"{target.name} 的职责（{len(items)} 项）"
    columns = [
        ("编号", lambda d: d.id),
        ("来源", lambda d: labels.SOURCE[d.source]),
        ("事项", lambda d: d.title),
        ("要求", lambda d: d.summary),
        ("周期", lambda d: d.cadence),
        ("责任单位", lambda d: d.responsible),
        ("联系人", lambda d: [f"{c.name} {c.phone}" for c in d.contacts]),
    ]
    write_output(render(fmt, columns, items, [d.as_json() for d in items], title=title), output)


# ---------------------------------------------------------------------------------------------
# due


def _deliver(parts: list[Any], fmt: Format, output: Optional[Path]) -> None:
    """Several parts (lines, tables) to the screen, or together into one file."""
    from .output import TableView, to_plain

    if output is None and fmt is not Format.xlsx:
        for part in parts:
            out(part)
        return
    if fmt is Format.xlsx:
        write_output(parts[0], output)
        return
    write_output("".join(to_plain(p) if isinstance(p, TableView) else p for p in parts), output)


def _checked(plan: Any, evidence: Optional[Path], target: Any, when: Any) -> Any:
    """With --evidence: the check of that folder for the items due in the period; else None."""
    if evidence is None:
        return None
    from .progress import check_due

    require_dir(evidence)
    return check_due(plan, evidence, target, when.window, when.today)


def _due_columns(progress: Any = None) -> list[tuple[str, Callable[[Any], Any]]]:
    """The table of `cwm due`; with ``progress`` (``--evidence``), each item's status and
    reasons."""
    from . import labels

    def requirement(item: Any) -> str:
        if item.duty.source == "liaison":
            text = labels.liaison(item.duty.record)
            if not item.count:
                return text
            return f"本期共 {item.count} {item.duty.record.count_word}（{text}）"
        return "；".join(labels.material(m) for m in item.materials)

    def festivals(item: Any) -> str:
        return "、".join(
            f"{f.name} {f.date.month}月{f.date.day}日（{labels.REQUIRED[required]}）"
            for f, required in item.festivals
        )

    columns = [
        ("截止日期", lambda i: i.due.isoformat()),
        ("逾期", lambda i: "已逾期" if i.overdue else ""),
        ("编号", lambda i: i.duty.id),
        ("事项", lambda i: i.duty.title),
        ("本期应交 / 应做", requirement),
        ("节日", festivals),
        ("联系人", lambda i: [f"{c.name} {c.phone}" for c in i.duty.contacts]),
    ]
    if progress is not None:
        columns.insert(4, ("状态", progress.status_label))
        columns.insert(5, ("原因", progress.reasons))
    return columns


@command()
@handles_errors
def due(
    quarter: bool = opt.QUARTER,
    half: bool = opt.HALF,
    month: bool = opt.MONTH,
    year: bool = opt.YEAR,
    date: Optional[str] = opt.DATE,
    period: Optional[str] = opt.PERIOD,
    dept: Optional[str] = opt.DEPT,
    fmt: Format = opt.FORMAT,
    evidence: Optional[Path] = opt.EVIDENCE,
    output: Optional[Path] = opt.OUTPUT,
) -> None:
    """列出某期间（默认本季度）应交的材料和应完成的包联工作：按单位分组、按截止日期排序。

    季度收集的材料每季度都到期，半年收集的在第二、四季度到期；按时间节点的事项列出期间内的传统节日及日期；
    附件3 的包联工作按各自的周期（每月、每半年、N月前、每年）列出。
    示例：cwm due；cwm due --half --dept 养老；cwm due --period 2021Q2 --format json。
    """
    from .due import by_unit
    from .due import due as due_items
    from .output import render_groups

    when = opt.when(quarter, half, month, year, date, period)
    window, today = when.window, when.today
    plan, target = load(dept)
    progress = _checked(plan, evidence, target, when)
    if progress is not None:
        items = progress.items or []
    else:
        items = due_items(plan, window, today, target)
    if plan.year != window.year and fmt is Format.table:
        err(f"提示：方案年度为 {plan.year} 年，查询的是 {window.chinese}，按方案的收集周期推算。")
    parts: list[Any] = []
    if fmt is Format.table:
        who = f"{target.name} " if target else ""
        span = f"{window.chinese}（{window.start} 至 {window.end}）"
        parts.append(f"{who}{span}应交事项 {len(items)} 项，参考日 {today}。\n")
        if progress:
            parts.append(progress.summary_line() + "\n")
        if not items:
            parts.append("本期没有到期的事项。\n")
    as_json = progress.item_json if progress else (lambda i: i.as_json())
    groups = by_unit(plan, items)
    parts += render_groups(
        fmt, _due_columns(progress), groups, [as_json(i) for i in items], "责任单位"
    )
    _deliver(parts, fmt, output)
    if progress and fmt is not Format.table:
        err(progress.summary_line())


# ---------------------------------------------------------------------------------------------
# check, rules, count


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    xlsx = "xlsx"


def require_dir(evidence: Path) -> None:
    from .errors import UsageError

    if not evidence.is_dir():
        raise UsageError(f"材料文件夹“{evidence}”不存在或不是文件夹。")


def write_output(text: Any, output: Optional[Path]) -> None:
    """To stdout, or atomically to ``output`` (a temporary file renamed over it). A table goes
    to a file as plain text; an .xlsx (bytes) only to a file."""
    from .errors import UsageError
    from .fsutil import atomic_write_bytes
    from .output import TableView, to_plain

    if output is None:
        if isinstance(text, bytes):
            raise UsageError("xlsx 格式须用 -o 指定要写入的文件，如 -o 清单.xlsx。")
        out(text)
        return
    if isinstance(text, TableView):
        text = to_plain(text)
    try:
        atomic_write_bytes(output, text if isinstance(text, bytes) else text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"无法写入 {output}：{os_error(exc)}。请检查路径和权限。") from None


class _Progress:
    """A progress bar on a terminal (stderr) while files are read; nothing otherwise."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: Optional[int] = None) -> None:
        if total is not None:
            if total >= 20 and sys.stderr.isatty():
                from rich.console import Console
                from rich.progress import Progress

                self.bar = Progress(console=Console(stderr=True), transient=True)
                self.bar.start()
                self.task = self.bar.add_task("读取材料", total=total)
            return
        if self.bar is not None:
            self.bar.advance(self.task, done)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@command()
@handles_errors
def check(
    evidence: Path = opt.EVIDENCE_DIR,
    dept: Optional[str] = opt.DEPT,
    quarter: bool = opt.QUARTER,
    half: bool = opt.HALF,
    month: bool = opt.MONTH,
    year: bool = opt.YEAR,
    date: Optional[str] = opt.DATE,
    period: Optional[str] = opt.PERIOD,
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
) -> None:
    """检查材料文件夹：字数、图片张数与说明、分组、正式发文、数据表格，提交前发现审核会退回的问题。

    只读取材料，不修改任何文件。不写期间选项时检查全部申报项；
    写了（如 --quarter）只检查该期间应交的材料。
    退出码：0 没有错误；1 有错误（加 --strict 时有警告也算）；2 用法或数据错误。
    示例：cwm check 材料/；cwm check 材料/ --dept 养老 --quarter；
    cwm check 材料/ -f json -o 报告.json。
    """
    from .progress import check_due

    require_dir(evidence)
    plan, target = load(dept)
    when = opt.when(quarter, half, month, year, date, period, default=None)
    checked = _with_progress(
        check_due,
        plan,
        evidence,
        target,
        when.window,
        when.today,
        use_cache=not no_cache,
        jobs=jobs,
    )
    _emit(checked, fmt, output, strict)


def _emit(checked: Any, fmt: CheckFormat, output: Optional[Path], strict: bool) -> None:
    """Write a check report as asked; exit 1 on errors (or warnings with ``strict``)."""
    from .evidence.report import render_text

    report = checked.report
    if not report.requirements:
        if fmt is CheckFormat.text and output is None:
            out(checked.nothing_due() + "\n")
            return
        err(checked.nothing_due())
    if fmt is CheckFormat.xlsx:
        from .report import findings_workbook

        text: Any = findings_workbook(load()[0], checked)
    elif fmt is CheckFormat.json:
        from .output import to_json

        on_screen = output is None and sys.stdout.isatty()
        text = to_json(report.as_json(), compact=not on_screen)
    else:
        text = render_text(report)
    write_output(text, output)
    summary = report.summary()
    if output is not None or fmt is CheckFormat.json:
        counts = f"错误 {summary['errors']}，警告 {summary['warnings']}"
        err(f"检查 {summary['requirements']} 项：{counts}。")
    _exit_on_findings(summary, strict)


def _exit_on_findings(summary: dict[str, Any], strict: bool) -> None:
    """Exit 1 when the check found errors (or warnings, with ``strict``)."""
    if summary["errors"] or (strict and summary["warnings"]):
        raise typer.Exit(EXIT_FINDINGS)


def _with_progress(run: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``run(*args, progress=bar, **kwargs)`` with a progress bar on a terminal."""
    progress = _Progress()
    try:
        return run(*args, progress=progress, **kwargs)
    finally:
        progress.stop()


@command()
@handles_errors
def report(
    evidence: Path = opt.EVIDENCE_DIR,
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        help="报告目录：在其中新建一个以日期时间命名的文件夹（如 2021-06-20_0930）。",
    ),
    dept: Optional[str] = opt.DEPT,
    quarter: bool = opt.QUARTER,
    half: bool = opt.HALF,
    month: bool = opt.MONTH,
    year: bool = opt.YEAR,
    date: Optional[str] = opt.DATE,
    period: Optional[str] = opt.PERIOD,
    strict: bool = opt.STRICT,
    no_cache: bool = opt.NO_CACHE,
    jobs: int = opt.JOBS,
) -> None:
    """办公室的定期检查：在报告目录下新建一个以日期时间命名的文件夹，写入检查结果（网页、Excel、JSON、文字）、
    提交清单和与上次相比的变化。

    文件夹先以临时名写好再改名，中途失败不留下任何东西。不写期间选项时检查本年度全部申报项。
    退出码同 cwm check。
    示例：cwm report 材料/ -o 检查报告/；cwm report 材料/ -o 检查报告/ --quarter。
    """
    from .errors import UsageError
    from .report import write_report

    require_dir(evidence)
    plan, target = load(dept)
    when = opt.when(quarter, half, month, year, date, period, default="year")
    try:
        run = _with_progress(
            write_report,
            plan,
            evidence,
            output,
            target,
            when.window,
            when.today,
            use_cache=not no_cache,
            jobs=jobs,
        )
    except OSError as exc:
        message = f"无法写入报告目录“{output}”：{os_error(exc)}。请检查路径和权限。"
        raise UsageError(message) from None
    summary = run.progress.report.summary()
    out(f"报告已写入 {run.folder}\n")
    changes = run.changes
    what = "首次运行" if changes.first else f"新增 {len(changes.new)}，已解决 {len(changes.solved)}"
    counts = f"错误 {summary['errors']}，警告 {summary['warnings']}"
    err(f"检查 {summary['requirements']} 项：{counts}；{what}。")
    _exit_on_findings(summary, strict)


@command()
@handles_errors
def rules() -> None:
    """列出材料检查的全部规则代码及说明（检查结果中的 [代码] 即指这些规则）。"""
    from .evidence.rules import RULES
    from .labels import SEVERITY

    for rule in RULES.rules:
        out(rule.doc + "\n")
        for code in rule.codes:
            out(f"  {code.code}（{SEVERITY[code.severity]}）：{code.doc}\n")
        out("\n")


@command()
@handles_errors
def count(
    files: list[Path] = typer.Argument(
        ...,
        metavar="文件或文件夹...",
        help="要统计的文档或表格（.docx、.pdf、.ofd、.doc、.wps、.txt、.md；.xlsx、.xls、.et、.ods、.csv），"
        "或文件夹（统计其中全部文档和表格）。",
        show_default=False,
    ),
    fmt: Format = opt.FORMAT,
) -> None:
    """统计文档字数，口径与 Word“字数统计”一致：字数、纯汉字数、字符数（不计空格）；
    表格给出读到的行数和单元格数。

    每个中日韩文字和全角标点算 1 个字，连续的英文字母、数字算 1 个字（“Python 3.11”= 2）。
    """
    from .errors import UsageError
    from .evidence.counting import count_paths, totals
    from .output import render

    for path in files:
        if not path.exists():
            raise UsageError(f"{path}：文件或文件夹不存在。")
    rows = count_paths(files)
    if not rows:
        err(
            "没有找到文档或表格（.docx、.pdf、.ofd、.doc、.wps、.txt、.md、.xlsx、.xls、.et、.ods、.csv）。"
        )
        return
    if len(rows) > 1:
        rows.append(totals(rows))
    columns = [
        ("文件", lambda r: r.file),
        ("字数", lambda r: r.words),
        ("纯汉字数", lambda r: r.han),
        ("字符数（不计空格）", lambda r: r.chars_no_spaces),
        ("备注", lambda r: r.note),
    ]
    out(render(fmt, columns, rows, [r.as_json() for r in rows], header=True))
    bad = [r for r in rows if r.unreadable]
    if bad:
        err("\n".join(f"{r.file}：{r.note}" for r in bad))
        raise typer.Exit(EXIT_USAGE)


# ---------------------------------------------------------------------------------------------
# checklist


class ChecklistKind(str, Enum):
    submission = "submission"
    sites = "sites"
    grid = "grid"


class ChecklistFormat(str, Enum):
    html = "html"
    md = "md"


@command()
@handles_errors
def checklist(
    kind: ChecklistKind = typer.Option(
        ChecklistKind.submission,
        "--kind",
        "-k",
        help="submission（网上申报材料提交清单，默认）、sites（实地点位自查表）、grid（网格责任表与包联工作日历）。",
    ),
    dept: Optional[str] = opt.DEPT,
    quarter: bool = opt.QUARTER,
    half: bool = opt.HALF,
    month: bool = opt.MONTH,
    year: bool = opt.YEAR,
    date: Optional[str] = opt.DATE,
    period: Optional[str] = opt.PERIOD,
    fmt: ChecklistFormat = typer.Option(
        ChecklistFormat.html,
        "--format",
        "-f",
        help="html（默认，A4 打印，浏览器、WPS、Word 均可打开）或 md（Markdown）。",
    ),
    output: Optional[Path] = opt.OUTPUT,
    evidence: Optional[Path] = opt.EVIDENCE,
    template_dir: Optional[Path] = typer.Option(
        None,
        "--template-dir",
        help="自定义模板目录：其中同名的模板（如 base.html.j2、print.css）替换内置模板。",
    ),
) -> None:
    """生成可打印的清单：网上申报材料提交清单（可勾选、签字）、实地点位自查表、网格责任表与包联工作日历。

    示例：cwm checklist --dept 养老 -o 清单.html；cwm checklist --kind sites -o 自查表.html；
    cwm checklist --evidence 材料/ --quarter -o 本季度清单.html。
    """
    from . import checklist as lists
    from .render import render

    plan, target = load(dept)
    when = opt.when(quarter, half, month, year, date, period)
    window, today = when.window, when.today
    if kind is ChecklistKind.submission:
        progress = _checked(plan, evidence, target, when)
        context = lists.submission(plan, window, today, target, progress)
    elif kind is ChecklistKind.sites:
        context = lists.sites(plan, today, target)
    else:
        context = lists.grid(plan, window.year, today, target)
    text = render(f"{kind.value}.{fmt.value}.j2", context, template_dir)
    write_output(text, output)
    if output is not None:
        err(f"已写入 {output}。")


# ---------------------------------------------------------------------------------------------
# init


@command()
@handles_errors
def init(
    directory: Path = typer.Argument(
        ..., metavar="文件夹", help="要建立的材料文件夹（不存在则新建）。", show_default=False
    ),
    dept: Optional[str] = opt.DEPT,
    template_dir: Optional[Path] = typer.Option(
        None, "--template-dir", help="自定义模板目录（可替换 requirement.md.j2）。"
    ),
) -> None:
    """建立材料文件夹骨架：每个科室一个文件夹，每个申报项一个“编号 事项”文件夹，
    内有说明应放什么的 要求.md。

    不会覆盖或删除任何文件：已有的文件夹（在任意层级）和 要求.md 保持原样，再次运行只补上缺少的。
    示例：cwm init 材料/；cwm init 材料/ --dept 养老。
    """
    from .errors import UsageError
    from .skeleton import init as make_skeleton

    plan, target = load(dept)
    try:
        result = make_skeleton(plan, directory, target, template_dir)
    except OSError as exc:
        raise UsageError(
            f"无法在“{directory}”中建立文件夹：{os_error(exc)}。请检查路径和权限。"
        ) from None
    for folder in result.created_folders:
        out(f"新建文件夹 {folder}\n")
    for note in result.created_notes:
        out(f"新建说明   {note}\n")
    kept = len(result.existing)
    err(
        f"新建 {len(result.created_folders)} 个文件夹、"
        f"{len(result.created_notes)} 份要求说明；已有 {kept} 个文件夹保持不变。"
    )


def _command_at(args: list[str]) -> Optional[int]:
    """Where the subcommand stands on the command line, skipping global options and values."""
    skip = False
    for at, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--data":
            skip = True
        elif not arg.startswith("-"):
            return at
    return None


def _invoked(args: list[str]) -> Optional[str]:
    """The subcommand named on the command line."""
    at = _command_at(args)
    return args[at] if at is not None else None


def hoist_global_options(args: list[str]) -> list[str]:
    """``cwm due --data ./2022`` as ``cwm --data ./2022 due``: the global options (--data,
    --debug) are accepted after the command too."""
    at = _command_at(args)
    if at is None:
        return args
    before, after, moved = args[: at + 1], [], []
    rest = iter(args[at + 1 :])
    for arg in rest:
        if arg == "--":
            after += [arg, *rest]
            break
        if arg == "--debug" or arg.startswith("--data="):
            moved.append(arg)
        elif arg == "--data":
            value = next(rest, None)
            if value is None:
                after.append(arg)  # the command then says --data needs a value
            else:
                moved += [arg, value]
        else:
            after.append(arg)
    return [*moved, *before, *after]


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the invoked subcommand registered: Typer builds every registered
    command's parser on each run (~2.4 ms of the 8); help and unknown commands get the full app."""
    import copy

    name = _invoked(args)
    chosen = [c for c in app.registered_commands if (c.name or c.callback.__name__) == name]  # type: ignore[union-attr]
    if len(chosen) != 1:
        return app
    single = copy.copy(app)
    single.registered_commands = chosen
    return single


def main(argv: Optional[list[str]] = None) -> int:
    """Console-script entry point."""
    if getattr(sys, "frozen", False):  # a frozen Windows build must not start itself again
        import multiprocessing

        multiprocessing.freeze_support()
    args = hoist_global_options(sys.argv[1:] if argv is None else argv)
    try:
        _app_for(args)(args=args, prog_name="cwm")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_USAGE)
    return 0
