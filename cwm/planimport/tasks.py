"""附件1 (网上申报对标责任清单) as ``tasks.yaml``: rows, requirement items, their materials.

Columns are found by what their header says (``HEADERS``), not by position; a header row
repeated on later pages is skipped; a vertically merged cell belongs to every row it spans; the
备注 row becomes ``notes`` and ``manual_checks``. Each ①②③④ item gets its id by the README's
scheme; its materials are read from the requirement sentences by ``phrases``. Every clause no
phrase explains is kept in the item's ``text`` and, where it may carry a rule, listed for a
person.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from cwm.planimport import phrases as ph
from cwm.planimport.collection import collection_of
from cwm.planimport.columns import header_fields, review_headers, sub_headers
from cwm.planimport.document import SourceTable
from cwm.planimport.draft import Draft
from cwm.planimport.materials import ImportContext, material, split_materials

FILE = "tasks.yaml"

ITEM_MARKS = "①②③④⑤⑥⑦⑧⑨⑩"
_PHONE = re.compile(r"1\d{10}(?!\d)|(?:0\d{2,3}[-－—]?)?\d{7,8}(?!\d)")


def code_and_name(text: str) -> dict[str, str] | None:
    """``Ⅲ-7\\n融入日常生活`` / ``Ⅰ—2社会主义核心价值观建设`` / ``1.领导体制和工作机制`` ->
    ``{code, name}``."""
    plain = ph.dash(ph.squeeze(text))
    if not plain:
        return None
    match = re.match(r"^([ⅠⅡⅢⅣⅤIVX]+-\d+)(.*)$", plain) or re.match(r"^(\d+)[.．、](.*)$", plain)
    if not match:
        return {"code": "", "name": plain}
    return {"code": match.group(1), "name": match.group(2).strip()}


def standard_of(text: str) -> dict[str, Any]:
    """``3)把…`` / ``1）加强…`` -> ``{number, text}``."""
    plain = ph.squeeze(text)
    match = re.match(r"^[（(]?(\d+)[)）.．、]\s*(.*)$", plain)
    if match:
        return {"number": int(match.group(1)), "text": match.group(2)}
    return {"text": plain}


def contacts_of(*cells: str) -> list[dict[str, str]]:
    """Names and phones in one cell or two: ``廖鹏\\n13982991270；杨贵\\n13568539001``,
    ``陶  宏 13982969551``, a landline with its area code; spaces inside names removed."""
    text = " ".join(cells)
    text = re.sub(rf"(?<=[{ph.HAN}])[\s\u3000]+(?=[{ph.HAN}])", "", text)
    tokens = re.findall(rf"[{ph.HAN}]{{2,4}}|{_PHONE.pattern}", text)
    out: list[dict[str, str]] = []
    for token in tokens:
        if _PHONE.fullmatch(token):
            if out and "phone" not in out[-1]:
                out[-1]["phone"] = token.replace("－", "-").replace("—", "-")
        else:
            out.append({"name": token})
    return [c for c in out if "phone" in c] or out


def ident(
    project: dict | None,
    indicator: dict | None,
    content: dict | None,
    standard: int | None,
    item: int | None,
) -> str:
    """The README's id: the most specific indicator code, the standard's number, the item's."""
    if content and content.get("code"):
        base = content["code"]
    elif project and indicator and indicator.get("code", "").isdigit():
        base = f"{project['code']}-{indicator['code']}"
    else:
        base = (indicator or project or {}).get("code", "")
    parts = [ph.nfkc(base)] + [str(n) for n in (standard, item) if n is not None]
    return "-".join(parts)


def written_id(text: str) -> str | None:
    """An id as a plan writes it, in the README's scheme: ``Ⅲ-7（3）①``, ``Ⅲ—30—2—②``,
    ``III-15-2-③`` -> III-7-3-1, III-30-2-2, III-15-2-3 (None when it is not an id)."""
    plain = re.sub(r"-?([①-⑩])", lambda m: f"-{ITEM_MARKS.index(m.group(1)) + 1}", ph.squeeze(text))
    plain = ph.dash(ph.nfkc(plain))
    plain = re.sub(r"[(（](\d+)[)）]", r"-\1", plain)
    plain = plain.upper().replace("--", "-")
    return plain if re.fullmatch(r"(?:I{1,3}|IV)-\d+(?:-\d+){1,3}", plain) else None


