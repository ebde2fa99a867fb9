"""工作台账：.xlsx、.xls、.et、.csv，或 Word 文档中的表格；表头有“日期”列，一次活动一行。

按日期计数：查一个周期时，只计该收集周期内的行；查全年时计方案年度内的行。同一天、同内容、同地点
写了两遍（台账另存了一份）只计一次。日期无法识别的行不计数并逐行说明。台账要求“每季度不少于N次”
而不足 N 次时未达标。
"""

from __future__ import annotations

from typing import Iterator

from cwm.evidence.context import Context, Found
from cwm.evidence.ledgers import Activity, from_table, once

CODES = {
    "ledger-missing": ("error", "缺少工作台账（表格文件，或有表格的 Word 文档）。"),
    "ledger-count": ("error", "台账中该周期的活动次数不足。"),
    "ledger-undated": ("warning", "台账中有日期无法识别的行，这些行未计数。"),
    "ledger-counted": ("info", "台账中计入的活动次数（达到要求时也列出，便于核对）。"),
}


def check(ctx: Context) -> Iterator[Found]:
    for material in ctx.materials:
        if material.type != "ledger":
            continue
        tables = ctx.read("table") + [(f, d) for f, d in ctx.read("document") if d.sheets]
        if ctx.folder is None:
            continue
        rows: list[Activity] = []
        dated_tables = 0
        for file, read in tables:
            found, problems = from_table(file.rel, read.sheets, ctx.year)
            if found or problems:
                dated_tables += 1
            rows += found
            for problem in problems[:5]:
                yield Found("ledger-undated", f"台账{problem}", file.rel)
        if not dated_tables:
            yield Found(
                "ledger-missing",
                "缺少工作台账：须有表头含“日期”列的表格（.xlsx、.csv，或 Word 中的表格），"
                "一次活动一行。",
                ctx.folder.rel,
            )
            continue
        span = ctx.requirement.collection_span(material) or ctx.requirement.date_window(
            material, ctx.year
        )
        start, end = span
        counted = [a for a in once(rows) if start <= a.day <= end]
        word = material.unit_word
        what = f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d} 台账中有 {len(counted)} {word}活动"
        if material.count and len(counted) < material.count:
            yield Found(
                "ledger-count", f"{what}，要求不少于 {material.count} {word}。", ctx.folder.rel
            )
        else:
            yield Found("ledger-counted", f"{what}。", ctx.folder.rel)
