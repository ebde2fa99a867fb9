"""One schedule: cwm due, the .ics calendar, cwm init's 要求.txt, the checklist, cwm check and
cwm report are asked about the same items under a deadline rule other than the default (次月5日,
as some plans set it) and give the same days — they all take them from cwm.schedule.cadence."""

from __future__ import annotations

import json
import re

import pytest

from cwm.cli import main

icalendar = pytest.importorskip("icalendar")

ITEM = "III-8-1-3"  # 季度收集


@pytest.fixture()
def next_month_fifth(edit):
    return edit("tasks.yaml", "    rule: period_end\n", "    rule: next_month_day\n    day: 5\n")


def test_every_command_gives_the_same_deadlines(next_month_fifth, tmp_path, capsys):
    data = str(next_month_fifth)

    assert main(["--data", data, "due", "--period", "2021", "-f", "json"]) == 0
    listed = {i["id"]: i for i in json.loads(capsys.readouterr().out)}
    due_days = sorted(d["due"] for d in listed[ITEM]["deadlines"])
    # Q4 2020 closes on 2021-01-05; Q4 2021 on 2022-01-05, outside the year
    assert due_days == ["2021-01-05", "2021-04-05", "2021-07-05", "2021-10-05"]

    calendar = tmp_path / "截止日期.ics"
    assert main(["--data", data, "due", "--period", "2021", "-f", "ics", "-o", str(calendar)]) == 0
    capsys.readouterr()
    events = icalendar.Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")
    ics_days = sorted(
        e["DTSTART"].dt.isoformat() for e in events if str(e["UID"]).startswith(ITEM + "-")
    )
    assert ics_days == due_days

    root = tmp_path / "材料"
    assert main(["--data", data, "init", str(root)]) == 0
    capsys.readouterr()
    note = next(root.rglob(f"{ITEM} */要求.txt")).read_text(encoding="utf-8-sig")
    assert "收集周期结束后次月5日" in note and "收集周期的最后一天" not in note
    assert re.findall(r"\d{4}-\d{2}-\d{2}", note.split("截止日期", 1)[1]) == due_days

    assert main(["--data", data, "checklist", "--period", "2021Q3", "-f", "md"]) == 0
    sheet = capsys.readouterr().out
    block = sheet.split(f"### {ITEM}", 1)[1].split("###", 1)[0]
    assert "截止日期：2021-07-05" in block  # Q2's materials, due in Q3

    assert main(["--data", data, "due", "--period", "2021Q3", "-f", "json"]) == 0
    due_q3 = {i["id"] for i in json.loads(capsys.readouterr().out) if i["source"] == "tasks"}
    assert main(["--data", data, "check", str(root), "--period", "2021Q3", "-f", "json"]) == 1
    checked = {r["id"] for r in json.loads(capsys.readouterr().out)["requirements"]}
    assert {i for i in checked if not i.startswith(("S-", "L-", "PUB-"))} == due_q3
    out = tmp_path / "报告"
    assert main(["--data", data, "report", str(root), "--period", "2021Q3", "-o", str(out)]) == 1
    capsys.readouterr()
    report = json.loads(next(out.rglob("*.json")).read_text(encoding="utf-8"))
    reported = {r["id"] for r in report["requirements"]}
    assert {i for i in reported if not i.startswith(("S-", "L-", "PUB-"))} == due_q3
