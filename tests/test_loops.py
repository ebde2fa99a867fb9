"""The plan's other half: 实地点位 self-inspections, 包联 activity records, 宣传 photos — each
situation an office meets, with the verdict a reviewer would give. Real files: the sheet cwm
writes, filled in with openpyxl; CSV and xlsx 台账; JPEG photos with and without EXIF."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cwm.periods import Period
from cwm.plan.units import Target
from cwm.schedule.duecheck import check_due
from cwm.vocab import Status

from .builders import (
    build_tree,
    csv_bytes,
    docx_bytes,
    inspection_sheet,
    jpeg_bytes,
    word_tables,
    xlsx_bytes,
)

JUNE = dt.date(2021, 6, 20)
Q2 = Period(2021, "quarter", 2)


def checked(plan, root: Path, today: dt.date = JUNE, window: Period | None = Q2, target=None):
    return check_due(plan, root, target, window, today, use_cache=False, jobs=1)


def result(report, ident: str):
    return next(r for r in report.requirements if r.id == ident)


def codes(res) -> list[str]:
    return [f.code for f in res.findings]


# --- 实地点位 -----------------------------------------------------------------------------------

BROKEN = {("S-3", 2): {"检查结果": "不合格", "问题描述": "景观小品破损", "整改时限": "2021-05-31"}}


def test_an_open_problem_past_its_deadline_fails_the_site(plan, tmp_path: Path) -> None:
    build_tree(tmp_path, {"实地点位/自查表_5月.xlsx": inspection_sheet(plan, "2021-05-10", BROKEN)})
    report = checked(plan, tmp_path).report
    site = result(report, "S-3")
    assert site.status == Status.FAIL
    overdue = next(f for f in site.findings if f.code == "site-overdue")
    assert "景观小品破损" in overdue.message and "2021-05-31 已过" in overdue.message
    assert "第8行" in overdue.message and overdue.path == "实地点位/自查表_5月.xlsx"
    assert overdue.key("S-3") == "S-3|S-3（2）"
    assert result(report, "S-4").status == Status.PASS  # every standard 合格


def test_within_its_deadline_it_is_a_warning_with_the_same_id(plan, tmp_path: Path) -> None:
    build_tree(tmp_path, {"实地点位/自查表_5月.xlsx": inspection_sheet(plan, "2021-05-10", BROKEN)})
    site = result(checked(plan, tmp_path, today=dt.date(2021, 5, 20)).report, "S-3")
    assert site.status == Status.WARN
    (open_,) = [f for f in site.findings if f.code == "site-open"]
    assert open_.key("S-3") == "S-3|S-3（2）"  # one problem from 整改中 to 逾期


def test_a_later_inspection_or_a_recheck_closes_the_problem(plan, tmp_path: Path) -> None:
    rechecked = {("S-3", 2): {**BROKEN[("S-3", 2)], "复查结果": "合格", "复查日期": "2021-06-02"}}
    build_tree(
        tmp_path, {"实地点位/a/自查表.xlsx": inspection_sheet(plan, "2021-05-10", rechecked)}
    )
    assert result(checked(plan, tmp_path).report, "S-3").status == Status.PASS
    # a recheck dated after the reference day has not happened yet
    early = result(checked(plan, tmp_path, today=dt.date(2021, 5, 20)).report, "S-3")
    assert early.status == Status.WARN
    build_tree(
        tmp_path,
        {
            "实地点位/b/5月.xlsx": inspection_sheet(plan, "2021-05-10", BROKEN),
            "实地点位/b/6月.xlsx": inspection_sheet(plan, "2021-06-10", {}),
        },
    )
    assert result(checked(plan, tmp_path).report, "S-3").status == Status.PASS


def test_a_cell_that_is_not_on_the_list_is_named_with_its_row(plan, tmp_path: Path) -> None:
    sheet = inspection_sheet(plan, "2021-05-10", {("S-4", 3): {"检查结果": "基本合格"}})
    build_tree(tmp_path, {"实地点位/自查表.xlsx": sheet})
    site = result(checked(plan, tmp_path).report, "S-4")
    messages = [f.message for f in site.findings if f.code == "site-sheet"]
    assert messages == ["第13行 检查结果“基本合格”不是 合格/不合格：请从下拉列表中选择。"]
    assert site.status == Status.WARN


def test_a_sheet_without_a_date_is_named_and_dated_by_its_file_name(plan, tmp_path) -> None:
    build_tree(
        tmp_path,
        {
            "实地点位/自查表.xlsx": inspection_sheet(plan, None, BROKEN),
            "实地点位/自查表（2021年6月1日）.xlsx": inspection_sheet(plan, None, {}),
        },
    )
    report = checked(plan, tmp_path).report
    undated = [f for f in report.other_findings if f.code == "site-sheet"]
    assert [f.path for f in undated] == ["实地点位/自查表.xlsx"]
    assert "没有填写检查日期" in undated[0].message
    assert result(report, "S-3").status == Status.PASS  # the 6月1日 sheet counts


def test_no_inspection_this_quarter_is_a_warning_none_at_all_is_missing(plan, tmp_path) -> None:
    build_tree(tmp_path, {"实地点位/自查表.xlsx": inspection_sheet(plan, "2021-03-10", {})})
    site = result(checked(plan, tmp_path).report, "S-1")
    assert site.status == Status.WARN and "site-not-this-period" in codes(site)
    empty = tmp_path / "empty"
    build_tree(empty, {"实地点位/说明.txt": "下周检查"})
    assert result(checked(plan, empty).report, "S-1").status == Status.MISSING


def test_photos_before_and_after_are_shown_beside_the_problem(plan, tmp_path: Path) -> None:
    build_tree(
        tmp_path,
        {
            "实地点位/自查表.xlsx": inspection_sheet(plan, "2021-05-10", BROKEN),
            "实地点位/S-3 医院/整改后/2021-06-01_修复.jpg": jpeg_bytes(seed=2),
            "实地点位/S-3 医院/整改前/2021-05-10_破损.jpg": jpeg_bytes(seed=1),
        },
    )
    site = result(checked(plan, tmp_path).report, "S-3")
    (problem,) = [f for f in site.findings if f.code == "site-overdue"]
    assert problem.related == (
        "实地点位/S-3 医院/整改前/2021-05-10_破损.jpg",
        "实地点位/S-3 医院/整改后/2021-06-01_修复.jpg",
    )
    assert problem.about_photo


def test_a_sheet_resaved_with_moved_and_added_columns_still_reads(plan, tmp_path) -> None:
    """The office's own layout: columns in another order, one added, a title row more."""
    rows = [
        ["资阳市民政局 实地点位自查表"],
        [],
        ["检查日期：2021年5月10日", "", "检查人", "王五"],
        ["序号", "检查结果", "点位编号", "标准编号", "备注", "整改时限", "问题描述"],
        [1, "不合格", "S-3", "（2）", "", "2021/5/31", "破损"],
        [2, "合格", "S-1", "", "", "", ""],
    ]
    build_tree(tmp_path, {"实地点位/自查.xlsx": xlsx_bytes(rows)})
    report = checked(plan, tmp_path).report
    assert result(report, "S-3").status == Status.FAIL
    assert result(report, "S-1").status == Status.PASS
    assert "检查人 王五" in result(report, "S-1").findings[-1].message


