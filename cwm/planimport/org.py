"""The notice and the body as ``org.yaml``: the plan (文号, issue date, year, issuer, goal, the
four work areas), the units with the second names the text gives them, the 指导小组 and its
roster, and the body's standing publicity duties (宣传问卷工作)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from cwm.planimport import headings
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
        plain = ph.squeeze(p)
        if re.search(r"(?:工作|实施)?方案$", plain) and not plain.startswith(("关于", "附件")):
            before = ph.squeeze(paragraphs[at - 1]) if at else ""
            joined = len(before) <= 12 and not before.endswith(("：", "。")) and "号" not in before
            plan["title"] = (before if joined and not _DATE.match(before) else "") + plain
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
    year = re.search(r"(\d{4})\s*年", plan.get("title", "")) or re.search(
        r"(\d{4})\s*年度?创建", text
    )
    plan["year"] = int(year.group(1)) if year else None
    if plan["year"] is None:
        written = re.search(r"〔(\d{4})〕", plan.get("document_number", ""))
        issued = plan.get("issued")
        plan["year"] = int(written.group(1)) if written else issued.year if issued else None
        draft.review.append(
            Review(
                "正文",
                plan.get("title", ""),
                f"标题中没有年度，按{'文号或发文日期的' if plan['year'] else ''}年度"
                f"{plan['year'] or '（未读出）'}导入",
            )
        )
    if "title" not in plan:
        plan["title"] = "（原文未读出方案标题）"
        draft.review.append(Review("正文", "", "没有找到方案标题（以“方案”结尾的一行）"))
    sections = headings.sections(paragraphs, SECTIONS)
    if sections.get("工作目标"):
        plan["goal"] = "".join(sections["工作目标"])
    work = []
    for p in sections.get("工作任务", []):
        found = headings.numbered(p)
        if not found:
            continue
        title, rest = found
        see = next((f for a, f in SEE.items() if a in rest), "org.yaml")
        work.append({"title": title, "see": see, "text": rest})
    plan["work"] = work
    return plan


SECTIONS = {
    **{h: h for h in ("工作目标", "工作任务", "工作要求", "组织领导", "工作措施")},
    **{h: "工作目标" for h in ("总体目标", "目标任务")},
    **{h: "工作任务" for h in ("主要任务", "重点任务", "任务分工", "工作内容", "职责分工")},
    **{h: "工作要求" for h in ("保障措施", "有关要求")},
}


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


def org_file(
    plan: dict[str, Any],
    paragraphs: list[str],
    files: dict[str, Any],
    names: tuple[str, ...],
    draft: Draft,
) -> dict[str, Any]:
    """org.yaml: the bureau, its sections (from the roster and 附件1's rows), institutions (the
    body, 附件2), partners (附件4), the 指导小组, people (the roster, then everyone the
    attachments name), the body's publicity duties."""
    group, listed = roster(paragraphs)
    bureau = names[0] if names else ""
    units: list[dict[str, Any]] = [{"name": bureau, "kind": "bureau", "aliases": list(names[1:])}]

    def find(name: str) -> dict[str, Any] | None:
        for unit in units:
            if name == unit["name"] or name in unit.get("aliases", []):
                return unit
        for unit in units:
            if ph.variant_of(name, unit["name"]):
                unit.setdefault("aliases", []).append(name)
                draft.check(
                    "org.yaml",
                    ("units", units.index(unit), "aliases"),
                    "单位",
                    name,
                    f"由写法推得是“{unit['name']}”的简称或全称，已作为它的别名",
                )
                return unit
        return None

    def canonical(name: str) -> str:
        found = find(name)
        return found["name"] if found else name

    def add(name: str, kind: str) -> dict[str, Any]:
        name = name.strip()
        found = find(name)
        if found:
            return found
        unit = {"name": name, "kind": kind, "aliases": []}
        units.append(unit)
        return unit

    office = group.get("office", "")
    people = []
    for person in listed:
        written = unit_of_title(person["title"])
        unit = None
        if office and written and ph.variant_of(written, office) and not find(office):
            add(office, "section")
        if written:
            unit = (
                find(written)
                or find(written.lstrip("局"))
                or add(written, "section" if re.search(r"(科|室|办)$", written) else "institution")
            )
        people.append(
            {
                "name": person["name"],
                "unit": unit["name"] if unit else None,
                "title": person["title"],
            }
        )
        if unit and is_head(person["title"]) and "head" not in unit:
            unit["head"] = person["name"]
    if office and not find(office):
        add(office, "section")
    for row in files["tasks.yaml"]["rows"]:
        for department in row["departments"]:
            main, _, second = department.partition("（")
            unit = add(main, "section")
            if second and second.rstrip("）") not in unit["aliases"]:
                unit["aliases"].append(second.rstrip("）"))
    work = plan.get("work", [])
    body = " ".join(w["text"] for w in work)
    for name in re.findall(
        rf"(?<![{ph.HAN}])(市[{ph.HAN}]{{2,8}}?(?:医院|福利院|管理站|救助站|大学|中心|学校|馆))",
        body,
    ):
        add(name, "institution")
    for site in files["sites.yaml"].get("sites", []):
        add(site["unit"], "institution")
    for row in files["grid.yaml"]["grid"]:
        add(row["unit"], "partner")
    units.sort(key=lambda u: _KIND_ORDER.index(u["kind"]))
    _in_listed_order(units, body)
    institutions = [u["name"] for u in units if u["kind"] == "institution"]
    duties = publicity(work, institutions, draft)
    for duty in duties:  # a unit the body names only there is an institution too
        for name in duty["departments"]:
            if not find(name):
                add(name, "institution")
    units.sort(key=lambda u: _KIND_ORDER.index(u["kind"]))
    contacts_of: dict[str, set[str]] = {}
    for site in files["sites.yaml"].get("sites", []):
        for c in site["contacts"]:
            contacts_of.setdefault(c["name"], set()).add(canonical(site["unit"]))
    for row in files["grid.yaml"]["grid"]:
        for key in ("unit_leader", "contact"):
            if key in row:
                contacts_of.setdefault(row[key]["name"], set()).add(canonical(row["unit"]))
    listed_only: dict[str, set[str]] = {}  # people named only in 附件1's rows
    for task_row in files["tasks.yaml"]["rows"]:
        for c in task_row.get("contacts", []):
            if c["name"] not in contacts_of and task_row["departments"]:
                lead = canonical(task_row["departments"][0].partition("（")[0])
                listed_only.setdefault(c["name"], set()).add(lead)
    known = {p["name"] for p in people}
    for name, where in (*contacts_of.items(), *listed_only.items()):
        if name in known:
            continue
        known.add(name)
        people.append({"name": name, **({"unit": next(iter(where))} if len(where) == 1 else {})})
        if name in listed_only and name not in contacts_of:
            draft.check(
                "org.yaml",
                ("people", len(people) - 1),
                "附件1",
                name,
                "此人只出现在附件1 的联系人中，已加入人员名单，单位取自该行的责任科室",
            )
    for unit in units:
        if not unit["aliases"]:
            del unit["aliases"]
    for person in people:
        if person.get("unit") is None:
            person.pop("unit", None)
        if person.get("title") is None:
            person.pop("title", None)
    org: dict[str, Any] = {"plan": plan, "units": units, "leading_group": group, "people": people}
    if duties:
        org["publicity"] = duties
    return org


_KIND_ORDER = ("bureau", "section", "institution", "partner")


def _in_listed_order(units: list[dict[str, Any]], body: str) -> None:
    """Institutions in the order of the body's longest list of them (市精神病医院、市救助管理站、
    …): the order the plan itself gives them."""
    names = {u["name"] for u in units if u["kind"] == "institution"}
    lists = [ph.names(m) for m in re.findall(rf"[{ph.HAN}]+(?:、[{ph.HAN}]+)+", body)]
    longest = max(([n for n in names_ if n in names] for names_ in lists), key=len, default=[])
    rank = {name: at for at, name in enumerate(longest)}
    institutions = sorted(
        (u for u in units if u["kind"] == "institution"),
        key=lambda u: rank.get(u["name"], len(rank)),
    )
    start = next((i for i, u in enumerate(units) if u["kind"] == "institution"), None)
    if start is not None:
        units[start : start + len(institutions)] = institutions
