"""A table's figures as label -> value: the sheet read as name/value columns or as a header over
data rows (titles above, a second header row below a merged group's), the 全市/合计 row or the
data rows added up, rates from their counts. Read once per table, in the worker that reads the
file (``Sheets.pairs``, cached with it): the table rule, the figures rule and the liaison
loop all ask for the same sheets.
"""

from __future__ import annotations

import functools
import re
import unicodedata

TOTAL_ROW = re.compile(r"^(?:全市|全区|全县|合计|总计|全市合计|市本级合计|小计)")
"""The row whose figures are the city's, among rows per county."""


def label_key(label: str) -> str:
    """A label as compared: NFKC, units in brackets and spaces and colons taken off."""
    text = unicodedata.normalize("NFKC", label)
    text = re.sub(r"\(.*?\)|\[.*?\]", "", text)  # units in brackets: （人）
    return re.sub(r"[\s:：]", "", text)


_AT_LEAST = re.compile(r"^(?:约|大约|超过|逾|达到|达|≥|>)|(?:以上|左右)$|[(（][^()（）]*[)）]$")
"""What people write around a figure that keeps it the figure (约98.6%, 98.6%以上, 99%（抽样）,
≥98%). Words that make it a bound from above (以下, 不足, 近, <) are not taken off: such a cell
is no number, never the bound read as the figure."""


@functools.lru_cache(maxsize=1 << 16)
def parse_number(text: str) -> float | None:
    """``2,309,000`` / ``30.5万`` / ``30.5万人`` / ``1.2亿`` / ``13.5%`` (13.5) as a number; also
    ``约98.6%``, ``98.6%以上``, ``30余人`` (``_AT_LEAST``). A sheet's every cell goes through
    here, several times: a cell with no digit is no number at once, a plain one is read as it
    is, and the answers are kept (cells repeat)."""
    if not any(c.isdigit() for c in text):
        return None
    if text.isascii():
        try:
            return float(text)
        except ValueError:
            pass
    value = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    value = _AT_LEAST.sub("", _AT_LEAST.sub("", value))  # a word before and a note after
    value = re.sub(r"(?<=[\d.万亿])(?:余|多)?(?:人|名|个|户|家|次|元|人次)?$", "", value)
    scale = 1.0
    if value.endswith("%"):
        value = value[:-1]
    if value.endswith("万"):
        value, scale = value[:-1], 10000.0
    elif value.endswith("亿"):
        value, scale = value[:-1], 100000000.0
    try:
        return float(value) * scale
    except ValueError:
        return None


def _numbers(row: list[str]) -> int:
    return sum(1 for c in row if parse_number(c) is not None)


def by_rows(rows: list[list[str]]) -> dict[str, str]:
    """Name/value columns: the first filled cell of a row names the value in the next."""
    out: dict[str, str] = {}
    for row in rows:
        cells = [c for c in row if c.strip()]
        if len(cells) >= 2:
            out.setdefault(label_key(cells[0]), cells[1].strip())
    return out


def by_header(rows: list[list[str]]) -> dict[str, str]:
    """A header row (with title rows above it, or a second header row below it: the labels of a
    merged group joined with each column's own) over data rows; the figures are those of the
    全市/合计 row, else the sum of the data rows, else the one data row."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    data_at = next((n for n, r in enumerate(rows) if n and _numbers(r) >= 2), None)
    if data_at is None:
        return {}
    header_rows = [r for r in rows[:data_at] if sum(1 for c in r if c.strip()) >= 2][-2:]
    if not header_rows:
        return {}
    width = max(len(r) for r in rows)
    labels = [""] * width
    for header in header_rows:
        carried = ""
        for n in range(width):
            cell = header[n].strip() if n < len(header) else ""
            if len(header_rows) == 2 and header is header_rows[0]:
                carried = cell or carried  # a merged group's label over the columns it spans
                labels[n] = carried
            else:
                labels[n] = labels[n] + cell if cell else labels[n]
    data = [r for r in rows[data_at:] if _numbers(r) >= 1]
    total = next((r for r in data if r and TOTAL_ROW.match(label_key(r[0]))), None)
    out: dict[str, str] = {}
    for n, label in enumerate(labels):
        if not label:
            continue
        if total is not None or len(data) == 1:
            row = total if total is not None else data[0]
            out.setdefault(label_key(label), row[n].strip() if n < len(row) else "")
            continue
        column = [r[n] for r in data if n < len(r) and r[n].strip()]
        values = [parse_number(cell) for cell in column]
        if not values or any(v is None for v in values):
            continue
        if _is_rate(label, column):  # rates are never added up: from the counts, or not at all
            overall = _overall_rate(data, n, width)
            if overall is not None:
                out.setdefault(label_key(label), f"{overall:.1f}%")
            continue
        out.setdefault(label_key(label), f"{sum(values):g}")  # type: ignore[arg-type]  # values holds numbers only
    return out


def _is_rate(label: str, column: list[str]) -> bool:
    """A column of rates: its label says so (…率, …度), or its cells are percentages."""
    name = label_key(label)
    return name.endswith(("率", "度", "%")) or all(c.strip().endswith("%") for c in column)


def _overall_rate(data: list[list[str]], at: int, width: int) -> float | None:
    """The rate of all rows together when each row's rate is two other columns' quotient
    (参与户数 / 调查户数 per 小区): the sum of the one over the sum of the other — never the
    rates added up (290%) or averaged (a 小区 of 10 households weighing as one of 500)."""

    def numbers(n: int) -> list[float] | None:
        cells = [parse_number(r[n]) if n < len(r) else None for r in data]
        return None if any(c is None for c in cells) else cells  # type: ignore[return-value]  # no None left

    rates = numbers(at)
    if rates is None:
        return None
    columns = {n: numbers(n) for n in range(width) if n != at}
    counts = {n: c for n, c in columns.items() if c is not None and all(v >= 0 for v in c)}
    for top, above in counts.items():
        for bottom, below in counts.items():
            if top == bottom or not all(b > 0 for b in below):
                continue
            if all(abs(a / b * 100 - r) <= 0.6 for a, b, r in zip(above, below, rates)):
                return sum(above) / sum(below) * 100
    return None


def cells_to_pairs(rows: list[list[str]]) -> dict[str, str]:
    """Label -> value, reading the sheet as name/value columns or as a header over data rows —
    whichever layout yields more numbers."""
    one, other = by_header(rows), by_rows(rows)

    def numbers(pairs: dict[str, str]) -> int:
        return sum(1 for v in pairs.values() if parse_number(v) is not None)

    return one if numbers(one) >= numbers(other) and one else other


def sheet_pairs(sheets: tuple[tuple[str, list[list[str]]], ...]) -> tuple[dict[str, str], ...]:
    """``cells_to_pairs`` of each sheet."""
    return tuple(cells_to_pairs(rows) for _, rows in sheets)
