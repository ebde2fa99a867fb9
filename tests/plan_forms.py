"""Plans in the forms and layouts offices receive them, written from one description.

A plan is a list of paragraphs (str) and tables; a table is rows of cells, where ``None`` is a
cell merged into the one above and ``LEFT`` a cell merged into the one on its left. One plan
can then be written as a .docx (Word's merged cells), a web page (``rowspan``/``colspan``), an
.xlsx 责任清单 (merged ranges), or split into a folder — the notice and body in one file, each
attachment in its own — and changed the ways plans differ: typed heading numbers, attachment
headings written otherwise, columns in another order. Each form of one plan must import to the
same duties.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Callable

from .plan_docx import MERGEABLE, OTHER_BODY, OTHER_TASKS, SOURCE, parse_source

LEFT = "<"
Row = list["str | None"]
Table = list[Row]
Plan = list["str | Table"]


# --- the two plans of tests/plan_docx.py as descriptions -----------------------------------------


def plan_2021() -> Plan:
    out: Plan = []
    for block in parse_source(SOURCE.read_text(encoding="utf-8")):
        if isinstance(block, str):
            out.append(block)
            continue
        columns, rows = block
        keep = MERGEABLE.get(columns, 0)
        table: Table = []
        data_above = False
        for values in rows:
            if values[0] == "备注":
                table.append(["备注", values[1]] + [LEFT] * (columns - 2))
                data_above = False
                continue
            if len(values) < columns:  # 附件4's first header row: 联系领导, 街巷长 over two columns
                row: Row = []
                for value in values:
                    row.append(value)
                    if value in ("联系领导", "街巷长"):
                        row.append(LEFT)
                table.append(row + [LEFT] * (columns - len(row)))
                data_above = False
                continue
            header = values[0].replace("\n", "") in ("测评项目", "序号") or "市级" in values
            row = [
                None if c < keep and not v and data_above and not header else v
                for c, v in enumerate(values)
            ]
            table.append(row)
            data_above = not header
        out.append(table)
    return out


def plan_edu() -> Plan:
    """tests/plan_docx.py's other_plan_docx (资阳市教育和体育局 2022) as a description."""
    from . import plan_docx as source

    header: Table = [
        ["编号", "测评体系", LEFT, LEFT, LEFT, "申报材料及要求", "牵头科室（单位）", "配合单位"]
        + ["报送频次", "联系人", "电话"],
        [None, "测评项目", "指标", "测评内容", "测评标准", None, None, None, None, None, None],
    ]
    tasks = [list(r) for r in OTHER_TASKS]
    for r in (1, 3):
        for c in range(1, 5):
            tasks[r][c] = None
    plan: Plan = list(OTHER_BODY)
    plan += ["附件1", "资阳市教育和体育局创建全国文明城市网上申报2022年责任清单", header + tasks]
    document = _docx_blocks(source.other_plan_docx)
    at = document.index("附件2")
    for block in document[at:]:
        plan.append(block)
    return plan


def _docx_blocks(write: Callable[[Path], Path]) -> Plan:
    """附件2–4 of a plan_docx plan as a description (their tables: header merges as written)."""
    import tempfile

    from cwm.planimport.readers.docx import read_blocks

    with tempfile.TemporaryDirectory() as folder:
        blocks = read_blocks(write(Path(folder) / "p.docx"))
    out: Plan = []
    for block in blocks:
        if isinstance(block, str):
            if block.strip():
                out.append(block)
            continue
        table: Table = [
            [(LEFT if r == 0 else None) if cell.merged else cell.text for c, cell in enumerate(row)]
            for r, row in enumerate(block.rows)
        ]
        out.append(table)
    return out


# --- writers --------------------------------------------------------------------------------------


def _spans(table: Table) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) of each written cell -> (rows, columns) it covers."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            if value is None or value == LEFT:
                continue
            width = 1
            while c + width < len(row) and row[c + width] == LEFT:
                width += 1
            height = 1
            while (
                r + height < len(table)
                and c < len(table[r + height])
                and table[r + height][c] is None
            ):
                height += 1
            spans[r, c] = (height, width)
    return spans


def write_docx(plan: Plan, path: Path) -> Path:
    import docx

    from .plan_docx import _cells_of, _write

    document = docx.Document()
    for block in plan:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        columns = max(len(r) for r in block)
        table = document.add_table(rows=len(block), cols=columns)
        table.style = "Table Grid"
        spans = _spans(block)
        grid = _cells_of(table)
        for (r, c), (height, width) in spans.items():
            _write(grid[r][c], block[r][c] or "")
        for (r, c), (height, width) in spans.items():
            if height > 1 or width > 1:
                grid[r][c].merge(grid[r + height - 1][c + width - 1])
    document.save(str(path))
    return path


