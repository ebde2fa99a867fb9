"""What every command shares: the global state (--data, --debug), printing, error handling,
writing output files, the progress bar, and the period options declared once.

Only the modules of ``cwm.commands`` and ``cwm.cli`` print or exit; the core returns values.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import typer

from cwm.commands import options as opt
from cwm.errors import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    CwmError,
    UsageError,
    os_problem,
)
from cwm.fsutil import decodable


class State:
    """The global options, set by ``cli.main_options`` before a command runs."""

    data: Optional[Path] = None
    debug: bool = False


state = State()


def err(message: str) -> None:
    """A line for people on stderr (summaries, hints): never part of the output proper."""
    text = decodable(message)
    if sys.stderr.isatty():  # wrapped between 汉字 or at spaces, as out() does
        import shutil

        from cwm.textwidth import fit

        text = fit(text, shutil.get_terminal_size().columns)
    try:
        typer.echo(text, err=True)
    except BrokenPipeError:
        _gone(sys.stderr)


def _gone(stream: Any) -> None:
    """The reader of ``stream`` stopped reading (``| head``): the rest goes nowhere and the run
    goes on — its files are written and its exit code is still the verdict."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    except (OSError, ValueError):
        pass


def out(renderable: Any) -> None:
    """Print text as is (on a terminal, long lines wrapped with a hanging indent); a TableView
    as a Rich table on a terminal, as plain text otherwise (stable for scripts, and Rich is not
    even imported). A reader that stops reading ends nothing (``_gone``)."""
    try:
        _out(renderable)
    except BrokenPipeError:
        _gone(sys.stdout)


def all_fit(tables: list[Any]) -> bool:
    """Whether every one of ``tables`` fits the terminal as a table (else all are shown as a
    list per item: the groups of one listing look alike)."""
    from rich.console import Console

    from cwm.output import fits

    width = Console().width
    return all(fits(table, width) for table in tables)


def _out(renderable: Any) -> None:
    from cwm.output import TableView, fits, rich_table, to_plain

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
    if sys.stdout.isatty():  # the terminal would break lines anywhere, with no indent
        import shutil

        from cwm.textwidth import fit

        renderable = fit(renderable, shutil.get_terminal_size().columns)
    sys.stdout.write(decodable(renderable))
    sys.stdout.flush()


def handles_errors(fn: Callable) -> Callable:
    """Turn CwmError into its message and exit code; hide tracebacks unless --debug. Every
    command is wrapped in this, and nothing else catches errors for printing."""

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
            # on a terminal the ^C the terminal echoed ends no line: start one
            lead = "\n" if sys.stderr.isatty() else ""
            err(lead + "已中断。输出文件只在完整写好后才出现，不会留下写了一半的文件。")
            raise typer.Exit(EXIT_INTERRUPTED)
        except BrokenPipeError:  # a write out of out()/err(): the reader stopped reading
            _gone(sys.stdout)
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
    from cwm.plan.loader import load_plan

    plan = load_plan(state.data)
    return plan, plan.directory.resolve(unit) if unit else None


@contextlib.contextmanager
def os_errors_as(what: str) -> Iterator[None]:
    """An OSError inside the block as a usage error: “{what}：没有权限。请检查路径和权限。”
    (or what else to do: “路径太长。请缩短…”)."""
    try:
        yield
    except OSError as exc:
        raise UsageError(f"{what}：{os_problem(exc)}") from None


def ask_folder(example: str) -> Path:
    """The folder the user drags into the console window (it arrives as its quoted path), when
    none was given on a terminal (a double-clicked .bat); elsewhere a usage error with
    ``example``."""
    from cwm.commands.batchcfg import clean_path

    if not sys.stdin.isatty():
        raise UsageError(f"错误：缺少材料文件夹。请给出材料文件夹，如：{example}。")
    try:
        typed = input("请把材料文件夹拖到这个窗口里（或粘贴它的路径），然后按回车：")
    except EOFError:
        typed = ""
    if not clean_path(typed):
        raise UsageError("没有输入材料文件夹。")
    return Path(clean_path(typed))


def require_dir(evidence: Path) -> None:
    """The evidence folder must exist; a mistyped one gets the nearest folder beside it, a
    file the folder it is in (or ``cwm count`` for a document)."""
    if evidence.is_dir():
        return
    if evidence.is_file():
        count = "；要数一份文档的字数，用 cwm count " + str(evidence)
        raise UsageError(
            f"“{evidence}”是一个文件，这里要的是材料文件夹。"
            f"请给出它所在的文件夹：{evidence.parent}{count}。"
        )
    import difflib

    parent = evidence.parent
    try:
        folders = [p.name for p in parent.iterdir() if p.is_dir()] if parent.is_dir() else []
    except OSError:
        folders = []
    close = difflib.get_close_matches(evidence.name, folders, n=1, cutoff=0.4)
    hint = f"是否指：{parent / close[0] if str(parent) != '.' else close[0]}？" if close else ""
    raise UsageError(f"找不到材料文件夹“{evidence}”。{hint}")


