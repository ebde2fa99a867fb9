"""The materials of one requirement item, read from its sentences: which paragraphs make a
material (说明报告：…, 图片资料：…, or unlabelled ones by their words), and what each kind asks:
a report's words and its share among units, photos' counts, captions and groups, documents,
tables' thresholds. What no phrase explains stays in the material's ``text``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, assert_never

from cwm.labels import MATERIAL
from cwm.plan.models import MaterialType
from cwm.planimport import phrases as ph
from cwm.planimport.draft import Draft, Review

FILE = "tasks.yaml"
LABELS: dict[str, MaterialType] = {
    "说明报告": "report",
    "工作总结": "report",
    "情况总结": "report",
    "总结报告": "report",
    "工作报告": "report",
    "情况报告": "report",
    "综述报告": "report",
    "图片资料": "photos",
    "图片材料": "photos",
    "照片资料": "photos",
    "照片": "photos",
    "正式发文": "document",
    "相关文件": "document",
    "数据表格": "table",
    "数据统计表": "table",
    "部门评价": "evaluation",
    "媒体报道截图": "screenshot",
    "截图": "screenshot",
    "工作台账": "ledger",
    "活动台账": "ledger",
    "台账": "ledger",
}
_LABEL = re.compile(r"^(" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*[:：]")
_KEYWORDS: list[tuple[str, MaterialType]] = [
    ("截图", "screenshot"),
    ("台账", "ledger"),
    ("报告", "report"),
    ("总结", "report"),
    ("图片", "photos"),
    ("照片", "photos"),
    ("发文", "document"),
    ("文件", "document"),
    ("表格", "table"),
    ("评价", "evaluation"),
]


_LABEL_WORDS = re.compile(r"说明报告|图片|照片|正式发文|数据表格|统计表|截图|台账|部门评价")
"""A material's own name in the sentence (…的说明报告, …的现场图片): its type is copied; a
weaker word alone (报告, 文件, 表格, 总结, 评价) is a guess, listed for a person."""


@dataclass
class ImportContext:
    bureau: tuple[str, ...]
    """The bureau's names (市民政局, 资阳市民政局…)."""
    year: int
    caption_kinds: dict[str, str]
    festivals: tuple[str, ...]
    draft: Draft
    where: str = ""
    path: tuple = ()
    standard: str = ""
    requirement: str = ""

    def review(self, text: str, why: str) -> None:
        """List ``text`` (at the current place in the plan) for a person, with why."""
        self.draft.review.append(Review(self.where, text, why))


@dataclass
class _Material:
    type: MaterialType
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def split_materials(paragraphs: list[str], ctx: ImportContext) -> list[_Material]:
    """Labelled paragraphs (说明报告：…) start a material; unlabelled ones join the material
    before them, or form one whose type their words say."""
    out: list[_Material] = []
    loose: list[str] = []

    def flush() -> None:
        if not loose:
            return
        words = "".join(loose)
        found = next(((w, k) for w, k in _KEYWORDS if w in words), None)
        if found is None:
            ctx.review(words, "没有看出是哪种材料（说明报告、图片资料、正式发文……），未导入")
        else:
            word, kind = found
            out.append(_Material(kind, list(loose)))
            if not _LABEL_WORDS.search(words):  # no 提供…报告 / …照片 naming the material
                ctx.review(words, f"材料种类由“{word}”一词判断为{MATERIAL[kind]}")
        loose.clear()

    for paragraph in paragraphs:
        label = _LABEL.match(paragraph)
        if label:
            flush()
            out.append(_Material(LABELS[label.group(1)], [paragraph]))
        elif out and not loose and re.match(r"^(?:以上|每个|字数|其中|注[:：])", paragraph):
            out[-1].paragraphs.append(paragraph)
        else:
            loose.append(paragraph)
    flush()
    return out


def _body(text: str) -> str:
    """A material's sentences without its label."""
    return _LABEL.sub("", text, count=1).strip()


def _ours_and_others(
    parts: list[str], ctx: ImportContext
) -> tuple[list[str], list[tuple[str, str]]]:
    """The clauses about the bureau, and (unit, clause) about other units. A clause naming no
    unit is the bureau's; 各单位/各责任单位 are the bureau's unless the bureau is named too."""
    subjects = [_by(p) or ph.subject(p) for p in parts]
    named = any(ph.is_ours(s, ctx.bureau) for s in subjects)
    ours, others = [], []
    for part, unit in zip(parts, subjects):
        if unit is None or ph.is_ours(unit, ctx.bureau) or (unit in ph.GENERIC_UNITS and not named):
            ours.append(part)
        else:
            others.append((unit, part))
    return ours, others