def test_an_offices_own_labels_above_the_header_are_read(plan, tmp_path) -> None:
    """检查时间 with a weekday, 检查人员: the sheet is dated and signed as cwm's own is."""
    rows = [
        ["检查时间：2021年5月10日（周一）", "", "检查人员：", "王五"],
        ["点位编号", "标准编号", "检查结果"],
        ["S-1", "（1）", "合格"],
    ]
    build_tree(tmp_path, {"实地点位/自查.xlsx": xlsx_bytes(rows)})
    report = checked(plan, tmp_path).report
    site = result(report, "S-1")
    assert site.status == Status.PASS
    assert (
        site.findings[-1].message
        == "最近一次自查 2021-05-10，检查人 王五：各项标准均合格或已整改销号。"
    )
    assert not [f for f in report.other_findings if f.code == "site-sheet"]


def test_a_years_ledger_with_a_date_per_row_is_one_inspection_per_date(plan, tmp_path) -> None:
    """The office's own 自查台账: one sheet for the year, a 检查日期 column. April found S-3（2）
    不合格, June found it 合格: closed. S-1 was last inspected in March: no inspection this
    quarter. A date not read is named with its row."""
    rows = [
        ["点位编号", "标准编号", "检查日期", "检查结果", "问题描述", "整改时限"],
        ["S-1", "（1）", "2021-03-10", "合格", "", ""],
        ["S-3", "（2）", "2021年4月12日", "不合格", "破损", "2021-04-30"],
        ["S-3", "（2）", "2021.6.8", "合格", "", ""],
        ["S-4", "（1）", "六月中旬", "合格", "", ""],
    ]
    build_tree(tmp_path, {"实地点位/2021年自查台账.xlsx": xlsx_bytes(rows)})
    report = checked(plan, tmp_path, dt.date(2021, 6, 30)).report
    s3 = result(report, "S-3")
    assert not [f for f in s3.findings if f.code in ("site-overdue", "site-open")]
    assert "最近一次自查 2021-06-08" in s3.findings[-1].message
    assert [f.code for f in result(report, "S-1").findings if f.severity != "info"] == [
        "site-not-this-period"
    ]
    assert any(
        "第5行 检查日期“六月中旬”无法识别" in f.message for f in result(report, "S-4").findings
    )
    assert not [f for f in report.other_findings if "没有填写检查日期" in f.message]


def test_a_deadline_written_as_a_part_of_a_month(plan, tmp_path) -> None:
    """整改时限 “5月底”: past on 5 July, so the open problem is overdue (未达标), as the
    reviewer reads it — not an unreadable cell leaving it merely open; “6月中旬前” is 20 June."""
    rows = [
        ["检查日期：2021-05-10"],
        ["点位编号", "标准编号", "检查结果", "问题描述", "整改时限"],
        ["S-3", "（2）", "不合格", "破损", "5月底"],
        ["S-4", "（1）", "不合格", "缺失", "2021年6月中旬前"],
    ]
    build_tree(tmp_path, {"实地点位/自查表.xlsx": xlsx_bytes(rows)})
    report = checked(plan, tmp_path, dt.date(2021, 6, 15)).report
    assert "site-overdue" in codes(result(report, "S-3"))
    assert "site-open" in codes(result(report, "S-4")) and "site-overdue" not in codes(
        result(report, "S-4")
    )
    assert not [f for f in report.other_findings if f.code == "site-sheet"]
    assert not [f for f in result(report, "S-3").findings if f.code == "site-sheet"]


def test_ticks_and_crosses_are_read_as_a_reviewer_reads_them(plan, tmp_path) -> None:
    """An office's own sheet, typed in WPS without the drop-down: √ is 合格, × (or X) 不合格,
    达标/不符合 too; 基本合格 is not guessed — the row is named with the fix."""
    rows = [
        ["检查日期", "2021-05-10"],
        ["点位编号", "标准编号", "检查结果", "问题描述", "整改时限", "复查结果", "复查日期"],
        ["S-1", "（1）", "√", "", "", "", ""],
        ["S-3", "（2）", "×", "破损", "2021-05-31", "", ""],
        ["S-4", "（1）", "X", "缺失", "2021-05-31", "√", "2021-05-20"],
        ["S-5", "（1）", "达 标", "", "", "", ""],
        ["S-6", "（1）", "基本合格", "", "", "", ""],
    ]
    build_tree(tmp_path, {"实地点位/自查表.xlsx": xlsx_bytes(rows)})
    report = checked(plan, tmp_path).report

    def about(site: str, standard: str) -> list[str]:
        return [f.code for f in result(report, site).findings if standard in f.message]

    assert result(report, "S-1").status == Status.PASS
    assert about("S-5", "S-5（1）") == []  # 达标
    assert about("S-3", "S-3（2）") == ["site-overdue"]  # ×
    assert about("S-4", "S-4（1）") == []  # X, then rechecked with a tick
    messages = [f.message for f in report.other_findings if f.code == "site-sheet"]
    messages += [f.message for f in result(report, "S-6").findings]
    assert any("第7行 检查结果“基本合格”不是 合格/不合格" in m for m in messages)


