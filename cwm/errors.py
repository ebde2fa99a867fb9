"""One exception hierarchy for cwm. Every message is ready to show to a user (in Chinese).

The CLI turns these into a message on stderr and an exit code in one place
(``cli.handles_errors``); nothing else prints or exits.
"""

from __future__ import annotations

import contextlib
import errno
from typing import Any, Iterator, Protocol, Sequence


class LocatedProblem(Protocol):
    """What DataError carries: a located problem of a data file (``plan.diagnostics.Problem``,
    which this layer cannot import)."""

    @property
    def severity(self) -> str: ...

    def format(self) -> str: ...


EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
"""A bug, not bad input: the message asks for --debug and a report."""
EXIT_INTERRUPTED = 130


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def signals_as_interrupt() -> Iterator[None]:
    """Inside the block, SIGTERM and SIGHUP (a scheduler stopping the run, a closed terminal)
    end cwm as Ctrl-C does: KeyboardInterrupt, so workers are stopped, nothing is half-written
    and the exit code is 130. The handlers before are put back after (only the main thread can
    set them: elsewhere nothing changes)."""
    import signal
    import threading

    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                number = getattr(signal, name)
                previous[number] = signal.signal(number, _interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class CwmError(Exception):
    """Base class: a problem the user can fix. ``exit_code`` is what the CLI exits with."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(CwmError):
    """A bad option value or argument."""


class DataError(CwmError):
    """The plan data (the YAML files) cannot be used; carries every problem found."""

    def __init__(self, problems: Sequence[LocatedProblem]) -> None:
        self.problems = list(problems)
        lines = [p.format() for p in self.problems]
        count = sum(1 for p in self.problems if p.severity == "error")
        super().__init__(
            "\n".join(lines + [f"数据有 {count} 处错误，请按提示修改后再运行 cwm validate。"])
        )


class InternalError(CwmError):
    """A bug met while checking a requirement: names what was being checked (exit 3)."""

    exit_code = EXIT_INTERNAL

    def __init__(self, message: str) -> None:
        super().__init__(message + "\n请加 --debug 重新运行以查看详细信息，并报告给维护者。")


class ResolveError(CwmError):
    """A unit or person name that matches nothing, or more than one thing."""

    def __init__(self, message: str, candidates: Sequence[str] = ()) -> None:
        self.candidates = list(candidates)
        super().__init__(message)


OS_ERRORS = {
    errno.EEXIST: "文件已存在",
    errno.EISDIR: "是文件夹",
    errno.ENOTDIR: "不是文件夹",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "文件系统只读",
    errno.ENAMETOOLONG: "路径太长",
    errno.EBUSY: "文件正被占用",
    errno.EIO: "读写出错（磁盘或网络）",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EXDEV: "不能跨磁盘移动",
}


WINDOWS_PATH_MAX = 260
"""MAX_PATH: the longest path Windows opens unless long paths are enabled."""


def _errno(exc: Any) -> int | None:
    """The error's errno, as it means: Windows reports a path beyond MAX_PATH as “not found”
    (ERROR_FILENAME_EXCED_RANGE 206, or ERROR_PATH_NOT_FOUND 3 for a long one), which Python
    maps to ENOENT; it is a path too long, and said so."""
    winerror = getattr(exc, "winerror", None)
    filename = getattr(exc, "filename", None)
    if winerror == 206 or (
        winerror == 3 and isinstance(filename, str) and len(filename) >= WINDOWS_PATH_MAX
    ):
        return errno.ENAMETOOLONG
    return getattr(exc, "errno", None)


def os_error(exc: Any) -> str:
    """An OSError in Chinese (“没有权限”), whatever the system's language."""
    code = _errno(exc)
    return (OS_ERRORS.get(code) if code is not None else None) or "系统错误（" + (
        getattr(exc, "strerror", None) or str(exc)
    ) + "）"


OS_FIXES = {
    errno.ENAMETOOLONG: "请缩短上层文件夹的名称，或把材料放到层级较浅的位置。",
    errno.ENOSPC: "请清理磁盘后重试。",
    errno.EROFS: "请换一个可写的位置。",
    errno.ENOENT: "请检查路径是否写对。",
}
"""What to do about an OSError, where it is not a matter of permissions."""


def os_problem(exc: Any) -> str:
    """An OSError in Chinese with what to do: “没有权限。请检查路径和权限。”."""
    code = _errno(exc)
    fix = OS_FIXES.get(code, "") if code is not None else ""
    fix = fix or "请检查路径和权限。"
    return f"{os_error(exc)}。{fix}"
