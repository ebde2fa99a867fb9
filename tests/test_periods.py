"""Periods and festival dates."""

from __future__ import annotations

import datetime as dt

import pytest

from cwm.errors import UsageError
from cwm.periods import Period, festivals_in

# Festival dates 2021–2030 as published in the Chinese almanac
# (中国农历 / 香港天文台公历农历对照表).
PUBLISHED = {
    2021: ["02-12", "02-26", "04-04", "06-14", "08-14", "09-21", "10-14"],
    2022: ["02-01", "02-15", "04-05", "06-03", "08-04", "09-10", "10-04"],
    2023: ["01-22", "02-05", "04-05", "06-22", "08-22", "09-29", "10-23"],
    2024: ["02-10", "02-24", "04-04", "06-10", "08-10", "09-17", "10-11"],
    2025: ["01-29", "02-12", "04-04", "05-31", "08-29", "10-06", "10-29"],
    2026: ["02-17", "03-03", "04-05", "06-19", "08-19", "09-25", "10-18"],
    2027: ["02-06", "02-20", "04-05", "06-09", "08-08", "09-15", "10-08"],
    2028: ["01-26", "02-09", "04-04", "05-28", "08-26", "10-03", "10-26"],
    2029: ["02-13", "02-27", "04-04", "06-16", "08-16", "09-22", "10-16"],
    2030: ["02-03", "02-17", "04-05", "06-05", "08-05", "09-12", "10-05"],
}
NAMES = ["春节", "元宵节", "清明节", "端午节", "七夕节", "中秋节", "重阳节"]


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_festival_dates_match_the_published_table(year):
    found = {f.name: f.date for f in festivals_in(Period(year, "year"))}
    expected = {
        name: dt.date.fromisoformat(f"{year}-{mmdd}") for name, mmdd in zip(NAMES, PUBLISHED[year])
    }
    assert found == expected


def test_hko_decides_where_libraries_disagree():
    """HKO: the new moon of 28 Sep 2057 (minutes before midnight) starts the 9th lunar month."""
    found = {f.name: f.date for f in festivals_in(Period(2057, "year"))}
    assert found["重阳节"] == dt.date(2057, 10, 6)


def test_every_year_1901_to_2099_is_plausible():
    for year in range(1901, 2100):
        found = {f.name: f.date for f in festivals_in(Period(year, "year"))}
        assert list(found) == NAMES, year
        assert found["元宵节"] - found["春节"] == dt.timedelta(days=14)
        assert dt.date(year, 1, 21) <= found["春节"] <= dt.date(year, 2, 20)
        assert dt.date(year, 4, 4) <= found["清明节"] <= dt.date(year, 4, 6)
        assert dt.date(year, 9, 7) <= found["中秋节"] <= dt.date(year, 10, 8)


def test_table_agrees_with_the_calendar_library():
    """The shipped table is what lunar_python computes (tools/gen_festivals.py), but for the
    cases decided by GB/T 33661-2017."""
    lunar = pytest.importorskip("lunar_python")
    hko = {(2057, "重阳节")}
    lunar_dates = {
        "春节": (1, 1),
        "元宵节": (1, 15),
        "端午节": (5, 5),
        "七夕节": (7, 7),
        "中秋节": (8, 15),
        "重阳节": (9, 9),
    }
    for year in range(1901, 2100, 7):
        found = {f.name: f.date for f in festivals_in(Period(year, "year"))}
        for name, (month, day) in lunar_dates.items():
            solar = lunar.Lunar.fromYmd(year, month, day).getSolar()
            if (year, name) not in hko:
                assert found[name] == dt.date(solar.getYear(), solar.getMonth(), solar.getDay()), (
                    year,
                    name,
                )
        qingming = lunar.Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
        assert found["清明节"] == dt.date(
            qingming.getYear(), qingming.getMonth(), qingming.getDay()
        )


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2021", "2021", "2021-01-01", "2021-12-31"),
        ("2021H1", "2021H1", "2021-01-01", "2021-06-30"),
        ("2021h2", "2021H2", "2021-07-01", "2021-12-31"),
        ("2021Q2", "2021Q2", "2021-04-01", "2021-06-30"),
        ("２０２１Ｑ４", "2021Q4", "2021-10-01", "2021-12-31"),
        ("2021-02", "2021-02", "2021-02-01", "2021-02-28"),
        ("2024-2", "2024-02", "2024-02-01", "2024-02-29"),
    ],
)
def test_parse_period(text, label, start, end):
    period = Period.parse(text)
    assert (period.label, period.start.isoformat(), period.end.isoformat()) == (label, start, end)


@pytest.mark.parametrize("text", ["2021Q5", "2021H3", "2021-13", "21Q1", "2100", "Q1", ""])
def test_bad_period_shows_the_accepted_forms(text):
    with pytest.raises(UsageError) as info:
        Period.parse(text)
    assert "2021Q1" in info.value.message and "2021H1" in info.value.message


def test_around_and_chinese_names():
    day = dt.date(2021, 8, 15)
    assert Period.around("quarter", day).chinese == "2021年第三季度"
    assert Period.around("half", day).chinese == "2021年下半年"
    assert Period.around("month", day).chinese == "2021年8月"
    assert Period.around("year", day).chinese == "2021年"
    assert [p.label for p in Period(2021, "half", 1).subperiods("quarter")] == ["2021Q1", "2021Q2"]


def test_1978_mid_autumn_follows_the_national_standard():
    """GB/T 33661-2017 (Purple Mountain Observatory, Beijing time): 8th month of 1978 begins
    3 September, so 中秋 is 17 September (the Hong Kong almanac says 16 September)."""
    found = {f.name: f.date for f in festivals_in(Period(1978, "year"))}
    assert found["中秋节"] == dt.date(1978, 9, 17)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("2021年第一季度", "2021Q1"),
        ("第二季度", "2021Q2"),
        ("二季度", "2021Q2"),
        ("Q3", "2021Q3"),
        ("4-6月", "2021Q2"),
        ("10-12月", "2021Q4"),
        ("上半年", "2021H1"),
        ("2021年5月", "2021-05"),
    ],
)
def test_period_folders_as_offices_name_them(name, label):
    from cwm.periods import folder_period

    assert folder_period(name, 2021).label == label


@pytest.mark.parametrize("name", ["照片", "清明节", "III-7-3-1 村规民约", "养老服务科", "参考资料"])
def test_other_folders_are_no_period(name):
    from cwm.periods import folder_period

    assert folder_period(name, 2021) is None
