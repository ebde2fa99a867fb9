"""Text by display width: East Asian characters take two columns, and Chinese breaks between
any two characters (it has no spaces), never before a closing mark (，。）) or after an opening one.

Used by the help (``clickcompat`` hands ``wrap_text`` to Click), by the commands' text on a
terminal (``fit``) and by tests that hold output to a terminal's width.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"


@functools.cache
def _runs() -> re.Pattern[str]:
    """A run of spaces, or a run of anything else (compiled on first use: help and errors only,
    not on every start)."""
    return re.compile(r"\s+|\S+")


_PART = r"[^\s“”\"'‘’，。、；：！？【】《》「」（）()]"


@functools.cache
def _names() -> re.Pattern[str]:
    """File names and paths in text (compiled on first use, not on every start)."""
    return re.compile(rf"{_PART}+(?:[（(]{_PART}*[)）]{_PART}*)*")


r"""A stretch between quotes and punctuation, with balanced brackets (自查表（5月）.xlsx): a
file name when it holds ._/\ and a Latin letter or digit."""


def _unbreakable(run: str) -> list[tuple[int, int]]:
    """Where a file name or a path stands in ``run`` (``微信图片_20210510093011.jpg``,
    ``包联社区/L-6 志愿服务``'s first part): never cut."""
    return [
        m.span()
        for m in _names().finditer(run)
        if re.search(r"[._/\\]", m[0]) and re.search(r"[A-Za-z0-9]", m[0])
    ]


def _split(run: str) -> list[str]:
    """A run without spaces as pieces a line may end after: each wide character alone (Chinese
    breaks anywhere), each stretch of Latin whole (a date, an id, a phone number), and a file
    name or a path whole, 汉字 and all (``微信图片_20210510093011.jpg``)."""
    keep = _unbreakable(run) if len(run) > 1 else []
    out: list[str] = []
    start = 0
    for at in range(1, len(run)):
        if not (_is_wide(run[at - 1]) or _is_wide(run[at])):
            continue
        if any(a < at < b for a, b in keep):
            continue
        if run[at] in _NO_LINE_START:  # a closing mark stays with what it closes
            continue
        out.append(run[start:at])
        start = at
    out.append(run[start:])
    return out


def _tokens(text: str) -> list[str]:
    return [
        piece
        for run in _runs().findall(text)
        for piece in ([run] if run.isspace() else _split(run))
    ]


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

    for token in _tokens(text):
        if token.isspace():
            if current and not current[-1].isspace():
                current.append(" ")
            continue
        if used() + width(token) > limit and any(not t.isspace() for t in current):
            carried: list[str] = []
            if token[0] in _NO_LINE_START and len(current) > 1:
                carried = [current.pop()]
                while len(current) > 1 and carried[0][0] in _NO_LINE_START:  # ）；: both go
                    carried.insert(0, current.pop())
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


def fit(text: str, columns: int) -> str:
    """Text for a terminal ``columns`` wide: a longer line wraps with a hanging indent (its own
    indent and two more), between Chinese characters or at spaces, never inside a date, an id,
    a phone number or a file name's Latin part (a run of non-space Latin characters is one
    token). Lines that fit are left exactly as they are."""
    lines = []
    for line in text.split("\n"):
        if width(line) <= columns:
            lines.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip())]
        lines.extend(_fill(line.strip(), columns, lead, lead + "  "))
    return "\n".join(lines)
