"""Periods (year, half-year, quarter, month) and the festivals that fall in them.

``Period.parse("2021Q2")``, ``Period.around("quarter", day)``; festival dates come from the
generated ``festival_table`` (1901–2099), so no calendar library is imported at run time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator, Literal

from cwm.errors import UsageError

Kind = Literal["year", "half", "quarter", "month"]
_MONTHS: dict[Kind, int] = {"year": 12, "half": 6, "quarter": 3, "month": 1}
_CN_NUMBER = "一二三四"

PERIOD_FORMS = (
    "2021 或 2021年（全年）、2021H1 或 2021年上半年（半年）、"
    "2021Q1…2021Q4 或 2021年第二季度（季度）、2021-05 或 2021年5月（月）"
)


@dataclass(frozen=True)
class Period:
    """A calendar period: ``index`` is 1 for a year, 1–2 halves, 1–4 quarters, 1–12 months."""

    year: int
    kind: Kind
    index: int = 1

    @property
    def first_month(self) -> int:
        return (self.index - 1) * _MONTHS[self.kind] + 1

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        after = self.first_month + _MONTHS[self.kind]  # the first month after the period
        first_after = dt.date(self.year + (after > 12), (after - 1) % 12 + 1, 1)
        return first_after - dt.timedelta(days=1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def label(self) -> str:
        """Machine label: ``2021``, ``2021H1``, ``2021Q2``, ``2021-05``."""
        if self.kind == "year":
            return f"{self.year}"
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        return f"{self.year}{'H' if self.kind == 'half' else 'Q'}{self.index}"

    @property
    def chinese(self) -> str:
        """``2021年``, ``2021年上半年``, ``2021年第二季度``, ``2021年5月``."""
        if self.kind == "year":
            return f"{self.year}年"
        if self.kind == "half":
            return f"{self.year}年{'上' if self.index == 1 else '下'}半年"
        if self.kind == "quarter":
            return f"{self.year}年第{_CN_NUMBER[self.index - 1]}季度"
        return f"{self.year}年{self.index}月"

    def subperiods(self, kind: Kind) -> Iterator["Period"]:
        """The periods of ``kind`` that end inside this one (e.g. the months of a quarter)."""
        per_year = 12 // _MONTHS[kind]
        for index in range(1, per_year + 1):
            candidate = Period(self.year, kind, index)
            if candidate.end in self:
                yield candidate

    @classmethod
    def around(cls, kind: Kind, day: dt.date) -> "Period":
        """The period of ``kind`` that contains ``day``."""
        return cls(day.year, kind, (day.month - 1) // _MONTHS[kind] + 1)

    @classmethod
    def parse(cls, text: str) -> "Period":
        """``2021``, ``2021H1``, ``2021Q2``, ``2021-05``, and as cwm prints them: ``2021年``,
        ``2021年上半年``, ``2021年第二季度`` (``2021年二季度``, ``2021年第2季度``), ``2021年6月``
        (case and full-width folded)."""
        import unicodedata

        value = unicodedata.normalize("NFKC", text).strip().upper().replace(" ", "")
        for number, digit in zip("一二三四", "1234"):
            value = re.sub(f"第?{number}(?=季)", digit, value)
        value = (
            re.sub(r"第(\d)(?=季)", r"\1", value).replace("上半年", "H1").replace("下半年", "H2")
        )
        patterns: list[tuple[str, Kind, int]] = [
            (r"(\d{4})年?", "year", 1),
            (r"(\d{4})年?H([12])", "half", 2),
            (r"(\d{4})(?:Q|年)([1-4])(?:季度?)?", "quarter", 4),
            (r"(\d{4})(?:-|年)(\d{1,2})月?", "month", 12),
        ]
        for pattern, kind, most in patterns:
            match = re.fullmatch(pattern, value)
            if match:
                year = int(match.group(1))
                index = int(match.group(2)) if kind != "year" else 1
                if 1 <= index <= most and 1901 <= year <= 2099:
                    return cls(year, kind, index)
        raise UsageError(
            f"无法识别的期间“{text}”。可用的写法：{PERIOD_FORMS}；年份须在 1901–2099 之间。"
        )


_MONTH_SPANS = {(1, 3): 1, (4, 6): 2, (7, 9): 3, (10, 12): 4}


def folder_period(name: str, year: int) -> Period | None:
    """The period a folder's name gives, as offices name period folders: ``2021年第一季度``,
    ``2021Q2``, ``第二季度``, ``二季度``, ``Q2``, ``4-6月``, ``上半年`` (the year, when not written,
    is ``year``); None for any other name."""
    import unicodedata

    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).upper()
    try:
        return Period.parse(value)
    except UsageError:
        pass
    spans = re.fullmatch(r"(\d{1,2})[-~至到](\d{1,2})月(?:份)?", value)
    if spans:
        quarter = _MONTH_SPANS.get((int(spans.group(1)), int(spans.group(2))))
        return Period(year, "quarter", quarter) if quarter else None
    if re.fullmatch(r"(?:第?[一二三四1-4]季度?|Q[1-4])", value):
        try:
            return Period.parse(f"{year}{value if value.startswith('Q') else '年' + value}")
        except UsageError:
            return None
    if value in ("上半年", "下半年"):
        return Period(year, "half", 1 if value == "上半年" else 2)
    return None


def overlaps(one: Period, other: Period) -> bool:
    return one.start <= other.end and other.start <= one.end


def parse_date(text: str) -> dt.date:
    """A date in any form people write (``dates.parse_date``), with a Chinese error."""
    from cwm.dates import FORMS_TEXT
    from cwm.dates import parse_date as parse

    day = parse(text)
    if day is None:
        raise UsageError(f"无法识别的日期“{text}”（或这一天不存在）。可以写成 {FORMS_TEXT}。")
    return day


@dataclass(frozen=True)
class Festival:
    name: str
    date: dt.date


def festivals_in(period: Period) -> list[Festival]:
    """The seven festivals (春节…重阳节) that fall inside ``period``, by date."""
    from cwm.periods.festival_table import DATES, FESTIVALS

    row = DATES.get(period.year)
    if row is None:
        raise UsageError(f"节日日期只覆盖 1901–2099 年，{period.year} 年不在其中。")
    out = []
    for name, mmdd in zip(FESTIVALS, row.split()):
        day = dt.date(period.year, int(mmdd[:2]), int(mmdd[2:]))
        if day in period:
            out.append(Festival(name, day))
    return out


def known_festivals() -> tuple[str, ...]:
    from cwm.periods.festival_table import FESTIVALS

    return FESTIVALS
