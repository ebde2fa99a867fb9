"""The columns of a 责任清单: which field each header names (``HEADERS``, by meaning: 报送频次 is
the 收集类型, 姓名 the 联系人), a second header row under the first, and the review line that
names every header read by meaning rather than by the 2021 plan's own words."""

from __future__ import annotations

from cwm.planimport import phrases as ph
from cwm.planimport.draft import Draft, Review

HEADERS: dict[str, tuple[str, ...]] = {
    "ident": ("编号", "指标编号"),
    "project": ("测评项目",),
    "indicator": ("指标名称", "指标"),
    "content": ("测评内容",),
    "standard": ("测评标准",),
    "requirement": (
        "网上申报具体要求",
        "申报材料及要求",
        "网上申报要求",
        "网上申报材料",
        "申报要求",
        "申报材料",
        "报送要求",
        "报送材料",
        "佐证材料",
        "材料要求",
        "申报内容",
    ),
    "plan": ("计划开展工作内容", "工作内容", "工作措施", "主要措施"),
    "planned_time": ("计划开展时间", "完成时间", "时间安排", "时限"),
    "departments": (
        "责任科室",
        "牵头科室（单位）",
        "牵头科室",
        "责任单位",
        "牵头单位",
        "责任部门",
        "牵头部门",
        "责任处室",
    ),
    "partners": ("配合单位", "配合科室", "配合部门", "协助单位"),
    "collection": (
        "收集类型",
        "报送频次",
        "收集周期",
        "报送时间",
        "报送时限",
        "报送周期",
        "完成时限",
    ),
    "contacts": ("联系人及联系方式", "联系人", "姓名", "联系人姓名"),
    "phone": ("联系电话", "电话", "联系方式", "手机", "手机号码"),
}
"""Field -> the headers that name it (compared without spaces and line breaks)."""

MAX_HEADER_CHARS = 12
"""A header cell is a few words; a longer cell is data (申报要求 sentences start with 提供…)."""


def header_fields(row: list[str]) -> dict[int, str]:
    """Column -> field for a header row: at least four known headers, one of them the
    requirement (what to hand in: the column that makes a table a 责任清单); empty when the row
    is not a header."""
    found: dict[int, str] = {}
    for column, text in enumerate(row):
        plain = ph.header(text)
        if len(plain) > MAX_HEADER_CHARS:
            continue
        for name, heads in HEADERS.items():
            if name in found.values():
                continue
            if any(plain == h or (len(plain) > 1 and plain.startswith(h)) for h in heads):
                found[column] = name
                break
    return found if len(found) >= 4 and "requirement" in found.values() else {}


def sub_headers(texts: list[str], columns: dict[int, str]) -> dict[int, str]:
    """The second row of a two-row header: cells that name a field (姓名, 电话 under 联系人),
    the others copies of the row above (merged down) or empty."""
    found: dict[int, str] = {}
    for column, text in enumerate(texts):
        plain = ph.header(text)
        if not plain or len(plain) > MAX_HEADER_CHARS:
            continue
        name = next((n for n, heads in HEADERS.items() if plain in heads), None)
        if name is None:
            continue
        if columns.get(column) != name:
            found[column] = name
    written = [t for t in texts if ph.header(t)]
    known = all(
        any(ph.header(t) in heads for heads in HEADERS.values()) or len(ph.header(t)) <= 4
        for t in written
    )
    return found if found and known else {}


def review_headers(columns: dict[int, str], heads: dict[int, str], draft: Draft) -> None:
    """A header read by meaning rather than by the 2021 plan's own words (报送频次 as 收集类型,
    姓名 as 联系人) is an inference: one line of the review list names every such column."""
    read = [
        f"“{heads[c]}”读作“{HEADERS[name][0]}”"
        for c, name in sorted(columns.items())
        if c in heads and heads[c] != HEADERS[name][0]
    ]
    if read:
        draft.review.append(Review("附件1 表头", "", "表头按意思读出：" + "，".join(read)))
