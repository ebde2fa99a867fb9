"""附件3 (社区包联工作方案) and 附件4 (包联社区网格责任表) as ``grid.yaml``.

附件3 is prose: each paragraph of 包联内容 (（一）…) is split into duties at the sentences that
carry their own cadence (每月2次, 每半年至少1次, 9月前, 每年…不少于2个, 参与率98%); a sentence
without one is a standing (常态化) duty. 附件4 is a table with a two-row header (联系领导: 市级 /
区级; 街巷长: 网格员 / 城管队员), read by what each column's two header cells say.
"""

from __future__ import annotations

import re
from typing import Any

from cwm.planimport import headings
from cwm.planimport import phrases as ph
from cwm.planimport.document import SourceTable
from cwm.planimport.draft import Draft, Review
from cwm.planimport.tasks import contacts_of

FILE = "grid.yaml"


def _title(text: str) -> str:
    """A duty's short name: its first clause without the cadence, the count and the adverbs."""
    first = ph.clauses(text, "，。；")
    main = next(
        (c for c in first if not re.fullmatch(r"每(?:年|月|季度|半年)?\d*月?前|\d+月前", c)), text
    )
    main = re.sub(
        r"每(?:半年|季度|月|年)|\d+\s*月前|至少要?|不少于|\d+\s*(?:次|个)(?:以上)?", "", main
    )
    return main.strip("，。 ") or text[:20]


def _bears(part: str) -> bool:
    """Whether a sentence carries a duty of its own: a cadence, a deadline month, a count or a
    rate."""
    return bool(ph.cadence(part) or ph.before_month(part) or ph.times(part) or ph.rates(part))


def _split(body: str) -> list[str]:
    """A 包联内容 paragraph's duties: a sentence (or the clause where a new cadence starts:
    ``…，每月参与2次…``) that carries its own cadence, count or rate is a duty; the sentences
    around it without one join the duty before them, or form a standing duty together."""
    pieces = []
    for sentence in ph.clauses(body, "；。"):
        pieces.extend(re.split(r"，(?=每(?:月|季度|半年|年))", sentence))
    duties: list[list[str]] = []
    for piece in pieces:
        if (
            duties
            and (not _bears(piece))
            and (_bears(duties[-1][0]) or not _bears(piece))
            and not (_bears(duties[-1][0]) is False and _bears(piece))
        ):
            duties[-1].append(piece)
        else:
            duties.append([piece])
    return ["".join(p if p.endswith("。") else p + "。" for p in duty) for duty in duties]


def _duty(section: str, text: str, paragraph_cadence: str | None) -> dict[str, Any]:
    duty: dict[str, Any] = {"section": section, "title": _title(text)}
    cadence = ph.cadence(text)
    month = ph.before_month(text)
    counted = ph.times(text)
    targets = ph.rates(text)
    if month:
        cadence = cadence or "yearly"
    if cadence is None and (counted or targets):
        cadence = paragraph_cadence or "yearly"
    duty["cadence"] = cadence or "ongoing"
    if month:
        duty["before_month"] = month
    if counted and duty["cadence"] != "ongoing":
        duty["count"] = counted[0]
        if counted[1] != "次":
            duty["count_word"] = counted[1]
        if counted[2]:
            duty["min"] = True
    if targets:
        duty["targets"] = [
            {"name": n, "percent": v, **({"min": True} if m else {})} for n, v, m in targets
        ]
    duty["text"] = text
    return duty


