"""A helper of test_tables: a workbook with two sheets, written by openpyxl (as Excel writes)."""

from __future__ import annotations

import io


def two_sheet_xlsx(first: list[list[object]], second: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    cover = workbook.active
    cover.title = "说明"
    for row in first:
        cover.append(row)
    data = workbook.create_sheet("数据")
    for row in second:
        data.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SURVEY = [
    ["小区", "调查户数", "参与户数", "满意户数", "群众参与率", "满意率"],
    ["阳光小区", "100", "99", "95", "99%", "95.96%"],
    ["锦绣花园", "200", "196", "186", "98%", "94.9%"],
    ["和平里", "50", "48", "45", "96%", "93.75%"],
]


def test_rates_per_row_are_never_added_up_but_computed_from_the_counts():
    """A 问卷 summed up per 小区 without a 合计 row: 群众参与率 is 343/350, not 99+98+96 = 293%;
    满意率 is 326/343 (the satisfied over those who took part); the counts are added up."""
    from cwm.formats.tablepairs import cells_to_pairs

    pairs = cells_to_pairs(SURVEY)
    assert pairs["群众参与率"] == "98.0%" and pairs["满意率"] == "95.0%"
    assert pairs["调查户数"] == "350" and pairs["参与户数"] == "343"


def test_a_total_row_is_taken_as_it_is_and_rates_without_counts_are_left_out():
    from cwm.formats.tablepairs import cells_to_pairs

    with_total = [*SURVEY, ["合计", "350", "343", "326", "98.1%", "95.2%"]]
    assert cells_to_pairs(with_total)["群众参与率"] == "98.1%"  # the office's own total
    no_counts = [[row[0], row[4]] for row in SURVEY] + [["东城小区", "97%"]]
    assert "群众参与率" not in cells_to_pairs(no_counts)  # never 390%: not found, and said so
