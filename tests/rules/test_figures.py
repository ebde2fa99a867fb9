"""Figures that disagree between a requirement's documents (rules/figures.py): each planted
mismatch beside the near misses a reviewer would not call one — rounding, another year,
another place, an approximation, a draft, the same document twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..builders import build_tree, docx_bytes, han_text, pdf_bytes, result_of, run_check, xlsx_bytes

REAL = Path(__file__).parent.parent / "fixtures" / "real"
FOLDER = "III-27-3-3 养老服务体系"
ACTIVITIES = [["指标", "数值"], ["开展志愿服务活动（场）", 40]]
VOLUNTEERS = [["指标", "数值"], ["常住人口（人）", 2305000], ["注册志愿者人数", 305123]]


def report(*sentences: str) -> bytes:
    return docx_bytes("2021年" + "".join(sentences) + han_text(700))


def disagreements(plan, root: Path, ident: str = "III-27-3-3") -> list:
    return [
        f
        for f in result_of(run_check(plan, root, ident), ident).findings
        if f.code == "figures-disagree"
    ]


def disagrees_with_table(plan, tmp_path: Path, sentence: str, rows: list) -> bool:
    """Whether a report saying ``sentence`` is found to disagree with a table of ``rows``."""
    root = build_tree(
        tmp_path,
        {f"{FOLDER}/说明报告.docx": report(sentence), f"{FOLDER}/统计表.xlsx": xlsx_bytes(rows)},
    )
    return bool(disagreements(plan, root))


def test_a_report_and_a_table_that_disagree_name_both(plan, tmp_path):
    root = build_tree(
        tmp_path,
        {
            f"{FOLDER}/说明报告.docx": report("全市注册志愿者32万人，服务群众十万余次。"),
            f"{FOLDER}/志愿者数据.xlsx": xlsx_bytes(VOLUNTEERS),
        },
    )
    (finding,) = disagreements(plan, root)
    assert finding.severity == "warning"
    assert finding.message.startswith("数据前后不一致（注册志愿者）：说明报告.docx 写 32万人（“")
    assert "志愿者数据.xlsx 写 305123（“注册志愿者人数：305123”）" in finding.message
    assert finding.path == f"{FOLDER}/说明报告.docx" and finding.related == (
        f"{FOLDER}/志愿者数据.xlsx",
    )


@pytest.mark.parametrize("written", ["30.5万人", "305,123人", "305123名", "约32万人", "32万余人"])
def test_rounding_and_approximations_are_no_mismatch(plan, tmp_path, written):
    assert not disagrees_with_table(plan, tmp_path, f"全市注册志愿者{written}。", VOLUNTEERS)


def test_the_same_term_in_the_document_and_the_report(plan, tmp_path):
    root = build_tree(
        tmp_path,
        {
            f"{FOLDER}/关于印发养老服务实施方案的通知.pdf": pdf_bytes(
                "资民发〔2021〕3号 全市养老机构86家。"
            ),
            f"{FOLDER}/说明报告.docx": report("全市共有养老机构88家，床位1.2万张。"),
        },
    )
    (finding,) = disagreements(plan, root)
    assert (
        "（养老机构）" in finding.message
        and "写 86家" in finding.message
        and "写 88家" in finding.message
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "2020年全市养老机构88家。",  # another year
        "雁江区养老机构88家。",  # another place
        "新增养老机构88家。",  # another quantity
        "服务老人88人次。",  # another unit
    ],
)
def test_what_is_not_the_same_figure(plan, tmp_path, sentence):
    root = build_tree(
        tmp_path,
        {
            f"{FOLDER}/通知.docx": docx_bytes(
                "资民发〔2021〕3号", "全市养老机构86家，服务老人88人。"
            ),
            f"{FOLDER}/说明报告.docx": report(sentence),
        },
    )
    assert disagreements(plan, root) == []


def test_a_draft_beside_the_final_and_one_report_in_two_formats(plan, tmp_path):
    final = "全市养老机构86家。"
    root = build_tree(
        tmp_path,
        {
            f"{FOLDER}/说明报告.docx": report(final),
            f"{FOLDER}/说明报告.pdf": pdf_bytes("2021年" + final),
            f"{FOLDER}/说明报告（初稿）.docx": report("全市养老机构80家。"),
        },
    )
    assert disagreements(plan, root) == []


def test_files_written_by_libreoffice_agree_with_a_report_that_rounds(plan, tmp_path):
    """志愿者数据.xlsx (LibreOffice Calc): 注册志愿者人数 322700."""
    root = build_tree(
        tmp_path,
        {
            f"{FOLDER}/志愿者数据.xlsx": (REAL / "志愿者数据.xlsx").read_bytes(),
            f"{FOLDER}/说明报告.docx": (REAL / "说明报告.docx").read_bytes(),
            f"{FOLDER}/补充说明.docx": report("全市注册志愿者32.27万人。"),
        },
    )
    assert disagreements(plan, root) == []
    (tmp_path / FOLDER / "补充说明.docx").write_bytes(report("全市注册志愿者30万人。"))
    assert len(disagreements(plan, root)) == 1


def test_items_of_one_section_that_state_a_figure_otherwise_are_noted(plan, tmp_path):
    """III-27-3-1 and III-27-3-3 are both 养老服务科's; III-8-1-3 is another 科室's."""
    root = build_tree(
        tmp_path,
        {
            "III-27-3-1 养老服务设施/说明报告.docx": report("全市养老机构86家。"),
            f"{FOLDER}/说明报告.docx": report("全市养老机构88家。"),
            "III-8-1-3 家风/报告.docx": report("全市养老机构90家。"),
        },
    )
    checked = run_check(plan, root, "III-27-3-1", "III-27-3-3", "III-8-1-3")
    noted = {
        r.id: [f.message for f in r.findings if f.code == "figures-across-items"]
        for r in checked.requirements
    }
    assert noted["III-27-3-1"] == [] and noted["III-8-1-3"] == []
    (message,) = noted["III-27-3-3"]
    assert message.startswith("与同科室的 III-27-3-1 不一致（养老机构）：说明报告.docx 写 86家")
    across = [f for f in result_of(checked, "III-27-3-3").findings if f.code.startswith("figures")]
    assert [f.severity for f in across] == ["info"]  # information only: it changes no verdict


@pytest.mark.parametrize(
    ("cell", "written", "disagree"),
    [
        (0.132, "13.2%", False),  # Excel's percentage cell: 0.132 shown as 13.2%
        (0.95, "95%", False),
        ("13.2%", "13.2%", False),  # the same typed as text
        (0.132, "1.32%", True),  # near miss: a real disagreement stays one
        (0.95, "85%", True),
        (95, "95%", False),  # a rate typed as a plain number is a percent too
        (95, "85%", True),
    ],
)
def test_a_percentage_cell_is_read_as_the_percent_it_shows(plan, tmp_path, cell, written, disagree):
    rows = [["指标", "数值"], ["群众满意率", cell]]
    assert disagrees_with_table(plan, tmp_path, f"全市群众满意率{written}。", rows) is disagree


@pytest.mark.parametrize(
    "sentence",
    [
        "2021年5月，开展志愿服务活动12场。",
        "1-6月开展志愿服务活动12场。",
        "上半年开展志愿服务活动12场。",
        "第一季度开展志愿服务活动12场。",
        "截至６月底开展志愿服务活动12场。",
        "截至十月底开展志愿服务活动12场。",
        "近3个月开展志愿服务活动12场。",
    ],
)
def test_a_figure_of_a_part_of_the_year_is_not_the_years(plan, tmp_path, sentence):
    """A month's 12 场 beside the year's 40 场 is no disagreement."""
    assert not disagrees_with_table(plan, tmp_path, sentence, ACTIVITIES)


@pytest.mark.parametrize(
    "sentence",
    [
        "截至2021年12月底，开展志愿服务活动12场。",  # the year's end is the whole year
        "1-12月开展志愿服务活动12场。",
        "全年开展志愿服务活动12场。",
    ],
)
def test_the_whole_year_is_still_compared(plan, tmp_path, sentence):
    assert disagrees_with_table(plan, tmp_path, sentence, ACTIVITIES)


@pytest.mark.parametrize(
    ("sentence", "disagree"),
    [
        ("全市养老机构八十六家。", False),  # Chinese numerals are read
        ("全市养老机构八十家。", True),
        ("全市养老机构一百零六家。", True),
        ("全市养老机构八十余家。", False),  # an approximation stays one
        ("全市养老机构七八十家。", False),
    ],
)
def test_chinese_numerals(plan, tmp_path, sentence, disagree):
    rows = [["指标", "数值"], ["养老机构（家）", 86]]
    assert disagrees_with_table(plan, tmp_path, sentence, rows) is disagree


@pytest.mark.parametrize(
    ("sentence", "disagree"),
    [
        # the year's figure in a sentence that also names another year for a difference
        ("全市养老机构88家，比2020年增加8家。", True),
        ("全市养老机构86家，比2020年增加6家。", False),
        ("2020年全市养老机构80家，2021年全市养老机构86家。", False),
        ("2020年全市养老机构80家。", False),  # another year's figure is not the plan year's
    ],
)
def test_the_year_a_figure_is_of_is_the_one_named_before_it(plan, tmp_path, sentence, disagree):
    rows = [["指标", "数值"], ["养老机构（家）", 86]]
    assert disagrees_with_table(plan, tmp_path, sentence, rows) is disagree


@pytest.mark.parametrize(
    ("one", "other", "disagree"),
    [
        ("2021年建成社区养老服务中心5个。", "累计建成社区养老服务中心12个。", False),
        ("本年建成社区养老服务中心5个。", "社区养老服务中心累计达12个。", False),
        ("累计建成社区养老服务中心12个。", "截至目前累计建成社区养老服务中心10个。", True),
        ("全市新增注册志愿者2万人。", "全市注册志愿者32万人。", False),
    ],
)
def test_cumulative_and_the_years_figures_are_told_apart(plan, tmp_path, one, other, disagree):
    root = build_tree(
        tmp_path,
        {
            f"{FOLDER}/说明报告.docx": report(one),
            f"{FOLDER}/工作总结.docx": report(other),
        },
    )
    assert bool(disagreements(plan, root)) is disagree