# --- 包联社区 -----------------------------------------------------------------------------------


def ledger(*days: str, place: str = "鸿丰社区") -> bytes:
    return csv_bytes(
        [["日期", "活动内容", "地点", "参加人数"], *[[d, "志愿服务", place, 12] for d in days]]
    )


def test_a_month_short_of_activities_is_named(plan, tmp_path: Path) -> None:
    days = ("2021-04-03", "2021-04-17", "2021-05-08", "2021-06-05")
    build_tree(tmp_path, {"包联社区/L-6 志愿服务/台账.csv": ledger(*days)})
    duty = result(checked(plan, tmp_path).report, "L-6")
    assert duty.status == Status.FAIL
    may, june = [f for f in duty.findings if f.code == "activity-short"]
    assert may.message == "2021年5月：1 次，要求 2 次（每月2次）。"
    assert may.key("L-6") == "L-6|2021年5月"
    # June is due this quarter: not done yet, as a 附件1 item due this quarter is judged
    assert june.message == "2021年6月（进行中）：已 1 次，要求 2 次，2021-06-30 前还需 1 次。"


def test_a_ledger_typed_as_offices_type_it_counts_every_activity(plan, tmp_path) -> None:
    """Dates with weekdays and times, a year left out, people counted as “约30人”: every row is
    an activity, as a reviewer counts them; May has its two."""
    rows = [
        ["序号", "活动日期", "活动内容", "活动地点", "参加人数"],
        [1, "2021.4.3", "清扫", "鸿丰社区", "约30人"],
        [2, "4月17日", "宣讲", "鸿丰社区", "15"],
        [3, "2021年5月8日（周六）", "义诊", "鸿丰社区", "20人"],
        [4, "2021/5/22 上午", "巡查", "鸿丰社区", ""],
        [5, "6.5", "清扫", "鸿丰社区", "12"],
        [6, "2021-06-19", "清扫", "鸿丰社区", "12"],
    ]
    build_tree(tmp_path, {"包联社区/L-6 志愿服务/台账.csv": csv_bytes(rows)})
    duty = result(checked(plan, tmp_path, dt.date(2021, 6, 30)).report, "L-6")
    assert duty.status == Status.PASS, [f.message for f in duty.findings]
    assert [f.message for f in duty.findings if f.code == "activity-progress"] == [
        "计数：2021年4月 2 次；2021年5月 2 次；2021年6月 2 次。"
    ]


def test_a_ledger_saved_twice_counts_each_activity_once(plan, tmp_path) -> None:
    """台账.xlsx beside 台账（定稿）.csv, and a row pasted twice: May's one activity is one, not
    three — 未达标, as the reviewer counts; two different activities of one day are two."""
    may = ("2021-04-03", "2021-04-17", "2021-05-08", "2021-06-05", "2021-06-19")
    rows = [["日期", "活动内容", "地点"], *[[d, "志愿服务", "鸿丰社区"] for d in may]]
    build_tree(
        tmp_path,
        {
            "包联社区/L-6 志愿服务/台账.xlsx": xlsx_bytes(
                [*rows, ["2021-05-08", "志愿服务", "鸿丰社区"]]
            ),
            "包联社区/L-6 志愿服务/台账（定稿）.csv": csv_bytes(rows),
        },
    )
    duty = result(checked(plan, tmp_path, dt.date(2021, 7, 5)).report, "L-6")
    assert [f.message for f in duty.findings if f.code == "activity-short"] == [
        "2021年5月：1 次，要求 2 次（每月2次）。"
    ]
    build_tree(
        tmp_path,
        {
            "包联社区/L-6 志愿服务/补记.csv": csv_bytes(
                [["日期", "活动内容", "地点"], ["2021-05-08", "入户宣传", "鸿丰社区"]]
            )
        },
    )
    duty = result(checked(plan, tmp_path, dt.date(2021, 7, 5)).report, "L-6")
    assert duty.status == Status.PASS


def test_a_ledger_a_sheet_and_a_survey_kept_in_word_are_read(plan, tmp_path) -> None:
    """Offices keep the 台账, the 自查表 and the 问卷统计 as Word tables: each reads as the same
    table in Excel would, and a Word report in 实地点位/ is no bad sheet."""
    days = ("2021-04-03", "2021-04-17", "2021-05-08", "2021-05-22", "2021-06-05", "2021-06-19")
    ledger_rows = [
        ["日期", "活动内容", "地点", "参加人数"],
        *[[d, "志愿服务", "鸿丰社区", 10] for d in days],
    ]
    sheet_rows = [
        ["点位编号", "标准编号", "检查结果", "问题描述", "整改时限"],
        ["S-1", "（1）", "合格", "", ""],
    ]
    survey_rows = [["指标", "数值"], ["群众参与率", "98.6%"], ["满意率", "96%"]]
    build_tree(
        tmp_path,
        {
            "包联社区/L-6 志愿服务/活动台账.docx": word_tables(ledger_rows),
            "包联社区/L-4 问卷/问卷统计.docx": word_tables(survey_rows, title="问卷统计"),
            "实地点位/5月自查表.docx": word_tables(sheet_rows, title="检查日期：2021-05-10"),
            "实地点位/自查工作总结.docx": docx_bytes("2021年实地点位自查工作总结。" + "文明" * 100),
        },
    )
    report = checked(plan, tmp_path, dt.date(2021, 7, 5)).report  # the second quarter
    assert result(report, "L-6").status == Status.PASS
    assert "最近一次自查 2021-05-10" in result(report, "S-1").findings[-1].message
    assert not [f for f in report.other_findings if f.code == "site-sheet"]
    report = checked(plan, tmp_path, dt.date(2021, 11, 1), Period(2021, "year")).report
    assert result(report, "L-4").status == Status.PASS


