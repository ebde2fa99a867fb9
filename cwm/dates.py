"""Dates in every form people write them: one parser for the command line (``--date``) and
for photo captions. ``2021-06-20``, ``2021-6-20``, ``2021/6/20``, ``2021.6.20``, ``20210620``,
``2021年6月20日``, ``二〇二一年六月二十日`` (full-width digits too; an Excel cell may add a time of
day, a ledger a weekday: ``2021年6月20日（周日）``); with the year known from the plan: ``6月20日``,
``6.20``, ``6/20``. ``parse_month`` reads a month alone (``2021年6月``)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_FORMS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"),
)
_YEARLESS = (
    re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日?"),
    re.compile(r"(\d{1,2})[./](\d{1,2})"),
)
_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?")
_NOTE = re.compile(
    r"\s|[（(【\[]|[至到~～—–-]|[,，、;；]|周|星期|礼拜|上午|下午|中午|晚上|早上|全天|前后|左右"
    r"|\d{1,2}\s*[:：时点]"
)
"""What may follow a date in a table cell or a caption: a weekday ``（周六）``, a time of day
``上午``/``9时``, a range ``至5月9日`` (the first day counts), a second date after ``、``. Anything
else (``2021-06-2O``, a letter O typed for a zero) makes no date, rather than another day."""
FORMS_TEXT = "2021-06-20、2021-6-20、2021/6/20、2021.6.20、20210620 或 2021年6月20日"

_CN_DIGITS = {c: n for n, c in enumerate("〇一二三四五六七八九")} | {
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "两": 2,
}


def chinese_number(text: str) -> int:
    """A number as Chinese writes it: ``二〇二一`` -> 2021 (digit by digit, as years are
    written); ``二十一`` -> 21, ``十二`` -> 12, ``一百二十`` -> 120; ``12`` as it is."""
    if text.isdigit():
        return int(text)
    if "十" not in text and "百" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, current = 0, 0
    for char in text:
        if char in "十百":
            total += (current or 1) * (10 if char == "十" else 100)
            current = 0
        else:
            current = _CN_DIGITS[char]
    return total + current


_CN_PLACES = {"十": 10, "百": 100, "千": 1000}


def chinese_count(text: str) -> int | None:
    """A count in Chinese numerals, read strictly: ``八十六`` -> 86, ``十二`` -> 12, ``一千零五``
    -> 1005, ``两千三百`` -> 2300; None for what is no single number (``二三十`` is an
    approximation, ``十十`` and ``十一十`` slips, ``千万`` a word). Dates' numerals are
    ``chinese_number``'s."""
    total, digit, seen, last = 0, None, False, 10_000
    for char in text:
        value = _CN_DIGITS.get(char)
        if value == 0:  # 一千零五: a place left empty
            seen = True
        elif value is not None:
            if digit is not None:  # two digits in a row: 二三十, 一一
                return None
            digit, seen = value, True
        elif char in _CN_PLACES:
            place = _CN_PLACES[char]
            if digit is None and (seen or char != "十"):  # only 十 may lead: 十六
                return None
            if place >= last:  # places go down: 一千二百, never 十一十
                return None
            total += (1 if digit is None else digit) * place
            digit, seen, last = None, True, place
        else:
            return None
    if digit is not None:
        total += digit
    return total if seen else None


def _arabic(text: str) -> str:
    """Chinese numerals before 年, 月 and 日 as digits: 二〇二一年四月四日 -> 2021年4月4日."""
    numerals = r"([〇○零一二三四五六七八九十]+)(?=\s*[年月日号])"
    return re.sub(numerals, lambda m: str(chinese_number(m.group(1))), text)


def parse_date(text: str, year: int | None = None) -> dt.date | None:
    """The date ``text`` writes, or None (also for a day that does not exist: 2021-02-30).
    With ``year`` (the plan's), a date written without one (6月20日, 6.20) is of that year."""
    value = _arabic(unicodedata.normalize("NFKC", text).strip())
    forms = [(form, False) for form in _FORMS] + [(form, True) for form in _YEARLESS]
    for form, yearless in forms:
        if yearless and year is None:
            break
        match = form.fullmatch(value) or form.match(value)
        if match and (match.end() == len(value) or _NOTE.match(value, match.end())):
            numbers = [int(g) for g in match.groups()]
            try:
                return dt.date(year, *numbers) if yearless else dt.date(*numbers)  # type: ignore[arg-type]  # a regex's digits, three numbers
            except ValueError:
                return None
    return None


_MONTH_PART = re.compile(
    r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(底|末|上旬|中旬|下旬)?\s*(?:之?前)?"
)
_PART_END = {"上旬": 10, "中旬": 20}
"""The last day of a part of a month (下旬, 底, 末 and the month alone end with the month)."""


def parse_deadline(text: str, year: int | None = None) -> dt.date | None:
    """A deadline as people write one: a date (``parse_date``), or a month or a part of it —
    ``5月底``, ``2021年6月中旬前``, ``6月`` — as its last day (the plan's ``year`` where none is
    written)."""
    import calendar

    day = parse_date(text, year)
    if day is not None:
        return day
    match = _MONTH_PART.fullmatch(_arabic(unicodedata.normalize("NFKC", text).strip()))
    if not match or not (match.group(1) or year) or not 1 <= int(match.group(2)) <= 12:
        return None
    y, m = int(match.group(1) or year), int(match.group(2))  # type: ignore[arg-type]  # group(1) may be None: the year given instead
    return dt.date(y, m, _PART_END.get(match.group(3) or "", calendar.monthrange(y, m)[1]))


def parse_month(text: str) -> tuple[int, int] | None:
    """(year, month) of a month written alone: ``2021年6月``, ``二〇二一年六月``."""
    match = _MONTH.fullmatch(_arabic(unicodedata.normalize("NFKC", text).strip()))
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return int(match.group(1)), int(match.group(2))


def year_written(text: str, year: int) -> bool:
    """Whether ``text`` names ``year``: 2021 or 二〇二一 (二零二一)."""
    chinese = "".join("〇一二三四五六七八九"[int(d)] for d in str(year))
    return str(year) in text or chinese in text or chinese.replace("〇", "零") in text


_ANYWHERE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|(?<!\d)\d{8}(?!\d)|\d{1,2}\s*月\s*\d{1,2}\s*日"
)


def find_date(text: str, year: int | None = None) -> dt.date | None:
    """The first date written anywhere in ``text`` (a file name ``2021-05-12_入户宣传``, a title
    ``自查表（2021年5月10日）``, a camera's ``IMG_20210512_093102``), or None."""
    for match in _ANYWHERE.finditer(_arabic(unicodedata.normalize("NFKC", text))):
        day = parse_date(match.group(0), year)
        if day is not None:
            return day
    return None
