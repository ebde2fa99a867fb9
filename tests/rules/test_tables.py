"""Rule module tables: table-missing, table-metric (III-15-2-3: ≥13% and >50%)."""

from __future__ import annotations

from ..builders import build_tree, codes, csv_bytes, result_of, run_check, xlsx_bytes


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
    assert codes(check(plan, tmp_path, "数据.xlsx", xlsx_bytes(rows))) == []


def test_header_and_one_row_gbk_csv(plan, tmp_path):
    rows = [
        ["常住人口", "注册志愿者人数", "有志愿服务时间记录的志愿者人数"],
        ["100万", "14万", "8万"],
    ]
    assert codes(check(plan, tmp_path, "数据.csv", csv_bytes(rows, encoding="gbk"))) == []


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
    assert any("表格中没有“有志愿服务时间记录的志愿者人数”" in m for m in messages)


def test_no_table(plan, tmp_path):
    assert codes(check(plan, tmp_path, "说明.txt", "没有表格")) == ["table-missing"]


def test_a_damaged_xls_is_named(plan, tmp_path):
    """Old .xls tables are read (tests/test_formats.py); one that is only a header is damaged."""
    result = check(plan, tmp_path, "数据.xls", b"\xd0\xcf\x11\xe0")
    assert "wrong-content" in codes(result)
