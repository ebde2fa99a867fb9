"""数据表格：.xlsx、.xls、.et、.ods 或 .csv（UTF-8 或 GBK）；按数据中的指标计算比例并比较阈值。

表格可以是“名称-数值”两列，也可以是“表头+数据行”：表头上方可以有标题行，表头可以是两层（合并的
大标题下分列），数据可以在任意一个工作表中；有各区县分行时取“全市”“合计”行（没有合计行时把各行相加）；
数值可以带单位和千分位（30.5万、2,309,000、30.5万人）。找不到某项指标时，说明读到了哪些列。
"""

from __future__ import annotations

from typing import Any, Iterator

from cwm.evidence.context import Context, Found
from cwm.formats.tablepairs import label_key, parse_number
from cwm.vocab import OP_SIGNS

CODES = {
    "table-missing": ("error", "缺少数据表格。"),
    "table-metric": ("error", "表格缺少指标、数值不是数字，或比例未达到要求。"),
    "table-ratio": ("info", "表格中算出的比例（达到要求时也列出，便于核对）。"),
}

_OPS = {
    ">=": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
}
NEGATIONS = "不未非无"
"""Characters that turn the words after them into their opposite (不满意率, 未注册志愿者人数)."""


def affirms(text: str, words: str) -> bool:
    """Whether ``text`` holds ``words`` not negated: 满意率 in 群众满意率, not in 不满意率."""
    at = text.find(words)
    while at != -1:
        if at == 0 or text[at - 1] not in NEGATIONS:
            return True
        at = text.find(words, at + 1)
    return False


def locate(pairs: dict[str, str], name: str) -> str | None:
    """The label that holds ``name``: the same words, a label that contains them (a merged
    group's title before them), or a shorter label covering most of them (志愿者人数 for
    注册志愿者人数; never 志愿者人数 for 有志愿服务时间记录的志愿者人数) — never where one of
    them negates the other (不满意率 is not 满意率, 未注册志愿者人数 not 注册志愿者人数)."""
    key = label_key(name)
    if key in pairs:
        return key
    for label in pairs:
        if affirms(label, key) or (
            label and affirms(key, label) and len(label) >= max(4, 0.7 * len(key))
        ):
            return label
    return None


def judge_metric(sheets: list[dict[str, str]], metric: Any) -> tuple[bool, str]:
    """(whether the table meets ``metric``, what it shows: the computed ratio, or why it misses
    — absent, not a number, ratio off). Each sheet is tried; the first that holds both figures
    decides."""
    names = (metric.numerator, metric.denominator)

    def labels_in(pairs: dict[str, str]) -> list[str] | None:  # both, from two different columns
        labels = [locate(pairs, n) for n in names]
        return labels if None not in labels and labels[0] != labels[1] else None  # type: ignore[return-value]  # both labels are found here

    pairs, labels = next(((p, ls) for p in sheets if (ls := labels_in(p))), ({}, None))
    if labels is None:
        seen = list(dict.fromkeys(label for p in sheets for label in p))[:8]
        missing = next(
            (n for n in names if not any(locate(p, n) is not None for p in sheets)), names[0]
        )
        found = f"（读到的项目：{'、'.join(seen)}）" if seen else "（没有读到任何项目）"
        return False, (
            f"表格中找不到“{missing}”{found}。请把该列（或该行）的名称写成“{missing}”，"
            "或在第一列写名称、第二列写数值。"
        )
    values = {}
    for name, label in zip(names, labels):
        raw = pairs[label]
        number = parse_number(raw)
        if number is None:
            return False, f"“{name}”的值“{raw}”不是数字。"
        values[name] = number
    denominator = values[metric.denominator]
    if denominator == 0:
        return False, f"“{metric.denominator}”为 0，无法计算比例。"
    ratio = values[metric.numerator] / denominator * 100
    wanted = f"{OP_SIGNS[metric.op]}{metric.percent:g}%"
    ratio_text = f"{metric.numerator}/{metric.denominator} = {ratio:.2f}%"
    said = f"{ratio_text}，要求 {wanted}（{metric.wording}）。"
    return _OPS[metric.op](ratio, metric.percent), said


def check(ctx: Context) -> Iterator[Found]:
    for material in ctx.materials:
        if material.type != "table":
            continue
        # a table file, or a Word document with a table (the figures typed into Word)
        tables = ctx.read("table") + [(f, d) for f, d in ctx.read("document") if d.sheets]
        if ctx.folder is not None and not tables:
            message = "缺少数据表格（.xlsx、.csv，或有表格的 Word 文档）。"
            yield Found("table-missing", message, ctx.folder.rel)
            continue
        for file, workbook in tables:
            sheets = list(workbook.pairs)
            for metric in material.metrics:
                met, said = judge_metric(sheets, metric)
                yield Found("table-ratio" if met else "table-metric", said, file.rel)