def write_html(plan: Plan, path: Path, encoding: str = "utf-8") -> Path:
    """A government site's page: ``<p>`` paragraphs, tables with rowspan/colspan, cell lines as
    ``<br>`` or ``<p>``."""
    parts = [
        f'<!DOCTYPE html><html><head><meta charset="{encoding}"><title>方案</title>'
        "<style>td{border:1px solid}</style></head><body><div class=article>"
    ]
    for block in plan:
        if isinstance(block, str):
            parts.append(f"<p>{html.escape(block)}</p>\n")
            continue
        spans = _spans(block)
        parts.append('<table border="1">\n')
        for r, row in enumerate(block):
            parts.append("<tr>")
            for c, value in enumerate(row):
                if (r, c) not in spans:
                    continue
                height, width = spans[r, c]
                attrs = (f' rowspan="{height}"' if height > 1 else "") + (
                    f' colspan="{width}"' if width > 1 else ""
                )
                lines = (value or "").split("\n")
                body = (
                    "".join(f"<p>{html.escape(x)}</p>" for x in lines)
                    if len(lines) > 1
                    else html.escape(lines[0])
                )
                parts.append(f"<td{attrs}>{body}</td>")
            parts.append("</tr>\n")
        parts.append("</table>\n")
    parts.append("</div></body></html>")
    path.write_bytes("".join(parts).encode(encoding))
    return path


def write_xlsx(blocks: Plan, path: Path, sheet: str = "Sheet1") -> Path:
    """Paragraphs as one-cell rows above the table, the table with merged ranges."""
    import openpyxl

    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    row_at = 1
    for block in blocks:
        if isinstance(block, str):
            worksheet.cell(row_at, 1, block)
            row_at += 1
            continue
        for (r, c), (height, width) in _spans(block).items():
            worksheet.cell(row_at + r, c + 1, block[r][c])
            if height > 1 or width > 1:
                worksheet.merge_cells(
                    start_row=row_at + r,
                    start_column=c + 1,
                    end_row=row_at + r + height - 1,
                    end_column=c + width,
                )
        row_at += len(block)
    workbook.save(str(path))
    return path


def attachments(plan: Plan) -> tuple[Plan, dict[int, Plan]]:
    """The notice and body, and each attachment's blocks without its heading line."""
    body: Plan = []
    parts: dict[int, Plan] = {}
    current = body
    for block in plan:
        if isinstance(block, str) and re.fullmatch(r"附件\d?", block):
            current = parts.setdefault(int(block[2:] or 1), [])  # 附件 alone: the one attachment
            continue
        current.append(block)
    return body, parts


def write_folder(plan: Plan, folder: Path, tasks_as: str = "xlsx") -> Path:
    """The notice in 通知.docx; 附件1 as ``附件1 责任清单.xlsx`` (or .html/.docx), the others
    as ``附件N.docx``, none of them with its 附件N line."""
    folder.mkdir(parents=True, exist_ok=True)
    body, parts = attachments(plan)
    write_docx(body, folder / "关于印发创文工作方案的通知.docx")
    for number, blocks in parts.items():
        if number == 1 and tasks_as == "xlsx":
            write_xlsx(blocks, folder / "附件1 责任清单.xlsx", sheet="责任清单")
        elif number == 1 and tasks_as == "html":
            write_html(blocks, folder / "附件1 责任清单.html")
        else:
            write_docx(blocks, folder / f"附件{number}.docx")
    return folder


# --- how plans differ ---------------------------------------------------------------------------

NUMERALS = "一二三四五六七八九十"
HEADINGS = ("工作目标", "工作任务", "工作要求", "包联内容")


def typed_numbers(plan: Plan) -> Plan:
    """Headings with the numbers a plan keeps as text after WPS, LibreOffice or a web page:
    一、工作目标 二、工作任务 …, counted again in each attachment."""
    out: Plan = []
    n = 0
    for block in plan:
        if isinstance(block, str) and re.fullmatch(r"附件\d", block):
            n = 0
        if isinstance(block, str) and block in HEADINGS:
            block = f"{NUMERALS[n]}、{block}"
            n += 1
        out.append(block)
    return out


def attachment_headings(plan: Plan, style: str) -> Plan:
    """附件1 written as 附件一 (``chinese``), 附件 1： (``colon``), or with the title after it on
    the same line (``titled``: 附件1：资阳市…责任清单)."""
    out: Plan = []
    skip = False
    for at, block in enumerate(plan):
        if skip:
            skip = False
            continue
        if isinstance(block, str) and re.fullmatch(r"附件\d", block):
            n = int(block[2:])
            if style == "chinese":
                block = f"附件{NUMERALS[n - 1]}"
            elif style == "colon":
                block = f"附件 {n}："
            elif style == "titled":
                title = plan[at + 1]
                block = f"附件{n}：{title}"
                skip = True
        out.append(block)
    return out


