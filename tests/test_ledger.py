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
from cwm.planimport.readers.office import soffice
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
    assert f"{first.folder.name}/检查结果.xlsx 无法读取" in text and "整改记录未能带入" in text
    assert SITE in rows(second.folder / "检查结果.xlsx")


SOFFICE = soffice()  # the LibreOffice cwm import would run


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


# --- nothing the office typed is lost -------------------------------------------------------


def fill(path: Path, sheet: str, notes: dict[str, dict[str, str]], *, extra: str = "") -> None:
    """Type ``notes`` (problem id -> column -> text) into ``sheet`` of the workbook at ``path``,
    as an office does in Excel or WPS; ``extra`` adds a column of its own first."""
    book = load_workbook(path)
    table = book[sheet]
    if extra:
        table.insert_cols(3)
        table.cell(1, 3, extra)
    header = [c.value for c in table[1]]
    for row in table.iter_rows(min_row=2):
        wanted = notes.get(row[header.index("问题编号")].value)
        for name, value in (wanted or {}).items():
            row[header.index(name)].value = value
    book.save(path)


def test_notes_typed_in_any_sheet_and_column_are_carried(plan, tmp_path: Path) -> None:
    """Notes typed in 实地点位 (not 问题清单), a column of the office's own (督办人), the sheets
    reordered: all in the next workbook."""
    root, out = evidence(plan, tmp_path / "材料"), tmp_path / "报告"
    book = run(plan, root, out, 0).folder / "检查结果.xlsx"
    fill(book, "实地点位", {SITE: {"整改情况": "已报修", "督办人": "赵六"}}, extra="督办人")
    moved = load_workbook(book)
    moved.move_sheet("实地点位", offset=-moved.sheetnames.index("实地点位"))
    moved.save(book)
    carried = run(plan, root, out, 7).folder / "检查结果.xlsx"
    assert rows(carried)[SITE]["整改情况"] == "已报修" and rows(carried)[SITE]["督办人"] == "赵六"
    assert rows(carried, "实地点位")[SITE]["督办人"] == "赵六"


def test_a_problem_over_two_rows_and_notes_on_a_hint_row(plan, tmp_path: Path) -> None:
    root, out = evidence(plan, tmp_path / "材料"), tmp_path / "报告"
    first = run(plan, root, out, 0)
    book = first.folder / "检查结果.xlsx"
    table = load_workbook(book)
    sheet = table["问题清单"]
    header = [c.value for c in sheet[1]]
    at = {name: header.index(name) + 1 for name in header}

    def row_of(column: str, value: str) -> int:
        return next(
            r for r in range(2, sheet.max_row + 1) if sheet.cell(r, at[column]).value == value
        )

    site_row = row_of("问题编号", SITE)
    sheet.cell(site_row, at["整改情况"], "已联系厂家")
    sheet.insert_rows(site_row + 1)
    sheet.cell(site_row + 1, at["整改情况"], "6月10日前修好")  # the same problem, a second line
    hint_row = row_of("级别", "提示")
    hint = sheet.cell(hint_row, at["问题编号"]).value
    sheet.cell(hint_row, at["整改情况"], "已知悉")
    table.save(book)
    carried = rows(run(plan, root, out, 7).folder / "检查结果.xlsx")
    assert carried[SITE]["整改情况"] == "已联系厂家\n6月10日前修好"
    assert carried[hint]["整改情况"] == "已知悉"


def test_cells_no_problem_owns_are_named_not_dropped_silently(plan, tmp_path: Path) -> None:
    root, out = evidence(plan, tmp_path / "材料"), tmp_path / "报告"
    first = run(plan, root, out, 0)
    book = load_workbook(first.folder / "检查结果.xlsx")
    sheet = book["问题清单"]
    sheet.cell(sheet.max_row + 3, 2, "下周一前全部整改完")  # typed below the table
    book.create_sheet("备忘").append(["事项", "负责人"])
    book["备忘"].append(["督查回头看", "钱七"])
    book.save(first.folder / "检查结果.xlsx")
    second = run(plan, root, out, 7)
    text = (second.folder / "变化.txt").read_text(encoding="utf-8")
    assert "下周一前全部整改完" in text and "未能带入" in text and "问题清单!B" in text
    memo = load_workbook(second.folder / "检查结果.xlsx")["备忘"]  # a sheet of its own: kept
    assert [c.value for c in memo[2]] == ["督查回头看", "钱七"]


