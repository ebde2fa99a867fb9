"""What an import makes: the four data files as plain data, where each value came from, and
what a person must check — and how they are written as YAML with those notes as comments.

``Draft.note(file, path, text)`` records where a value came from (``# 附件1 第7行 ②``);
``Draft.check(file, path, where, text, why)`` marks a value a person must look at (``# 待核对：…``)
and lists it for the end of the run. The YAML is written by hand (PyYAML writes no comments): block
style, scalars quoted only where YAML needs it, phone numbers always as strings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Review:
    """One thing a person must check: where in the plan, what it says, why it was not read."""

    where: str
    text: str
    why: str

    def line(self) -> str:
        if not self.text.strip():
            return f"{self.where}：{self.why}"
        quoted = self.text if len(self.text) <= 60 else self.text[:58] + "……"
        return f"{self.where} “{quoted}”：{self.why}"


@dataclass
class Draft:
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: dict[tuple[str, Path_], str] = field(default_factory=dict)
    checks: dict[tuple[str, Path_], str] = field(default_factory=dict)
    review: list[Review] = field(default_factory=list)
    reading: Any = None
    """What was read (``readers.Reading``: the files, those LibreOffice converted)."""

    def note(self, file: str, path: Path_, text: str) -> None:
        self.notes[file, path] = text

    def check(self, file: str, path: Path_, where: str, text: str, why: str) -> None:
        self.checks[file, path] = why
        self.review.append(Review(where, text, why))

    def yaml(self, file: str, header: str) -> str:
        """The file as YAML: ``header`` (comment lines) first, then the data with its notes."""
        lines = [f"# {line}" if line else "#" for line in header.splitlines()]
        lines.append("")
        _emit(self.files[file], 0, (), lines, self._comment(file), top=True)
        return "\n".join(lines).rstrip() + "\n"

    def _comment(self, file: str) -> Any:
        def comment(path: Path_) -> str:
            parts = []
            if (file, path) in self.notes:
                parts.append(self.notes[file, path])
            if (file, path) in self.checks:
                parts.append(f"待核对：{self.checks[file, path]}")
            return ("  # " + "；".join(parts)) if parts else ""

        return comment


_PLAIN = re.compile(
    r"[\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]"
    r"[\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd0-9A-Za-z()%+\-./_]*"
)
"""Strings PyYAML writes as they are: they start with a character no YAML type or indicator
starts with (printable, beyond ASCII; not a line or paragraph separator, not a BOM) and hold
besides such characters only ASCII letters, digits and ``()%+-./_`` (no space, no ``:``, ``#``
or flow indicator). Most of a Chinese plan's text; tested against PyYAML."""


def scalar(value: Any) -> str:
    """A scalar as YAML writes it; strings that YAML would read as something else are quoted."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        if _PLAIN.fullmatch(value):  # as safe_dump would write it, 30 times faster
            return value
        text = yaml.safe_dump(value, allow_unicode=True, width=10**9)
        # less the end-of-document marker only: str.strip() would also take a leading 全角空格
        return text.removesuffix("\n").removesuffix("\n...")
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _flow(value: Any) -> str | None:
    """A short list of scalars or a small mapping of scalars on one line, else None; an empty
    list or mapping as ``[]`` / ``{}``."""
    if value == [] or value == {}:
        return "[]" if isinstance(value, list) else "{}"
    if isinstance(value, list) and all(not isinstance(v, (list, dict)) for v in value):
        text = "[" + ", ".join(_flow_scalar(v) for v in value) + "]"
        return text if len(text) <= 80 or not value else None
    if (
        isinstance(value, dict)
        and value
        and all(not isinstance(v, (list, dict)) for v in value.values())
    ):
        text = "{" + ", ".join(f"{k}: {_flow_scalar(v)}" for k, v in value.items()) + "}"
        return text if len(text) <= 80 else None
    return None


def _flow_scalar(value: Any) -> str:
    text = scalar(value)
    if (
        isinstance(value, str)
        and any(c in text for c in ",[]{}")
        and not text.startswith(("'", '"'))
    ):
        return "'" + value.replace("'", "''") + "'"
    return text


def _emit(
    value: Any, indent: int, path: Path_, lines: list[str], comment: Any, top: bool = False
) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            here = (*path, key)
            flow = _flow(item)
            if flow is not None:
                lines.append(f"{pad}{key}: {flow}{comment(here)}")
            elif isinstance(item, (dict, list)):
                lines.append(f"{pad}{key}:{comment(here)}")
                _emit(item, indent + 2, here, lines, comment)
            elif isinstance(item, str) and "\n" in item:
                lines.append(f"{pad}{key}: |-{comment(here)}")
                lines.extend(f"{pad}  {line}" for line in item.split("\n"))
            else:
                lines.append(f"{pad}{key}: {scalar(item)}{comment(here)}")
            if top and isinstance(item, (dict, list)):
                lines.append("")
        return
    for index, item in enumerate(value):
        here = (*path, index)
        flow = _flow(item)
        if flow is not None and isinstance(item, dict):
            lines.append(f"{pad}- {flow}{comment(here)}")
        elif isinstance(item, dict):
            start = len(lines)
            _emit(item, indent + 2, here, lines, comment)
            first = lines[start]
            lines[start] = f"{pad}- {first[indent + 2 :]}"
            note = comment(here)
            if note and "#" not in lines[start]:
                lines[start] += note
            if indent <= 2:
                lines.append("")
        elif isinstance(item, list):
            lines.append(f"{pad}-{comment(here)}")
            _emit(item, indent + 2, here, lines, comment)
        else:
            lines.append(f"{pad}- {scalar(item)}{comment(here)}")
