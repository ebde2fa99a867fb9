"""The 2021 plan as an office's Word file, built from ``tests/source_plan.txt`` (the seed's
text, where tables are written one cell per tab-led line).

``plan_docx(path, merged=True)`` writes the plan as Word lays it out when a person types it:
the attachments' tables with real cells, the empty cells of the text under a filled one
vertically merged into it (Word's ``w:vMerge``), the 备注 row spanning the table
(``w:gridSpan``), the header rows repeated where the source repeats them, line breaks inside
cells, 附件1 in a landscape section. ``merged=False`` writes the variant where an office wrote
merged cells out as repeated text in every row. Nothing is added to or taken from the text.
"""

from __future__ import annotations

from pathlib import Path

SOURCE = Path(__file__).parent / "source_plan.txt"

TABLES = {
    "资阳市民政局创建全国文明城市网上申报2021年对标责任清单": (10, "附件2"),
    "资阳市民政局全国文明城市实地点位建设任务清单": (6, "附件3"),
    "资阳市民政局创文创卫包联社区网格责任表": (10, "信息公开选项"),
}
"""Title paragraph before a table -> (grid columns, the first line after the table)."""
MERGEABLE = {10: 4, 6: 0}
"""Leading columns whose empty cells continue the cell above (附件1: 项目, 指标, 内容, 标准)."""


def _cells(lines: list[str]) -> list[str]:
    """A table's lines as cell texts: a cell starts at a tab-led line; its blank lines are the
    gaps the text dump leaves between paragraphs."""
    cells: list[list[str]] = []
    for line in lines:
        if line.startswith("\t"):
            cells.append([line[1:]])
        elif cells:
            cells[-1].append(line)
    return ["\n".join(p.strip() for p in c if p.strip()) for c in cells]


def _rows(cells: list[str], columns: int) -> list[list[str]]:
    """Cells in rows: ``columns`` to a row; the 备注 row is its label and one text; 附件4's first
    header row names 联系领导 and 街巷长 once for two columns each."""
    rows, at = [], 0
    while at < len(cells):
        if cells[at] == "备注":
            rows.append(cells[at : at + 2])
            at += 2
        elif cells[at].startswith("街道（乡镇）"):
            rows.append(cells[at : at + 8])
            at += 8
        else:
            rows.append(cells[at : at + columns])
            at += columns
    return rows


def _is_header(row: list[str]) -> bool:
    return any(
        c.replace("\n", "") in ("测评项目", "序号", "街道（乡镇）社区（村）") for c in row[:1]
    ) or (row[:1] == [""] and "市级" in row)


def parse_source(text: str) -> list[object]:
    """Paragraphs (str) and tables (columns, rows of cell texts) in the order of the source."""
    lines = text.splitlines()
    out: list[object] = []
    at = 0
    while at < len(lines):
        line = lines[at].rstrip()
        at += 1
        if line.strip():
            out.append(line.strip())
        if line.strip() in TABLES:
            columns, end = TABLES[line.strip()]
            start = at
            while at < len(lines) and not lines[at].startswith(end):
                at += 1
            out.append((columns, _rows(_cells(lines[start:at]), columns)))
    return out


def plan_docx(path: Path, merged: bool = True) -> Path:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    document = docx.Document()
    for block in parse_source(SOURCE.read_text(encoding="utf-8")):
        if isinstance(block, str):
            if block.startswith("附件") and len(block) <= 4 and block != "附件1":
                document.add_section().orientation = WD_ORIENT.PORTRAIT
            if block == "附件1":
                section = document.add_section()
                section.orientation = WD_ORIENT.LANDSCAPE
                section.page_width, section.page_height = Mm(297), Mm(210)
            document.add_paragraph(block)
            continue
        columns, rows = block
        table = document.add_table(rows=len(rows), cols=columns)
        table.style = "Table Grid"
        keep = MERGEABLE.get(columns, 0)
        previous: list[str] | None = None
        for r, values in enumerate(rows):
            cells = table.rows[r].cells
            if _is_header(values):
                tr_pr = table.rows[r]._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                tr_pr.append(header)
            if len(values) < columns:  # 备注, or a header naming a two-column group once
                spans = [2 if v in ("联系领导", "街巷长") else 1 for v in values]
                if sum(spans) < columns:
                    spans[-1] += columns - sum(spans)
                at = 0
                for value, span in zip(values, spans):
                    cell = cells[at].merge(cells[at + span - 1]) if span > 1 else cells[at]
                    _write(cell, value)
                    at += span
                previous = None
                continue
            for c, value in enumerate(values):
                continued = (
                    c < keep and not value and previous is not None and not _is_header(values)
                )
                if continued and merged:
                    cell = table.cell(r, c)
                    vmerge = OxmlElement("w:vMerge")
                    cell._tc.get_or_add_tcPr().append(vmerge)
                    above = table.cell(r - 1, c)._tc.get_or_add_tcPr()
                    if above.find(qn("w:vMerge")) is None:
                        restart = OxmlElement("w:vMerge")
                        restart.set(qn("w:val"), "restart")
                        above.append(restart)
                    values[c] = previous[c]
                    continue
                if continued:
                    value = values[c] = previous[c]
                _write(cells[c], value)
            previous = None if _is_header(values) else values
    document.save(str(path))
    return path


def _write(cell: object, text: str) -> None:
    """A cell's text: one paragraph per line of the source (line breaks inside cells)."""
    lines = text.split("\n") if text else [""]
    cell.paragraphs[0].text = lines[0]  # type: ignore[attr-defined]
    for line in lines[1:]:
        cell.add_paragraph(line)  # type: ignore[attr-defined]
