"""The one place that adapts Click and Typer: their messages in Chinese, help wrapped by
display width.

Typer vendors Click (``typer._click``) with its messages written in English; Typer's own labels
go through gettext. ``install()``, once per process, translates both: gettext lookups through
``CLICK``, and Click's errors, as they are shown, through the patterns of ``ERRORS``. Typer's
rich help (which cut Chinese help with “…”) is switched off in ``cli`` (``rich_markup_mode=None``),
so Click formats help, wrapped by ``textwidth.wrap_text``.

This module touches private parts of Typer (``typer._click``): a Typer release may move them or
reword a message. ``tests/test_clickcompat.py`` fails, naming the message, when that happens;
pyproject.toml pins the Typer versions it was tested with.
"""

from __future__ import annotations

import re
from typing import Any

from cwm.textwidth import width, wrap_text

EXTRA = "多余的参数（{args}）。选项名以两个短横开头，如 --dept 养老"
CLICK: dict[str, str] = {
    "Options": "选项",
    "Commands": "命令",
    "Arguments": "参数",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "Aborted!": "已中止。",
}

_installed = False


def install() -> None:
    """Translate Click's messages and wrap its help by display width (idempotent)."""
    global _installed
    if _installed:
        return
    import gettext

    original, original_n = gettext.dgettext, gettext.dngettext

    def dgettext(domain: str | None, message: str) -> str:
        return CLICK.get(message) or original(domain, message)  # type: ignore[arg-type]  # gettext's message is a str

    def dngettext(domain: str | None, singular: str, plural: str, n: int) -> str:
        chosen = singular if n == 1 else plural
        return CLICK.get(chosen) or original_n(domain, singular, plural, n)  # type: ignore[arg-type]  # gettext's message is a str

    gettext.dgettext, gettext.dngettext = dgettext, dngettext  # type: ignore[assignment]  # patched on purpose: Click's labels in Chinese
    _patch_click()
    _installed = True


UNREADABLE = r"(?:File|Directory|Path) '(.*)' is not readable\."
"""Typer's check of a path argument that exists but cannot be read (never met as root)."""

ERRORS: list[tuple[str, str]] = [
    (r"Missing argument (.+)\.", r"缺少参数 \1。"),
    (r"Missing option (.+)\.", r"缺少选项 \1。"),
    (r"No such option: (\S+)", r"没有选项 \1。"),
    (r"Got unexpected extra arguments? ?(?:\(s\))? ?\((.*)\)", EXTRA.replace("{args}", r"\1")),
    (r"Option '(.+)' requires an argument\.", r"选项 \1 后面须写一个值。"),
    (r"Option '(.+)' does not take a value\.", r"选项 \1 后面不写值。"),
    (r"'(.*)' is not one of (.*)\.", r"“\1”不是可用的值（可用：\2）。"),
    (
        r"'(.*)' is not a valid (int|integer|int range|float|float range|boolean)\b.*",
        r"“\1”不是\2。",
    ),
    (r"(.*) is not in the range (.*)\.", r"\1 不在允许的范围内（\2）。"),
    (UNREADABLE, r"无法读取“\1”：没有权限。请检查路径和权限。"),
    (r"\(Possible options: (.*)\)", r"（是否应为：\1？）"),
    (
        r"没有命令 '(.+?)'\. Did you mean (.+)\?",
        r"没有命令“\1”（是否应为：\2？）。用 cwm --help 查看全部命令。",
    ),
    (r"没有命令 '(.+?)'", r"没有命令“\1”。用 cwm --help 查看全部命令。"),
]
"""(an English message of Click, as a pattern; its Chinese)."""
VALUE_OF = {
    "--evidence": "材料文件夹，如 --evidence 材料/",
    "--data": "数据文件夹，如 --data 2022/",
}
"""What an option's missing value is, where “一个值” says too little."""
_WORDS = {
    "不是int range": "不是整数",
    "不是integer": "不是整数",
    "不是int": "不是整数",
    "不是float range": "不是数字",
    "不是float": "不是数字",
    "不是boolean": "不是是或否",
}


def _option_names(text: str) -> str:
    """``'--jobs' / '-j'`` as people read it: ``--jobs（-j）``."""
    names = [n.strip().strip("'\"") for n in text.split(" / ")]
    return names[0] + (f"（{'、'.join(names[1:])}）" if len(names) > 1 else "")


def _listed(match: re.Match[str]) -> str:
    """``（可用：'text', 'json'）`` as ``（可用：text、json）``."""
    items = [i.strip().strip("'\"") for i in match[2].split(",")]
    ask = "？" if match[1] == "是否应为" else ""
    return f"（{match[1]}：{'、'.join(i for i in items if i)}{ask}）"