def test_a_duty_folder_without_the_hyphen_is_the_duty(plan, tmp_path) -> None:
    """L6 志愿服务 is L-6's folder, as a reviewer reads it; L10 would never be L-1."""
    from cwm.evidence.ids import IdMatcher

    days = ("2021-04-03", "2021-04-17", "2021-05-08", "2021-05-22", "2021-06-05", "2021-06-19")
    build_tree(tmp_path, {"包联社区/L6 志愿服务/台账.csv": ledger(*days)})
    duty = result(checked(plan, tmp_path, dt.date(2021, 7, 5)).report, "L-6")
    assert duty.status == Status.PASS and duty.folder == "包联社区/L6 志愿服务"
    matcher = IdMatcher({}, {"L-1": "网格", "S-3": "医院", "PUB-2": "LED"})
    assert [matcher.match(n) for n in ("s3医院", "PUB 2 LED", "L10 网格", "L-1")] == [
        "S-3",
        "PUB-2",
        None,
        "L-1",
    ]


def test_a_ledger_row_dated_by_its_month_counts_in_that_month(plan, tmp_path) -> None:
    """“2021年5月 | 入户宣传”: an activity of May, as the reviewer counts it — from the month's
    last day, so a check in the middle of May does not count it yet."""
    days = ("2021-04-03", "2021-04-17", "2021-05-08", "2021年5月", "2021-06-05", "2021-06-19")
    build_tree(tmp_path, {"包联社区/L-6 志愿服务/台账.csv": ledger(*days)})
    assert result(checked(plan, tmp_path, dt.date(2021, 7, 5)).report, "L-6").status == Status.PASS
    may = result(checked(plan, tmp_path, dt.date(2021, 5, 20)).report, "L-6")
    assert [f.message for f in may.findings if f.code == "activity-short"] == [
        "2021年5月（进行中）：已 1 次，要求 2 次，2021-05-31 前还需 1 次。"
    ]


@pytest.mark.parametrize("folder", ["2021年5月", "2021年05月", "5月活动/2021年5月份"])
def test_photos_dated_by_their_month_folder_count_in_that_month(plan, tmp_path, folder) -> None:
    """Activity photos kept in a month's folder with no date of their own (a phone's IMG_…, no
    EXIF): an activity of that month, as a 台账 row dated by its month is (they were 无日期)."""
    from .builders import scene_jpeg

    days = ("2021-04-03", "2021-04-17", "2021-05-08", "2021-06-05", "2021-06-19")
    build_tree(
        tmp_path,
        {
            "包联社区/L-6 志愿服务/台账.csv": ledger(*days),
            f"包联社区/L-6 志愿服务/{folder}/IMG_0001.jpg": scene_jpeg(3, size=(900, 700)),
        },
    )
    duty = result(checked(plan, tmp_path, dt.date(2021, 7, 5)).report, "L-6")
    assert duty.status == Status.PASS, [f.message for f in duty.findings]


def test_photos_in_a_folder_named_without_a_month_stay_undated(plan, tmp_path) -> None:
    from .builders import scene_jpeg

    days = ("2021-04-03", "2021-04-17", "2021-05-08", "2021-06-05", "2021-06-19")
    build_tree(
        tmp_path,
        {
            "包联社区/L-6 志愿服务/台账.csv": ledger(*days),
            "包联社区/L-6 志愿服务/活动照片/IMG_0001.jpg": scene_jpeg(3, size=(900, 700)),
        },
    )
    duty = result(checked(plan, tmp_path, dt.date(2021, 7, 5)).report, "L-6")
    assert duty.status == Status.FAIL  # May still has one activity


def test_a_duty_that_falls_due_after_the_period_is_only_counted(plan, tmp_path) -> None:
    build_tree(tmp_path, {"包联社区/L-2 主题活动/说明.txt": "筹备中"})
    duty = result(checked(plan, tmp_path).report, "L-2")  # 9月前, checked in Q2
    assert duty.status == Status.PASS
    assert [f.message for f in duty.findings] == [
        "2021年9月前（进行中）：已 0 次，要求 1 次，2021-08-31 前还需 1 次。"
    ]


def test_an_activity_entered_ahead_of_its_day_does_not_count_yet(plan, tmp_path) -> None:
    days = ("2021-06-05", "2021-06-26")  # the second is planned, written in ahead
    build_tree(tmp_path, {"包联社区/L-6 志愿服务/台账.csv": ledger(*days)})
    june = Period(2021, "month", 6)
    assert result(checked(plan, tmp_path, window=june).report, "L-6").status == Status.FAIL
    later = checked(plan, tmp_path, dt.date(2021, 6, 28), june).report
    assert result(later, "L-6").status == Status.PASS


def test_photos_count_one_activity_a_day_beside_the_ledger(plan, tmp_path: Path) -> None:
    build_tree(
        tmp_path,
        {
            "包联社区/L-6 志愿服务/台账.xlsx": xlsx_bytes(
                [["日期", "活动内容"], [dt.datetime(2021, 5, 8), "助老"]]
            ),
            "包联社区/L-6 志愿服务/2021-05-08_助老.jpg": jpeg_bytes(seed=1),  # the same one
            "包联社区/L-6 志愿服务/2021-05-22_助老1.jpg": jpeg_bytes(seed=2),
            "包联社区/L-6 志愿服务/2021-05-22_助老2.jpg": jpeg_bytes(seed=3),  # same day
            "包联社区/L-6 志愿服务/IMG_0001.jpg": jpeg_bytes(dt.date(2021, 4, 3), seed=4),
            "包联社区/L-6 志愿服务/微信图片.jpg": jpeg_bytes(seed=5),  # no date at all
        },
    )
    report = checked(plan, tmp_path, window=Period(2021, "month", 5))
    duty = result(report.report, "L-6")
    assert "activity-short" not in codes(duty)  # May: 5月8日 and 5月22日
    assert [f.path for f in duty.findings if f.code == "activity-undated"] == [
        "包联社区/L-6 志愿服务/微信图片.jpg"
    ]


