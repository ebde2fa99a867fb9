"""Plans cwm was not built on: another city's 卫健委 plan (tests/plan_forms.py::plan_city) in
every form, and variants of its wording, each with what a reviewer reads in it written by hand.
Every field must come out as expected, and what the import inferred must be on the review list.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cwm.cli import main
from cwm.plan.loader import load_plan
from cwm.planimport import import_plan, write_draft
from cwm.planimport.diff import duties_json, flatten

from . import plan_forms as pf
from .test_import_forms import FORMS

EXPECTED = json.loads(
    (Path(__file__).parent / "fixtures" / "plans" / "卫健委2023.expected.json").read_text(
        encoding="utf-8"
    )
)


def imported(source: Path | list[Path], folder: Path) -> tuple[dict, object, list[str]]:
    draft = import_plan(source)
    first = source[0] if isinstance(source, list) else source
    problems = write_draft(draft, first, folder)
    plan = load_plan(folder, use_cache=False)
    return duties_json(plan), (plan, draft), problems


def wrong_fields(expected: dict, duties: dict) -> list[str]:
    out = []
    for ident, fields in expected.items():
        actual = flatten(duties.get(ident, {}))
        for field, value in flatten(fields).items():
            if actual.get(field) != value:
                out.append(f"{ident} {field}: expected {value!r}, got {actual.get(field)!r}")
    return out


@pytest.mark.parametrize("form", ["Word", *FORMS])
def test_another_citys_plan_in_every_form(tmp_path, form):
    plan = pf.plan_city()
    source = (
        pf.write_docx(plan, tmp_path / "方案.docx")
        if form == "Word"
        else FORMS[form](plan, tmp_path)
    )
    duties, (loaded, draft), problems = imported(source, tmp_path / "data")
    assert problems == []
    assert wrong_fields(EXPECTED["duties"], duties) == []
    assert sorted(duties) == sorted(EXPECTED["duties"])
    info = loaded.org.plan
    assert {k: str(getattr(info, k)) for k in EXPECTED["org"]["plan"]} == {
        k: str(v) for k, v in EXPECTED["org"]["plan"].items()
    }
    group = loaded.org.leading_group
    assert {k: getattr(group, k) for k in EXPECTED["org"]["leading_group"]} == (
        EXPECTED["org"]["leading_group"]
    )
    heads = {u.name: u.head for u in loaded.org.units if u.name in EXPECTED["org"]["heads"]}
    assert heads == EXPECTED["org"]["heads"]
    assert loaded.tasks.rules.deadline.rule == EXPECTED["deadline"]["rule"]
    assert [r.where for r in draft.review] == EXPECTED["review"]


# --- the same plan worded otherwise: (row, column, new text) -> what a reviewer reads ------------

VARIANTS = {
    "每年12月15日前": (
        (0, 6, "每年12月15日前"),
        {"collection": "yearly", "deadline": {"month": 12, "day": 15}},
    ),
    "年底前": (
        (0, 6, "每年12月底前"),
        {"collection": "yearly", "deadline": {"month": 12, "day": 31}},
    ),
    "每季度末": (
        (1, 6, "每季度末"),
        {"collection": "quarterly", "deadline": {"rule": "period_end"}},
    ),
    "半年收集 (near miss: no deadline)": (
        (4, 6, "半年收集"),
        {"collection": "half_yearly", "deadline": None},
    ),
    "每年 (near miss: no date)": ((2, 6, "每年"), {"collection": "yearly", "deadline": None}),
    "字数不少于1500字的总结报告": (
        (0, 3, "①提供2023年本市开展健康教育进社区活动的情况。\n总结报告：字数不少于1500字。"),
        {"materials": [{"type": "report", "words": {"at_least": 1500}}]},
    ),
    "图片6至8张": (
        (0, 3, "①提供2023年本市开展健康教育进社区活动的情况。\n图片资料：提供活动图片6至8张。"),
        {"materials": [{"type": "photos", "count": 6, "count_max": 8}]},
    ),
    "以‘时间_地点_主题’命名": (
        (
            0,
            3,
            "①提供本市健康教育活动的图片。\n图片资料：提供图片5张以上，以‘时间_地点_主题’命名。",
        ),
        {
            "materials": [
                {
                    "type": "photos",
                    "count": 5,
                    "caption": ["时间", "地点", "主题"],
                    "date_field": "时间",
                }
            ]
        },
    ),
    "必报：清明节、重阳节": (
        (
            3,
            3,
            "①提供传统节日期间开展健康义诊活动的图片。\n图片资料：每个节日提供3张图片，必报：清明节、重阳节。",
        ),
        {
            "materials": [
                {
                    "type": "photos",
                    "groups": {"name": "节日", "per_group": 3, "required": ["清明节", "重阳节"]},
                }
            ]
        },
    ),
    "活动台账，每月不少于2场": (
        (1, 3, "②提供本市医疗机构开展健康志愿服务的情况。\n活动台账：每月不少于2场。"),
        {"materials": [{"type": "ledger", "count": 2, "unit_word": "场"}]},
    ),
    "配合单位 无 (near miss)": ((2, 5, "无"), {"partners": None}),
}
"""Variant -> (the change to CITY_ROWS, the fields of that row's duty a reviewer reads)."""
_ID_OF_ROW = ["III-22-1-1", "III-22-1-2", "III-41-2-1", "III-8-1-1", "III-22-2-1"]


def _subset(expected: dict, actual: dict) -> list[str]:
    """Each expected field (None: must be absent) against the duty."""
    flat = flatten(actual)
    out = []
    for field, value in flatten(expected).items():
        got = flat.get(field)
        if got != value:
            out.append(f"{field}: expected {value!r}, got {got!r}")
    for key, value in expected.items():  # a key expected absent
        if value is None and actual.get(key) not in (None, []):
            out.append(f"{key}: expected none, got {actual.get(key)!r}")
    return out


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_wording_variant_reads_as_a_reviewer_reads_it(tmp_path, variant):
    (row, column, text), expected = VARIANTS[variant]
    plan = pf.plan_city()
    table = plan[-1]
    assert isinstance(table, list)
    table[len(pf.CITY_HEADER) + row][column] = text
    duties, _, problems = imported(pf.write_docx(plan, tmp_path / "方案.docx"), tmp_path / "d")
    assert problems == []
    assert _subset(expected, duties[_ID_OF_ROW[row]]) == []


def test_a_wrong_field_is_on_the_review_list(tmp_path):
    """A frequency cell no rule reads (每逢重大活动后) comes out as a default — and that row is
    on the review list, with the cell's words."""
    plan = pf.plan_city()
    table = plan[-1]
    assert isinstance(table, list)
    table[len(pf.CITY_HEADER) + 2][6] = "每逢重大活动后"
    draft = import_plan(pf.write_docx(plan, tmp_path / "方案.docx"))
    lines = [r.line() for r in draft.review]
    assert any("附件1 第3行" in line and "每逢重大活动后" in line for line in lines), lines


# --- the 台账 it asks for, checked ---------------------------------------------------------------


def _ledger(path: Path, days: list[str]) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "日期", "活动内容", "地点"])
    for n, day in enumerate(days, 1):
        sheet.append([n, day, "健康志愿服务", "市中心医院"])
    workbook.save(str(path))
    return path


