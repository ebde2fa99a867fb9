"""Output formats. Commands build rows (dicts) and columns; this renders them.

``table`` is a ``TableView`` the CLI shows as a Rich table on a terminal, as plain text elsewhere;
``csv`` is UTF-8 with a BOM so Excel opens it, ``md`` a pipe table, ``json`` the commands'
stable JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Sequence


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"


Column = tuple[str, Callable[[Any], Any]]
"""(Chinese header, function of a row giving the cell)."""

BOM = "\ufeff"


def by_unit(
    items: Sequence[Any],
    units_of: Callable[[Any], Sequence[str]],
    order: Sequence[str] = (),
    none: str | None = None,
) -> list[tuple[str, list[Any]]]:
    """Items under each unit ``units_of`` names for them, as every output groups them: the units
    of ``order`` first (org.yaml's), then others as met, each group in the items' own order; an
    item of two units in both; an item of none under ``none`` (left out when None)."""
    groups: dict[str, list[Any]] = {unit: [] for unit in order}
    for item in items:
        for unit in units_of(item) or ((none,) if none else ()):
            groups.setdefault(unit, []).append(item)
    return [(unit, members) for unit, members in groups.items() if members]


def _cell(value: Any) -> str:
    """A cell as text: a list of names joined with 、, a list of sentences one per line."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        items = [_cell(v) for v in value]
        sentences = any(item.endswith(("。", "？", "！")) for item in items)
        return ("\n" if sentences else "、").join(items)
    return str(value)


def to_json(data: Any, compact: bool = False) -> str:
    """Indented for people; ``compact`` (a check report written to a file or a pipe) is a third
    of the time for a large report."""
    import json

    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(columns: Sequence[Column], rows: Sequence[Any]) -> str:
    """CSV text starting with a BOM (Excel reads UTF-8 only with it)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for header, _ in columns])
    for row in rows:
        writer.writerow([_cell(get(row)) for _, get in columns])
    return BOM + buffer.getvalue()


def to_xlsx(columns: Sequence[Column], rows: Sequence[Any], title: str) -> bytes:
    """One sheet (cwm.formats.xlsx conventions: header frozen, filter, A4 landscape, text cells)."""
    from cwm.formats.xlsx import workbook

    headers = [header for header, _ in columns]
    cells = [[_cell(get(row)) for _, get in columns] for row in rows]
    return workbook([(title[:31].replace("/", "／"), headers, cells, None)])


def to_md(columns: Sequence[Column], rows: Sequence[Any], title: str | None = None) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")

    lines = [f"## {title}", ""] if title else []
    lines.append("| " + " | ".join(header for header, _ in columns) + " |")
    lines.append("|" + "---|" * len(columns))
    for row in rows:
        lines.append("| " + " | ".join(esc(_cell(get(row))) for _, get in columns) + " |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, eq=False)  # on every listing's start-up path: no methods it never uses
class TableView:
    """A titled table for people. The CLI shows it as a Rich table on a terminal and as plain,
    stable text (``to_plain``) in a file or pipe."""

    columns: Sequence[Column]
    rows: Sequence[Any]
    title: str | None = None
    lead: int = 4
    """How many leading columns share the first line in plain text (empty cells are skipped)."""
    header: bool = False
    """Plain text starts with the lead columns' names (a table of numbers, as `count`)."""

    def visible(self) -> tuple[list[str], list[list[str]], int]:
        """Headers and cells without the columns that are empty in every row, and how many of
        the lead columns are left."""
        cells = [[_cell(get(row)) for _, get in self.columns] for row in self.rows]
        keep = [i for i in range(len(self.columns)) if any(row[i] for row in cells)] or list(
            range(len(self.columns))
        )
        headers = [self.columns[i][0] for i in keep]
        lead = sum(1 for i in keep if i < self.lead)
        return headers, [[row[i] for i in keep] for row in cells], lead

    def cells(self) -> list[list[str]]:
        return self.visible()[1]


def rich_table(view: TableView) -> Any:
    from rich.markup import escape
    from rich.table import Table

    table = Table(
        title=escape(view.title) if view.title else None, show_lines=True, title_justify="left"
    )
    headers, rows, _ = view.visible()
    for header in headers:
        table.add_column(header, overflow="fold")
    for cells in rows:  # cells are data, never Rich markup
        table.add_row(*(escape(cell) for cell in cells))
    return table


def to_plain(view: TableView) -> str:
    """One block per row: the lead columns on a line, the others as indented ``名称：值`` lines."""
    lines = [view.title, ""] if view.title else []
    headers, rows, lead = view.visible()
    if view.header:
        lines.append("  ".join(headers[:lead]))
    for cells in rows:
        lines.append("  ".join(cell for cell in cells[:lead] if cell))
        for header, cell in zip(headers[lead:], cells[lead:]):
            if "\n" in cell:
                lines.append(f"    {header}：")
                lines += [f"      {part}" for part in cell.splitlines()]
            elif cell:
                lines.append(f"    {header}：{cell}")
    return "\n".join(lines) + "\n\n"


def fits(view: TableView, columns: int) -> bool:
    """Whether a table of the view reads at ``columns`` terminal columns (else: one block per
    row, as in plain text)."""
    return columns >= 18 * len(view.visible()[0])


def tabulate(
    fmt: Format,
    columns: Sequence[Column],
    rows: Sequence[Any],
    json_data: Any,
    title: str | None = None,
    header: bool = False,
) -> Any:
    """Text for csv/md/json, a Rich renderable for table. Every Format is handled."""
    if fmt is Format.json:
        return to_json(json_data)
    if fmt is Format.csv:
        return to_csv(columns, rows)
    if fmt is Format.md:
        return to_md(columns, rows, title)
    if fmt is Format.xlsx:
        return to_xlsx(columns, rows, title or "清单")
    if fmt is Format.table:
        return TableView(columns, rows, title, header=header)
    raise AssertionError(fmt)  # pragma: no cover


def tabulate_groups(
    fmt: Format,
    columns: Sequence[Column],
    groups: Sequence[tuple[str, Sequence[Any]]],
    json_data: Any,
    group_header: str,
) -> list[Any]:
    """Like ``tabulate`` for rows grouped under headings (one table per group; CSV stays flat,
    with the group as its first column ``group_header``)."""
    if fmt is Format.json:
        return [to_json(json_data)]
    if fmt in (Format.csv, Format.xlsx):
        flat = [(name, row) for name, rows in groups for row in rows]
        flat_columns = [(group_header, lambda pair: pair[0])]
        flat_columns += [
            (header, (lambda get: lambda pair: get(pair[1]))(get)) for header, get in columns
        ]
        if fmt is Format.xlsx:
            return [to_xlsx(flat_columns, flat, "清单")]
        return [to_csv(flat_columns, flat)]
    if fmt is Format.md:
        return [
            "\n".join(to_md(columns, rows, f"{name}（{len(rows)} 项）") for name, rows in groups)
        ]
    if fmt is Format.table:
        return [TableView(columns, rows, f"{name}（{len(rows)} 项）") for name, rows in groups]
    raise AssertionError(fmt)  # pragma: no cover
