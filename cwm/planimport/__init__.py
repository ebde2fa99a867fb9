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

from cwm.errors import CwmError
from cwm.planimport import grid as grid_module
from cwm.planimport import org as org_module
from cwm.planimport import parts as pt
from cwm.planimport import phrases as ph
from cwm.planimport import placeholders
from cwm.planimport import sites as sites_module
from cwm.planimport import tasks as tasks_module
from cwm.planimport.document import NotAPlan, SourceTable
from cwm.planimport.draft import Draft, Review
from cwm.planimport.readers import read_plan

__all__ = ["NotAPlan", "Draft", "import_plan", "write_draft"]


def _defaults() -> dict[str, Any]:
    """cwm's checking rules (word bands, deadline, measure keywords, caption kinds): not part of
    a plan, taken from the built-in data (read by the C parser: yaml.safe_load's pure-Python
    one took 40 ms of every import, this 9 ms)."""
    from cwm.plan.loader import packaged_data_dir
    from cwm.plan.yamlio import load_yaml

    data: dict[str, Any] = load_yaml(packaged_data_dir() / "tasks.yaml").data
    return data["rules"]


def import_plan(path: Path | list[Path]) -> Draft:
    """Draft the four data files from the plan at ``path`` (a file, a folder, or a list of
    files: the body and its attachments). Raises NotAPlan (exit 2)."""
    paths = [Path(p) for p in path] if isinstance(path, list) else [Path(path)]
    reading = read_plan(paths)
    blocks = reading.blocks
    name = paths[0].name if len(paths) == 1 else "、".join(p.name for p in paths)
    front, parts = pt.split(blocks)
    tables_1 = pt.find(parts, 1, blocks, pt.is_tasks)
    if not tables_1:
        raise NotAPlan(
            f"{name} 中没有找到对标责任清单（附件1）：须有一张表格，其表头含“测评内容/测评标准”"
            "“申报要求/申报材料”“责任科室/牵头单位”“联系人”等列中的至少四列。"
            "若清单是单独的文件，请把方案正文和附件放在同一个文件夹中，导入该文件夹。"
        )
    draft = Draft(reading=reading)
    rules = _defaults()
    kinds: dict[str, str] = dict(rules["captions"]["field_kinds"])
    paragraphs = pt.paragraphs(front)
    plan = org_module.plan_of(paragraphs, draft)
    bureau = plan.get("issuer") or ""
    short = re.sub(rf"^[{ph.HAN}]{{2,3}}(?=市)", "", bureau)
    names = tuple(dict.fromkeys(n for n in (bureau, short) if n))
    from cwm.periods import known_festivals

    # a 责任清单 in several tables (continued after a section break, one per sheet) is one:
    # its rows numbered on, its repeated headers skipped
    whole = SourceTable([row for table in tables_1 for row in table.rows])
    year = plan.get("year") or dt.date.today().year
    tasks = tasks_module.read_table(whole, draft, names, year, kinds, known_festivals())
    placeholders.tasks(tasks["rows"], draft)
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
    sites_tables = pt.sites_tables(parts, blocks)
    files["sites.yaml"] = (
        sites_module.read_table(sites_tables[0], draft) if sites_tables else {"sites": []}
    )
    absent: list[str] = []  # the parts other plans have and this one does not
    if not sites_tables:
        absent.append("附件2 实地点位建设任务清单")
    placeholders.sites(files["sites.yaml"], draft)
    liaison_paragraphs = pt.paragraphs(parts.get(3, []))
    liaison = placeholders.liaison(
        grid_module.liaison(liaison_paragraphs, draft, bureau) if liaison_paragraphs else None,
        draft,
    )
    if not liaison_paragraphs:
        absent.append("附件3 社区包联工作方案")
    grid_tables = pt.grid_tables(parts, blocks)
    rows = grid_module.grid_table(grid_tables[0], draft) if grid_tables else []
    if not grid_tables:
        absent.append("附件4 包联社区网格责任表")
    if absent:
        draft.review.append(
            Review(
                "附件2–4",
                "",
                f"没有找到{'、'.join(absent)}：这些职责未导入"
                "（方案只有附件1 时如此；否则请检查原文）",
            )
        )
    rows = placeholders.loadable("GridRow", rows, "附件4", draft)
    files["grid.yaml"] = {**({"liaison": liaison} if liaison else {}), "grid": rows}
    files["org.yaml"] = org_module.org_file(plan, paragraphs, files, names, draft)
    placeholders.org(files["org.yaml"])
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