def year_note(plan: Any, window: Any) -> Optional[str]:
    """When the period judged is outside the plan's year (today is years after the built-in
    2021 plan): what was judged, and both ways out — the plan's own period, or this year's
    plan. Printed last, so it is on the screen when the listing has scrolled."""
    if window is None or window.year == plan.year:
        return None
    info = plan.org.plan
    same = window.label.replace(str(window.year), str(plan.year), 1)
    return (
        f"注意：所用的是 {plan.year} 年的方案（{info.issuer} {info.document_number}），"
        f"本次按它的周期推算的是 {window.chinese}。\n"
        f"  整理 {plan.year} 年的材料：加 --period {same}；\n"
        f"  做 {window.year} 年的工作：先导入 {window.year} 年的方案 "
        f"cwm import {window.year}年方案.docx -o {window.year}/，再加 --data {window.year}/"
        "（见 README“换一年的方案”）。"
    )


def require_outside(output: Optional[Path], evidence: Optional[Path]) -> None:
    """An output (a file, or the report folder) is never put inside the evidence folder it
    judges: the next check would read it as evidence."""
    if output is None or evidence is None:
        return
    try:
        inside = output.resolve().is_relative_to(evidence.resolve())
    except OSError:
        return
    if inside:
        beside = evidence.resolve().parent
        raise UsageError(
            f"输出“{output}”在被检查的材料文件夹“{evidence}”之内，下次检查会把它当作材料。"
            f"请写到材料文件夹之外，如 -o {beside / output.name}。"
        )


def write_output(text: Any, output: Optional[Path]) -> None:
    """To stdout, or atomically to ``output`` (a temporary file renamed over it). A table goes
    to a file as plain text; an .xlsx (bytes) only to a file."""
    from cwm.fsutil import atomic_write_bytes
    from cwm.output import TableView, to_plain

    if output is None:
        if isinstance(text, bytes):
            raise UsageError("xlsx 格式须用 -o 指定要写入的文件，如 -o 清单.xlsx。")
        out(text)
        return
    if isinstance(text, TableView):
        text = to_plain(text)
    with os_errors_as(f"无法写入 {output}"):
        atomic_write_bytes(output, text if isinstance(text, bytes) else text.encode("utf-8"))


def exit_on_findings(summary: dict[str, Any], strict: bool) -> None:
    """Exit 1 when the check found errors (or warnings, with ``strict``)."""
    if summary["errors"] or (strict and summary["warnings"]):
        raise typer.Exit(EXIT_FINDINGS)


class ProgressBar:
    """A progress bar on a terminal (stderr) while files are read; nothing otherwise. Called as
    the checker's ``OnProgress``."""

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


def check_folder(
    run: Callable[..., Any],
    evidence: Path,
    dept: Optional[str],
    when: Any,
    no_cache: bool,
    jobs: int,
) -> tuple[Any, Any]:
    """(the plan, what ``run`` returns) for ``check`` and ``report``: the evidence folder must
    exist; ``run(plan, evidence, target=, window=, today=, use_cache=, jobs=, progress=)`` runs
    with a progress bar on a terminal."""
    require_dir(evidence)
    plan, target = load(dept)
    bar = ProgressBar()
    try:
        result = run(
            plan,
            evidence,
            target=target,
            window=when.window,
            today=when.today,
            use_cache=not no_cache,
            jobs=jobs,
            progress=bar,
        )
    finally:
        bar.stop()
    return plan, result


_PERIOD_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("quarter", bool, opt.QUARTER),
    ("half", bool, opt.HALF),
    ("month", bool, opt.MONTH),
    ("year", bool, opt.YEAR),
    ("date", Optional[str], opt.DATE),
    ("period", Optional[str], opt.PERIOD),
)


def period_options(default: Optional[opt.Kind] = "quarter") -> Callable[[Callable], Callable]:
    """Give a command the six period options (--quarter, --half, --month, --year, --date,
    --period), declared here once, and call it with their meaning: ``when: options.When``.

    ``default`` is the period length used when none is named (None: no period, the whole plan).
    The options are appended to the command's signature, so Typer shows and parses them like
    the command's own.
    """

    def decorate(fn: Callable) -> Callable:
        signature = inspect.signature(fn, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != "when"]
        added = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=info, annotation=kind)
            for name, kind, info in _PERIOD_OPTIONS
        ]

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            chosen = {name: kwargs.pop(name) for name, _, _ in _PERIOD_OPTIONS}
            return fn(*args, when=opt.when(**chosen, default=default), **kwargs)

        del wrapper.__wrapped__  # Typer must see the new signature, not fn's
        wrapper.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]  # the signature Typer reads
        wrapper.__annotations__ = {p.name: p.annotation for p in [*own, *added]}
        return wrapper

    return decorate
