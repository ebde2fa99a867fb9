"""数据表格：.xlsx 或 .csv（UTF-8 或 GBK），“名称-数值”两列或“表头+一行数据”；
按数据中的指标计算比例并比较阈值。
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterator

from ...labels import OP_SIGNS
from ..context import Context, Found

CODES = {
    "table-missing": ("error", "缺少数据表格。"),
    "table-metric": ("error", "表格缺少指标、数值不是数字，或比例未达到要求。"),
}

_OPS = {
    ">=": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
}


def _key(label: str) -> str:
    text = unicodedata.normalize("NFKC", label)
    text = re.sub(r"\(.*?\)|\[.*?\]", "", text)  # units in brackets: （人）
    return re.sub(r"[\s:：]", "", text)


def cells_to_pairs(rows: list[list[str]]) -> dict[str, str]:
    """Label -> value, reading the table as name/value columns or as a header with one row of
    values — whichever layout yields more numbers."""
    by_rows: dict[str, str] = {}
    for row in rows:
        cells = [c for c in row if c.strip()]
        if len(cells) >= 2:
            by_rows.setdefault(_key(cells[0]), cells[1].strip())
    by_header: dict[str, str] = {}
    if len(rows) >= 2:
        for label, value in zip(rows[0], rows[1]):
            if label.strip():
                by_header.setdefault(_key(label), value.strip())

    def numbers(pairs: dict[str, str]) -> int:
        return sum(1 for v in pairs.values() if parse_number(v) is not None)

    return by_header if numbers(by_header) > numbers(by_rows) else by_rows


def parse_number(text: str) -> float | None:
    value = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    scale = 1.0
    if value.endswith("人"):
        value = value[:-1]
    if value.endswith("万"):
        value, scale = value[:-1], 10000.0
    try:
        return float(value) * scale
    except ValueError:
        return None


def find(pairs: dict[str, str], name: str) -> str | None:
    key = _key(name)
    if key in pairs:
        return pairs[key]
    for label, value in pairs.items():
        if key in label or (label and label in key and len(label) >= 4):
            return value
    return None


def judge_metric(pairs: dict[str, str], metric: Any) -> str | None:
    """Why the table misses ``metric`` (absent, not a number, ratio off), else None."""
    values = {}
    for name in (metric.numerator, metric.denominator):
        raw = find(pairs, name)
        if raw is None:
            return f"表格中没有“{name}”。请加一行：第一列写“{name}”，第二列写数值。"
        number = parse_number(raw)
        if number is None:
            return f"“{name}”的值“{raw}”不是数字。"
        values[name] = number
    denominator = values[metric.denominator]
    if denominator == 0:
        return f"“{metric.denominator}”为 0，无法计算比例。"
    ratio = values[metric.numerator] / denominator * 100
    if _OPS[metric.op](ratio, metric.percent):
        return None
    wanted = f"{OP_SIGNS[metric.op]}{metric.percent:g}%"
    ratio_text = f"{metric.numerator}/{metric.denominator} = {ratio:.2f}%"
    return f"{ratio_text}，要求 {wanted}（{metric.wording}）。"


def check(ctx: Context) -> Iterator[Found]:
    for material in ctx.materials:
        if material.type != "table":
            continue
        tables = ctx.read("table")
        if ctx.folder is not None and not tables:
            yield Found("table-missing", "缺少数据表格（.xlsx 或 .csv）。", ctx.folder.rel)
            continue
        for file, rows in tables:
            pairs = cells_to_pairs(rows)
            for metric in material.metrics:
                problem = judge_metric(pairs, metric)
                if problem:
                    yield Found("table-metric", problem, file.rel)
