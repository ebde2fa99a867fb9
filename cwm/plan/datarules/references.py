"""Errors: references that must resolve, and fields that only make sense together."""

from __future__ import annotations

from typing import Any, Iterator

from cwm.plan import Plan
from cwm.plan.datarules.base import Inconsistency, rule
from cwm.plan.datarules.places import all_ids, materials, person_references, unit_references
from cwm.plan.units import normalize


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


# ---------------------------------------------------------------------------------------------
# Errors: fields that only make sense together


@rule("word-target", "error")
def word_target(plan: Plan) -> Iterator[Inconsistency]:
    """字数要求须且只须写 about（N字左右）、at_most（N字以内）或 at_least（不少于N字）之一。"""
    for path, _, item, material in materials(plan):
        targets: list[tuple[tuple[str | int, ...], Any]] = (
            [(("words",), material.words)] if material.type == "report" else []
        )
        targets += [
            (("others", o, "words"), other.words)
            for o, other in enumerate(material.others)
            if other.words
        ]
        for sub, target in targets:
            if sum(n is not None for n in (target.about, target.at_most, target.at_least)) != 1:
                yield Inconsistency(
                    "tasks.yaml",
                    path + sub,
                    f"{item.id} 的字数要求须且只须写 about（N字左右）、at_most（N字以内）"
                    "或 at_least（不少于N字）之一。",
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
    from cwm.periods import known_festivals

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