def title_of(requirement: str) -> str:
    """A short name for the item, from its requirement sentence (a person may rename it)."""
    text = re.sub(r"^(?:有说明|分别说明|说明反映|说明|提供|统计|反映)", "", requirement)
    text = re.sub(r"\d{4}年(?:以来)?|本市（区）|本市|全市|最新", "", text)
    text = re.split(r"[，。；]|的情况|的具体举措|的材料|的图片|的现场照片", text)[0]
    text = re.sub(r"^(?:有关部门|在|的|把)", "", text).strip("的")
    return text[:24] or requirement[:24]


def read_table(
    table: SourceTable,
    draft: Draft,
    bureau: tuple[str, ...],
    year: int,
    kinds: dict[str, str],
    festivals: tuple[str, ...],
) -> dict[str, Any]:
    """附件1's table as the ``rows``, ``notes`` and ``manual_checks`` of tasks.yaml."""
    columns: dict[int, str] = {}
    rows: list[dict[str, Any]] = []
    notes_text = ""
    above: dict[str, str] = {}
    header_above = False
    heads: dict[int, str] = {}  # column -> the header text that named its field
    for raw in table.rows:
        texts = [c.text for c in raw]
        found = header_fields(texts)
        if found:
            columns = found if not header_above else {**columns, **found}
            heads.update({c: ph.header(texts[c]) for c in found})
            header_above = True
            continue
        if header_above and columns:  # a second header row: 联系人 over 姓名 | 电话
            below = sub_headers(texts, columns)
            if below:
                columns.update(below)
                heads.update({c: ph.header(texts[c]) for c in below})
                continue
        header_above = False
        if texts and ph.squeeze(texts[0]) == "备注":
            # one cell across the table; a PDF's table finder may cut it in pieces
            notes_text = "".join(dict.fromkeys(t for t in texts[1:] if t.strip()))
            continue
        if not columns or not any(t.strip() for t in texts):
            continue
        cell = {name: texts[c] if c < len(texts) else "" for c, name in columns.items()}
        covered = {name for c, name in columns.items() if c < len(raw) and raw[c].merged}
        _continue_levels(cell, above, covered)
        above = cell
        base = ImportContext(bureau, year, kinds, festivals, draft)
        rows.append(_row(len(rows) + 1, cell, base))
    _fill_projects(rows, draft)
    review_headers(columns, heads, draft)
    return {"rows": rows, **_notes(notes_text)}


LEVELS = ("project", "indicator", "content", "standard")
"""The indicator levels, outermost first: a cell left empty under one of them is the same
level as the row above (a merged cell Word or Excel wrote once; in a PDF, a merged cell
continued on the next page prints no text there)."""


CODED = ("indicator", "content")
"""The levels written with a code (Ⅱ-15, Ⅲ-27): one that differs from the row above starts
another branch; a different 测评标准 under the same 测评内容 does not."""


def _continue_levels(cell: dict[str, str], above: dict[str, str], covered: set[str]) -> None:
    """Empty outer levels take the row above's, unless a deeper level the row writes differs
    from the row above's (then the row starts a new branch: its 测评项目 may stand in a later
    row, ``_fill_projects``). A level whose cell a merged cell covers (``covered``: a PDF's
    merged cell continued from the page before prints nothing) is the row above's whatever
    the deeper levels say."""
    levels = [lv for lv in LEVELS if lv in cell and lv in above]
    started = False  # a level of this row's own is written: deeper empty ones are its own too
    for at, level in enumerate(levels):
        written = ph.squeeze(cell[level])
        if written and written == ph.squeeze(above[level]):
            continue  # the same level written again (a merged cell printed on each page)
        if written:
            started = True
            continue
        if level in covered:
            cell[level] = above[level]
            continue
        deeper = [lv for lv in levels[at + 1 :] if lv in CODED and ph.squeeze(cell[lv])]
        if started or any(ph.squeeze(cell[lv]) != ph.squeeze(above[lv]) for lv in deeper):
            break
        cell[level] = above[level]


