"""Rules over the loaded plan: references that must resolve (errors) and the source's own
inconsistencies (warnings).

Each rule is a generator registered in ``RULES`` (``rulebook.Rulebook``, as the evidence rules
are) with ``@rule(code, severity)``; its docstring is the explanation ``cwm validate --rules``
prints. Rules yield ``Inconsistency(file, key path, message)``; ``run`` stamps code and severity and
locates the problem in the YAML. Rules are general: none names a
particular row, person or number of the 2021 plan.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from .diagnostics import KeyPath, Problem
from .labels import OP_SIGNS
from .plan import Plan
from .rulebook import Rulebook
from .units import normalize

if TYPE_CHECKING:
    from .yamlio import YamlDocument


@dataclass(frozen=True)
class Inconsistency:
    """A data rule's finding: where (file and key path) and what (a Chinese message)."""

    file: str
    path: KeyPath
    message: str
    code: str = ""
    """Left empty: each data rule declares one code."""


RULES: Rulebook[Plan, Inconsistency] = Rulebook()
rule = RULES.rule


def run(plan: Plan, documents: Mapping[str, "YamlDocument"]) -> list[Problem]:
    """Every problem every registered rule finds, located in the YAML ``documents`` (file name
    -> its parse with node marks)."""
    problems = []
    for code, found in RULES.run(plan):
        doc = documents.get(found.file)
        if doc is None:
            where = str(plan.data_dir / found.file)
            problems.append(
                Problem(where, found.message, code.severity, path=found.path, code=code.code)
            )
        else:
            problems.append(doc.problem(found.path, found.message, code.severity, code.code))
    return problems


# ---------------------------------------------------------------------------------------------
# Where the data name units and people


def unit_references(plan: Plan) -> Iterator[tuple[str, KeyPath, str]]:
    """Every place a unit is named: (file, key path, name as written)."""
    for i, person in enumerate(plan.org.people):
        if person.unit:
            yield "org.yaml", ("people", i, "unit"), person.unit
    yield "org.yaml", ("leading_group", "office"), plan.org.leading_group.office
    for i, pub in enumerate(plan.org.publicity):
        for j, name in enumerate(pub.departments):
            yield "org.yaml", ("publicity", i, "departments", j), name
    for r, row in enumerate(plan.tasks.rows):
        for j, name in enumerate(row.departments):
            yield "tasks.yaml", ("rows", r, "departments", j), name
    for s, site in enumerate(plan.sites.sites):
        yield "sites.yaml", ("sites", s, "unit"), site.unit
    for j, name in enumerate(plan.grid.liaison.departments):
        yield "grid.yaml", ("liaison", "departments", j), name
    for g, row in enumerate(plan.grid.grid):
        yield "grid.yaml", ("grid", g, "unit"), row.unit


def person_references(plan: Plan) -> Iterator[tuple[str, KeyPath, str, str | None]]:
    """Every place a person is named: (file, key path, name, phone or None)."""
    for i, unit in enumerate(plan.org.units):
        if unit.head:
            yield "org.yaml", ("units", i, "head"), unit.head, None
    group = plan.org.leading_group
    yield "org.yaml", ("leading_group", "leader"), group.leader, None
    for key in ("deputies", "members"):
        for j, name in enumerate(getattr(group, key)):
            yield "org.yaml", ("leading_group", key, j), name, None
    for r, row in enumerate(plan.tasks.rows):
        for c, contact in enumerate(row.contacts):
            yield "tasks.yaml", ("rows", r, "contacts", c, "name"), contact.name, contact.phone
    for s, site in enumerate(plan.sites.sites):
        for c, contact in enumerate(site.contacts):
            yield "sites.yaml", ("sites", s, "contacts", c, "name"), contact.name, contact.phone
    for g, row in enumerate(plan.grid.grid):
        yield (
            "grid.yaml",
            ("grid", g, "unit_leader", "name"),
            row.unit_leader.name,
            row.unit_leader.phone,
        )
        yield "grid.yaml", ("grid", g, "contact", "name"), row.contact.name, row.contact.phone