def test_a_survey_below_its_minimum_after_the_deadline_fails(plan, tmp_path: Path) -> None:
    survey = xlsx_bytes([["指标", "数值"], ["群众参与率", "98.6%"], ["满意率", "93.5%"]])
    build_tree(tmp_path, {"包联社区/L-4 问卷/问卷统计.xlsx": survey})
    late = result(checked(plan, tmp_path, dt.date(2021, 11, 1), Period(2021, "year")).report, "L-4")
    assert late.status == Status.FAIL
    assert [f.message for f in late.findings if f.code == "activity-target"] == [
        "满意率 93.5%，要求 ≥95%（每年10月前，群众参与率98%以上、满意率95%以上）。"
    ]
    early = result(checked(plan, tmp_path, dt.date(2021, 8, 1), Period(2021, "year")).report, "L-4")
    assert early.status == Status.PASS  # still time before 9月30日


@pytest.mark.parametrize(
    ("written", "status"),
    [("98.6%以上", Status.PASS), ("约98.6%", Status.PASS), ("99%（抽样）", Status.PASS)]
    + [("97%以上", Status.FAIL), ("不足98%", Status.FAIL)],
)
def test_a_rate_written_with_a_word_around_it(plan, tmp_path: Path, written, status) -> None:
    """98.6%以上 and 约98.6% are 98.6%, as a reviewer reads them; 不足98% is no figure (the
    bound is never read as the rate), so the survey is not met."""
    survey = xlsx_bytes([["指标", "数值"], ["群众参与率", written], ["满意率", "96%"]])
    build_tree(tmp_path, {"包联社区/L-4 问卷/问卷统计.xlsx": survey})
    duty = result(checked(plan, tmp_path, dt.date(2021, 11, 1), Period(2021, "year")).report, "L-4")
    assert duty.status == status, [f.message for f in duty.findings]


def test_a_survey_in_the_offices_own_words_is_read(plan, tmp_path: Path) -> None:
    """问卷参与率 for 群众参与率, 满意度 for 满意率, as a reviewer reads them; a 不满意率 is not the
    满意率 (2% would fail a survey that passed)."""
    survey = xlsx_bytes(
        [["项目", "结果"], ["问卷参与率", "98.9%"], ["不满意率", "2%"], ["居民满意度", "96%"]]
    )
    build_tree(tmp_path, {"包联社区/L-4 问卷/问卷统计.xlsx": survey})
    duty = result(checked(plan, tmp_path, dt.date(2021, 11, 1), Period(2021, "year")).report, "L-4")
    assert duty.status == Status.PASS, [f.message for f in duty.findings]
    assert [f.message for f in duty.findings if "率" in f.message and "已达到" in f.message] == [
        "群众参与率 98.9%，要求 ≥98%，已达到。",
        "满意率 96%，要求 ≥95%，已达到。",
    ]


def test_model_compounds_count_by_distinct_names(plan, tmp_path: Path) -> None:
    build_tree(
        tmp_path,
        {
            "包联社区/L-8 示范小区/鸿丰小区/2021-04-01_环境整治.jpg": jpeg_bytes(seed=1),
            "包联社区/L-8 示范小区/鸿丰小区/2021-05-01_文化墙.jpg": jpeg_bytes(seed=2),
            "包联社区/L-8 示范小区/邮政小区/2021-05-02_文化墙.jpg": jpeg_bytes(seed=3),
        },
    )
    year = Period(2021, "year")
    done = result(checked(plan, tmp_path, dt.date(2022, 1, 5), year).report, "L-8")
    assert done.status == Status.PASS
    (tmp_path / "包联社区/L-8 示范小区/邮政小区/2021-05-02_文化墙.jpg").unlink()
    # the same 小区 under another spelling is not a second 示范小区
    build_tree(
        tmp_path, {"包联社区/L-8 示范小区/鸿丰小区（一期）/2021-06-01_绿化.jpg": jpeg_bytes(seed=4)}
    )
    short = result(checked(plan, tmp_path, dt.date(2022, 1, 5), year).report, "L-8")
    assert [f.message for f in short.findings if f.code == "activity-short"] == [
        "2021年：1 个，要求 2 个（每年2个以上）。"
    ]


def test_a_standing_duty_short_is_a_warning_not_a_failure(plan, tmp_path: Path) -> None:
    build_tree(tmp_path, {"包联社区/L-1 四化行动/台账.csv": ledger("2021-02-01")})
    half = Period(2021, "half", 1)
    in_june = result(checked(plan, tmp_path, window=half).report, "L-1")
    assert in_june.status == Status.WARN  # Q1 has one; Q2, due in this half, none yet
    duty = result(checked(plan, tmp_path, dt.date(2021, 7, 5), half).report, "L-1")
    assert duty.status == Status.WARN
    assert [f.message for f in duty.findings if f.code == "activity-routine"] == [
        "2021年第二季度：0 次，要求 1 次（常态化：每季度至少1次）。"
    ]


# --- 宣传 ----------------------------------------------------------------------------------------


def test_publicity_photos_are_counted_per_unit_and_quarter(plan, tmp_path: Path) -> None:
    build_tree(
        tmp_path,
        {
            "宣传/PUB-1 专栏/市精神病医院/2021-04-10_专栏.jpg": jpeg_bytes(seed=1),
            "宣传/PUB-1 专栏/福利院/2021-02-10_专栏.jpg": jpeg_bytes(seed=2),
            "宣传/PUB-1 专栏/2021-04-11_不知哪个单位.jpg": jpeg_bytes(seed=3),
        },
    )
    duty = result(checked(plan, tmp_path, dt.date(2021, 7, 5)).report, "PUB-1")
    assert duty.status == Status.WARN
    short = [f.message for f in duty.findings if f.code == "publicity-short"]
    assert short == [
        "市社会福利院 2021年第二季度：0 张照片，要求至少 1 张（常态化：每季度至少1张）。"
    ]
    assert [f.path for f in duty.findings if f.code == "publicity-unit"] == [
        "宣传/PUB-1 专栏/2021-04-11_不知哪个单位.jpg"
    ]


