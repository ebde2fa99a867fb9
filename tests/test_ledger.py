"""The 整改台账 that remembers: one site problem and one liaison month, open → noted by the office
→ 销号, across three weekly report runs; the office's workbook re-saved the ways offices re-save
it (a column added, rows sorted; by LibreOffice), or broken."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cwm.periods import Period
from cwm.report.folder import write_report

from .builders import build_tree, csv_bytes, inspection_sheet

Q2 = Period(2021, "quarter", 2)
DAY = dt.date(2021, 6, 20)
RUN = dt.datetime(2021, 6, 20, 9, 30)
BROKEN = {("S-3", 2): {"检查结果": "不合格", "问题描述": "景观小品破损", "整改时限": "2021-05-31"}}
SITE, MONTH = "S-3|S-3（2）", "L-6|2021年5月"


def ledger(*days: str) -> bytes:
    return csv_bytes([["日期", "活动内容"], *[[d, "志愿服务"] for d in days]])


def evidence(plan, root: Path) -> Path:
    return build_tree(
        root,
        {
            "实地点位/自查表_5月.xlsx": inspection_sheet(plan, "2021-05-10", BROKEN),
            "包联社区/L-6 志愿服务/台账.csv": ledger("2021-04-03", "2021-04-17", "2021-05-08"),
        },
    )


def run(plan, root: Path, out: Path, days: int):
    return write_report(
        plan, root, out, None, Q2, DAY + dt.timedelta(days), use_cache=False, jobs=1,
        now=RUN + dt.timedelta(days),
    )  # fmt: skip


def rows(path: Path, sheet: str = "问题清单") -> dict[str, dict[str, object]]:
    """Problem id -> its row, by column name."""
    book = load_workbook(path)
    table = [[c.value for c in row] for row in book[sheet].iter_rows()]
    header = table[0]
    return {r[header.index("问题编号")]: dict(zip(header, r)) for r in table[1:]}


def office_fills(path: Path) -> None:
    """What the office does in Excel or WPS: notes in the 整改 columns, a column of its own
    inserted, the rows sorted by 编号 descending, and save."""
    book = load_workbook(path)
    sheet = book["问题清单"]
    header = [c.value for c in sheet[1]]
    table = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    notes = {SITE: ("李四", "2021-07-15", "已联系厂家维修"), MONTH: ("王五", "", "6月补做两次")}
    for row in table:
        who = notes.get(row[header.index("问题编号")])
        if who:
            for name, value in zip(("整改责任人", "整改时限", "整改情况"), who):
                row[header.index(name)] = value
    table.sort(key=lambda r: str(r[header.index("编号")]), reverse=True)
    sheet.delete_rows(2, sheet.max_row)
    for row in table:
        sheet.append(row)
    sheet.insert_cols(3)
    sheet.cell(1, 3, "督办人")
    book.save(path)


def test_notes_are_carried_and_a_solved_problem_is_struck_off(plan, tmp_path: Path) -> None:
    root, out = evidence(plan, tmp_path / "材料"), tmp_path / "报告"
    first = run(plan, root, out, 0)
    book = first.folder / "检查结果.xlsx"
    assert {SITE, MONTH} <= set(rows(book)) and not rows(book)[SITE]["整改情况"]
    office_fills(book)

    second = run(plan, root, out, 7)
    carried = rows(second.folder / "检查结果.xlsx")
    assert carried[SITE]["整改情况"] == "已联系厂家维修" and carried[SITE]["整改责任人"] == "李四"
    assert carried[MONTH]["整改情况"] == "6月补做两次"
    assert rows(second.folder / "检查结果.xlsx", "实地点位")[SITE]["整改时限"] == "2021-07-15"
    assert rows(book)[SITE]["整改情况"] == "已联系厂家维修"  # the office's file untouched

    # the site is rechecked 合格 in June; May gets its second activity, June its two
    days = ("2021-04-03", "2021-04-17", "2021-05-08", "2021-05-22", "2021-06-05", "2021-06-19")
    build_tree(
        root,
        {
            "实地点位/自查表_6月.xlsx": inspection_sheet(plan, "2021-06-25", {}),
            "包联社区/L-6 志愿服务/台账.csv": ledger(*days),
        },
    )
    third = run(plan, root, out, 14)
    now = third.folder / "检查结果.xlsx"
    assert SITE not in rows(now) and MONTH not in rows(now)
    closed = rows(now, "已销号")
    assert closed[SITE]["整改情况"] == "已联系厂家维修" and closed[SITE]["销号日期"] == "2021-07-04"
    assert closed[MONTH]["整改责任人"] == "王五"
    statuses = {c["id"]: c["after"] for c in third.changes.statuses}
    assert statuses["S-3"] == "已达标" and statuses["L-6"] == "已达标"

    fourth = run(plan, root, out, 21)  # struck-off rows stay struck off, with their day
    assert rows(fourth.folder / "检查结果.xlsx", "已销号")[SITE]["销号日期"] == "2021-07-04"


def test_a_workbook_that_cannot_be_read_is_said_and_the_run_goes_on(plan, tmp_path) -> None:
    root, out = evidence(plan, tmp_path / "材料"), tmp_path / "报告"
    first = run(plan, root, out, 0)
    (first.folder / "检查结果.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    second = run(plan, root, out, 7)
    text = (second.folder / "变化.txt").read_text(encoding="utf-8")
    assert "上次的 检查结果.xlsx 无法读取" in text and "整改记录未能带入" in text
    assert SITE in rows(second.folder / "检查结果.xlsx")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_notes_survive_a_libreoffice_resave(plan, tmp_path: Path) -> None:
    root, out = evidence(plan, tmp_path / "材料"), tmp_path / "报告"
    book = run(plan, root, out, 0).folder / "检查结果.xlsx"
    office_fills(book)
    saved = tmp_path / "saved"
    command = [SOFFICE, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML"]
    subprocess.run([*command, "--outdir", str(saved), str(book)], check=True, timeout=120)
    shutil.copyfile(saved / book.name, book)
    carried = rows(run(plan, root, out, 7).folder / "检查结果.xlsx")
    assert carried[SITE]["整改情况"] == "已联系厂家维修"