def all_ids(plan: Plan) -> Iterator[tuple[str, KeyPath, str]]:
    for i, pub in enumerate(plan.org.publicity):
        yield "org.yaml", ("publicity", i, "id"), pub.id
    for r, row in enumerate(plan.tasks.rows):
        for k, item in enumerate(row.items):
            yield "tasks.yaml", ("rows", r, "items", k, "id"), item.id
    for s, site in enumerate(plan.sites.sites):
        yield "sites.yaml", ("sites", s, "id"), site.id
    for d, duty in enumerate(plan.grid.liaison.duties):
        yield "grid.yaml", ("liaison", "duties", d, "id"), duty.id
    for g, row in enumerate(plan.grid.grid):
        yield "grid.yaml", ("grid", g, "id"), row.id


# ---------------------------------------------------------------------------------------------
# Errors: references that must resolve


@rule("unknown-unit", "error")
def unknown_unit(plan: Plan) -> Iterator[Inconsistency]:
    """责任科室、责任单位须是 org.yaml 中的单位（规范名称、别名，或“名称（别名）”的写法）。"""
    directory = plan.directory
    for file, path, name in unit_references(plan):
        if directory.unit(name) is None:
            yield Inconsistency(
                file,
                path,
                f"单位“{name}”不在 org.yaml 的 units 中。"
                "请改为已有单位的名称或别名，或在 org.yaml 中添加该单位。",
            )


@rule("unknown-person", "error")
def unknown_person(plan: Plan) -> Iterator[Inconsistency]:
    """联系人、负责人和指导小组成员须是 org.yaml 的 people 中的人员。"""
    directory = plan.directory
    for file, path, name, _ in person_references(plan):
        if directory.person(name) is None:
            yield Inconsistency(
                file,
                path,
                f"人员“{name}”不在 org.yaml 的 people 中。"
                "请核对姓名，或在 org.yaml 的 people 中添加此人。",
            )


@rule("duplicate-id", "error")
def duplicate_id(plan: Plan) -> Iterator[Inconsistency]:
    """编号（申报项、点位、包联职责、网格行、宣传职责）在全部数据文件中须唯一。"""
    seen: dict[str, str] = {}
    for file, path, ident in all_ids(plan):
        if ident in seen:
            yield Inconsistency(
                file, path, f"编号“{ident}”重复（{seen[ident]} 中已有）。每个编号只能出现一次。"
            )
        seen.setdefault(ident, file)


@rule("duplicate-unit-name", "error")
def duplicate_unit_name(plan: Plan) -> Iterator[Inconsistency]:
    """一个名称或别名只能指一个单位。"""
    owner: dict[str, str] = {}
    for i, unit in enumerate(plan.org.units):
        for name in (unit.name, *unit.aliases):
            key = normalize(name)
            if key in owner and owner[key] != unit.name:
                yield Inconsistency(
                    "org.yaml",
                    ("units", i),
                    f"名称“{name}”已用于单位“{owner[key]}”，不能再作为“{unit.name}”的名称或别名。",
                )
            owner.setdefault(key, unit.name)


def materials(plan: Plan) -> Iterator[tuple[KeyPath, Any, Any, Any]]:
    """(key path, row, item, material) of every material in tasks.yaml."""
    for r, row in enumerate(plan.tasks.rows):
        for k, item in enumerate(row.items):
            for m, material in enumerate(item.materials):
                yield ("rows", r, "items", k, "materials", m), row, item, material


# ---------------------------------------------------------------------------------------------
# Errors: fields that only make sense together


@rule("word-target", "error")
def word_target(plan: Plan) -> Iterator[Inconsistency]:
    """字数要求须且只须写 about（N字左右）或 at_most（N字以内）之一。"""
    for path, _, item, material in materials(plan):
        words = [("words",)] if material.type == "report" else []
        words += [("others", o, "words") for o, other in enumerate(material.others) if other.words]
        for sub in words:
            target = material.words if sub == ("words",) else material.others[sub[1]].words
            if (target.about is None) == (target.at_most is None):
                yield Inconsistency(
                    "tasks.yaml",
                    path + sub,
                    f"{item.id} 的字数要求须且只须写 about（N字左右）或 at_most（N字以内）之一。",
                )


