"""Output formats. Commands build rows (dicts) and columns; this renders them.

``table`` is a Rich table (colour only on a terminal — the console decides), ``csv`` is UTF-8
with a BOM so Excel opens it, ``md`` a pipe table, ``json`` the commands' stable JSON.
"""

from __future__ import annotations

import csv
import io
import json
from enum import Enum
from typing import Any, Callable, Sequence


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


Column = tuple[str, Callable[[Any], Any]]
"""(Chinese header, function of a row giving the cell)."""

BOM = "\ufeff"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(_cell(v) for v in value)
    return str(value)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(columns: Sequence[Column], rows: Sequence[Any]) -> str:
    """CSV text starting with a BOM (Excel reads UTF-8 only with it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for header, _ in columns])
    for row in rows:
        writer.writerow([_cell(get(row)) for _, get in columns])
    return BOM + buffer.getvalue()


def to_md(columns: Sequence[Column], rows: Sequence[Any], title: str | None = None) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")

    lines = [f"## {title}", ""] if title else []
    lines.append("| " + " | ".join(header for header, _ in columns) + " |")
    lines.append("|" + "---|" * len(columns))
    for row in rows:
        lines.append("| " + " | ".join(esc(_cell(get(row))) for _, get in columns) + " |")
    return "\n".join(lines) + "\n"


def rich_table(columns: Sequence[Column], rows: Sequence[Any], title: str | None = None) -> Any:
    from rich.table import Table

    table = Table(title=title, show_lines=True, title_justify="left")
    for header, _ in columns:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(get(row)) for _, get in columns))
    return table


def render(fmt: Format, columns: Sequence[Column], rows: Sequence[Any], json_data: Any, title: str | None = None) -> Any:
    """Text for csv/md/json, a Rich renderable for table. Every Format is handled."""
    if fmt is Format.json:
        return to_json(json_data)
    if fmt is Format.csv:
        return to_csv(columns, rows)
    if fmt is Format.md:
        return to_md(columns, rows, title)
    if fmt is Format.table:
        return rich_table(columns, rows, title)
    raise AssertionError(fmt)  # pragma: no cover
