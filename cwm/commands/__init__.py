"""The commands, one module each. A module defines one function named after its command: it
parses options, calls one core function, prints and exits (``common`` holds what they share).

``COMMANDS`` lists them in the order of a quarter's work, the order ``cwm --help`` shows. The
app (``cwm.cli``) imports only the module of the command being run; to add a command, write its
module here and add its name to ``COMMANDS`` (docs/开发.md, “加一个命令”); a command named by
a Python keyword (``import``) lives in ``import_.py`` as ``def import_``.
"""

from __future__ import annotations

import importlib
import keyword
from typing import Callable

COMMANDS: tuple[str, ...] = (
    "due",
    "duties",
    "check",
    "report",
    "checklist",
    "init",
    "count",
    "rules",
    "validate",
    "import",
    "diff",
)


def command(name: str) -> Callable:
    """The function of command ``name`` (its module imported on first use). A command named by
    a Python keyword lives in ``name_`` (``import_.py``, ``def import_``)."""
    python_name = f"{name}_" if keyword.iskeyword(name) else name
    return getattr(importlib.import_module(f"{__name__}.{python_name}"), python_name)
