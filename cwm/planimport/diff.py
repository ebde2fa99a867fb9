"""What changed between two plans, in the words a 科室 reads (``cwm diff``).

Both plans are compared as ``cwm duties --all --format json`` shows them: every duty (附件1's
requirement items, sites, liaison duties, grid rows, publicity) by its id, field by field — the
word counts, photo counts, captions, groups, required festivals, collection, contacts, cadence,
site standards. A unit that was renamed (its duties are the same, its name is not) is one change,
not a removal and an addition, and its new name in the duties is not counted again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cwm.plan import Plan
from cwm.schedule.duties import all_duties, duty_json

SKIPPED = frozenset({"summary", "source"})
"""Fields derived from others (the one-line summary) or fixed by the id (its attachment)."""

FIELD_NAMES = {
    "title": "名称",
    "requirement": "申报要求",
    "materials": "材料",
    "words": "字数",
    "about": "左右",
    "at_most": "以内",
    "at_least": "不少于",
    "count": "张数/次数",
    "count_max": "张数上限",
    "at_least_photos": "不少于",
    "caption": "注明事项",
    "date_field": "日期事项",
    "groups": "分组",
    "per_group": "每组张数",
    "min_groups": "不同组数",
    "required": "必报",
    "allowed": "可报",
    "collection": "收集类型",
    "cadence": "周期",
    "contacts": "联系人",
    "departments": "责任单位",
    "partners": "配合单位",
    "deadline": "截止日",
    "month": "月",
    "day": "日",
    "rule": "规则",
    "others": "其他单位",
    "metrics": "指标",
    "percent": "阈值%",
    "op": "比较",
    "standards": "标准",
    "figures": "数量",
    "before_month": "完成月份",
    "targets": "目标",
    "plan": "计划开展工作内容",
    "planned_time": "计划开展时间",
    "standard": "测评标准",
    "roads": "责任路段",
    "compounds": "责任小区",
    "grid_workers": "网格员",
    "city_managers": "城管队员",
    "unit_leader": "分管领导",
    "contact": "联系人",
    "phone": "电话",
    "name": "姓名/名称",
    "text": "原文",
    "manual": "人工核对",
    "min_measures": "举措数",
    "needs_figures": "要有数据",
    "mentions_year": "要写年度",
    "aggregates": "汇总",
    "type": "类型",
    "role": "分工",
    "numerator": "分子",
    "denominator": "分母",
    "wording": "原文写法",
    "label": "说明",
    "value": "数值",
    "unit": "单位",
    "number": "序号",
}
KINDS = {"added": "新增", "removed": "删除", "changed": "变更", "renamed": "更名"}


@dataclass(frozen=True)
class Change:
    """One difference: ``kind`` added / removed / changed / renamed, the duty ``id`` (or the
    unit's old name for a rename), the ``field`` (a JSON path such as
    ``materials[1].count``; empty for a whole duty), ``old`` and ``new``."""

    kind: str
    id: str
    field: str = ""
    old: Any = None
    new: Any = None
    title: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }

    @property
    def field_name(self) -> str:
        """``materials[1].count`` as people read it: 材料2 张数/次数."""
        parts = []
        for piece in self.field.split("."):
            key, _, index = piece.partition("[")
            name = FIELD_NAMES.get(key, key)
            parts.append(f"{name}{int(index.rstrip(']')) + 1}" if index else name)
        return " ".join(p for p in parts if p)


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """A duty's JSON as leaves: ``{"materials[0].words.about": 500, ...}``; a list of scalars is
    one leaf."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else key))
    elif isinstance(value, list) and value and any(isinstance(v, dict) for v in value):
        for index, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{index}]"))
    else:
        out[prefix] = value
    return out


def duties_json(plan: Plan) -> dict[str, dict[str, Any]]:
    """Every duty of the plan as ``cwm duties --all --format json`` shows it, by id."""
    return {d.id: duty_json(d) for d in all_duties(plan)}


def _owners(plan: Plan) -> dict[str, frozenset[str]]:
    """Unit name -> the ids of the duties that name it."""
    owned: dict[str, set[str]] = {u.name: set() for u in plan.org.units}
    for duty in all_duties(plan):
        for unit in (*duty.departments, *duty.shared_with):
            owned.setdefault(unit, set()).add(duty.id)
    return {name: frozenset(ids) for name, ids in owned.items()}


def renames(old: Plan, new: Plan) -> dict[str, str]:
    """Old unit name -> new name, for units that left under one name and came under another
    with exactly the same duties."""
    before, after = _owners(old), _owners(new)
    gone = {n: ids for n, ids in before.items() if n not in after and ids}
    came = {n: ids for n, ids in after.items() if n not in before and ids}
    out = {}
    for name, ids in gone.items():
        match = [m for m, other in came.items() if other == ids]
        if len(match) == 1:
            out[name] = match[0]
    return out


def _renamed(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, list):
        return [_renamed(v, mapping) for v in value]
    if isinstance(value, dict):
        return {k: _renamed(v, mapping) for k, v in value.items()}
    return value


def diff(old: Plan, new: Plan) -> list[Change]:
    """Every change from ``old`` to ``new``: renamed units first, then the duties by id."""
    mapping = renames(old, new)
    changes = [Change("renamed", name, "单位名称", name, to) for name, to in mapping.items()]
    before, after = duties_json(old), duties_json(new)
    for ident, duty in before.items():
        if ident not in after:
            changes.append(Change("removed", ident, "", duty["title"], None, duty["title"]))
    for ident, duty in after.items():
        if ident not in before:
            changes.append(Change("added", ident, "", None, duty["title"], duty["title"]))
            continue
        left = flatten(
            {k: v for k, v in _renamed(before[ident], mapping).items() if k not in SKIPPED}
        )
        right = flatten({k: v for k, v in duty.items() if k not in SKIPPED})
        for key in sorted(set(left) | set(right), key=lambda k: (k not in left, k)):
            if left.get(key) != right.get(key):
                changes.append(
                    Change("changed", ident, key, left.get(key), right.get(key), duty["title"])
                )
    return changes


def _value(value: Any) -> str:
    if value is None:
        return "（无）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_value(v) for v in value) or "（无）"
    return str(value)


COLUMNS: list[tuple[str, Any]] = [
    ("变化", lambda c: KINDS[c.kind]),
    ("编号", lambda c: c.id),
    ("事项", lambda c: c.title),
    ("字段", lambda c: c.field_name),
    ("原来", lambda c: _value(c.old)),
    ("现在", lambda c: _value(c.new)),
]
"""The table of ``cwm diff``: one row per Change."""
