"""``cwm import``: draft a data folder from a plan's Word file.

``import_plan(path)`` reads the .docx (``docx``), cuts it into the notice and body and the four
attachments (a paragraph ``附件1``…``附件4`` alone on its line starts each), and drafts the four
data files: ``org`` (notice, body, roster, units, publicity), ``tasks`` (附件1), ``sites``
(附件2), ``grid`` (附件3 and 附件4). The result is a ``Draft``: the data, where every value came
from, and the review list. ``write_draft`` writes it as a new folder, whole or not at all.
Nothing is guessed silently: what no rule reads is kept as text and listed for a person.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path
from typing import Any

from cwm.planimport import grid as grid_module
from cwm.planimport import org as org_module
from cwm.planimport import phrases as ph
from cwm.planimport import sites as sites_module
from cwm.planimport import tasks as tasks_module
from cwm.planimport.docx import NotAPlan, SourceTable, read_blocks
from cwm.planimport.draft import Draft, Review

__all__ = ["NotAPlan", "Draft", "import_plan", "write_draft"]

_ATTACHMENT = re.compile(r"^附件\s*([1-9一二三四五六七八九])\s*$")
_CN = "一二三四五六七八九"


def _split(blocks: list[Any]) -> tuple[list[Any], dict[int, list[Any]]]:
    front: list[Any] = []
    parts: dict[int, list[Any]] = {}
    current: list[Any] = front
    for block in blocks:
        if isinstance(block, str):
            match = _ATTACHMENT.match(ph.nfkc(block).strip())
            if match:
                n = match.group(1)
                number = int(n) if n.isdigit() else _CN.index(n) + 1
                current = parts.setdefault(number, [])
                continue
        current.append(block)
    return front, parts


def _paragraphs(blocks: list[Any]) -> list[str]:
    return [b for b in blocks if isinstance(b, str) and b.strip()]


def _tables(blocks: list[Any]) -> list[SourceTable]:
    return [b for b in blocks if isinstance(b, SourceTable)]


def _defaults() -> dict[str, Any]:
    """cwm's checking rules (word bands, deadline, measure keywords, caption kinds): not part of
    a plan, taken from the built-in data."""
    import yaml

    from cwm.plan.loader import packaged_data_dir

    data = yaml.safe_load((packaged_data_dir() / "tasks.yaml").read_text(encoding="utf-8"))
    return data["rules"]


def import_plan(path: Path) -> Draft:
    """Draft the four data files from the plan at ``path``. Raises NotAPlan (exit 2)."""
    path = Path(path)
    blocks = read_blocks(path)
    front, parts = _split(blocks)
    tables_1 = [
        t
        for t in _tables(parts.get(1, []))
        if any(tasks_module.header_fields([c.text for c in r]) for r in t.rows)
    ]
    if not tables_1:
        raise NotAPlan(
            f"{path.name} 中没有找到附件1 的对标责任清单：须有一行“附件1”，其后的表格表头含"
            "“测评标准”“网上申报具体要求”“责任科室”“联系人”等列。"
        )
    draft = Draft()
    rules = _defaults()
    kinds: dict[str, str] = dict(rules["captions"]["field_kinds"])
    paragraphs = _paragraphs(front)
    plan = org_module.plan_of(paragraphs, draft)
    bureau = plan.get("issuer") or ""
    short = re.sub(rf"^[{ph.HAN}]{{2,3}}(?=市)", "", bureau)
    names = tuple(dict.fromkeys(n for n in (bureau, short) if n))
    from cwm.periods import known_festivals

    tasks = tasks_module.read_table(
        tables_1[0],
        draft,
        names,
        plan.get("year") or dt.date.today().year,
        kinds,
        known_festivals(),
    )
    for table in tables_1[1:]:  # a table continued after a page or section break
        more = tasks_module.read_table(
            table, draft, names, plan.get("year") or 0, kinds, known_festivals()
        )
        tasks["rows"] += more["rows"]
    _caption_kinds(tasks, kinds, draft)
    rules["captions"]["field_kinds"] = kinds
    deadline = deadline_rule(" ".join(paragraphs))
    if deadline:
        rules["deadline"] = deadline
        draft.note("tasks.yaml", ("rules", "deadline"), "截止日取自正文")
    manual = _manual_checks(tasks.get("notes", {}))
    if "notes" not in tasks:
        draft.review.append(
            Review(
                "附件1 备注", "", "没有找到“备注”行（正式发文、图片资料、说明报告、数据表格的说明）"
            )
        )
    notes = {
        k: tasks.get("notes", {}).get(k, "") or "（原文无）"
        for k in ("document", "photos", "report", "table", "consultation")
    }
    files: dict[str, Any] = {
        "tasks.yaml": {
            "plan_year": plan.get("year"),
            "rules": rules,
            "notes": notes,
            "manual_checks": manual,
            "rows": tasks["rows"],
        }
    }
    sites_tables = _tables(parts.get(2, []))
    files["sites.yaml"] = (
        sites_module.read_table(sites_tables[0], draft) if sites_tables else {"sites": []}
    )
    if not sites_tables:
        draft.review.append(Review("附件2", "", "没有找到实地点位建设任务清单的表格"))
    liaison = grid_module.liaison(_paragraphs(parts.get(3, [])), draft, bureau)
    grid_tables = _tables(parts.get(4, []))
    rows = grid_module.grid_table(grid_tables[0], draft) if grid_tables else []
    if not grid_tables:
        draft.review.append(Review("附件4", "", "没有找到包联社区网格责任表"))
    files["grid.yaml"] = {"liaison": liaison, "grid": rows}
    files["org.yaml"] = _org(plan, paragraphs, files, names, draft)
    draft.files = files
    return draft


_DEADLINES = [
    (re.compile(r"每(?:季度|半年|月)?最后一个月\s*(\d{1,2})\s*日前"), "last_month_day"),
    (re.compile(r"次月\s*(\d{1,2})\s*日前"), "next_month_day"),
]


def deadline_rule(text: str) -> dict[str, Any] | None:
    """The body's deadline for collected materials: ``每季度最后一个月20日前`` -> day 20 of the
    period's last month; ``次月5日前`` -> day 5 of the month after it; None: the period's end."""
    for pattern, rule in _DEADLINES:
        match = pattern.search(text)
        if match:
            return {"rule": rule, "day": int(match.group(1)), "offset_days": 0}
    return None


def _caption_kinds(tasks: dict[str, Any], kinds: dict[str, str], draft: Draft) -> None:
    """Caption fields the plan names that cwm's rules do not know yet get a kind by their name
    (…时间/日期: date; …名称/单位: name; else text)."""
    for row in tasks["rows"]:
        for item in row["items"]:
            for material in item["materials"]:
                for name in material.get("caption", []):
                    if name not in kinds:
                        kinds[name] = (
                            "date"
                            if name.endswith(("时间", "日期"))
                            else "name"
                            if name.endswith(("名称", "单位"))
                            else "text"
                        )


def _manual_checks(notes: dict[str, str]) -> dict[str, list[str]]:
    """What the 备注 asks that no program can judge: its sentences, for each kind of material
    (a definition such as 图片资料：包括… is not a check)."""
    out: dict[str, list[str]] = {}
    for kind in ("photos", "report", "table", "document"):
        text = notes.get(kind)
        if not text:
            continue
        body = re.sub(r"^[^：:]{2,6}[：:]", "", text)
        sentences = [s for s in ph.clauses(body, "。；") if not s.startswith("包括")]
        out[kind] = sentences
    return out


def _org(
    plan: dict[str, Any],
    paragraphs: list[str],
    files: dict[str, Any],
    names: tuple[str, ...],
    draft: Draft,
) -> dict[str, Any]:
    group, roster = org_module.roster(paragraphs)
    bureau = names[0] if names else ""
    units: list[dict[str, Any]] = [{"name": bureau, "kind": "bureau", "aliases": list(names[1:])}]

    def find(name: str) -> dict[str, Any] | None:
        for unit in units:
            if name == unit["name"] or name in unit.get("aliases", []):
                return unit
        for unit in units:
            if ph.variant_of(name, unit["name"]):
                unit.setdefault("aliases", []).append(name)
                draft.note(
                    "org.yaml",
                    ("units", units.index(unit), "aliases"),
                    "别名由写法推得（同一单位的简称或全称）",
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
    for person in roster:
        written = org_module.unit_of_title(person["title"])
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
        if unit and org_module.is_head(person["title"]) and "head" not in unit:
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
    publicity = org_module.publicity(work, institutions, draft)
    for duty in publicity:  # a unit the body names only there is an institution too
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
    known = {p["name"] for p in people}
    for name, where in contacts_of.items():
        if name in known:
            continue
        people.append({"name": name, **({"unit": next(iter(where))} if len(where) == 1 else {})})
    for unit in units:
        if not unit["aliases"]:
            del unit["aliases"]
    for person in people:
        if person.get("unit") is None:
            person.pop("unit", None)
        if person.get("title") is None:
            person.pop("title", None)
    org: dict[str, Any] = {"plan": plan, "units": units, "leading_group": group, "people": people}
    if publicity:
        org["publicity"] = publicity
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


HEADERS = {
    "org.yaml": "正文：方案信息、单位及别名、指导小组、人员、宣传问卷职责",
    "tasks.yaml": "附件1 网上申报对标责任清单",
    "sites.yaml": "附件2 实地点位建设任务清单",
    "grid.yaml": "附件3 社区包联工作方案（liaison）、附件4 包联社区网格责任表（grid）",
}


def write_draft(draft: Draft, source: Path, out_dir: Path) -> list[str]:
    """Write the draft into ``out_dir`` (which must not exist or be empty), whole or not at
    all; return the problems ``cwm validate`` finds in it (none for a clean import)."""
    from cwm.errors import UsageError
    from cwm.fsutil import normal_mode
    from cwm.plan.loader import read_plan
    from cwm.vocab import Severity

    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise UsageError(
            f"“{out_dir}”已存在且不是空文件夹：cwm import 不覆盖任何文件，请换一个新的文件夹名。"
        )
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    temporary = parent / f".{out_dir.name}.partial-{os.getpid()}"
    temporary.mkdir(mode=normal_mode(directory=True))
    try:
        today = dt.date.today().isoformat()
        for name, what in HEADERS.items():
            header = (
                f"{what}\n由 cwm import 于 {today} 从 {source.name} 生成的草稿。\n"
                "每个值后的注释写明它在原文中的位置；“待核对”处须对照原文修改。\n"
                "各字段的含义见内置数据（cwm 安装目录 data/ 下同名文件）的文件头说明。"
            )
            (temporary / name).write_text(draft.yaml(name, header), encoding="utf-8")
            os.chmod(temporary / name, normal_mode())
        _, problems = read_plan(temporary)
        if out_dir.exists():
            out_dir.rmdir()
        os.rename(temporary, out_dir)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return [
        p.format().replace(str(temporary), str(out_dir))
        for p in problems
        if p.severity == Severity.ERROR
    ]


def load_any(path: Path) -> tuple[Any, int]:
    """The plan at ``path``: a data folder as it is, or a plan's Word file imported on the fly
    (into a temporary folder, removed after). Returns (the plan, the places the import left for a
    person to check; 0 for a folder)."""
    import tempfile

    from cwm.errors import UsageError
    from cwm.plan.loader import load_plan

    path = Path(path)
    if path.is_dir():
        return load_plan(path, use_cache=False), 0
    if not path.is_file():
        raise UsageError(f"“{path}”不存在：请给出数据文件夹或方案的 Word 文件（.docx）。")
    draft = import_plan(path)
    with tempfile.TemporaryDirectory(prefix="cwm-import-") as folder:
        problems = write_draft(draft, path, Path(folder) / "plan")
        return load_plan(Path(folder) / "plan", use_cache=False), len(draft.review) + len(problems)