@pytest.mark.parametrize("lock", ["~$检查结果.xlsx", ".~lock.检查结果.xlsx#"])
def test_a_workbook_open_at_the_run_is_named_and_later_notes_still_found(
    plan, tmp_path: Path, lock: str
) -> None:
    """Excel/WPS (``~$…``) or LibreOffice (``.~lock.…#``) has the workbook open while the weekly
    run starts: 变化.txt names it; what the office saves after the run is read by the next run,
    though a newer report exists by then."""
    root, out = evidence(plan, tmp_path / "材料"), tmp_path / "报告"
    first = run(plan, root, out, 0)
    (first.folder / lock).write_bytes(b"lock")
    second = run(plan, root, out, 7)
    text = (second.folder / "变化.txt").read_text(encoding="utf-8")
    assert f"{first.folder.name}/检查结果.xlsx 正在被" in text
    (first.folder / lock).unlink()
    fill(first.folder / "检查结果.xlsx", "问题清单", {SITE: {"整改情况": "运行后才保存的"}})
    third = run(plan, root, out, 14)
    assert rows(third.folder / "检查结果.xlsx")[SITE]["整改情况"] == "运行后才保存的"


@pytest.mark.parametrize("damage", ["json-removed", "workbook-removed", "folder-renamed"])
def test_a_partly_deleted_or_renamed_report_folder_loses_no_notes(
    plan, tmp_path: Path, damage: str
) -> None:
    root, out = evidence(plan, tmp_path / "材料"), tmp_path / "报告"
    first = run(plan, root, out, 0)
    fill(first.folder / "检查结果.xlsx", "问题清单", {SITE: {"整改情况": "第一周"}})
    second = run(plan, root, out, 7)
    fill(second.folder / "检查结果.xlsx", "问题清单", {SITE: {"整改情况": "第二周"}})
    if damage == "json-removed":
        (second.folder / "检查结果.json").unlink()
        expected = "第二周"  # not the first week's, older note
    elif damage == "workbook-removed":
        (second.folder / "检查结果.xlsx").unlink()
        expected = "第一周"  # not all lost
    else:
        second.folder.rename(out / "第二周的报告")
        expected = "第二周"
    third = run(plan, root, out, 14)
    assert rows(third.folder / "检查结果.xlsx")[SITE]["整改情况"] == expected
    text = (third.folder / "变化.txt").read_text(encoding="utf-8")
    assert "FileNotFoundError" not in text
    if damage == "json-removed":
        assert "没有 检查结果.json（可能被删除了）" in text


def test_a_workbook_saved_under_another_name_is_read(plan, tmp_path: Path) -> None:
    root, out = evidence(plan, tmp_path / "材料"), tmp_path / "报告"
    first = run(plan, root, out, 0)
    book = first.folder / "检查结果.xlsx"
    fill(book, "问题清单", {SITE: {"整改情况": "另存为的"}})
    book.rename(first.folder / "检查结果（已填写）.xlsx")
    assert rows(run(plan, root, out, 7).folder / "检查结果.xlsx")[SITE]["整改情况"] == "另存为的"


def test_a_report_dated_a_year_ahead_is_not_taken_for_the_newest(plan, tmp_path: Path) -> None:
    """A PC whose clock was a year ahead wrote one report: the next run compares with the report
    cwm wrote last (its run number), not with the folder whose name sorts last."""
    root, out = evidence(plan, tmp_path / "材料"), tmp_path / "报告"
    ahead = run(plan, root, out, 365)  # the wrong clock
    build_tree(root, {"实地点位/自查表_6月.xlsx": inspection_sheet(plan, "2021-06-25", {})})
    latest = run(plan, root, out, 7)  # the clock put right: S-3 is now fine
    assert latest.changes.previous == ahead.folder.name
    again = run(plan, root, out, 8)
    assert again.changes.previous == latest.folder.name
    assert not again.changes.solved  # compared with the latest, where S-3 was already fine


def test_a_renamed_file_keeps_its_problem_and_notes(plan, tmp_path: Path) -> None:
    """The guide asks people to rename IMG_….jpg to its caption; renamed without all the fields,
    the problem remains: its notes follow it, and it is not struck off (before: 已销号 with the
    notes, and the renamed file's problem new, without them)."""
    from .builders import scene_jpeg

    root, out = tmp_path / "材料", tmp_path / "报告"
    build_tree(root, {"III-7-3-1/IMG_0001.jpg": scene_jpeg(1, taken=dt.date(2021, 4, 4))})
    first = run(plan, root, out, 0)
    old = "III-7-3-1|caption-missing|III-7-3-1/IMG_0001.jpg"
    fill(first.folder / "检查结果.xlsx", "问题清单", {old: {"整改责任人": "孙八"}})
    (root / "III-7-3-1" / "IMG_0001.jpg").rename(root / "III-7-3-1" / "2021-04-04_宣讲.jpg")
    second = run(plan, root, out, 7)
    book = second.folder / "检查结果.xlsx"
    new = "III-7-3-1|caption-missing|III-7-3-1/2021-04-04_宣讲.jpg"
    assert rows(book)[new]["整改责任人"] == "孙八"
    closed = rows(book, "已销号") if "已销号" in load_workbook(book).sheetnames else {}
    assert old not in closed