def _by(clause: str) -> str | None:
    match = re.search(rf"由([{ph.HAN}]{{2,12}}?)(?:负责|汇总|提供)", clause)
    return match.group(1) if match else None


def _role(unit: str, clause: str) -> str:
    rest = clause.split(unit, 1)[1] if unit in clause else clause
    return ph.strip_word_target(rest).strip("，。；：:")


def report(text: str, ctx: ImportContext) -> dict[str, Any]:
    parts = ph.clauses(_body(text))
    ours, others = _ours_and_others(parts, ctx)
    out: dict[str, Any] = {"type": "report"}
    words = next((w for w in map(ph.word_target, ours) if w), None)
    if words is None:
        ctx.review(text, "没有读出说明报告的字数要求")
    else:
        out["words"] = words
    if any("汇总" in p and (ph.subject(p) or "汇总提供" in p) for p in ours):
        out["aggregates"] = True
    measures = ph.min_measures(text)
    if measures:
        out["min_measures"] = measures
    if ph.needs_figures(text):
        out["needs_figures"] = True
    if f"{ctx.year}年" in ctx.requirement + text:
        out["mentions_year"] = True
    shares = []
    for unit, clause in others:
        share: dict[str, Any] = {"unit": unit}
        target = ph.word_target(clause)
        if target:
            share["words"] = target
        share["role"] = _role(unit, clause)
        shares.append(share)
    if shares:
        out["others"] = shares
    out["text"] = text
    return out


def _respective(clause: str, ctx: ImportContext) -> tuple[list[str], int | None]:
    """``市经信局、市民政局分别负责提供4张图片`` -> (the units, the bureau's place among them)."""
    match = re.match(rf"^([{ph.HAN}（）、]+?)分别", clause)
    if not match or "、" not in match.group(1):
        return [], None
    units = ph.names(match.group(1))
    at = next((i for i, u in enumerate(units) if ph.is_ours(u, ctx.bureau)), None)
    return units, at


_MUST = re.compile(
    r"([^，。；：:]+?)(?:等)?(?:节日)?(?:须|必须|务必|均须|应当?)报送|必报[:：]?\s*([^，。；]+)"
)


def must_report(text: str, festivals: tuple[str, ...]) -> list[str]:
    """Festivals a plan names as required in a sentence of their own: ``春节、清明节、重阳节须
    报送``, ``必报：清明节、重阳节`` (in the plan's order of the calendar)."""
    found: list[str] = []
    for match in _MUST.finditer(text):
        named = match.group(1) or match.group(2) or ""
        found += [f for f in festivals if f in named and f not in found]
    return found


_PERMISSIONS = re.compile(r"均可|即可$|择优报送|参照|各县|各区")


