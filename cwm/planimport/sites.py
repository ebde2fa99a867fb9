"""附件2 (实地点位建设任务清单) as ``sites.yaml``: one site per row, its numbered standards and
the figures they ask for."""

from __future__ import annotations

import re
from typing import Any

from cwm.dates import chinese_number
from cwm.planimport import phrases as ph
from cwm.planimport.document import SourceTable
from cwm.planimport.draft import Draft, Review
from cwm.planimport.tasks import contacts_of

FILE = "sites.yaml"

HEADERS = {
    "number": ("序号",),
    "name": ("点位名称", "点位", "点位类型"),
    "indicator": ("指标名称", "指标"),
    "standards": ("考察内容及标准", "考察内容", "测评标准", "标准"),
    "unit": ("责任单位", "责任科室"),
    "contacts": ("联系人及联系方式", "联系人"),
    "phone": ("联系电话", "电话"),
}

_FIGURE = re.compile(
    r"(?P<before>不少于|至少)?\s*(?P<value>\d+(?:\.\d+)?|“[一二两三四五六七八九十]+)(?P<unit>米|处|个|字|人|次|张|块|平方米|%)(?P<after>以上)?"
)


def figures(text: str) -> list[dict[str, Any]]:
    """The numbers a standard asks for, with their units: ``不少于5处`` -> value 5, unit 处, min;
    a counting convention (``10米内算作1处``: the 1处) is not a requirement."""
    out = []
    for match in _FIGURE.finditer(text):
        if text[max(0, match.start() - 2) : match.start()].endswith(("算作", "算")):
            continue
        raw = match.group("value").lstrip("“")
        value = float(raw) if "." in raw else chinese_number(raw)
        before = re.split(r"[，。；、（(]", text[: match.start()])[-1]
        label = re.sub(r"^(?:任意|在|有|设|看到)?", "", before).strip() or match.group("unit")
        if match.group("value").startswith("“"):
            label = text[match.start() + 1 :].split("”", 1)[0]  # “一米线”
        figure: dict[str, Any] = {"label": label, "value": value, "unit": match.group("unit")}
        if match.group("before") or match.group("after"):
            figure["min"] = True
        out.append(figure)
    return out


def standards_of(text: str) -> list[dict[str, Any]]:
    """``（1）…`` paragraphs as numbered standards; unnumbered text as one standard."""
    out: list[dict[str, Any]] = []
    for paragraph in (p.strip() for p in text.split("\n") if p.strip()):
        match = re.match(r"^[（(](\d+)[)）]\s*(.*)$", paragraph)
        standard: dict[str, Any] = {}
        if match:
            standard["number"] = int(match.group(1))
            paragraph = match.group(2)
        elif out:  # a paragraph continuing the standard before it
            out[-1]["text"] += paragraph
            continue
        standard["text"] = paragraph
        found = figures(paragraph)
        if found:
            standard["figures"] = found
        out.append(standard)
    return out


def read_table(table: SourceTable, draft: Draft) -> dict[str, Any]:
    columns: dict[int, str] = {}
    sites: list[dict[str, Any]] = []
    for raw in table.rows:
        texts = [c.text for c in raw]
        found: dict[int, str] = {}
        for column, text in enumerate(texts):
            plain = ph.header(text)
            for name, heads in HEADERS.items():
                if name not in found.values() and plain in heads:
                    found[column] = name
                    break
        if len(found) >= 3:
            columns = found
            continue
        if not columns or not any(t.strip() for t in texts):
            continue
        cell = {name: texts[c] for c, name in columns.items() if c < len(texts)}
        number = len(sites) + 1
        where = f"附件2 第{number}行"
        site: dict[str, Any] = {"id": f"S-{number}", "number": number}
        written = ph.squeeze(cell.get("number", ""))
        if written.isdigit() and int(written) != number:
            draft.review.append(
                Review(where, written, f"序号写的是 {written}，按表中顺序编为 S-{number}")
            )
        site["name"] = ph.squeeze(cell.get("name", ""))
        site["indicator"] = ph.squeeze(cell.get("indicator", ""))
        site["standards"] = standards_of(cell.get("standards", ""))
        site["unit"] = ph.squeeze(cell.get("unit", ""))
        site["contacts"] = contacts_of(cell.get("contacts", ""), cell.get("phone", ""))
        draft.note(FILE, ("sites", number - 1), where)
        for k, standard in enumerate(site["standards"]):
            if "figures" in standard:
                draft.note(
                    FILE,
                    ("sites", number - 1, "standards", k, "figures"),
                    "数量摘自标准原文，label 为摘出的说明",
                )
        sites.append(site)
    return {"sites": sites}
