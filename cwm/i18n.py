"""Every message a user can meet, in Chinese: usage errors and help labels of the command
line, operating system errors, and help text wrapped by display width (Chinese has no spaces to
break at, and each character is two columns wide).

Typer vendors Click (``typer._click``) with its messages written in English; Typer's own labels
go through gettext. ``install()``, once per process, translates both: gettext lookups through
``CLICK``, and Click's errors, as they are shown, through the patterns of ``ERRORS``. Typer's
rich help (which cut Chinese help with “…”) is switched off in ``cli`` (``rich_markup_mode=None``),
so Click formats help, wrapped by ``wrap_text`` below.
"""

from __future__ import annotations

import errno
import functools
import re
import unicodedata
from typing import Any

EXTRA = "多余的参数（{args}）。选项名以两个短横开头，如 --dept 养老"
CLICK: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看用法。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "是否应为 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否应为其中之一：{possibilities}？）",
    "Got unexpected extra argument ({args})": EXTRA,
    "Got unexpected extra arguments ({args})": EXTRA,
    "Option {name!r} requires an argument.": "选项 {name!r} 后面须写一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 后面须写 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 后面不写值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不对：{message}",
    "Invalid value: {message}": "值不对：{message}",
    "{value!r} is not {choice}.": "{value!r} 不是可用的值：{choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可用的值之一：{choices}。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是是或否。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 没有读取权限。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 没有写入权限。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "integer": "整数",
    "float": "数字",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "Aborted!": "已中止。",
    "deprecated": "已弃用",
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
        return CLICK.get(message) or original(domain, message)  # type: ignore[arg-type]

    def dngettext(domain: str | None, singular: str, plural: str, n: int) -> str:
        chosen = singular if n == 1 else plural
        return CLICK.get(chosen) or original_n(domain, singular, plural, n)  # type: ignore[arg-type]

    gettext.dgettext, gettext.dngettext = dgettext, dngettext  # type: ignore[assignment]
    _patch_click()
    _installed = True


ERRORS: list[tuple[str, str]] = [
    (r"Missing argument (.+)\.", r"缺少参数 \1。"),
    (r"Missing option (.+)\.", r"缺少选项 \1。"),
    (r"Missing parameter:? ?(.*?)\.?", r"缺少参数 \1。"),
    (r"No such option: (\S+)", r"没有选项 \1。"),
    (r"No such command '(.+)'\.", r"没有命令“\1”。用 cwm --help 查看全部命令。"),
    (r"Got unexpected extra arguments? ?(?:\(s\))? ?\((.*)\)", EXTRA.replace("{args}", r"\1")),
    (r"Option '(.+)' requires an argument\.", r"选项 \1 后面须写一个值。"),
    (r"Option '(.+)' requires (\d+) arguments\.", r"选项 \1 后面须写 \2 个值。"),
    (r"Option '(.+)' does not take a value\.", r"选项 \1 后面不写值。"),
    (r"'(.*)' is not one of (.*)\.", r"“\1”不是可用的值（可用：\2）。"),
    (
        r"'(.*)' is not a valid (int|integer|int range|float|float range|boolean)\b.*",
        r"“\1”不是\2。",
    ),
    (r"'(.*)' is not (.*)\.", r"“\1”不是可用的值（可用：\2）。"),
    (r"(.*) is not in the range (.*)\.", r"\1 不在 \2 范围内。"),
    (r"(?:Path|File|Directory) '(.*)' does not exist\.", r"“\1”不存在。"),
    (r"\(Possible options: (.*)\)", r"（是否应为：\1？）"),
]
"""(an English message of Click, as a pattern; its Chinese)."""
_WORDS = {
    "不是int range": "不是整数",
    "不是integer": "不是整数",
    "不是int": "不是整数",
    "不是float range": "不是数字",
    "不是float": "不是数字",
    "不是boolean": "不是是或否",
}


