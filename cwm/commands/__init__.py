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
SUMMARIES: dict[str, str] = {
    "init": "建立材料文件夹骨架（每个申报项一个文件夹）",
    "due": "本期（默认本季度）应交什么、何时截止",
    "check": "提交前检查材料文件夹",
    "report": "办公室定期检查：写一份带日期的报告文件夹",
    "checklist": "生成可打印的提交清单、自查表、包联日历",
    "duties": "某单位或某人全年负责的事项",
    "count": "文档字数（与 Word 字数统计一致）",
    "rules": "材料检查的全部规则代码及说明",
    "validate": "检查数据文件",
    "import": "从新方案的 Word 文件起草数据文件夹",
    "diff": "两份方案之间有什么变化",
}
"""The one line ``cwm --help`` shows for each command (short enough never to be cut)."""


def command(name: str) -> Callable:
    """The function of command ``name`` (its module imported on first use). A command named by
    a Python keyword lives in ``name_`` (``import_.py``, ``def import_``)."""
    python_name = f"{name}_" if keyword.iskeyword(name) else name
    return getattr(importlib.import_module(f"{__name__}.{python_name}"), python_name)
