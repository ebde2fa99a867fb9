"""数据前后一致：同一申报项的正式发文、说明报告、数据表格中，同一项数据写得不一样
（附件1 备注：“上报中出现的数据必须前后一致”）。

- 比较的是“名称 + 数字 + 单位”：报告中的“注册志愿者32万人”“养老机构八十六家”，
  表格中的“注册志愿者人数 | 305123”。名称相同（去掉“全市”“全年”“共”“达”、末尾的“人数”“数量”等）、
  单位相同时才比较；“新增养老机构”与“养老机构”、“雁江区养老机构”与“养老机构”、“累计建成”与“建成”
  是不同的名称。
- 按写出的精度比较：30.5万 与 305,123 一致（四舍五入到千位相同），32万 与 305,123 不一致；
  表格没有写单位时，按原值和“万”两种读法都不一致才算；名称是“…率”“占比”“比例”的，0.132 这样的
  单元格（Excel 百分比格式，显示为 13.2%）按 13.2% 比较。
- 不比较：约数（约、近、超过、余、多、左右、以上、七八十）；数字前最近写的年份不是方案年度的
  （“养老机构88家，比2020年增加8家”的 88 家仍比较）；写了某月或上半年、季度等一年中一段的句子
  （“5月开展活动12场”与全年的“开展活动40场”不矛盾；12月底、1-12月即全年）；“占比”“增加”这样
  说不清是什么的名称；同一份文件中同一名称写了不同数字的（分不清是哪一个）；草稿。
- 不一致只是警告，写明两个文件、两个数字和各自所在的句子。
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from cwm.evidence.captions import named_draft
from cwm.evidence.context import Context, Found
from cwm.formats.figures import Figure, same, step, term_of
from cwm.formats.tablepairs import parse_number

CODES = {
    "figures-disagree": ("warning", "同一申报项的文件中，同一项数据写得不一致。"),
    "figures-across-items": ("info", "同一科室的另一申报项中，同一项数据写得不一样（请核对）。"),
}


def table_figures(sheets: Any) -> list[Figure]:
    """The figures of a table: each label with a number (``注册志愿者人数 | 305123``). The
    labels are the sheets' ``pairs`` (``tablepairs``), whose brackets (a unit such as ``（人）``)
    are gone: a cell has no unit unless it ends in %, and ``agree`` reads a unit-less figure in
    万 too."""
    out = []
    for pairs in sheets.pairs:
        for label, raw in pairs.items():
            value = parse_number(raw)
            term = term_of(label + "为")
            if value is None or term is None:
                continue
            unit = "%" if raw.strip().endswith("%") else ""
            precision = step(re.sub(r"[^\d.]", "", raw), 1e4 if "万" in raw else 1.0)
            if not unit and _is_share(label) and 0 < value <= 100:
                # a rate: Excel's percentage cell keeps 0.132 and shows 13.2%; 95 typed is 95%
                if value <= 1:
                    value, precision = value * 100, precision * 100
                unit = "%"
            out.append(Figure(term, value, precision, unit, raw.strip(), f"{label}：{raw}"))
    return out


def _is_share(label: str) -> bool:
    """A label of a share or a rate (占比, 比例, …率): its value under 1 is a percentage cell."""
    return bool(re.search(r"(?:率|比例|占比|比重|百分比)$", label))


def _of_file(figures: list[Figure]) -> dict[str, Figure]:
    """Term -> its one figure in a file (a term written with two different numbers is left
    out: which one is meant cannot be told)."""
    by_term: dict[str, dict[tuple[float, float, str], Figure]] = {}
    for figure in figures:  # a figure said again in the same words is compared once
        by_term.setdefault(figure.term, {}).setdefault(figure.number, figure)
    out = {}
    for term, found in by_term.items():
        first, *others = found.values()
        if all(same(first, other) for other in others):
            out[term] = first
    return out


def file_figures(ctx: Context) -> list[tuple[Any, dict[str, Figure]]]:
    """Each document's and table's figures in a requirement's folder (drafts and scans left
    out; a document's figures of other years than the plan's too): term -> its figure. Worked
    out once per requirement (``check`` and ``across_items`` both ask)."""
    if ctx.folder is None:
        return []
    if "figures" not in ctx.memo:
        ctx.memo["figures"] = _file_figures(ctx)
    found: list[tuple[Any, dict[str, Figure]]] = ctx.memo["figures"]
    return found


def _file_figures(ctx: Context) -> list[tuple[Any, dict[str, Figure]]]:
    drafts = ctx.tasks.rules.captions.draft_words
    files: list[tuple[Any, dict[str, Figure]]] = []
    for file, document in ctx.read("document"):
        if named_draft(file.path.stem, drafts) or document.scanned:
            continue
        mine = [f for f in document.figures if all(y == ctx.year for y in f.years) and not f.part]
        files.append((file, _of_file(mine)))
    for file, sheets in ctx.read("table"):
        files.append((file, _of_file(table_figures(sheets))))
    return files


def _said(term: str, one: Any, a: Figure, other: Any, b: Figure) -> str:
    return (
        f"（{term}）：{one.path.name} 写 {a.written}（“{a.where}”），"
        f"{other.path.name} 写 {b.written}（“{b.where}”）。"
    )


def check(ctx: Context) -> Iterator[Found]:
    # per term, the first file's figure is the term's; each other file that disagrees with it
    # is one finding (the work grows with the files, not with their pairs)
    first: dict[str, tuple[Any, Figure]] = {}
    for file, figures in file_figures(ctx):
        for term, b in sorted(figures.items()):
            if term not in first:
                first[term] = (file, b)
                continue
            one, a = first[term]
            if not same(a, b):
                yield Found(
                    "figures-disagree",
                    f"数据前后不一致{_said(term, one, a, file, b)}上报的数据须前后一致，请核对。",
                    one.rel,
                    (file.rel,),
                    topic=f"{term}|{one.rel}|{file.rel}",
                )


def across_items(contexts: list[Context]) -> dict[str, list[Found]]:
    """Requirement id -> the figures an earlier item of the same 科室 states otherwise (one
    finding per item and term, as information: two items may rightly count differently)."""
    out: dict[str, list[Found]] = {}
    by_unit: dict[str, list[Context]] = {}
    for ctx in contexts:
        for unit in ctx.requirement.departments:
            by_unit.setdefault(unit, []).append(ctx)
    figures = {id(ctx): file_figures(ctx) for ctx in contexts if ctx.folder is not None}
    said: set[tuple[str, str]] = set()  # (item, term): once, also for an item of two 科室
    for unit, members in by_unit.items():
        first: dict[str, tuple[str, Any, Figure]] = {}
        for ctx in members:
            ident = ctx.requirement.item.id
            for file, found in figures.get(id(ctx), []):
                for term, b in sorted(found.items()):
                    if term not in first:
                        first[term] = (ident, file, b)
                        continue
                    other, one, a = first[term]
                    if other == ident or (ident, term) in said or same(a, b):
                        continue
                    said.add((ident, term))
                    out.setdefault(ident, []).append(
                        Found(
                            "figures-across-items",
                            f"与同科室的 {other} 不一致{_said(term, one, a, file, b)}"
                            "请核对是否为同一数据。",
                            file.rel,
                            (one.rel,),
                            topic=f"{term}|{other}",
                        )
                    )
    return out