def translate(message: str) -> str:
    """A usage error of Click in Chinese; what no pattern knows is kept as it is."""
    text = message.strip()
    invalid = re.fullmatch(r"Invalid value for (.+?): (.*)", text, flags=re.S)
    if invalid:
        return f"{invalid[1]} 的值不对：{translate(invalid[2])}"
    for pattern, chinese in ERRORS:
        match = re.fullmatch(pattern, text, flags=re.S)
        if match:
            out = match.expand(chinese)
            for english, word in _WORDS.items():
                out = out.replace(english, word)
            return out
    parts = re.split(r"\s+(?=\(Possible)", text)  # “No such option: -x (Possible options: …)”
    return "".join(translate(p) for p in parts) if len(parts) > 1 else text


def _patch_click() -> None:
    """Help wrapped by display width; usage line, help option and errors in Chinese."""
    from typer._click import core, exceptions, formatting
    from typer._click._compat import strip_ansi
    from typer._click.utils import echo

    formatting.wrap_text = wrap_text  # type: ignore[assignment]
    formatting.term_len = lambda text: width(strip_ansi(text))  # columns, not characters
    write_usage = formatting.HelpFormatter.write_usage

    def chinese_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, "用法：" if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = chinese_usage  # type: ignore[method-assign]
    get_help_option = core.Command.get_help_option

    def chinese_help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option

    core.Command.get_help_option = chinese_help_option  # type: ignore[method-assign]

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

    exceptions.UsageError.show = show_usage_error  # type: ignore[method-assign]
    exceptions.ClickException.show = show_error  # type: ignore[method-assign]


# --- help wrapped by display width ------------------------------------------------------------

_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"


@functools.cache
def _tokens() -> re.Pattern[str]:
    """A run of spaces, one wide character, or a run of other characters (a word, an option);
    compiled on first use (help and errors only), not on every start."""
    return re.compile(f"\\s+|[{_WIDE}]|[^\\s{_WIDE}]+")


_NO_LINE_START = set("，。、；：！？）》」』】”’%")
_NO_LINE_END = set("（《「『【“‘[(")


def width(text: str) -> int:
    """Display columns: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _is_wide(text: str) -> bool:
    return bool(text) and unicodedata.east_asian_width(text[0]) in "WF"


def _join(lines: list[str]) -> str:
    """Lines of one paragraph: a space between Latin words, none between Chinese ones."""
    out = ""
    for line in (line.strip() for line in lines):
        if out and not (_is_wide(out[-1]) or _is_wide(line)):
            out += " "
        out += line
    return out


def _fill(text: str, limit: int, first: str, rest: str) -> list[str]:
    """Greedy lines of at most ``limit`` columns; a closing mark (，。）) never starts a line: the
    character before it moves down with it."""
    lines: list[str] = []
    current: list[str] = []
    indent = first

    def used() -> int:
        return width(indent) + sum(width(t) for t in current)

    for token in _tokens().findall(text):
        if token.isspace():
            if current and not current[-1].isspace():
                current.append(" ")
            continue
        if used() + width(token) > limit and any(not t.isspace() for t in current):
            carried: list[str] = []
            if token[0] in _NO_LINE_START and len(current) > 1:
                carried = [current.pop()]
            while len(current) > 1 and current[-1][-1] in _NO_LINE_END:
                carried.insert(0, current.pop())
            lines.append((indent + "".join(current)).rstrip())
            indent, current = rest, carried
        current.append(token)
    if current:
        lines.append((indent + "".join(current)).rstrip())
    return lines or [first.rstrip()]


def wrap_text(
    text: str,
    width: int = 78,  # noqa: A002 - Click's name
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """Click's ``wrap_text``, by display width and breaking between Chinese characters."""
    text = text.expandtabs()
    if not preserve_paragraphs:
        return "\n".join(_fill(_join(text.splitlines()), width, initial_indent, subsequent_indent))
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.splitlines()
        if lines and lines[0].strip() == "\b":
            out.append("\n".join(initial_indent + line for line in lines[1:]))
            continue
        out.append("\n".join(_fill(_join(lines), width, initial_indent, subsequent_indent)))
    return "\n\n".join(out)


# --- operating system errors ----------------------------------------------------------------

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


def os_error(exc: Any) -> str:
    """An OSError in Chinese (“没有权限”), whatever the system's language."""
    return (
        OS_ERRORS.get(getattr(exc, "errno", None), None)
        or "系统错误（" + (getattr(exc, "strerror", None) or str(exc)) + "）"
    )
