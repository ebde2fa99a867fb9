"""`due`: what falls due in a period, by collection cadence, festivals and liaison cadence."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from typer.testing import CliRunner

from cwm.cli import app
from cwm.periods import Period
from cwm.schedule.due import due

from .test_data_fidelity import EXPECTED_IDS

QUARTERLY = ["III-10-1-1", "III-7-3-1", "III-70-2-1", "III-8-1-3"]
runner = CliRunner()


def task_ids(items):
    return sorted(i.duty.id for i in items if i.duty.source == "tasks")


def liaison_ids(items):
    return sorted(i.duty.id for i in items if i.duty.source == "liaison")


def at(plan, label, today="2021-01-01", target=None):
    return due(plan, Period.parse(label), dt.date.fromisoformat(today), target)


@pytest.mark.parametrize("label", ["2021Q1", "2021Q3"])
def test_odd_quarters_list_only_the_quarterly_items(plan, label):
    items = at(plan, label)
    assert task_ids(items) == sorted(QUARTERLY)
    mixed = next(i for i in items if i.duty.id == "III-70-2-1")
    assert [m.type for m in mixed.materials] == ["photos"]  # the report is half-yearly


@pytest.mark.parametrize(
    "label", ["2021Q2", "2021Q4", "2021H1", "2021H2", "2021", "2021-06", "2021-12"]
)
def test_half_year_ends_list_all_21_items_once(plan, label):
    items = at(plan, label)
    assert task_ids(items) == sorted(EXPECTED_IDS)
    mixed = next(i for i in items if i.duty.id == "III-70-2-1")
    assert sorted(m.type for m in mixed.materials) == ["photos", "report"]


@pytest.mark.parametrize("label", ["2021-03", "2021-09"])
def test_quarter_end_months_list_the_quarterly_items(plan, label):
    assert task_ids(at(plan, label)) == sorted(QUARTERLY)


def test_a_plain_month_lists_no_materials_but_its_festivals_and_the_monthly_liaison(plan):
    items = at(plan, "2021-05")
    assert task_ids(items) == [] and liaison_ids(items) == ["L-6"]
    items = at(plan, "2021-04")
    [festival_item] = [i for i in items if i.duty.source == "tasks"]
    assert festival_item.duty.id == "III-10-1-1"
    assert [(f.name, f.date, required) for f, required in festival_item.festivals] == [
        ("清明节", dt.date(2021, 4, 4), True)
    ]
    assert festival_item.due == dt.date(2021, 6, 30)  # collected with the quarter


def test_due_dates_and_periods(plan):
    items = {i.duty.id: i for i in at(plan, "2021H1", today="2021-02-01")}
    quarterly = items["III-8-1-3"]
    assert [(d.period.label, d.due.isoformat()) for d in quarterly.deadlines] == [
        ("2021Q1", "2021-03-31"),
        ("2021Q2", "2021-06-30"),
    ]
    assert (quarterly.due.isoformat(), quarterly.period.label, quarterly.overdue) == (
        "2021-03-31",
        "2021Q1",
        False,
    )
    half = items["III-27-3-1"]
    assert (half.due.isoformat(), half.period.label) == ("2021-06-30", "2021H1")


def test_overdue_when_the_reference_day_is_past(plan):
    items = {i.duty.id: i for i in at(plan, "2021Q1", today="2021-04-02")}
    assert items["III-8-1-3"].overdue and items["III-8-1-3"].due == dt.date(2021, 3, 31)
    items = {i.duty.id: i for i in at(plan, "2021Q1", today="2021-03-31")}
    assert not items["III-8-1-3"].overdue


def test_festivals_by_quarter_with_required_flag(plan):
    def festivals(label):
        item = next(i for i in at(plan, label) if i.duty.id == "III-10-1-1")
        return [(f.name, f.date.isoformat(), req) for f, req in item.festivals]

    assert festivals("2021Q1") == [("春节", "2021-02-12", False), ("元宵节", "2021-02-26", False)]
    assert festivals("2021Q2") == [("清明节", "2021-04-04", True), ("端午节", "2021-06-14", False)]
    assert festivals("2021Q3") == [("七夕节", "2021-08-14", False), ("中秋节", "2021-09-21", False)]
    assert festivals("2021Q4") == [("重阳节", "2021-10-14", False)]
    assert festivals("2023Q1")[0] == ("春节", "2023-01-22", False)


def test_liaison_in_september_june_august_and_december(plan):
    september = {i.duty.id: i for i in at(plan, "2021-09") if i.duty.source == "liaison"}
    assert sorted(september) == ["L-4", "L-6"]
    assert september["L-4"].due == dt.date(2021, 9, 30)  # 10月前
    assert [t.percent for t in september["L-4"].duty.record.targets] == [98, 95]
    assert september["L-6"].count == 2
    assert liaison_ids(at(plan, "2021-06")) == ["L-6", "L-7"]  # the half-year visit
    august = {i.duty.id: i for i in at(plan, "2021-08")}
    assert august["L-2"].due == dt.date(2021, 8, 31)  # 9月前
    assert liaison_ids(at(plan, "2021-12")) == ["L-3", "L-6", "L-7", "L-8"]
    quarter = {i.duty.id: i for i in at(plan, "2021Q3")}
    assert quarter["L-6"].count == 6  # 每月2次 × 3 months
    assert at(plan, "2021")[0] is not None and {i.duty.id for i in at(plan, "2021")} >= {
        "L-2",
        "L-3",
        "L-4",
        "L-6",
        "L-7",
        "L-8",
    }


def test_standing_duties_are_not_listed(plan):
    sources = {i.duty.source for i in at(plan, "2021")}
    assert sources == {"tasks", "liaison"}
    assert "L-1" not in {i.duty.id for i in at(plan, "2021")}  # 常态化


def test_dept_filter(plan):
    target = plan.directory.resolve("养老")
    assert task_ids(at(plan, "2021Q2", target=target)) == ["III-27-3-1", "III-27-3-2", "III-27-3-3"]
    assert task_ids(at(plan, "2021Q1", target=target)) == []
    person = plan.directory.resolve("曾平")
    assert "III-48-1-3" in task_ids(at(plan, "2021Q2", target=person))


def test_deadline_rule_from_the_data(edit):
    from cwm.plan.loader import load_plan

    data = edit("tasks.yaml", "    offset_days: 0", "    offset_days: -5")
    plan = load_plan(data)
    items = {i.duty.id: i for i in due(plan, Period.parse("2021Q1"), dt.date(2021, 1, 1))}
    assert items["III-8-1-3"].due == dt.date(2021, 3, 26)
    assert items["L-6"].due == dt.date(2021, 1, 26)  # the same rule for the monthly liaison


# --- CLI -------------------------------------------------------------------------------------


def run(*args):
    return runner.invoke(app, list(args))


def test_cli_json_fields():
    result = run("due", "--period", "2021Q3", "--date", "2021-07-01", "--format", "json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    for item in items:
        assert {"id", "source", "departments", "title", "due", "period"} <= set(item)
    festival = next(i for i in items if i["id"] == "III-10-1-1")
    assert festival["festivals"] == [
        {"name": "七夕节", "date": "2021-08-14", "required": False},
        {"name": "中秋节", "date": "2021-09-21", "required": False},
    ]
    assert festival["period"] == "2021Q3" and festival["due"] == "2021-09-30"
    assert festival["materials"][0]["type"] == "photos"
    mixed = next(i for i in items if i["id"] == "III-70-2-1")
    assert [m["type"] for m in mixed["materials"]] == ["photos"]
    dues = [i["due"] for i in items]
    assert dues == sorted(dues)


def test_cli_period_lengths_around_a_date():
    def ids(*args):
        return {i["id"] for i in json.loads(run("due", *args, "-f", "json").stdout)}

    assert ids("--date", "2021-02-10") == ids("--period", "2021Q1")
    assert ids("--half", "--date", "2021-02-10") == ids("--period", "2021H1")
    assert ids("--month", "--date", "2021-09-10") == ids("--period", "2021-09")
    assert ids("--year", "--date", "2021-09-10") == ids("--period", "2021")


def test_cli_table_groups_by_unit_and_marks_overdue():
    result = run("due", "--period", "2021Q1", "--date", "2021-04-10")
    assert result.exit_code == 0
    text = result.stdout
    assert "社会事务与儿童保障科（2 项）" in text and "基层政权建设与社区治理科（1 项）" in text
    assert (
        "2021-03-31  已逾期  III-8-1-3  青年婚恋观、家庭观教育" in text
        and "王慧文 15983230003" in text
    )
    assert "春节 2月12日（择优报送）" in text
    assert "\x1b[" not in text


def test_cli_csv_and_md():
    result = run(
        "due", "--period", "2021Q2", "--date", "2021-07-02", "--dept", "养老服务科", "-f", "csv"
    )
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.stdout[1:])))
    assert rows[0][:4] == ["责任单位", "截止日期", "逾期", "编号"]
    assert [(r[1], r[2], r[3]) for r in rows[1:]] == [
        ("2021-06-30", "已逾期", "III-27-3-1"),
        ("2021-06-30", "已逾期", "III-27-3-2"),
        ("2021-06-30", "已逾期", "III-27-3-3"),
    ]
    md = run(
        "due", "--period", "2021Q2", "--date", "2021-06-01", "--dept", "养老服务科", "-f", "md"
    ).stdout
    assert "## 养老服务科（3 项）" in md and "| 2021-06-30 |  | III-27-3-2 |" in md


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2021Q5"], "2021Q1…2021Q4"),
        (["--date", "2021-02-30"], "无法识别的日期“2021-02-30”"),  # 2021/06/01 is read (issue 15)
        (["--half", "--month"], "只能选一个"),
        (["--period", "2021Q1", "--year"], "--period"),
        (["--dept", "福利"], "请写得更具体"),
    ],
)
def test_cli_bad_values_exit_2(args, message):
    result = run("due", *args)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output


def test_due_does_not_import_heavy_libraries():
    """`cwm due` answers at once: no evidence readers, image, template, YAML or Pydantic imports."""
    import subprocess
    import sys

    code = (
        "import sys; from cwm.cli import main; main(['due', '--period', '2021Q2', '-f', 'json']);"
        "heavy = ('PIL', 'jinja2', 'pydantic', 'yaml', 'rich', 'cwm.evidence',"
        " 'openpyxl', 'pypdfium2');"
        "bad = [m for m in heavy if m in sys.modules];"
        "print('HEAVY', bad, file=sys.stderr)"
    )
    subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True
    )  # warms the plan cache
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in result.stderr
