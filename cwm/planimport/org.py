"""The notice and the body as ``org.yaml``: the plan (文号, issue date, year, issuer, goal, the
four work areas), the units with the second names the text gives them, the 指导小组 and its
roster, and the body's standing publicity duties (宣传问卷工作)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from cwm.planimport import phrases as ph
from cwm.planimport.draft import Draft, Review

FILE = "org.yaml"

_NUMBER = re.compile(rf"[{ph.HAN}]{{1,8}}〔\d{{4}}〕\d+号")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_ROLE = re.compile(
    r"^(?P<unit>.+?)(?:党(?:委|组)[^、，]{0,4}、)?"
    r"(?:副?(?:局长|院长|站长|主任|科长|校长|书记)|[一二三四]级调研员|调研员)$"
)
"""A roster title: the unit, then the role (党委书记、局长; 党组成员、副局长; 科长; 三级调研员)."""
SEE = {"附件1": "tasks.yaml", "附件2": "sites.yaml", "附件3": "grid.yaml"}


def plan_of(paragraphs: list[str], draft: Draft) -> dict[str, Any]:
    """文号, the title, the issuer and date of the notice, the year, the goal, the work areas."""
    plan: dict[str, Any] = {}
    text = "\n".join(paragraphs)
    for at, p in enumerate(paragraphs):
        if p.endswith("工作方案") and not p.startswith("关于"):
            before = paragraphs[at - 1] if at else ""
            plan["title"] = (before if len(before) <= 12 and not before.endswith("：") else "") + p
            break
    number = _NUMBER.search(text)
    if number:
        plan["document_number"] = number.group(0)
    else:
        draft.review.append(
            Review(
                "正文", paragraphs[0] if paragraphs else "", "没有找到文号（如 资民发〔2021〕25号）"
            )
        )
    for at, p in enumerate(paragraphs):
        match = _DATE.match(p.strip())
        if match and at:
            plan["issuer"] = paragraphs[at - 1].strip()
            plan["issued"] = dt.date(*(int(g) for g in match.groups()))
            break
    year = re.search(r"(\d{4})年", plan.get("title", ""))
    plan["year"] = int(year.group(1)) if year else None
    if plan["year"] is None:
        draft.review.append(Review("正文", plan.get("title", ""), "标题中没有年度"))
    sections = ph.sections(paragraphs, SECTIONS)
    if sections.get("工作目标"):
        plan["goal"] = "".join(sections["工作目标"])
    work = []
    for p in sections.get("工作任务", []):
        match = re.match(r"^(（[一二三四五六七八九十]+）[^。]*?)。(.*)$", p)
        if not match:
            continue
        see = next((f for a, f in SEE.items() if a in match.group(2)), "org.yaml")
        work.append({"title": match.group(1), "see": see, "text": match.group(2)})
    plan["work"] = work
    return plan


SECTIONS = {h: h for h in ("工作目标", "工作任务", "工作要求", "组织领导", "工作措施")}


def roster(paragraphs: list[str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The 指导小组 (name, office, leader, deputies, members) and its people (name, title)."""
    text = "\n".join(paragraphs)
    group: dict[str, Any] = {}
    name = re.search(r"成立(.{2,30}?(?:指导|领导|工作)小组)", text)
    if name:
        group["name"] = name.group(1)
    office = re.search(r"办公室设在(.{2,12}?)[。，,]", text)
    if office:
        group["office"] = office.group(1)
    people: list[dict[str, Any]] = []
    role = None
    for line in paragraphs:
        raw = line.replace("\u3000", " ")
        label = re.match(r"^\s*(组\s*长|副\s*组\s*长|成\s*员)\s*[:：]\s*(.*)$", raw)
        if label:
            role = ph.squeeze(label.group(1))
            raw = label.group(2)
        elif role is None or not re.match(rf"^\s*[{ph.HAN}]", raw):
            continue
        person = re.match(
            rf"^\s*([{ph.HAN}])\s*([{ph.HAN}])(?:\s*([{ph.HAN}]))?\s{{2,}}(\S.*)$", raw
        )
        if not person:
            if role and raw.strip() and len(raw.strip()) > 30:
                role = None  # the roster ended: a paragraph of text
            continue
        who = "".join(g for g in person.group(1, 2, 3) if g)
        people.append({"name": who, "title": person.group(4).strip(), "role": role})
    leaders = [p["name"] for p in people if p["role"] == "组长"]
    if leaders:
        group["leader"] = leaders[0]
    group["deputies"] = [p["name"] for p in people if p["role"] == "副组长"]
    group["members"] = [p["name"] for p in people if p["role"] == "成员"]
    return group, [{"name": p["name"], "title": p["title"]} for p in people]


def unit_of_title(title: str) -> str:
    """``养老服务科科长`` -> 养老服务科; ``市民政局党委书记、局长`` -> 市民政局."""
    match = _ROLE.match(title)
    return match.group("unit") if match else ""


def is_head(title: str) -> bool:
    return (
        bool(re.search(r"(?<!副)(?:科长|主任|局长|院长|站长|校长)$", title))
        and "副" not in title.split("、")[-1]
    )


def publicity(
    work: list[dict[str, Any]], institutions: list[str], draft: Draft
) -> list[dict[str, Any]]:
    """The body's 宣传问卷 work area as standing duties: one per sentence; a sentence that names
    no unit is the institutions' (as in the sentence before it)."""
    area = next((w for w in work if "宣传" in w["title"]), None)
    if area is None:
        return []
    out = []
    last_units: list[str] = institutions
    starts = rf"，(?=[{ph.HAN}]{{2,12}}(?:、[{ph.HAN}]{{2,12}})+(?:分别|坚持|共同|负责))"
    sentences = [s for part in ph.clauses(area["text"], "。") for s in re.split(starts, part)]
    for n, sentence in enumerate(sentences, 1):
        match = re.match(rf"^([{ph.HAN}、（）]+?)(?:分别|坚持|共同|负责)", sentence)
        units = [u for u in ph.names(match.group(1))] if match else []
        if units and match is not None:
            last_units = units
            rest = sentence[match.end() :]
        else:
            rest = sentence
        title = re.sub(r"^(?:常态化)?(?:利用)?", "", rest).split("，")[0]
        out.append(
            {
                "id": f"PUB-{n}",
                "title": title,
                "departments": list(last_units),
                "cadence": "ongoing",
                "text": sentence + "。",
            }
        )
        draft.note(FILE, ("publicity", n - 1, "title"), "由原文摘出，可改为更短的名称")
    return out
