"""The commands, one module each. A module defines one function named after its command: it
parses options, calls one core function, prints and exits (``common`` holds what they share).

``COMMANDS`` lists them in the order of a quarter's work, the order ``cwm --help`` shows. The
app (``cwm.cli``) imports only the module of the command being run. To add a command, write its
module here — its function and its one-line ``SUMMARY`` — and add its name to ``COMMANDS``
(docs/开发.md, “加一个命令”); a command named by a Python keyword (``import``) lives in
``import_.py`` as ``def import_``.
"""

from __future__ import annotations

import importlib
import keyword
from types import ModuleType
from typing import Any, Callable

COMMANDS: tuple[str, ...] = (
    "init",
    "due",
    "check",
    "report",
    "checklist",
    "duties",
    "count",
    "rules",
    "validate",
    "import",
    "diff",
)


def _python_name(name: str) -> str:
    """A command named by a Python keyword lives in ``name_`` (``import_.py``, ``def import_``)."""
    return f"{name}_" if keyword.iskeyword(name) else name


def module_of(name: str) -> ModuleType:
    """The module of command ``name``, imported on first use."""
    return importlib.import_module(f"{__name__}.{_python_name(name)}")


def command(name: str) -> Callable[..., Any]:
    """The function of command ``name``."""
    function: Callable[..., Any] = getattr(module_of(name), _python_name(name))
    return function


def summary(name: str) -> str:
    """The line ``cwm --help`` shows for command ``name`` (its module's ``SUMMARY``)."""
    text: str = module_of(name).SUMMARY
    return text
