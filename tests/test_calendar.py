"""`cwm due -f ics`: the deadlines in the office's calendar, read back by a real iCalendar parser
(icalendar)."""

from __future__ import annotations

import datetime as dt

import pytest

from cwm.cli import main

icalendar = pytest.importorskip("icalendar")


def calendar_of(path):
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_a_sections_year_of_deadlines(tmp_path, capsys):
    out = tmp_path / "创文截止日期.ics"
    assert main(["due", "--period", "2021", "--dept", "养老", "-f", "ics", "-o", str(out)]) == 0
    assert "6 个截止日期" in capsys.readouterr().err
    cal = calendar_of(out)
    assert cal["METHOD"] == "PUBLISH" and "养老服务科" in str(cal["X-WR-CALNAME"])
    events = list(cal.walk("VEVENT"))
    days = sorted((str(e["UID"]), e["DTSTART"].dt) for e in events)
    assert days[:2] == [
        ("III-27-3-1-2021H1@cwm", dt.date(2021, 6, 30)),
        ("III-27-3-1-2021H2@cwm", dt.date(2021, 12, 31)),
    ]
    first = events[0]
    assert isinstance(first["DTSTART"].dt, dt.date) and not isinstance(
        first["DTSTART"].dt, dt.datetime
    )
    text = str(first["DESCRIPTION"])
    assert "责任单位：养老服务科" in text and "曾平 13882985000" in text and "800字左右" in text
    assert [a["TRIGGER"].dt for a in cal.walk("VALARM")] == [dt.timedelta(days=-3)] * 6


def test_lines_are_crlf_and_folded_at_75_octets(tmp_path):
    out = tmp_path / "全部.ics"
    assert main(["due", "--period", "2021", "-f", "ics", "-o", str(out), "--remind", "7"]) == 0
    raw = out.read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    raw.decode("utf-8")  # folding never splits a character
    cal = calendar_of(out)
    assert {a["TRIGGER"].dt for a in cal.walk("VALARM")} == {dt.timedelta(days=-7)}
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_the_same_period_gives_the_same_uids(tmp_path):
    one, two = tmp_path / "1.ics", tmp_path / "2.ics"
    main(["due", "--period", "2021Q2", "-f", "ics", "-o", str(one)])
    main(["due", "--period", "2021Q2", "-f", "ics", "-o", str(two), "--date", "2021-05-01"])
    uids = [sorted(str(e["UID"]) for e in calendar_of(p).walk("VEVENT")) for p in (one, two)]
    assert uids[0] == uids[1] and uids[0]


def test_ics_needs_a_file(capsys):
    assert main(["due", "-f", "ics"]) == 2
    assert "-o" in capsys.readouterr().err
