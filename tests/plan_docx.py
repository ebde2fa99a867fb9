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
                    cell = cells[c]  # rows' cells, not Table.cell (all the table's cells each call)
                    vmerge = OxmlElement("w:vMerge")
                    cell._tc.get_or_add_tcPr().append(vmerge)
                    above = table.rows[r - 1].cells[c]._tc.get_or_add_tcPr()
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


# --- a plan of another bureau, written differently ----------------------------------------------

OTHER_BODY = [
    "资教体发〔2022〕12号",
    "关于印发《2022年创建全国文明城市工作方案》的通知",
    "局机关各科室，各直属学校：",
    "现将《资阳市教育和体育局2022年创建全国文明城市工作方案》印发给你们，请认真落实。",
    "资阳市教育和体育局",
    "2022年3月15日",
    "资阳市教育和体育局",
    "2022年创建全国文明城市工作方案",
    "工作目标",
    "全面完成教育系统承担的创文任务。",
    "工作任务",
    "（一）网上报送材料。承担申报任务5项（具体分工、报送要求见附件1）。",
    "（二）实地点位建设。负责校园周边点位建设（具体要求见附件2）。",
    "（三）宣传问卷工作。市实验中学、市体育中心分别设置专栏宣传。",
    "（四）包联社区工作。包联雁江区和平社区（具体要求见附件3）。",
    "工作要求",
    "健全工作机构。成立市教体局创文工作领导小组，办公室设在办公室。",
    "组  长：王  强   市教育和体育局党组书记、局长",
    "副组长：李明华   市教育和体育局党组成员、副局长",
    "成 员： 赵  敏   办公室主任",
    "        孙丽娟   基础教育科科长",
    "        周  杰   体育科科长",
    "材料报送。各牵头科室每季度最后一个月20日前报送材料，以上、以内、不少于均含本数。",
]
OTHER_TASKS_HEADER = [
    [
        "编号",
        "测评体系",
        "测评体系",
        "测评体系",
        "测评体系",
        "申报材料及要求",
        "牵头科室（单位）",
        "配合单位",
        "报送频次",
        "联系人",
        "电话",
    ],
    [
        "编号",
        "测评项目",
        "指标",
        "测评内容",
        "测评标准",
        "申报材料及要求",
        "牵头科室（单位）",
        "配合单位",
        "报送频次",
        "联系人",
        "电话",
    ],
]
OTHER_TASKS = [
    [
        "Ⅲ-9（2）①",
        "Ⅰ—2社会主义核心价值观建设",
        "Ⅱ-5\n文化培育",
        "Ⅲ-9\n学校德育",
        "2）中小学德育工作扎实有效。",
        "①提供2022年本市中小学开展德育工作的情况。\n说明报告：市教体局提供不少于800字的说明报告，有3项以上具体措施和数据支撑。",
        "基础教育科",
        "各区县教育局",
        "每季度",
        "孙丽娟",
        "028-26651234",
    ],
    [
        "Ⅲ—9—2—②",
        "",
        "",
        "",
        "",
        "②提供本市学校开展主题教育活动的图片。\n图片资料：每所学校提供2张，不少于5所学校，注明学校名称、活动主题。",
        "基础教育科",
        "",
        "每季度",
        "孙丽娟",
        "028-26651234",
    ],
    [
        "III-11-1-③",
        "Ⅰ—3培育文明道德风尚",
        "Ⅱ-7\n公民道德",
        "Ⅲ-11\n体育健身",
        "1）公共体育设施向社会开放。",
        "③提供2022年本市学校体育场馆开放的数据。\n数据统计表：提供数据统计表，学校体育场馆开放率不低于20%。",
        "体育科",
        "",
        "每半年",
        "周  杰",
        "13990001234",
    ],
    [
        "",
        "",
        "",
        "",
        "",
        "④提供本市全民健身活动的图片资料。\n图片资料：提供图片5张以上，注明活动时间、活动主题。",
        "体育科",
        "",
        "每半年",
        "周  杰",
        "13990001234",
    ],
    [
        "",
        "Ⅰ—4公平正义的法治环境",
        "Ⅱ-13\n法治宣传",
        "Ⅲ-24\n青少年法治教育",
        "3）开展青少年法治教育。",
        "①说明2022年开展青少年法治教育的情况。\n说明报告：市教体局提供800字以内的说明报告。\n照片：照片3至5张，注明时间、地点。\n正式发文：附相关制度文件1份。",
        "办公室",
        "市司法局",
        "每季度",
        "赵  敏",
        "13880005678",
    ],
]