def test_publicity_folders_named_as_offices_name_them(plan, tmp_path: Path) -> None:
    """老年大学宣传照片 is 市老年大学's folder (the city left out, words after); a folder naming
    two units is not guessed into either."""
    build_tree(
        tmp_path,
        {
            "宣传/PUB-2 LED/老年大学宣传照片/2021-04-10_LED.jpg": jpeg_bytes(seed=1),
            "宣传/PUB-2 LED/救助管理站二季度/2021-04-12_LED.jpg": jpeg_bytes(seed=2),
            "宣传/PUB-2 LED/社会福利院和儿童福利院/2021-04-11_LED.jpg": jpeg_bytes(seed=3),
        },
    )
    duty = result(checked(plan, tmp_path, dt.date(2021, 7, 5)).report, "PUB-2")
    short = [f.message.split("：")[0] for f in duty.findings if f.code == "publicity-short"]
    assert short == [
        "市精神病医院 2021年第二季度",
        "市社会福利院 2021年第二季度",
        "市儿童福利院 2021年第二季度",
    ]
    assert [f.path for f in duty.findings if f.code == "publicity-unit"] == [
        "宣传/PUB-2 LED/社会福利院和儿童福利院/2021-04-11_LED.jpg"
    ]


# --- one tool for all of it ------------------------------------------------------------------


def test_a_tree_of_only_attachment_one_is_judged_as_before(plan, tmp_path: Path) -> None:
    build_tree(tmp_path, {"III-8-1-3 家风/说明.txt": "x"})
    report = checked(plan, tmp_path).report
    assert not [r for r in report.requirements if r.id[0] in "SLP"]
    areas = [f.message for f in report.other_findings if f.code == "area-absent"]
    assert len(areas) == 3 and "实地点位" in areas[0]


def test_dept_selects_the_duties_of_its_unit(plan, tmp_path: Path) -> None:
    build_tree(
        tmp_path,
        {"实地点位/自查表.xlsx": inspection_sheet(plan, "2021-05-10", {}), "宣传/说明.txt": "x"},
    )
    target = Target("unit", "市老年大学", ("市老年大学",))
    ids = [r.id for r in checked(plan, tmp_path, target=target).report.requirements]
    assert "PUB-2" in ids and "PUB-1" not in ids and not [i for i in ids if i.startswith("S-")]