def _row(number: int, cell: dict[str, str], base: ImportContext) -> dict[str, Any]:
    """One data row of 附件1; ``base`` says whose plan it is (bureau, year, caption kinds)."""
    draft = base.draft
    where = f"附件1 第{number}行"
    path = ("rows", number - 1)
    row: dict[str, Any] = {"row": number}
    draft.note(FILE, path, where)
    for name in ("project", "indicator", "content"):
        value = code_and_name(cell.get(name, ""))
        if value:
            row[name] = value
    standard = standard_of(cell.get("standard", ""))
    row["standard"] = standard
    ctx = dataclasses.replace(base, where=where, path=path, standard=standard.get("text", ""))
    items = []
    paragraphs = [p.strip() for p in cell.get("requirement", "").split("\n") if p.strip()]
    chunks: list[tuple[int | None, list[str]]] = []
    for paragraph in paragraphs:
        if paragraph[0] in ITEM_MARKS:
            chunks.append((ITEM_MARKS.index(paragraph[0]) + 1, [paragraph[1:].strip()]))
        elif chunks:
            chunks[-1][1].append(paragraph)
        else:
            chunks.append((None, [paragraph]))
    for k, (item_number, texts) in enumerate(chunks):
        mark = ITEM_MARKS[item_number - 1] if item_number else ""
        ctx.where = f"{where}{' ' + mark if mark else ''}"
        item_path = (*path, "items", k)
        ctx.requirement = texts[0]
        written = written_id(cell.get("ident", "")) if len(chunks) == 1 else None
        item: dict[str, Any] = {
            "id": written
            or ident(
                row.get("project"),
                row.get("indicator"),
                row.get("content"),
                standard.get("number"),
                item_number,
            ),
        }
        if item_number:
            item["number"] = item_number
        item["title"] = title_of(texts[0])
        draft.note(FILE, (*item_path, "title"), "由申报要求摘出，可改为更短的名称")
        item["requirement"] = texts[0]
        materials = [
            material(m, ctx, (*item_path, "materials", j))
            for j, m in enumerate(split_materials(texts[1:], ctx))
        ]
        item["materials"] = materials
        collection, deadline = collection_of(cell.get("collection", ""), materials, ctx)
        if collection:
            item["collection"] = collection
        if deadline:
            item["deadline"] = deadline
        draft.note(FILE, item_path, ctx.where)
        items.append(item)
    row["items"] = items
    if cell.get("plan", "").strip():
        row["plan"] = "\n".join(p.strip() for p in cell["plan"].split("\n") if p.strip())
    planned = ph.squeeze(cell.get("planned_time", ""))
    festivals = any(
        m.get("groups", {}).get("name") == "节日" for i in items for m in i["materials"]
    )
    if planned in ("全年", "长期", "按时间节点"):
        row["planned_time"] = planned
    elif not planned and festivals:  # no such column: festival photos are due by the festivals
        row["planned_time"] = "按时间节点"
        draft.note(FILE, (*path, "planned_time"), "原表无此列；节日图片按节日日期到期")
    elif planned:
        ctx.review(planned, "计划开展时间不是 全年/长期/按时间节点，未导入")
    row["departments"] = [ph.squeeze(d) for d in ph.names(cell.get("departments", ""))]
    partners = [ph.squeeze(p) for p in ph.names(cell.get("partners", "")) if ph.squeeze(p)]
    partners = [p for p in partners if p not in ("无", "/", "—", "-")]
    if partners:
        row["partners"] = partners
    row["contacts"] = contacts_of(cell.get("contacts", ""), cell.get("phone", ""))
    if not row["contacts"]:
        ctx.review(cell.get("contacts", ""), "没有读出联系人")
    return row


def _fill_projects(rows: list[dict[str, Any]], draft: Draft) -> None:
    """A row whose 测评项目 cell is empty (the merged cell's text stood in a later row) takes
    the 测评项目 of another row under the same 指标: an indicator belongs to one project."""
    by_indicator = {
        r["indicator"]["code"]: r["project"]
        for r in rows
        if r.get("project") and r.get("indicator", {}).get("code")
    }
    for index, row in enumerate(rows):
        code = row.get("indicator", {}).get("code")
        if "project" not in row and code in by_indicator:
            row["project"] = by_indicator[code]
            draft.note(
                FILE, ("rows", index, "project"), f"此格为空，取同一指标 {code} 所属的测评项目"
            )
            for k, item in enumerate(row["items"]):
                number = item.get("number")
                item["id"] = ident(
                    row["project"],
                    row.get("indicator"),
                    row.get("content"),
                    row["standard"].get("number"),
                    number,
                )


_NOTE_KINDS = {
    "正式发文": "document",
    "图片资料": "photos",
    "说明报告": "report",
    "数据表格": "table",
    "征求意见": "consultation",
}


def _notes(text: str) -> dict[str, Any]:
    """The 备注: one note per kind (正式发文：…, 图片资料：…); the manual checks are its
    clauses that no program can judge."""
    notes: dict[str, str] = {}
    pattern = re.compile(r"(" + "|".join(_NOTE_KINDS) + r")[:：]")
    joined = "\n".join(line.strip() for line in text.split("\n") if line.strip())
    starts = [m for m in pattern.finditer(joined)]
    for k, match in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(joined)
        notes[_NOTE_KINDS[match.group(1)]] = joined[match.start() : end].strip()
    if not notes:
        return {}
    return {"notes": notes}
