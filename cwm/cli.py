"""The command-line app: the global options, the commands of ``cwm.commands`` (registered in
their order), and ``main``.

Exit codes: 0 all good (warnings allowed), 1 the check found errors, 2 bad usage or bad data,
3 an internal error (a bug: rerun with --debug and report it), 130 interrupted.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Optional

import typer

from cwm.commands import COMMANDS, clickcompat, command, summary
from cwm.commands.common import state
from cwm.errors import EXIT_INTERRUPTED, EXIT_USAGE, signals_as_interrupt

clickcompat.install()  # Click's messages in Chinese, help wrapped by display width

OPTIONS_METAVAR = "[选项]"


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="cwm",
        help="创文管理（cwm）：创建全国文明城市工作方案的任务清单、到期提醒与材料检查工具。",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,  # Click formats help: Typer's rich panels cut Chinese text with “…”
        options_metavar=OPTIONS_METAVAR,
        subcommand_metavar="命令 [参数]...",
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def _utf8_when_redirected() -> None:
    """Redirected output on Chinese Windows defaults to GBK, which lacks some symbols: write
    UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        if not stream.isatty() and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):  # pragma: no cover - stream already in use
                pass


def version_callback(value: bool) -> None:
    if value:
        from cwm import __version__

        typer.echo(f"cwm {__version__}")
        raise typer.Exit()


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
    no_ocr: bool = typer.Option(
        False,
        "--no-ocr",
        help="不做文字识别（装有 cwm[ocr] 扩展时，默认识别扫描件中的文字）。",
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
        from cwm.evidence import DEBUG_ENV

        os.environ[DEBUG_ENV] = "1"  # read errors name their exception, in workers too
    if no_ocr:
        from cwm.formats.ocr import OFF_ENV

        os.environ[OFF_ENV] = "1"  # in workers too


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
        if arg in ("--debug", "--no-ocr") or arg.startswith("--data="):
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


def build_app(names: tuple[str, ...] = COMMANDS) -> typer.Typer:
    """The app with the commands ``names`` (their modules imported now), in that order."""
    app = _new_app()
    app.callback()(main_options)
    for name in names:
        app.command(name, options_metavar=OPTIONS_METAVAR, short_help=summary(name))(command(name))
    return app


@functools.cache
def full_app() -> typer.Typer:
    """Every command: for help, an unknown command, and tests."""
    return build_app()


def __getattr__(name: str) -> typer.Typer:
    """``cwm.cli.app``: the full app, built on first use (a run builds only its command)."""
    if name == "app":
        return full_app()
    raise AttributeError(name)


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the invoked command: only its module is imported, and Typer builds
    only its parser; help and unknown commands get the full app."""
    at = _command_at(args)
    if at is not None and args[at] in COMMANDS:
        return build_app((args[at],))
    return full_app()


def _standard_streams() -> None:
    """Standard streams a scheduler, pythonw or a windowed build closed are opened on the null
    device: the run writes its files and exits with its verdict (before: a traceback's exit 1
    and no file). Done first, so no file cwm opens takes descriptor 0, 1 or 2."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # the lowest free descriptor: this one, on POSIX
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))


def main(argv: Optional[list[str]] = None) -> int:
    """Console-script entry point."""
    _standard_streams()
    if getattr(sys, "frozen", False):  # a frozen Windows build must not start itself again
        import multiprocessing

        multiprocessing.freeze_support()
    args = hoist_global_options(sys.argv[1:] if argv is None else argv)
    with signals_as_interrupt():  # at any moment of the run, not only while files are read
        try:
            _app_for(args)(args=args, prog_name="cwm")
        except SystemExit as exc:
            code = exc.code
            code = code if isinstance(code, int) else (0 if code is None else EXIT_USAGE)
        else:
            code = 0
    if code == EXIT_INTERRUPTED and argv is None:
        _leave_now(code)
    return code


def _leave_now(code: int) -> None:
    """End an interrupted run at once: its outputs are whole or gone already, and Python's exit
    would join the worker pool's threads, which a worker killed mid-task can leave blocked."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