def test_check_json_carries_the_loop_ids_statuses_and_findings(plan, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cwm.cli import app

    build_tree(tmp_path, {"实地点位/自查表.xlsx": inspection_sheet(plan, "2021-05-10", BROKEN)})
    run = CliRunner().invoke(
        app,
        ["check", str(tmp_path), "--quarter", "--date", "2021-06-20", "-f", "json", "--no-cache"],
    )
    assert run.exit_code == 1, run.output
    data = json.loads(run.stdout)
    site = next(r for r in data["requirements"] if r["id"] == "S-3")
    assert site["status"] == "fail" and site["departments"] == ["市精神病医院"]
    assert "S-3|S-3（2）" in [f["id"] for f in site["findings"]]


@pytest.mark.parametrize("name", ["自查表.ods", "自查表.xls", "自查表.xlsx"])
def test_sheets_resaved_by_libreoffice_read_the_same(plan, tmp_path: Path, name: str) -> None:
    """tests/fixtures/real/inspection/: a sheet written by cwm, filled with openpyxl (S-3（2）
    不合格, 整改时限 2021-05-31; the rest 合格), re-saved by LibreOffice Calc in three formats."""
    source = Path(__file__).parent / "fixtures/real/inspection" / name
    build_tree(tmp_path, {f"实地点位/{name}": source.read_bytes()})
    report = checked(plan, tmp_path).report
    assert result(report, "S-3").status == Status.FAIL
    assert [r.status for r in report.requirements if r.id.startswith("S-") and r.id != "S-3"] == [
        Status.PASS
    ] * 6


def test_the_fillable_sheet_from_the_command_line(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from cwm.cli import app

    out = tmp_path / "自查表.xlsx"
    run = CliRunner().invoke(app, ["checklist", "--kind", "sites", "-f", "xlsx", "-o", str(out)])
    assert run.exit_code == 0, run.output
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[4]][:6] == [
        "点位编号",
        "点位",
        "标准编号",
        "考察内容及标准",
        "责任单位",
        "检查结果",
    ]
    (drop_down,) = sheet.data_validations.dataValidation
    assert drop_down.formula1 == '"合格,不合格"' and "F5" in str(drop_down.sqref)
    assert sheet.max_row == 4 + 22  # every standard of the 7 sites
    wrong = CliRunner().invoke(app, ["checklist", "-f", "xlsx", "-o", str(out)])
    assert wrong.exit_code == 2 and "--kind sites" in wrong.output


def test_the_report_has_a_part_and_a_sheet_for_each(plan, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from cwm.report.folder import write_report

    root = build_tree(
        tmp_path / "材料",
        {
            "实地点位/自查表.xlsx": inspection_sheet(plan, "2021-05-10", BROKEN),
            "包联社区/L-6 志愿服务/台账.csv": ledger("2021-04-03"),
            "实地点位/S-3 医院/整改前/2021-05-10_破损.jpg": jpeg_bytes(seed=1),
        },
    )
    run = write_report(plan, root, tmp_path / "报告", None, Q2, JUNE, use_cache=False, jobs=1)
    html = (run.folder / "检查结果.html").read_text(encoding="utf-8")
    parts = ["附件1 网上申报", "附件2 实地点位", "附件3 社区包联"]
    assert [html.index(f'<h2 class="part">{p}</h2>') for p in parts] == sorted(
        html.index(f'<h2 class="part">{p}</h2>') for p in parts
    )
    assert 'alt="2021-05-10_破损.jpg"' in html  # the photo beside the problem
    book = load_workbook(run.folder / "检查结果.xlsx")
    assert book.sheetnames == ["问题清单", "汇总", "实地点位", "包联社区"]
    errors = {r[2].value for r in book["实地点位"].iter_rows(min_row=2) if r[8].value == "错误"}
    assert errors == {"S-3"}


def test_due_evidence_shows_the_standing_duties(plan, tmp_path: Path) -> None:
    sheet = inspection_sheet(plan, "2021-05-10", BROKEN)
    build_tree(tmp_path, {"实地点位/自查表.xlsx": sheet, "包联社区/L-6 志愿/台账.csv": ledger()})
    standing = checked(plan, tmp_path).standing()
    assert "  S-3 医院·公益宣传：未达标——S-3（2） 显著位置设24字核心价值观景观小品：" in standing
    assert "  S-1 公园、景区·精细管理：已达标" in standing
    assert "  L-1 " in standing  # 常态化
    assert "L-6" not in standing  # due in the quarter: listed with the due items


def test_a_long_ledger_is_counted_to_its_last_row(plan, tmp_path: Path) -> None:
    """A 台账 kept for years: its 250th row counts (the table reader once stopped at 200)."""
    old = [f"2019-{1 + n % 12:02d}-{1 + n % 28:02d}" for n in range(248)]
    build_tree(tmp_path, {"包联社区/L-6 志愿/台账.csv": ledger(*old, "2021-05-08", "2021-05-22")})
    duty = result(checked(plan, tmp_path, window=Period(2021, "month", 5)).report, "L-6")
    assert duty.status == Status.PASS, [f.message for f in duty.findings]


def test_an_area_or_a_duty_folder_checked_alone(plan, tmp_path: Path) -> None:
    build_tree(
        tmp_path,
        {
            "实地点位/自查表.xlsx": inspection_sheet(plan, "2021-05-10", BROKEN),
            "包联社区/L-6 志愿服务/台账.csv": ledger("2021-04-03"),
        },
    )
    sites = checked(plan, tmp_path / "实地点位").report
    assert [r.id for r in sites.requirements] == [f"S-{n}" for n in range(1, 8)]
    assert result(sites, "S-3").status == Status.FAIL
    (one,) = checked(plan, tmp_path / "包联社区" / "L-6 志愿服务").report.requirements
    assert one.id == "L-6" and one.status == Status.FAIL


@pytest.mark.parametrize(
    "name",
    [
        "活动台账.ods",
        "活动台账.xls",
        "活动台账.xlsx",
        "活动台账（Word）.doc",
        "活动台账（Word）.docx",
    ],
)
def test_a_ledger_saved_by_libreoffice_counts_the_same(plan, tmp_path: Path, name: str) -> None:
    """tests/fixtures/real/inspection/活动台账.*: April 2, May 1, June 2 activities, saved by
    LibreOffice Calc — and as a Word table (a weekday, an empty cell, a cell of two lines)
    saved by LibreOffice Writer as Word 97 and Word 2007."""
    source = Path(__file__).parent / "fixtures/real/inspection" / name
    build_tree(tmp_path, {f"包联社区/L-6 志愿服务/{name}": source.read_bytes()})
    duty = result(checked(plan, tmp_path, dt.date(2021, 7, 1)).report, "L-6")
    assert [f.message for f in duty.findings if f.code == "activity-short"] == [
        "2021年5月：1 次，要求 2 次（每月2次）。"
    ]


def test_nothing_done_is_missing_with_one_id_before_and_after_the_deadline(plan, tmp_path) -> None:
    """The 整改台账 matches problems by id: the half-year with nothing done is the same problem
    on 27 June (due, not over) and on 4 July (over)."""
    build_tree(tmp_path, {"包联社区/说明.txt": "x"})
    ids, statuses = [], []
    for day in (dt.date(2021, 6, 27), dt.date(2021, 7, 4)):
        duty = result(checked(plan, tmp_path, day, Q2).report, "L-7")
        statuses.append(duty.status)
        ids.append([f.key("L-7") for f in duty.findings if f.severity != "info"])
    assert statuses == [Status.MISSING, Status.MISSING]
    assert ids == [["L-7|2021年上半年"], ["L-7|2021年上半年"]]
    message = (
        result(checked(plan, tmp_path, dt.date(2021, 7, 4), Q2).report, "L-7").findings[0].message
    )
    assert message.startswith(
        "2021年上半年：0 次，要求 1 次（每半年1次以上）。没有任何活动记录：请在“包联社区/L-7"
    )


def test_area_folders_numbered_to_sort_them(plan, tmp_path: Path) -> None:
    """3.实地点位, 2、包联社区: the areas, numbered as an office numbers its folders."""
    days = ("2021-04-03", "2021-04-17", "2021-05-08", "2021-05-22", "2021-06-05", "2021-06-19")
    build_tree(
        tmp_path,
        {
            "3.实地点位/自查表.xlsx": inspection_sheet(plan, "2021-05-10", {}),
            "2、包联社区/L-6 志愿服务/台账.csv": ledger(*days),
        },
    )
    report = checked(plan, tmp_path, dt.date(2021, 7, 5)).report
    assert result(report, "S-3").status == Status.PASS
    assert result(report, "L-6").status == Status.PASS


def test_an_office_folder_named_like_an_area_is_not_one(plan, tmp_path: Path) -> None:
    """宣传照片/ is the office's own folder of publicity photos, not the 宣传/ area: no PUB duty is
    judged from it."""
    build_tree(tmp_path, {"宣传照片/2021-04-10_横幅.jpg": jpeg_bytes(seed=1)})
    report = checked(plan, tmp_path).report
    assert not [r for r in report.requirements if r.id.startswith("PUB-")]
    assert any(f.code == "area-absent" and "宣传" in f.message for f in report.other_findings)


@pytest.mark.parametrize(
    "numbering", [["（1）", "（2）"], ["1.", "2."], ["第1条", "第2条"], ["一", "二"]]
)
def test_a_site_number_merged_over_its_rows_reaches_every_row(plan, tmp_path, numbering) -> None:
    """WPS “合并居中” over S-3's 点位编号: the rows below the top one have no number of their own.
    Their 不合格, past its 整改时限, is S-3's (before: dropped, S-3 passed); standards numbered
    （2）, 2., 第2条 or 二 all read."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["检查日期：2021-06-10", "", "", "", "", ""])
    sheet.append(["点位编号", "标准编号", "考察内容及标准", "检查结果", "问题描述", "整改时限"])
    sheet.append(["S-3", numbering[0], "公益广告", "合格", "", ""])
    sheet.append(["", numbering[1], "景观小品", "不合格", "景观小品破损", "2021-05-31"])
    sheet.merge_cells("A3:A4")
    sheet.append(["", "", "", "", "", ""])
    sheet.append(["S-4", numbering[0], "一米线", "合格", "", ""])
    path = tmp_path / "实地点位" / "自查表（6月）.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    report = checked(plan, tmp_path, dt.date(2021, 6, 20)).report
    site = result(report, "S-3")
    assert site.status == Status.FAIL, [f.message for f in site.findings]
    assert any("景观小品破损" in f.message or "（2）" in f.message for f in site.findings)
    assert result(report, "S-4").status != Status.FAIL  # the empty row ended the merge


@pytest.mark.parametrize("written", ["基本合格", "待整改", "合格（已整改）"])
def test_a_result_not_read_is_said_once_and_never_called_all_passed(plan, tmp_path, written):
    """基本合格 is neither 合格 nor 不合格: the row is named once with the fix, and the site's
    summary says a standard has no readable result — never “各项标准均合格”."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["检查日期：2021-06-10"])
    sheet.append(["点位编号", "标准编号", "考察内容及标准", "检查结果"])
    standards = [number for number, _ in _site_standards(plan, "S-3")]
    for number in standards:
        sheet.append(["S-3", f"（{number}）", "", written if number == standards[-1] else "合格"])
    path = tmp_path / "实地点位" / "自查表.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    site = result(checked(plan, tmp_path, dt.date(2021, 6, 20)).report, "S-3")
    said = [f.message for f in site.findings]
    assert sum(written in m for m in said) == 1, said
    summary = [f.message for f in site.findings if f.code == "site-inspected"]
    assert summary and "1 项标准没有可读的检查结果" in summary[0]
    assert not any("各项标准均合格" in m for m in said)


def _site_standards(plan, ident):
    return [
        (s.number, s.text) for s in next(s for s in plan.sites.sites if s.id == ident).standards
    ]


# --- one photo, one piece of work ----------------------------------------------------------------


def reused(duty) -> list[str]:
    return [f.path for f in duty.findings if f.code == "loop-photo-reused"]


def test_one_units_photo_copied_into_another_units_folder_proves_neither(plan, tmp_path):
    """老年大学's LED photo, forwarded over WeChat (recompressed) into 救助管理站's folder."""
    from .builders import scene_jpeg

    build_tree(
        tmp_path,
        {
            "宣传/PUB-2 LED/市老年大学/2021-04-10_LED.jpg": scene_jpeg(5, size=(900, 700)),
            "宣传/PUB-2 LED/救助管理站/2021-04-12_LED.jpg": scene_jpeg(
                5, "recompressed", size=(900, 700)
            ),
            "宣传/PUB-2 LED/市精神病医院/2021-04-11_LED.jpg": scene_jpeg(6, size=(900, 700)),
        },
    )
    duty = result(checked(plan, tmp_path, dt.date(2021, 7, 5)).report, "PUB-2")
    assert reused(duty) == [
        "宣传/PUB-2 LED/市老年大学/2021-04-10_LED.jpg",
        "宣传/PUB-2 LED/救助管理站/2021-04-12_LED.jpg",
    ]
    (one, _) = [f for f in duty.findings if f.code == "loop-photo-reused"]
    assert one.message.startswith("这张照片也在 PUB-2 救助管理站（宣传/PUB-2 LED/救助管理站/")
    assert duty.status == Status.FAIL


def test_the_same_board_shot_each_month_is_no_reuse(plan, tmp_path):
    """A unit's board photographed again (another shot of the same scene) and a photo saved twice
    in one folder (IMG_1.jpg, IMG_1(1).jpg) are no reuse."""
    from .builders import scene_jpeg

    build_tree(
        tmp_path,
        {
            "宣传/PUB-2 LED/市老年大学/2021-04-10_LED.jpg": scene_jpeg(5, size=(900, 700)),
            "宣传/PUB-2 LED/市老年大学/2021-05-10_LED.jpg": scene_jpeg(
                5, "shifted", size=(900, 700)
            ),
            "宣传/PUB-2 LED/市老年大学/2021-05-10_LED(1).jpg": scene_jpeg(
                5, "shifted", size=(900, 700)
            ),
        },
    )
    duty = result(checked(plan, tmp_path, dt.date(2021, 7, 5)).report, "PUB-2")
    assert reused(duty) == []


def test_a_photo_in_two_communities_or_two_months_is_named_in_each(plan, tmp_path):
    from .builders import scene_jpeg

    photo = scene_jpeg(7, size=(900, 700))
    build_tree(
        tmp_path,
        {
            "包联社区/L-6 志愿服务/2021年5月/IMG_0001.jpg": photo,
            "包联社区/L-6 志愿服务/2021年6月/IMG_0001.jpg": photo,
            "包联社区/L-2 主题活动/2021-05-20_共创共建.jpg": scene_jpeg(
                7, "resized", size=(900, 700)
            ),
            # an indicator's folder may use a liaison photo: not compared with the loops
            "III-27-1-4 志愿服务/2021-05-20_志愿服务.jpg": photo,
        },
    )
    report = checked(plan, tmp_path, dt.date(2021, 7, 5)).report
    assert reused(result(report, "L-6")) == [
        "包联社区/L-6 志愿服务/2021年5月/IMG_0001.jpg",
        "包联社区/L-6 志愿服务/2021年6月/IMG_0001.jpg",
    ]
    assert reused(result(report, "L-2")) == ["包联社区/L-2 主题活动/2021-05-20_共创共建.jpg"]
    assert "photo-reused" not in codes(result(report, "III-27-1-4"))


def test_a_reused_photo_is_found_whoever_asks(plan, tmp_path):
    """--dept chooses what is judged, never what is compared: 老年大学 checking its own duties
    still learns its photo is also in PUB-1's 精神病医院 folder."""
    from .builders import scene_jpeg

    photo = scene_jpeg(8, size=(900, 700))
    build_tree(
        tmp_path,
        {
            "宣传/PUB-1 专栏/市精神病医院/2021-04-10_专栏.jpg": photo,
            "宣传/PUB-2 LED/市老年大学/2021-04-10_LED.jpg": photo,
        },
    )
    mine = Target("unit", "市老年大学", ("市老年大学",))
    for target in (None, mine):
        report = checked(plan, tmp_path, dt.date(2021, 7, 5), target=target).report
        assert reused(result(report, "PUB-2")) == ["宣传/PUB-2 LED/市老年大学/2021-04-10_LED.jpg"]