HEADERS = {
    "org.yaml": "正文：方案信息、单位及别名、指导小组、人员、宣传问卷职责",
    "tasks.yaml": "附件1 网上申报对标责任清单",
    "sites.yaml": "附件2 实地点位建设任务清单",
    "grid.yaml": "附件3 社区包联工作方案（liaison）、附件4 包联社区网格责任表（grid）",
}


MAX_REPAIRS = 6
"""Rounds of ``placeholders.repair``: each takes out what the last validation refused."""


def _write_files(draft: Draft, folder: Path, origin: str) -> list[Any]:
    """The four files into ``folder``; the problems ``cwm validate`` finds in them."""
    from cwm.fsutil import normal_mode
    from cwm.plan.loader import read_plan

    today = dt.date.today().isoformat()
    for name, what in HEADERS.items():
        header = (
            f"{what}\n由 cwm import 于 {today} 从 {origin} 生成的草稿。\n"
            "每个值后的注释写明它在原文中的位置；“待核对”处须对照原文修改。\n"
            "各字段的含义见内置数据（cwm 安装目录 data/ 下同名文件）的文件头说明。"
        )
        (folder / name).write_text(draft.yaml(name, header), encoding="utf-8")
        os.chmod(folder / name, normal_mode())
    _, problems = read_plan(folder)
    return problems


def write_draft(draft: Draft, source: Path, out_dir: Path) -> list[str]:
    """Write the draft into ``out_dir`` (which must not exist or be empty), whole or not at
    all; return the problems ``cwm validate`` finds in it (none for a clean import)."""
    from cwm.errors import UsageError
    from cwm.fsutil import normal_mode
    from cwm.vocab import Severity

    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise UsageError(
            f"“{out_dir}”已存在且不是空文件夹：cwm import 不覆盖任何文件，请换一个新的文件夹名。"
        )
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    temporary = parent / f".{out_dir.name}.partial-{os.getpid()}"
    temporary.mkdir(mode=normal_mode(directory=True))
    files = draft.reading.files if draft.reading is not None else [source]
    origin = "、".join(p.name for p in files)
    try:
        for _ in range(MAX_REPAIRS):
            problems = _write_files(draft, temporary, origin)
            errors = [p for p in problems if p.severity == Severity.ERROR]
            if not errors or not placeholders.repair(draft, errors):
                break
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
    """The plan at ``path``: a data folder as it is, or a plan in any form ``cwm import`` reads
    (a file, or a folder of the body and its attachments) imported on the fly into a temporary
    folder, removed after. Returns (the plan, the places the import left for a person to check;
    0 for a data folder). Messages name the user's file, never the temporary folder."""
    import tempfile

    from cwm.errors import UsageError
    from cwm.plan.loader import load_plan

    path = Path(path)
    if path.is_dir() and (path / "tasks.yaml").exists():
        return load_plan(path, use_cache=False), 0
    if not path.exists():
        raise UsageError(
            f"“{path}”不存在：请给出数据文件夹、方案文件（.docx 等）或存放方案的文件夹。"
        )
    draft = import_plan(path)
    with tempfile.TemporaryDirectory(prefix="cwm-import-") as folder:
        target = Path(folder) / "plan"
        problems = write_draft(draft, path, target)
        try:
            plan = load_plan(target, use_cache=False)
        except CwmError as exc:  # name the user's file, not the folder about to be removed
            exc.message = str(exc).replace(str(target), f"{path.name}（导入的草稿）")
            exc.args = (exc.message,)
            raise
        return plan, len(draft.review) + len(problems)