def photos(kind: str, text: str, ctx: ImportContext) -> dict[str, Any]:
    body = _body(text)
    parts = ph.clauses(body)
    out: dict[str, Any] = {"type": kind}
    used: set[int] = set()
    units: list[str] = []
    ours_at = None
    groups: dict[str, Any] = {}
    others = []
    for i, part in enumerate(parts):
        if i == 0 or not units:
            found_units, at = _respective(part, ctx)
            if found_units:
                units, ours_at = found_units, at
        count = ph.photo_count(part)
        if count and "count" not in out:
            out["count"] = count.count
            if count.at_least and count.at_most is None:
                out["at_least"] = True
            if count.at_most is not None:
                out["count_max"] = count.at_most
            used.add(i)
        per = ph.per_group(part)
        if per:
            groups.update({"name": per[0], "per_group": per[1]})
            used.add(i)
        counted = ph.group_counts(part)
        if counted:
            pick = (
                counted[ours_at] if ours_at is not None and ours_at < len(counted) else counted[0]
            )
            groups.update({"name": pick[0], "min_groups": pick[1]})
            for k, unit in enumerate(units):
                if k != ours_at and k < len(counted):
                    photos_of = f"提供{out.get('count', '')}张图片，" if out.get("count") else ""
                    others.append(
                        {"unit": unit, "role": f"{photos_of}反映{counted[k][1]}个{counted[k][0]}"}
                    )
            used.add(i)
        fields = ph.caption_fields(part, ctx.caption_kinds)
        if fields:
            out["caption"] = fields
            used.add(i)
        since = ph.since_year(part)
        if since:
            out["since"] = since
            used.add(i)
    festivals = [f for f in ctx.festivals if f in ctx.standard]
    if groups.get("name") == "节日" or (festivals and "节日" in body):
        required = [
            f
            for f in ctx.festivals
            if (listed := re.search(rf"{f}\s*[<（(〈]([^>）)〉]*)[>）)〉]", body))
            and any(ph.is_ours(u, ctx.bureau) for u in ph.names(listed.group(1)))
        ] or must_report(body, ctx.festivals)
        groups["name"] = "节日"
        if required:
            groups["required"] = required
        if festivals:
            groups["allowed"] = festivals
        for i, part in enumerate(parts):
            if any(f in part for f in required):
                used.add(i)
    fields = out.get("caption", [])
    when = ph.date_field(fields, ctx.caption_kinds)
    if when:
        out["date_field"] = when
    if groups:
        if groups.get("name") != "节日":
            named = [f for f in fields if ctx.caption_kinds.get(f) == "name" or f.endswith("名称")]
            named = [f for f in named if f.endswith("名称")] or named
            if named:
                groups = {
                    "name": groups["name"],
                    "field": named[0],
                    **{k: v for k, v in groups.items() if k != "name"},
                }
        out["groups"] = groups
    if others:
        out["others"] = others
    manual = [
        re.sub(r"^(?:提供|需|要)", "", part)
        for i, part in enumerate(parts)
        if i not in used and not _PERMISSIONS.search(part) and not ph.subject(part)
    ]
    if manual:
        out["manual"] = manual
    if "count" not in out and "groups" not in out:
        ctx.review(text, "没有读出图片的张数或分组要求")
    out["text"] = text
    return out


def document(text: str, ctx: ImportContext) -> dict[str, Any]:
    count = ph.document_count(text)
    if count is None:
        ctx.review(text, "没有读出正式发文的份数，按1份导入")
    return {"type": "document", "count": count or 1, "text": text}


def table(text: str, ctx: ImportContext, path: tuple) -> dict[str, Any]:
    metrics = []
    for part in ph.clauses(_body(text)):
        found = ph.threshold(part)
        if not found:
            continue
        numerator = re.sub(r"^(?:全市|全省|本市|全区|全县)", "", found.subject)
        metrics.append(
            {
                "name": f"{numerator}占{found.base}比例" if found.base else numerator,
                "numerator": numerator,
                "denominator": found.base or "（原文未写分母，请填写数据表格中的列名）",
                "op": found.op,
                "percent": found.percent,
                "wording": found.wording,
            }
        )
    if metrics:
        ctx.draft.check(
            FILE,
            (*path, "metrics"),
            ctx.where,
            text,
            "表格的分子、分母按原文摘出，请改成数据表格中实际的列名",
        )
    else:
        ctx.review(text, "没有读出数据表格的指标和阈值")
    return {"type": "table", "metrics": metrics, "text": text}


def ledger(text: str, ctx: ImportContext) -> dict[str, Any]:
    """台账: the activities it must record per period (每季度不少于3次活动)."""
    out: dict[str, Any] = {"type": "ledger"}
    counted = ph.times(_body(text), ("次", "条", "场", "期"))
    if counted:
        out["count"], word, _ = counted  # a 台账's count is always its least
        if word != "次":
            out["unit_word"] = word
    else:
        ctx.review(text, "没有读出台账每期的活动次数，只检查是否交了台账")
    out["text"] = text
    return out


def material(m: _Material, ctx: ImportContext, path: tuple) -> dict[str, Any]:
    text = m.text
    match m.type:
        case "report":
            return report(text, ctx)
        case "photos" | "screenshot":
            return photos(m.type, text, ctx)
        case "document":
            return document(text, ctx)
        case "table":
            return table(text, ctx, path)
        case "evaluation":
            return {"type": "evaluation", "text": text}
        case "ledger":
            return ledger(text, ctx)
        case _:
            assert_never(m.type)
