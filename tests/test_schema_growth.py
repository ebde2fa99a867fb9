"""What the data can say since plans of other years and bureaus came in: 不少于N字, N至M张, monthly
and yearly collection, deadlines from the body — validated, and honoured by due, check and the
labels the checklists print."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cwm import labels
from cwm.cli import main
from cwm.evidence.rules.reports import judge_words
from cwm.periods import Period
from cwm.plan.loader import load_plan
from cwm.plan.models import DeadlineRule, WordTarget
from cwm.schedule.cadence import deadline_of

from .builders import build_tree, docx_bytes, han_text, jpeg_bytes, result_of, run_check


def test_at_least_words_is_judged_and_said():
    target = WordTarget(at_least=800)
    bands = load_plan().tasks.rules.word_bands
    assert labels.words(target) == "不少于800字"
    assert judge_words(900, target, bands) is None
    code, message = judge_words(700, target, bands)
    assert code == "words-off" and "少于要求的 不少于800字" in message


def test_a_word_target_must_say_one_thing(edit, capsys):
    data = edit("tasks.yaml", "words: {about: 600}", "words: {about: 600, at_least: 500}")
    assert main(["--data", str(data), "validate"]) == 2
    assert "at_least（不少于N字）之一" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("rule", "period", "day"),
    [
        (DeadlineRule(), "2022Q1", "2022-03-31"),
        (DeadlineRule(rule="last_month_day", day=20), "2022Q1", "2022-03-20"),
        (DeadlineRule(rule="last_month_day", day=31), "2022Q2", "2022-06-30"),
        (DeadlineRule(rule="next_month_day", day=5), "2022Q4", "2023-01-05"),
        (DeadlineRule(rule="next_month_day", day=5, offset_days=-1), "2022H1", "2022-07-04"),
    ],
)
def test_deadline_rules_from_a_plans_body(rule, period, day):
    assert deadline_of(rule, Period.parse(period)).isoformat() == day


def test_monthly_and_yearly_collection_are_due_in_their_periods(edit, capsys):
    data = edit(
        "tasks.yaml",
        "        collection: quarterly\n    plan: 加强婚姻登记",
        "        collection: monthly\n    plan: 加强婚姻登记",
    )
    edit(
        "tasks.yaml",
        "        collection: half_yearly\n    plan: 加强图录典志",
        "        collection: yearly\n    plan: 加强图录典志",
    )
    assert main(["--data", str(data), "due", "--period", "2021-05", "-f", "json"]) == 0
    may = {i["id"]: i["due"] for i in json.loads(capsys.readouterr().out)}
    assert may.get("III-8-1-3") == "2021-05-31" and "III-10-2-1" not in may
    assert main(["--data", str(data), "due", "--period", "2021H2", "-f", "json"]) == 0
    half = {i["id"]: i for i in json.loads(capsys.readouterr().out)}
    assert half["III-10-2-1"]["due"] == "2021-12-31"
    assert len(half["III-8-1-3"]["deadlines"]) == 6  # one a month
    assert labels.COLLECTION["monthly"] == "每月收集"


def test_a_photo_range_warns_above_its_top(edit, tmp_path):
    data = edit(
        "tasks.yaml",
        "          - type: photos\n            count: 5\n",
        "          - type: photos\n            count: 3\n            count_max: 4\n",
    )
    plan = load_plan(data, use_cache=False)
    photo = next(m for _, i in plan.tasks.items() if i.id == "III-27-3-2" for m in i.materials)
    assert labels.material(photo).startswith("图片资料：3至4张")
    day = dt.date(2021, 5, 1)
    build_tree(
        tmp_path / "材料",
        {f"III-27-3-2/小区{n}_日间照料.jpg": jpeg_bytes(day, seed=n) for n in range(1, 7)},
    )
    result = result_of(run_check(plan, tmp_path / "材料", "III-27-3-2"), "III-27-3-2")
    over = [f for f in result.findings if f.code == "photo-count-over"]
    assert over and "超过要求的 3至4张" in over[0].message and result.status == "warn"


def test_a_plan_without_plan_columns_is_valid(edit, capsys):
    data = edit(
        "tasks.yaml",
        "    plan: 加强婚姻登记机关在婚姻登记办理前对婚姻观的辅导教育\n    planned_time: 长期\n",
        "",
    )
    assert main(["--data", str(data), "validate"]) == 0
    capsys.readouterr()
    assert main(["--data", str(data), "duties", "社会事务", "-f", "json"]) == 0
    row = next(d for d in json.loads(capsys.readouterr().out) if d["id"] == "III-8-1-3")
    assert row["plan"] is None


def test_a_report_of_at_least_n_words_in_a_folder(edit, tmp_path):
    data = edit("tasks.yaml", "words: {about: 600}", "words: {at_least: 600}")
    plan = load_plan(data, use_cache=False)
    build_tree(tmp_path, {"III-8-1-3/说明报告.docx": docx_bytes("2021年" + han_text(700))})
    assert result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3").status in ("pass", "warn")
    build_tree(tmp_path, {"III-8-1-3/说明报告.docx": docx_bytes("2021年" + han_text(500))})
    found = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    assert [f.code for f in found.findings if f.code.startswith("words")] == ["words-off"]


def test_an_old_plan_says_how_to_bring_in_this_years(capsys):
    assert main(["due", "--period", "2026Q4"]) == 0
    err = capsys.readouterr().err
    assert "所用的是 2021 年的方案" in err and "cwm import 2026年方案.docx -o 2026/" in err
    assert "整理 2021 年的材料：加 --period 2021Q4" in err  # both ways out
    assert err.rstrip().endswith("（见 README“换一年的方案”）。")  # said last: on the screen