@rule("item-collection", "error")
def item_collection(plan: Plan) -> Iterator[Inconsistency]:
    """每项材料都须有收集类型：写在申报项的 collection 上，或写在该材料上。"""
    for r, row in enumerate(plan.tasks.rows):
        for k, item in enumerate(row.items):
            if item.collection is None and any(m.collection is None for m in item.materials):
                yield Inconsistency(
                    "tasks.yaml",
                    ("rows", r, "items", k),
                    (
                        f"{item.id} 缺少 collection（收集类型 quarterly 或 half_yearly）"
                        "：写在申报项上，或写在每一项材料上。"
                    ),
                )


@rule("caption-fields", "error")
def caption_fields(plan: Plan) -> Iterator[Inconsistency]:
    """图片的 date_field、groups.field 须是 caption 中的字段；图片须写 count 或 groups。"""
    for path, _, item, material in materials(plan):
        if material.type not in ("photos", "screenshot"):
            continue
        if material.date_field is not None and material.date_field not in material.caption:
            yield Inconsistency(
                "tasks.yaml",
                path + ("date_field",),
                f"{item.id} 的 date_field“{material.date_field}”不在 caption 列出的字段中。",
            )
        if (
            material.groups
            and material.groups.field
            and material.groups.field not in material.caption
        ):
            yield Inconsistency(
                "tasks.yaml",
                path + ("groups", "field"),
                f"{item.id} 的 groups.field“{material.groups.field}”不在 caption 列出的字段中。",
            )
        if material.count is None and material.groups is None:
            yield Inconsistency(
                "tasks.yaml",
                path,
                f"{item.id} 的图片资料须写 count（张数）或 groups（分组要求）。",
            )


@rule("caption-kind", "error")
def caption_kind(plan: Plan) -> Iterator[Inconsistency]:
    """照片说明的每个注明事项都须在 rules.captions.field_kinds 中写明种类（date、name 或 text）。"""
    kinds = plan.tasks.rules.captions.field_kinds
    for path, _, item, material in materials(plan):
        for c, name in enumerate(getattr(material, "caption", [])):
            if name not in kinds:
                yield Inconsistency(
                    "tasks.yaml",
                    path + ("caption", c),
                    f"{item.id} 的注明事项“{name}”没有在 rules.captions.field_kinds 中写明种类"
                    "（date 日期、name 名称、text 文字）。",
                )


@rule("word-bands", "error")
def word_bands(plan: Plan) -> Iterator[Inconsistency]:
    """字数判定幅度：warn_within 须不小于 pass_within。"""
    bands = plan.tasks.rules.word_bands
    if bands.warn_within < bands.pass_within:
        yield Inconsistency(
            "tasks.yaml",
            ("rules", "word_bands", "warn_within"),
            "warn_within 须不小于 pass_within。",
        )


@rule("unknown-festival", "error")
def unknown_festival(plan: Plan) -> Iterator[Inconsistency]:
    """按时间节点的申报项，其节日分组只能是
    春节、元宵节、清明节、端午节、七夕节、中秋节、重阳节。"""
    from .periods import known_festivals

    known = known_festivals()
    planned = {id(item) for row, item in plan.tasks.items() if row.planned_time == "按时间节点"}
    for path, _, item, material in materials(plan):
        groups = getattr(material, "groups", None)
        if id(item) not in planned or groups is None:
            continue
        for key in ("required", "allowed"):
            for n, name in enumerate(getattr(groups, key)):
                if name not in known:
                    yield Inconsistency(
                        "tasks.yaml",
                        path + ("groups", key, n),
                        f"“{name}”不是可计算日期的节日。可用：{'、'.join(known)}。",
                    )


# ---------------------------------------------------------------------------------------------
# Warnings: the source's own inconsistencies, kept in the data and reported


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
        for number, noun in _COUNTED.findall(row.plan):
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
            (_op_of(word), float(value)) for word, value in _THRESHOLD.findall(row.standard.text)
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