def translate(message: str) -> str:
    """A usage error of Click in Chinese; what no pattern knows is kept as it is."""
    text = message.strip()
    invalid = re.fullmatch(r"Invalid value for (.+?): (.*)", text, flags=re.S)
    if invalid:
        return f"{_option_names(invalid[1])}的值不对：{translate(invalid[2])}"
    for pattern, chinese in ERRORS:
        match = re.fullmatch(pattern, text, flags=re.S)
        if match:
            out = match.expand(chinese)
            for english, word in _WORDS.items():
                out = out.replace(english, word)
            out = re.sub(r"（(可用|是否应为)：([^）？]*)？?）", _listed, out)
            missing = re.fullmatch(r"选项 '?(\S+?)'? 后面须写一个值。", out)
            if missing and missing[1] in VALUE_OF:
                out = f"选项 {missing[1]} 后面须写{VALUE_OF[missing[1]]}。"
            return re.sub(r"'([^'\n]*)'", r"“\1”", out)  # Click quotes names in ASCII
    parts = re.split(r"\s+(?=\(Possible)", text)  # “No such option: -x (Possible options: …)”
    return "".join(translate(p) for p in parts) if len(parts) > 1 else text


METAVARS = {
    "str": "文字",
    "text": "文字",
    "integer": "整数",
    "int": "整数",
    "float": "数字",
    "path": "路径",
    "file": "文件",
    "directory": "文件夹",
    "boolean": "是或否",
}
"""An option's value as the help shows it (``--dept <文字>``, not ``<str>``)."""


def _describe_range(self: Any) -> str:
    """A number range in Chinese: ``不小于 0``, ``1 到 10``."""
    low = "大于" if self.min_open else "不小于"
    high = "小于" if self.max_open else "不大于"
    if self.min is not None and self.max is not None:
        return (
            f"{self.min} 到 {self.max}"
            if not (self.min_open or self.max_open)
            else (f"{low} {self.min}、{high} {self.max}")
        )
    if self.min is not None:
        return f"{low} {self.min}"
    return f"{high} {self.max}"


def _chinese_metavars(core: Any) -> None:
    """Options' value names and number ranges in Chinese in the help and the errors."""
    from typer._click import types

    make_metavar = core.Parameter.make_metavar

    def chinese_metavar(self: Any, ctx: Any) -> str:
        if self.metavar is None and self.type.get_metavar(param=self, ctx=ctx) is None:
            name = getattr(self.type, "name", "")
            base = "整数" if "int" in name else "数字" if "float" in name else METAVARS.get(name)
            if base:
                return f"<{base}>" + ("..." if self.nargs != 1 else "")
        return str(make_metavar(self, ctx))

    core.Parameter.make_metavar = chinese_metavar
    types._NumberRangeBase._describe_range = _describe_range  # type: ignore[method-assign]  # patched on purpose (this module's job)


def _patch_click() -> None:
    """Help wrapped by display width; usage line, help option and errors in Chinese."""
    from typer._click import core, exceptions, formatting
    from typer._click._compat import strip_ansi
    from typer._click.utils import echo

    def chinese_wrap_text(text: str, *args: Any, **kwargs: Any) -> str:
        # an option's [默认：0; 不小于 0]: Click joins its parts with a Latin semicolon
        text = re.sub(r"\[默认：[^\]]*\]", lambda m: m[0].replace("; ", "；"), text)
        return wrap_text(text, *args, **kwargs)

    formatting.wrap_text = chinese_wrap_text
    _chinese_metavars(core)

    def term_len(x: str) -> int:  # columns, not characters
        return width(strip_ansi(x))

    formatting.term_len = term_len
    write_usage = formatting.HelpFormatter.write_usage

    def chinese_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, "用法：" if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = chinese_usage  # type: ignore[method-assign]  # patched on purpose (this module's job)
    get_help_option = core.Command.get_help_option

    def chinese_help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option

    core.Command.get_help_option = chinese_help_option  # type: ignore[method-assign]  # patched on purpose (this module's job)

    def show_usage_error(self: Any, file: Any = None) -> None:
        lines = []
        if self.ctx is not None:
            usage = self.ctx.get_usage().replace("Usage: ", "用法：", 1)
            lines.append(usage)
            if self.ctx.command.get_help_option(self.ctx) is not None:
                command, option = self.ctx.command_path, self.ctx.help_option_names[0]
                lines.append(f"运行“{command} {option}”查看用法。")
            lines.append("")
        lines.append(f"错误：{translate(self.format_message())}")
        echo("\n".join(lines), file=file, err=file is None)

    def show_error(self: Any, file: Any = None) -> None:
        echo(f"错误：{translate(self.format_message())}", file=file, err=file is None)

    exceptions.UsageError.show = show_usage_error  # type: ignore[method-assign]  # patched on purpose (this module's job)
    exceptions.ClickException.show = show_error  # type: ignore[method-assign]  # patched on purpose (this module's job)