def liaison(paragraphs: list[str], draft: Draft, bureau: str) -> dict[str, Any]:
    """附件3's paragraphs (after its 附件3 line) as ``liaison``."""
    out: dict[str, Any] = {}
    title_lines = []
    for p in paragraphs:
        if p.startswith(("按照", "根据")):
            break
        title_lines.append(p)
    out["title"] = "".join(title_lines)
    text = "\n".join(paragraphs)
    basis = re.search(r"(《[^》]+》(?:（[^）]*〔\d{4}〕[^）]*）)?)", text)
    if basis:
        out["basis"] = basis.group(1)
    community = re.search(r"与(.{2,20}?社区)包联", text)
    if community:
        out["community"] = community.group(1)
    out["departments"] = [bureau]
    scope = next(
        (s for p in paragraphs for s in ph.clauses(p, "。") if "直属事业单位包联" in s), None
    )
    if scope:
        out["with_institutions"] = True
        out["scope"] = scope + "。"
    elif community:
        out["scope"] = f"{bureau}包联{community.group(1)}。"
        draft.note(FILE, ("liaison", "scope"), "由“与…社区包联”一句写成")
    sections = headings.sections(paragraphs, SECTIONS)
    if "工作目标" in sections:
        out["goal"] = "".join(sections["工作目标"])
    duties = []
    current = None
    for paragraph in sections.get("包联内容", []):
        found = headings.numbered(paragraph)
        if not found:
            draft.review.append(
                Review("附件3 包联内容", paragraph, "不是（一）（二）……开头的段落，未导入")
            )
            continue
        section, body = found
        current = ph.cadence(body)
        for part in _split(body):
            duties.append(_duty(section, part, current))
    for n, duty in enumerate(duties, 1):
        duty_with_id = {"id": f"L-{n}", **duty}
        duties[n - 1] = duty_with_id
        draft.note(FILE, ("liaison", "duties", n - 1), f"附件3 包联内容{duty['section'][:3]}")
        draft.note(FILE, ("liaison", "duties", n - 1, "title"), "由原文摘出，可改为更短的名称")
    out["duties"] = duties
    out["requirements"] = sections.get("工作要求", [])
    return out


SECTIONS = {
    "工作目标": "工作目标",
    "包联内容": "包联内容",
    "工作内容": "包联内容",
    "主要任务": "包联内容",
    "工作要求": "工作要求",
}


HEADERS = {
    "community": ("街道（乡镇）社区（村）", "社区", "包联社区"),
    "city_leader": ("联系领导市级", "市级"),
    "district_leader": ("联系领导区级", "区级"),
    "unit": ("市区包联单位", "包联单位"),
    "unit_leader": ("包联单位分管领导", "分管领导"),
    "contact": ("包联部门联系人", "联系人"),
    "roads": ("责任路段",),
    "compounds": ("责任小区",),
    "grid_workers": ("街巷长网格员", "网格员"),
    "city_managers": ("街巷长城管队员", "城管队员"),
}


def _leader(text: str) -> dict[str, str]:
    """``刘廷安（市政府副市长）`` -> {name, title}."""
    plain = ph.squeeze(text)
    match = re.match(r"^(.+?)[（(](.+)[）)]$", plain)
    return {"name": match.group(1), "title": match.group(2)} if match else {"name": plain}


def grid_table(table: SourceTable, draft: Draft) -> list[dict[str, Any]]:
    rows = [[c.text for c in r] for r in table.rows]
    columns: dict[int, str] = {}
    start = 0
    for at in range(min(3, len(rows))):
        top = rows[at]
        below = rows[at + 1] if at + 1 < len(rows) else []
        found: dict[int, str] = {}
        for column in range(len(top)):
            head = ph.header(top[column]) + (
                ph.header(below[column]) if column < len(below) else ""
            )
            for name, heads in HEADERS.items():
                if name not in found.values() and any(
                    head == h or head.startswith(h) for h in heads
                ):
                    found[column] = name
                    break
        if len(found) >= 6:
            columns, start = found, at + 2
            break
    out: list[dict[str, Any]] = []
    for texts in rows[start:]:
        if not any(t.strip() for t in texts):
            continue
        cell = {name: texts[c] for c, name in columns.items() if c < len(texts)}
        n = len(out) + 1
        row: dict[str, Any] = {"id": f"G-{n}", "community": ph.squeeze(cell.get("community", ""))}
        row["city_leader"] = _leader(cell.get("city_leader", ""))
        row["district_leader"] = _leader(cell.get("district_leader", ""))
        row["unit"] = ph.squeeze(cell.get("unit", ""))
        for key in ("unit_leader", "contact"):
            people = contacts_of(cell.get(key, ""))
            if people:
                row[key] = people[0]
        row["roads"] = [ph.squeeze(r) for r in ph.names(cell.get("roads", "").rstrip("。"))]
        row["compounds"] = [ph.squeeze(r) for r in ph.names(cell.get("compounds", "").rstrip("。"))]
        row["grid_workers"] = contacts_of(cell.get("grid_workers", ""))
        row["city_managers"] = contacts_of(cell.get("city_managers", ""))
        draft.note(FILE, ("grid", n - 1), f"附件4 第{n}行")
        if not row["community"]:
            draft.review.append(Review(f"附件4 第{n}行", " ".join(texts)[:40], "没有读出所在社区"))
        out.append(row)
    return out
