"""Rule module reports: report-missing, words-off, words-near, report-scan, and the heuristics."""

from __future__ import annotations

import pytest

from ..builders import (
    build_tree,
    codes,
    doc_bytes,
    docx_bytes,
    han_text,
    pdf_bytes,
    result_of,
    run_check,
)

MEASURES = "出台政策文件，建立制度机制，投入资金，纳入考核，加强督导。"


def check_report(plan, tmp_path, ident, data, name="报告.docx"):
    build_tree(tmp_path, {f"{ident}/{name}": data})
    return result_of(run_check(plan, tmp_path, ident), ident)


def body(n):
    """``n`` words: the year, figures, five kinds of measure, then filler."""
    lead = f"2021年投入资金300万元，建成12个站点。{MEASURES}"
    from cwm.formats.wordcount import word_count

    return lead + han_text(n - word_count(lead))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (600, []),
        (545, []),
        (655, []),
        (530, ["words-near"]),
        (700, ["words-near"]),
        (470, ["words-off"]),
        (800, ["words-off"]),
    ],
)
def test_about_n_bands(plan, tmp_path, words, expected):
    result = check_report(plan, tmp_path, "III-8-1-3", docx_bytes(body(words)))  # 600字左右
    assert codes(result) == expected


def test_message_shows_count_target_and_band(plan, tmp_path):
    result = check_report(
        plan, tmp_path, "III-7-3-1", docx_bytes(body(312))
    )  # 500字左右 (+ photos)
    words = next(f for f in result.findings if f.code == "words-off")
    assert words.message == "字数 312，要求 500字左右（450–550）。"
    assert words.path == "III-7-3-1/报告.docx"


def test_at_most_n(plan, tmp_path):
    assert codes(check_report(plan, tmp_path / "a", "I-8-1-2", docx_bytes(body(800)))) == []
    result = check_report(plan, tmp_path / "b", "I-8-1-2", docx_bytes(body(801)))
    assert codes(result) == ["words-off"] and "超过要求的 800字以内" in result.findings[0].message


def test_bands_come_from_the_data(edit, tmp_path):
    from cwm.plan.loader import load_plan

    plan = load_plan(edit("tasks.yaml", "pass_within: 0.10", "pass_within: 0.15"))
    assert codes(check_report(plan, tmp_path, "III-8-1-3", docx_bytes(body(520)))) == []


def test_missing_report(plan, tmp_path):
    build_tree(tmp_path, {"III-8-1-3/照片.txt.bak": b"x"})
    result = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    assert "report-missing" in codes(result) and "缺少说明报告" in next(
        f.message for f in result.findings if f.code == "report-missing"
    )


def test_pdf_doc_and_txt_reports_are_counted(plan, tmp_path):
    assert (
        codes(check_report(plan, tmp_path / "a", "III-8-1-3", pdf_bytes(body(600)), "报告.pdf"))
        == []
    )
    assert (
        codes(check_report(plan, tmp_path / "b", "III-8-1-3", doc_bytes(body(600)), "报告.doc"))
        == []
    )
    assert (
        codes(check_report(plan, tmp_path / "c", "III-8-1-3", body(600).encode("gbk"), "报告.txt"))
        == []
    )


def test_scanned_pdf_is_a_manual_item(plan, tmp_path):
    result = check_report(plan, tmp_path, "III-8-1-3", pdf_bytes("x", scanned=True), "扫描.pdf")
    assert codes(result) == ["report-scan"] and result.status == "manual"
    assert "扫描件，请人工核对字数" in result.findings[0].message


def test_heuristics_year_figures_measures(plan, tmp_path):
    plain = han_text(800)  # III-27-1-2: 800字左右, 3项以上举措, 数据, 年份
    result = check_report(plan, tmp_path, "III-27-1-2", docx_bytes(plain))
    assert codes(result) == ["report-year", "report-figures", "report-measures"]
    assert all("仅供参考" in f.message for f in result.findings if f.code.startswith("report-"))
    good = check_report(plan, tmp_path / "ok", "III-27-1-2", docx_bytes(body(800)))
    assert codes(good) == []


def test_heuristics_only_where_the_requirement_asks(plan, tmp_path):
    result = check_report(
        plan, tmp_path, "III-48-1-3", docx_bytes(han_text(500))
    )  # no year, figures, measures asked
    assert codes(result) == []


# --- which document is the report -----------------------------------------------------------


def _report(
    n, lead="2021年投入资金300万元，建成12个站点。出台政策，建立制度，纳入考核，加强督导。"
):
    from cwm.formats.wordcount import word_count

    return docx_bytes(lead + han_text(n - word_count(lead)))


def test_a_contribution_is_judged_against_its_own_target(plan, tmp_path):
    build_tree(
        tmp_path,
        {"III-27-3-3/汇总报告.docx": _report(800), "III-27-3-3/市卫健委提供.docx": _report(330)},
    )
    result = result_of(run_check(plan, tmp_path, "III-27-3-3"), "III-27-3-3")
    [off] = [f for f in result.findings if f.code == "words-off"]
    assert off.message.startswith("市卫健委提供.docx 是市卫健委提供的材料（500字左右）：字数 330")


def test_one_document_in_two_formats_is_judged_once(plan, tmp_path):
    build_tree(
        tmp_path,
        {"III-8-1-3/报告.docx": _report(300), "III-8-1-3/报告.pdf": pdf_bytes(han_text(300))},
    )
    result = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    assert [f.path for f in result.findings if f.code == "words-off"] == ["III-8-1-3/报告.docx"]
    [same] = [f for f in result.findings if f.code == "report-same"]
    assert same.message == "报告.pdf 与 报告.docx 是同一份文档，只检查 报告.docx。"


def test_several_reports_each_name_their_file(plan, tmp_path):
    build_tree(
        tmp_path, {"III-8-1-3/甲.docx": _report(600), "III-8-1-3/乙.docx": _report(300, "乙")}
    )
    result = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    [off] = [f for f in result.findings if f.code == "words-off"]
    assert off.message.startswith("乙.docx：字数 300")


def test_a_lone_draft_is_still_the_report(plan, tmp_path):
    build_tree(tmp_path, {"III-8-1-3/报告草稿.docx": _report(600)})
    result = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    assert result.status == "pass"
