"""说明报告：字数（按 Word 的“字数”统计）、年份、数据支撑、举措种类。

- N字左右：偏差在 rules.word_bands.pass_within（默认 ±10%）以内合格；
  在 warn_within（默认 20%）以内为警告；超出为错误。N字以内：不超过 N 合格。
- 扫描版 PDF 没有文字层，无法计数：列为人工核对。
- 年份、数据、举措三项是启发式检查（按关键词），只给警告。
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from ...labels import words as words_label
from ..context import Context, Found
from ..wordcount import word_count

CODES = {
    "report-missing": ("error", "缺少说明报告（文件夹中没有可读的文档）。"),
    "words-off": ("error", "字数与要求相差超过警告幅度，或超过“N字以内”的上限。"),
    "words-near": ("warning", "字数略偏离“N字左右”（在合格幅度与警告幅度之间）。"),
    "report-scan": ("info", "扫描版 PDF（无文字层），请人工核对字数。"),
    "report-year": ("warning", "报告中没有出现方案年度（启发式）。"),
    "report-figures": ("warning", "报告中未见数据（启发式）。"),
    "report-measures": ("warning", "报告中的举措种类少于要求（按关键词判断，启发式）。"),
}

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def band_text(about: int, fraction: float) -> str:
    return f"{round(about * (1 - fraction))}–{round(about * (1 + fraction))}"


def judge_words(count: int, material: Any, bands: Any) -> tuple[str, str] | None:
    """(code, message) when ``count`` misses the material's word target, else None."""
    target = material.words
    wanted = words_label(target)
    if target.at_most is not None:
        if count > target.at_most:
            return (
                "words-off",
                f"字数 {count}，超过要求的 {wanted}。请删减到 {target.at_most} 字以内。",
            )
        return None
    off = abs(count - target.about) / target.about
    ok_range = band_text(target.about, bands.pass_within)
    if off <= bands.pass_within:
        return None
    if off <= bands.warn_within:
        return "words-near", f"字数 {count}，要求 {wanted}（{ok_range}），略有偏离。"
    return "words-off", f"字数 {count}，要求 {wanted}（{ok_range}）。"


def measure_kinds(text: str, kinds: dict[str, list[str]]) -> list[str]:
    return [kind for kind, words in kinds.items() if any(w in text for w in words)]


HEURISTIC = "（按关键词粗略判断，仅供参考）"


def judge_content(text: str, material: Any, ctx: Context) -> Iterator[tuple[str, str]]:
    """(code, message) of the heuristic content checks: the plan year, figures, measures."""
    rules = ctx.plan.tasks.rules
    year = str(ctx.year)
    if material.mentions_year and year not in text:
        yield "report-year", f"报告中没有出现“{year}”年{HEURISTIC}。要求说明 {year} 年的情况。"
    if material.needs_figures:
        numbers = [n for n in _NUMBER.findall(text) if n != year]
        if len(numbers) < 2:
            yield "report-figures", f"报告中几乎没有数字，要求有数据支撑{HEURISTIC}。"
    if material.min_measures:
        found = measure_kinds(text, rules.measure_kinds)
        if len(found) < material.min_measures:
            have = "、".join(found) or "无"
            kinds = "、".join(rules.measure_kinds)
            yield (
                "report-measures",
                (
                    f"只看到 {len(found)} 类举措（{have}），要求 {material.min_measures} 项以上；"
                    f"可从{kinds}等方面说明{HEURISTIC}。"
                ),
            )


def check(ctx: Context) -> Iterator[Found]:
    bands = ctx.plan.tasks.rules.word_bands
    for material in ctx.materials:
        if material.type != "report":
            continue
        documents = ctx.read("document")
        if ctx.folder is not None and not documents:
            unreadable = "（文件夹中的文档都无法读取，见上）" if ctx.files("document") else ""
            wanted = words_label(material.words)
            yield Found(
                "report-missing",
                f"缺少说明报告{unreadable}：需要 {wanted}的说明报告（.docx、"
                ".pdf、.doc、.wps、.txt）。",
                ctx.folder.rel,
            )
            continue
        for file, document in documents:
            if document.scanned:
                message = "扫描件，请人工核对字数（PDF 中没有可提取的文字）。"
                yield Found("report-scan", message, file.rel)
                continue
            verdict = judge_words(word_count(document.text), material, bands)
            if verdict:
                yield Found(verdict[0], verdict[1], file.rel)
            for code, message in judge_content(document.text, material, ctx):
                yield Found(code, message, file.rel)