def _cells_of(table) -> list[list[object]]:
    """A table's cells by row and column, taken before any merge: merging through them gives the
    table ``table.cell(r, c)`` would (a merge keeps the other cells' elements), and python-docx's
    ``Table.cell`` builds every cell of the table on each call."""
    return [row.cells for row in table.rows]


def _table(document, rows: list[list[str]], header_rows: int = 0):
    from docx.oxml import OxmlElement

    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, (row, values) in enumerate(zip(table.rows, rows)):
        for cell, value in zip(row.cells, values):  # a row's cells: Table.cell is O(cells)
            _write(cell, value)
        if r < header_rows:
            table.rows[r]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return table


def other_plan_docx(path: Path) -> Path:
    """资阳市教育和体育局's 2022 plan (invented for the tests, in another office's wording): a
    two-row header (测评体系 over four columns; the other headers merged down), an 编号 column
    with ids written three ways, 联系人 and 电话 in two columns, 不少于800字, 5张以上, 每所学校2张,
    3至5张, 附相关制度文件1份, 不低于20%, 每季度/每半年 报送频次 and the deadline in the body."""
    import docx

    document = docx.Document()
    for line in OTHER_BODY:
        document.add_paragraph(line)
    document.add_paragraph("附件1")
    document.add_paragraph("资阳市教育和体育局创建全国文明城市网上申报2022年责任清单")
    table = _table(document, OTHER_TASKS_HEADER + OTHER_TASKS, header_rows=2)
    cell = _cells_of(table)
    cell[0][1].merge(cell[0][4])
    for c in (0, 5, 6, 7, 8, 9, 10):
        cell[0][c].merge(cell[1][c])
    for c in range(1, 5):  # 测评项目/指标/内容/标准 of the rows below merged into their first row
        cell[2][c].merge(cell[3][c])
        cell[4][c].merge(cell[5][c])
    document.add_paragraph("附件2")
    document.add_paragraph("资阳市教育和体育局实地点位建设任务清单")
    _table(
        document,
        [
            ["序号", "点位类型", "指标", "测评标准", "责任科室", "联系人", "联系电话"],
            [
                "1",
                "学校周边",
                "环境秩序",
                "（1）校园周边200米内无流动摊贩。\n（2）设置交通安全提示牌不少于2块。",
                "基础教育科",
                "孙丽娟",
                "028-26651234",
            ],
        ],
        header_rows=1,
    )
    document.add_paragraph("附件3")
    document.add_paragraph("资阳市教育和体育局")
    document.add_paragraph("2022年社区包联工作方案")
    document.add_paragraph(
        "按照《资阳市创建全国文明城市指挥部关于深化社区包联工作的通知》（资创文指〔2022〕3号）文件要求，现就我局与雁江区和平社区包联工作制定如下方案。"
    )
    document.add_paragraph("工作目标")
    document.add_paragraph("帮助社区对标补短达标。")
    document.add_paragraph("包联内容")
    document.add_paragraph("（一）志愿服务。每月组织1次以上志愿服务活动。")
    document.add_paragraph(
        "（二）入户走访。主要领导每半年开展1次入户走访；11月前完成居民问卷，实现群众满意率90%以上。"
    )
    document.add_paragraph("工作要求")
    document.add_paragraph("（一）落实包联责任。明确责任路段。")
    document.add_paragraph("附件4")
    document.add_paragraph("资阳市教育和体育局包联社区网格责任表")
    grid = _table(
        document,
        [
            [
                "街道（乡镇）社区（村）",
                "联系领导",
                "联系领导",
                "市区包联单位",
                "包联单位分管领导",
                "包联部门联系人",
                "责任路段",
                "责任小区",
                "街巷长",
                "街巷长",
            ],
            [
                "街道（乡镇）社区（村）",
                "市级",
                "区级",
                "市区包联单位",
                "包联单位分管领导",
                "包联部门联系人",
                "责任路段",
                "责任小区",
                "网格员",
                "城管队员",
            ],
            [
                "雁江区莲台街道和平社区",
                "张三（市政府副市长）",
                "李四（雁江区副区长）",
                "资阳市教育和体育局",
                "李明华 13800001111",
                "赵敏\n13880005678",
                "和平路1号、3号",
                "和平小区（1号）",
                "王五：13700002222",
                "钱六：13600003333",
            ],
        ],
        header_rows=2,
    )
    cell = _cells_of(grid)
    cell[0][1].merge(cell[0][2])
    cell[0][8].merge(cell[0][9])
    for c in (0, 3, 4, 5, 6, 7):
        cell[0][c].merge(cell[1][c])
    document.save(str(path))
    return path