@pytest.mark.parametrize(
    ("days", "verdict", "code"),
    [
        (["2023-04-03", "2023-05-10", "2023-06-21"], "已达标", "ledger-counted"),
        (["2023-04-03", "2023-05-10", "2023-03-30"], "未达标", "ledger-count"),  # one in Q1
        (["2023-04-03", "2023-04-03", "2023-05-10"], "未达标", "ledger-count"),  # a row twice
        (None, "未达标", "ledger-missing"),
    ],
)
def test_the_ledger_a_plan_asks_for_is_counted_in_its_quarter(
    tmp_path, capsys, days, verdict, code
):
    source = pf.write_docx(pf.plan_city(), tmp_path / "方案.docx")
    assert write_draft(import_plan(source), source, tmp_path / "data") == []
    folder = tmp_path / "材料" / "III-22-1-2 志愿服务"
    folder.mkdir(parents=True)
    (folder / "说明报告.txt").write_text("市卫健委开展健康志愿服务。" * 40, encoding="utf-8")
    if days is None:  # no table with a 日期 column: a note is not a 台账
        (folder / "志愿服务情况.txt").write_text("本季度开展三次。", encoding="utf-8")
    else:
        _ledger(folder / "志愿服务台账.xlsx", days)
    code_ = main(
        [
            "--data",
            str(tmp_path / "data"),
            "check",
            str(tmp_path / "材料"),
            "--period",
            "2023Q2",
            "-f",
            "json",
        ]
    )
    captured = capsys.readouterr()
    assert captured.out.strip(), captured.err
    out = json.loads(captured.out)
    result = next(r for r in out["requirements"] if r["id"] == "III-22-1-2")
    codes = [f["code"] for f in result["findings"]]
    assert code in codes, codes
    assert (result["status"] == "pass") == (verdict == "已达标"), result
    assert code_ in (0, 1)


# --- next year's plan: the 2021 plan with a handful of changes ----------------------------------


def next_year() -> pf.Plan:
    """The 2021 plan as next year's arrives: a new contact person named only in 附件1 (not in
    the roster), a word count raised, a collection changed."""
    plan = pf.plan_2021()
    table = next(b for b in plan if isinstance(b, list))
    table[1][9] = "周敏\n13800138000"  # III-7-3-1: 廖鹏 -> 周敏
    table[1][8] = "半年\n收集"  # III-7-3-1: 季度收集 -> 半年收集
    text = table[2][4]
    assert isinstance(text, str) and "600字左右" in text
    table[2][4] = text.replace("600字左右", "800字左右")  # III-8-1-3
    return plan


@pytest.mark.slow  # in CI's slow job: keeps the README's test run short
def test_next_years_plan_validates_and_diff_names_every_change(tmp_path, capsys):
    source = pf.write_docx(next_year(), tmp_path / "2022年方案.docx")
    draft = import_plan(source)
    assert write_draft(draft, source, tmp_path / "2022") == []  # 周敏 joins the roster
    assert any("周敏" in r.line() and "只出现在附件1" in r.line() for r in draft.review)
    before = pf.write_docx(pf.plan_2021(), tmp_path / "2021年方案.docx")
    code = main(["diff", str(before), str(source), "-f", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "/tmp" not in captured.err and "cwm-import-" not in captured.err
    changes = json.loads(captured.out)
    said = {(c["id"], c["field"]) for c in changes}
    assert ("III-7-3-1", "contacts") in {(i, f.split("[")[0].split(".")[0]) for i, f in said}
    assert any(i == "III-7-3-1" and "collection" in f for i, f in said), said
    assert any(i == "III-8-1-3" and "words" in f for i, f in said), said
    assert {i for i, _ in said} <= {"III-7-3-1", "III-8-1-3"}, said