def reorder_columns(plan: Plan, first_header: str, order: list[int]) -> Plan:
    """The table whose first header cell is ``first_header`` with its columns in ``order``
    (merges across moved columns are not supported: move only whole columns)."""
    out: Plan = []
    for block in plan:
        if isinstance(block, list) and block and block[0][0] == first_header:
            block = [[row[i] for i in order] for row in block]
        out.append(block)
    return out


# --- a plan of another city, worded its own way --------------------------------------------------

CITY_BODY = [
    "遂卫发〔2023〕8号",
    "关于印发《遂宁市卫生健康委员会2023年创建全国文明城市工作实施方案》的通知",
    "委机关各科室，各直属单位：",
    "现将《遂宁市卫生健康委员会2023年创建全国文明城市工作实施方案》印发给你们，请认真抓好落实。",
    "遂宁市卫生健康委员会",
    "2023年2月20日",
    "遂宁市卫生健康委员会",
    "2023年创建全国文明城市工作实施方案",
    "一、工作目标",
    "巩固提升全国文明城市创建成果，确保我委承担的测评任务全部达标。",
    "二、主要任务",
    "（一）网上申报工作。承担网上申报任务5项，具体分工见附件。",
    "（二）宣传引导工作。市中心医院、市疾控中心坚持在门诊大厅、候诊区设置创文宣传栏，常态化开展宣传。",
    "三、保障措施",
    "（一）加强组织领导。成立市卫健委创文工作领导小组，办公室设在办公室。",
    "组  长：陈  刚   市卫生健康委员会党组书记、主任",
    "副组长：何晓燕   市卫生健康委员会党组成员、副主任",
    "成  员：刘  洋   疾病预防控制科科长",
    "        张  丽   医政医管科科长",
    "        王  芳   办公室主任",
    "（二）按时报送材料。各牵头科室于每季度末报送材料，以上、以内、不少于均含本数。",
]
CITY_HEADER: Table = [
    ["序号", "编号", "测评内容", "申报材料及要求", "牵头科室（单位）", "配合单位", "报送频次"]
    + ["联系人", LEFT],
    [None, None, None, None, None, None, None, "姓名", "电话"],
]
CITY_ROWS: Table = [
    [
        "1",
        "Ⅲ-22-1-①",
        "Ⅲ-22\n健康教育",
        "①提供2023年本市开展健康教育进社区活动的情况。\n"
        "工作总结：市卫健委提供不少于1000字的工作总结，有3项以上具体措施。\n"
        "图片资料：提供活动图片6-8张，按“拍摄时间+社区名称+活动主题”命名。",
        "疾病预防控制科",
        "各区县卫健局",
        "每年11月底前",
        "刘洋",
        "13912345678",
    ],
    [
        "2",
        "Ⅲ-22-1-②",
        None,
        "②提供本市医疗机构开展健康志愿服务的情况。\n"
        "说明报告：市卫健委提供800字以内的说明报告。\n"
        "工作台账：提供志愿服务活动台账，每季度不少于3次活动。",
        "医政医管科",
        "市中心医院、市疾控中心",
        "每季度",
        "张丽",
        "0825-2221234",
    ],
    [
        "3",
        "Ⅲ-41-2-①",
        "Ⅲ-41\n公共场所控烟",
        "①提供本市公共场所控烟工作的制度文件。\n正式发文：提供相关制度文件2份。",
        "办公室",
        "",
        "6月20日前",
        "王芳",
        "",
    ],
    [
        "4",
        "Ⅲ-8-1-①",
        "Ⅲ-8\n传统节日",
        "①提供传统节日期间开展健康义诊活动的图片。\n"
        "图片资料：每个节日提供3张图片，春节、清明节、重阳节须报送，注明活动时间、活动地点。",
        "医政医管科",
        "",
        "每季度",
        "张丽",
        "0825-2221234",
    ],
    [
        "5",
        "Ⅲ-22-2-①",
        "Ⅲ-22\n健康教育",
        "①说明本市居民健康素养监测情况。\n"
        "情况总结：提供600字左右的情况总结。\n"
        "媒体报道截图：提供媒体报道截图2张。",
        "疾病预防控制科",
        "",
        "每半年",
        "刘洋",
        "13912345678",
    ],
]


def plan_city() -> Plan:
    """遂宁市卫生健康委员会's 2023 plan (invented for the tests): one attachment headed
    附件, typed heading numbers, a two-row header with 序号, 编号, 测评内容 only, 配合单位 and
    联系人 over 姓名 | 电话; 工作总结/情况总结 as reports, 图片6-8张, a caption rule 按“拍摄时间+
    社区名称+活动主题”命名, 每年11月底前 and 6月20日前 as deadlines, a 台账, festivals 须报送, a
    contact without a phone, a 测评内容 merged over two rows."""
    title = "遂宁市卫生健康委员会创建全国文明城市网上申报2023年任务清单"
    return [*CITY_BODY, "附件", title, CITY_HEADER + [list(r) for r in CITY_ROWS]]
