"""Rule module tables: table-missing, table-metric (III-15-2-3: ≥13% and >50%)."""

from __future__ import annotations

from ..builders import (
    build_tree,
    csv_bytes,
    docx_bytes,
    result_of,
    run_check,
    word_tables,
    xlsx_bytes,
)


def problem_codes(result) -> list[str]:
    """The error and warning codes (the computed ratios are an info line on every table)."""
    return [f.code for f in result.findings if f.severity != "info"]


def check(plan, tmp_path, name, data):
    build_tree(tmp_path, {f"III-15-2-3/{name}": data})
    return result_of(run_check(plan, tmp_path, "III-15-2-3"), "III-15-2-3")


def metric_messages(result):
    return [f.message for f in result.findings if f.code == "table-metric"]


def test_key_value_xlsx_passes(plan, tmp_path):
    rows = [
        ["指标", "数值"],
        ["常住人口（人）", 1000000],
        ["注册志愿者人数", 140000],
        ["有志愿服务时间记录的志愿者人数", 80000],
    ]
    assert problem_codes(check(plan, tmp_path, "数据.xlsx", xlsx_bytes(rows))) == []


def test_header_and_one_row_gbk_csv(plan, tmp_path):
    rows = [
        ["常住人口", "注册志愿者人数", "有志愿服务时间记录的志愿者人数"],
        ["100万", "14万", "8万"],
    ]
    assert problem_codes(check(plan, tmp_path, "数据.csv", csv_bytes(rows, encoding="gbk"))) == []


def test_thresholds_show_the_computed_ratio(plan, tmp_path):
    rows = [
        ["常住人口", 1000000],
        ["注册志愿者人数", 125000],
        ["有志愿服务时间记录的志愿者人数", 62500],
    ]
    messages = metric_messages(check(plan, tmp_path, "数据.xlsx", xlsx_bytes(rows)))
    assert messages == [
        "注册志愿者人数/常住人口 = 12.50%，要求 ≥13%（不少于常住人口的13%）。",
        "有志愿服务时间记录的志愿者人数/注册志愿者人数 = 50.00%，要求 >50%（应大于50%）。",
    ]


def test_missing_metric_and_non_number(plan, tmp_path):
    rows = [["常住人口", "约一百万"], ["注册志愿者人数", 140000]]
    messages = metric_messages(check(plan, tmp_path, "数据.xlsx", xlsx_bytes(rows)))
    assert "“常住人口”的值“约一百万”不是数字。" in messages
    assert any(
        "找不到“有志愿服务时间记录的志愿者人数”（读到的项目：常住人口、注册志愿者人数）" in m
        for m in messages
    )


GOVERNMENT_TABLE = [
    ["资阳市2021年志愿服务情况统计表", "", "", ""],
    ["填报单位：资阳市民政局", "", "", ""],
    ["区县", "人口", "志愿者情况", ""],
    ["", "常住人口（人）", "注册志愿者人数", "有志愿服务时间记录的志愿者人数"],
    ["雁江区", "1,000,000", "14万", "8万"],
    ["安岳县", "1,305,000", "17.5万人", "9.5万"],
    ["全市", "2,305,000", "31.5万", "17.5万"],
]


def test_a_government_table_title_rows_two_headers_and_a_city_row(plan, tmp_path):
    """Figures from the 全市 row under a two-level header: 31.5万/230.5万 = 13.67% ≥ 13%,
    17.5万/31.5万 = 55.6% > 50%."""
    assert problem_codes(check(plan, tmp_path, "数据.xlsx", xlsx_bytes(GOVERNMENT_TABLE))) == []


def test_county_rows_without_a_total_are_summed(plan, tmp_path):
    rows = GOVERNMENT_TABLE[:-1]
    assert problem_codes(check(plan, tmp_path, "数据.xlsx", xlsx_bytes(rows))) == []


def test_a_city_row_below_the_threshold_fails_near_miss(plan, tmp_path):
    rows = GOVERNMENT_TABLE[:-1] + [["合计", "2,305,000", "28万", "17.5万"]]
    messages = metric_messages(check(plan, tmp_path, "数据.xlsx", xlsx_bytes(rows)))
    assert any("注册志愿者人数/常住人口 = 12.15%" in m for m in messages)


def test_figures_on_a_second_sheet(plan, tmp_path):
    from .test_tables_sheets import two_sheet_xlsx

    data = two_sheet_xlsx([["填表说明", "数据见第二个工作表"]], GOVERNMENT_TABLE)
    assert problem_codes(check(plan, tmp_path, "数据.xlsx", data)) == []


def test_no_table(plan, tmp_path):
    assert problem_codes(check(plan, tmp_path, "说明.txt", "没有表格")) == ["table-missing"]


def test_a_damaged_xls_is_named(plan, tmp_path):
    """Old .xls tables are read (tests/test_formats.py); one that is only a header is damaged."""
    result = check(plan, tmp_path, "数据.xls", b"\xd0\xcf\x11\xe0")
    assert "wrong-content" in problem_codes(result)


def test_a_passing_table_shows_its_ratios(plan, tmp_path):
    """The computed ratios are shown when the table passes too, so a reviewer can see them."""
    result = check(plan, tmp_path, "数据.xlsx", xlsx_bytes(GOVERNMENT_TABLE))
    shown = [f.message for f in result.findings if f.code == "table-ratio"]
    assert any("注册志愿者人数/常住人口 = 13.67%，要求 ≥13%" in m for m in shown)


def test_a_negated_label_is_not_the_figure(plan, tmp_path):
    """未注册志愿者人数 is not 注册志愿者人数: a table listing it first is judged by the real one
    (14%), not by the negated row (which would make a passing table fail)."""
    rows = [
        ["指标", "数值"],
        ["常住人口（人）", 1000000],
        ["未注册志愿者人数", 10000],
        ["其中：注册志愿者人数", 140000],
        ["有志愿服务时间记录的志愿者人数", 80000],
    ]
    assert problem_codes(check(plan, tmp_path, "数据.xlsx", xlsx_bytes(rows))) == []


def test_a_data_table_typed_into_word(plan, tmp_path):
    """The figures in a Word table (数据统计表.docx) are the data table; a Word report without a
    table is none."""
    rows = [
        ["指标", "数值"],
        ["常住人口（人）", "1000000"],
        ["注册志愿者人数", "140000"],
        ["有志愿服务时间记录的志愿者人数", "80000"],
    ]
    assert problem_codes(check(plan, tmp_path, "数据统计表.docx", word_tables(rows))) == []
    report = docx_bytes("2021年志愿服务工作情况说明。" + "文明" * 100)
    assert problem_codes(check(plan, tmp_path / "b", "说明.docx", report)) == ["table-missing"]
