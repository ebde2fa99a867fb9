"""Warnings: the source's own inconsistencies, kept in the data and reported."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from cwm.plan import Plan
from cwm.plan.datarules.base import Inconsistency, rule
from cwm.plan.datarules.places import materials, person_references, unit_references
from cwm.plan.diagnostics import KeyPath
from cwm.vocab import OP_SIGNS


@rule("contact-heads-other-unit", "warning")
def contact_heads_other_unit(plan: Plan) -> Iterator[Inconsistency]:
    """联系人是另一个科室的负责人，而不是本行责任科室的人员：可能是原文填错了联系人或责任科室。"""
    directory = plan.directory
    rows = [
        ("tasks.yaml", ("rows", r), row.departments, row.contacts)
        for r, row in enumerate(plan.tasks.rows)
    ]
    rows += [
        ("sites.yaml", ("sites", s), [site.unit], site.contacts)
        for s, site in enumerate(plan.sites.sites)
    ]
    for file, base, departments, contacts in rows:
        owners = {directory.unit(d) for d in departments}
        for c, contact in enumerate(contacts):
            headed = directory.headed_by(contact.name)
            if headed and not owners.intersection(headed):
                yield Inconsistency(
                    file,
                    base + ("contacts", c, "name"),
                    (
                        f"联系人{contact.name}是{'、'.join(headed)}的负责人，但本行的责任单位是{'、'.join(departments)}。"
                        "请与原文核对联系人或责任科室。"
                    ),
                )


_COUNTED = re.compile(r"(\d+)\s*个([\u4e00-\u9fff]{1,6})")


@rule("plan-covers-fewer", "warning")
def plan_covers_fewer(plan: Plan) -> Iterator[Inconsistency]:
    """申报要求的数量（如“5个小区”）与计划开展工作内容中同一事物的数量不同。"""
    for path, row, item, material in materials(plan):
        groups = getattr(material, "groups", None)
        if not groups or not groups.min_groups:
            continue
        for number, noun in _COUNTED.findall(row.plan or ""):
            if noun.startswith(groups.name) and int(number) != groups.min_groups:
                yield Inconsistency(
                    "tasks.yaml",
                    path + ("groups", "min_groups"),
                    (
                        f"{item.id} 要求 {groups.min_groups} 个{groups.name}，"
                        f"而计划开展工作内容只写了 {number} 个{groups.name}。"
                        "请核对计划是否足以满足申报要求。"
                    ),
                )


_OPS_WORDS = {">=": ("≥", "不少于", "不低于", "以上"), ">": (">", "大于", "高于", "超过")}
_THRESHOLD = re.compile(r"(≥|>|＞|大于|不少于|不低于|高于|超过)\s*(\d+(?:\.\d+)?)\s*%")


def _op_of(word: str) -> str:
    word = word.replace("＞", ">")
    for op, words in _OPS_WORDS.items():
        if word in words:
            return op
    return word


@rule("threshold-wording", "warning")
def threshold_wording(plan: Plan) -> Iterator[Inconsistency]:
    """同一比例阈值在测评标准中写“≥”，在申报要求中写“>”（或相反）：合格线是否含等号不一致。"""
    for path, row, item, material in materials(plan):
        stated = [
            (_op_of(word), float(value))
            for word, value in _THRESHOLD.findall(row.standard.text if row.standard else "")
        ]
        for t, metric in enumerate(getattr(material, "metrics", [])):
            for op, value in stated:
                if value == metric.percent and op != metric.op:
                    yield Inconsistency(
                        "tasks.yaml",
                        path + ("metrics", t, "op"),
                        (
                            f"{item.id}“{metric.name}”：测评标准写 {OP_SIGNS[op]}{value:g}%，"
                            f"申报要求写 {OP_SIGNS[metric.op]}{metric.percent:g}%"
                            f"（{metric.wording}）。检查时按申报要求执行，请与原文核对。"
                        ),
                    )


_HOUSE = re.compile(r"(\d+)\s*(号|栋)")


def _house_numbers(text: str) -> set[str]:
    return {n + unit for n, unit in _HOUSE.findall(text)}


@rule("compound-not-on-road", "warning")
def compound_not_on_road(plan: Plan) -> Iterator[Inconsistency]:
    """责任小区的门牌号不在同一行的责任路段中：可能是原文的笔误。"""
    for g, row in enumerate(plan.grid.grid):
        on_roads: set[str] = set().union(*(_house_numbers(road) for road in row.roads))
        for c, compound in enumerate(row.compounds):
            missing = sorted(_house_numbers(compound) - on_roads)
            if missing:
                yield Inconsistency(
                    "grid.yaml",
                    ("grid", g, "compounds", c),
                    (
                        f"责任小区“{compound}”的门牌 {'、'.join(missing)} 不在本行责任路段中"
                        f"（路段有：{'、'.join(row.roads)}）。请与原文核对门牌号。"
                    ),
                )


_UNIT_MENTION = re.compile(r"市[\u4e00-\u9fff]{1,6}?(?:局|院|站|委|办)")


def _one_deletion_away(short: str, long: str) -> bool:
    return len(long) == len(short) + 1 and any(
        long[:i] + long[i + 1 :] == short for i in range(len(long))
    )


@rule("unit-name-typo", "warning")
def unit_name_typo(plan: Plan) -> Iterator[Inconsistency]:
    """文中的单位名称比已知单位名称少一个字（如漏字），疑为笔误。"""
    known = {name for unit in plan.org.units for name in (unit.name, *unit.aliases)}
    for path, _, item, material in materials(plan):
        for mention in _UNIT_MENTION.findall(material.text):
            if mention in known:
                continue
            for name in sorted(known):
                if _one_deletion_away(mention, name):
                    yield Inconsistency(
                        "tasks.yaml",
                        path + ("text",),
                        f"{item.id} 的原文写“{mention}”，疑为“{name}”之误（数据照录原文）。",
                    )


@rule("unit-name-variants", "warning")
def unit_name_variants(plan: Plan) -> Iterator[Inconsistency]:
    """同一单位在数据中有不同写法（别名、带括号的第二名称）：照录原文，统计时按规范名称合并。"""
    directory = plan.directory
    forms: dict[str, dict[str, list[tuple[str, KeyPath]]]] = defaultdict(lambda: defaultdict(list))
    for file, path, name in unit_references(plan):
        canonical = directory.unit(name)
        if canonical and name != canonical:
            forms[canonical][name].append((file, path))
    for canonical, variants in forms.items():
        for written, places in variants.items():
            file, path = places[0]
            yield Inconsistency(
                file, path, f"“{written}”即“{canonical}”（共 {len(places)} 处这样写）。"
            )


@rule("phone-mismatch", "warning")
def phone_mismatch(plan: Plan) -> Iterator[Inconsistency]:
    """同一人员在不同地方的电话号码不同。"""
    first: dict[str, tuple[str, str]] = {}
    for file, path, name, phone in person_references(plan):
        if phone is None:
            continue
        if name in first and first[name][0] != phone:
            yield Inconsistency(
                file,
                path,
                f"{name}的电话 {phone} 与 {first[name][1]} 中的 {first[name][0]} 不同，请核对。",
            )
        first.setdefault(name, (phone, file))
