"""Pydantic validation errors, in Chinese, with the fix.

Pydantic's messages are English and name no file; this turns each error dict into a sentence an
office user can act on, with a "did you mean" for misspelt keys.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import typing
from typing import Any

from cwm.plan.diagnostics import KeyPath

_SIMPLE: dict[str, str] = {
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "list_type": "应为列表（每项以“- ”开头，或写成 [a, b]）",
    "dict_type": "应为键值映射（字段: 值）",
    "model_type": "应为键值映射（字段: 值）",
    "model_attributes_type": "应为键值映射（字段: 值）",
    "dataclass_type": "应为键值映射（字段: 值）",
    "dataclass_args_type": "应为键值映射（字段: 值）",
    "date_type": "应为日期，如 2021-04-29",
    "date_parsing": "应为日期，如 2021-04-29",
    "date_from_datetime_inexact": "应为日期（不含时间），如 2021-04-29",
    "union_tag_not_found": "缺少 type（材料类型）",
}

_PATTERN_HINTS: dict[str, str] = {
    "phone": (
        '电话号码格式不对：应为11位手机号（如 "13982991270"）或带区号的座机号（如 "028-12345678"）'
    ),
    "name": "姓名或单位名中不能有空格",
    "id": "编号格式不对",
}


@functools.cache
def _vocabulary() -> tuple[str, ...]:
    """Every key any data model accepts (for "did you mean")."""
    from cwm.plan.models import FILE_MODELS

    seen: set[str] = set()
    models: set[type] = set()

    def walk(tp: Any) -> None:
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            if tp in models:
                return
            models.add(tp)
            hints = typing.get_type_hints(tp, include_extras=True)
            for f in dataclasses.fields(tp):
                seen.add(f.name)
                walk(hints[f.name])
            return
        for arg in typing.get_args(tp):
            walk(arg)

    for model in FILE_MODELS.values():
        walk(model)
    return tuple(sorted(seen))


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "…"


def translate(error: dict[str, Any]) -> tuple[KeyPath, str]:
    """One Pydantic error dict -> (key path, Chinese message)."""
    loc: KeyPath = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    value = error.get("input")
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "missing":
        return loc, f"缺少必填字段“{loc[-1]}”，请补上"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        key = str(loc[-1])
        close = difflib.get_close_matches(key, _vocabulary(), n=1, cutoff=0.6)
        hint = f"，是否应为“{close[0]}”？" if close else "，请删除或改正（字段名区分大小写）"
        return loc, f"未知字段“{key}”{hint}"
    if kind == "string_type":
        if field == "phone":
            return (
                loc,
                f'电话号码须写成带引号的文本，如 phone: "{_show(value)}"（不加引号会被当成数字）',
            )
        return (
            loc,
            f"应为文本，实为 {_show(value)}（{type(value).__name__}）；纯数字或 yes/no 等请加引号",
        )
    if kind == "literal_error":
        return loc, f"取值“{_show(value)}”无效，可选：{ctx.get('expected', '')}"
    if kind == "union_tag_invalid":
        return (
            loc,
            f"材料类型“{ctx.get('tag', _show(value))}”无效，可选：{ctx.get('expected_tags', '')}",
        )
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(field, f"格式不对（应符合 {ctx.get('pattern', '')}）")
        return loc, f"{hint}，实为“{_show(value)}”"
    if kind in ("too_short", "string_too_short"):
        if kind == "string_too_short":
            return loc, "不能为空"
        return loc, f"至少需要 {ctx.get('min_length', 1)} 项"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        op = {
            "greater_than": "大于",
            "greater_than_equal": "不小于",
            "less_than": "小于",
            "less_than_equal": "不大于",
        }[kind]
        bound = next(iter(ctx.values()), "")
        return loc, f"须{op} {bound}，实为 {_show(value)}"
    if kind == "value_error":
        message = str(ctx.get("error", error.get("msg", "")))
        return loc, message
    if kind in _SIMPLE:
        return loc, f"{_SIMPLE[kind]}，实为 {_show(value)}"
    return loc, f"{error.get('msg', kind)}（{_show(value)}）"
