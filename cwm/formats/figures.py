"""Figures a document states about named things — ``注册志愿者32万人``, ``养老机构86家`` — as
name, value, the precision written and unit, for comparing a requirement's documents with each
other and with its tables (``rules/figures.py``). Extracted once, where the text is read, and
cached with it; the year named before a figure and the part of a year its sentence names
travel with it (the plan year is the checker's to apply).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

from cwm.dates import chinese_count

_DIGITS = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")
_UNIT_WORDS = "人次|平方米|元|人|名|家|个|所|户|次|项|场|处|张|份|座|支"
_TAIL = re.compile(rf"\s*(?P<scale>万|亿)?\s*(?P<unit>{_UNIT_WORDS}|%|％)")
"""A number, then what follows it: a figure is a number with a unit (two scans: a digit run is
found fast, the unit is matched where it ends — one pattern for both took 5× as long)."""
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+$")
_APPROXIMATE_BEFORE = ("约", "近", "超过", "逾", "大约", "将近", "不少于", "不低于", "上")
_APPROXIMATE_AFTER = ("余", "多", "左右", "以上", "以下", "上下")
_SCOPE = (
    "截至目前",
    "截止目前",
    "截至",
    "截止",
    "全年",
    "年内",
    "本年度",
    "全市",
    "我市",
    "本市",
    "全局",
    "我局",
    "资阳市",
    "目前",
    "现有",
    "共有",
    "拥有",
    "累计",
    "共计",
    "共",
    "已",
    "其中",
)
_LINKING = (
    "已达到",
    "达到",
    "总计",
    "合计",
    "累计",
    "共计",
    "共有",
    "已达",
    "达",
    "为",
    "共",
    "有",
    "计",
    "是",
)
_SUFFIX = ("人数", "总数", "数量", "数")
_VAGUE = frozenset(
    {"占比", "比例", "比重", "增长", "同比增长", "下降", "增幅", "总计", "合计", "资金"}
    | {"增加", "减少", "提高", "提升", "新增", "上升", "同比增加", "同比减少", "多出", "少"}
)
"""Names too vague to say two figures are about one thing (a difference — 比2020年增加8家 —
is no quantity of its own)."""
_DATE_TAIL = re.compile(r"^(?:年底|年末|年|月底|月末|月|日|号)(?:以来|底|末)?")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
_MONTH = re.compile(
    r"(?<![\d一二三四五六七八九十])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?P<end>底|末|31日|三十一日)?"
)
_WHOLE_YEAR = re.compile(
    r"(?:1|１|一)\s*月?\s*(?:[-－—~～至到]|份至)\s*(?:12|１２|十二)\s*月(?:份)?"
)
"""1-12月, 1月至12月: the whole year."""
_PART_OF_YEAR = re.compile(r"上半年|下半年|季度|[前近]\s*[\d一二三四五六七八九十]+\s*个月")
_UNITS = {"名": "人", "％": "%"}
_HAN_DIGIT = re.compile("[一二两三四五六七八九十]")
_HAN_NUMERAL = re.compile(
    "(?<![零〇一二两三四五六七八九十百千])[一二两三四五六七八九十][零〇一二两三四五六七八九十百千]+"
    f"(?=万|亿|{_UNIT_WORDS})"
)
"""Two characters at least: 一个, 三家 are words more often than counts."""
_SCALES = {"万": 1e4, "亿": 1e8}


@dataclass(frozen=True)
class Figure:
    term: str
    value: float
    step: float
    """The precision written: 10,000 for 32万, 1,000 for 30.5万, 1 for 305,123."""
    unit: str
    """人, 家, %, 元…; "" for a table cell without one."""
    written: str
    where: str
    """The sentence (or the table's row) it came from, for people."""
    years: tuple[int, ...] = ()
    """The year named last before it in its sentence (``_year_before``), if any: a figure of
    another year than the plan's is not compared."""
    part: str = ""
    """The part of a year its sentence names (``5月``, ``上半年``, ``1-6月``): a month's 12 场
    and the year's 40 场 are no disagreement, so such a figure is not compared. The year's
    end (12月底, 12月31日) is the whole year."""

    @property
    def number(self) -> tuple[float, float, str]:
        """(value, step, unit): what a comparison looks at."""
        return (self.value, self.step, self.unit)


def _strip(term: str, words: tuple[str, ...], front: bool) -> str:
    """The term without the words at its front (or end), longest listed first: each strip
    starts the list again (``累计达`` loses 达, then 累计 — not 计)."""
    changed = True
    while changed:
        changed = False
        for word in words:
            if front and term.startswith(word) and len(term) > len(word):
                term, changed = term[len(word) :], True
                break
            if not front and term.endswith(word) and len(term) > len(word):
                term, changed = term[: -len(word)], True
                break
    return term


def term_of(text: str) -> str | None:
    """The name a figure is about, from the words just before it (``全市注册志愿者人数达`` ->
    ``注册志愿者``); None for an approximate figure (``约``, ``超过``) or no name."""
    run = _HAN_RUN.search(text)
    if run is None:
        return None
    words = run.group(0)[-24:]
    if run.start() and text[run.start() - 1].isdigit():  # after a date: 2021年全市…, 6月底…
        words = _DATE_TAIL.sub("", words, count=1)
    if words.endswith(_APPROXIMATE_BEFORE):
        return None
    words = _strip(_strip(words, _LINKING, front=False), _SCOPE, front=True)
    if words.endswith(_APPROXIMATE_BEFORE):
        return None
    cumulative = "累计" in run.group(0)[-24:]
    words = _strip(words, _SUFFIX, front=False)
    if len(words) < 2 or words in _VAGUE:
        return None
    return "累计" + words if cumulative else words


def part_of_year(sentence: str) -> str:
    """The first part-of-year phrase of a sentence, "" for none or the year's end."""
    words = _PART_OF_YEAR.search(sentence)
    if words is not None:
        return words.group()
    for month in _MONTH.finditer(_WHOLE_YEAR.sub("", sentence)):
        if not (month.group(1) in ("12", "１２", "十二") and month.group("end")):
            return month.group()
    return ""


def same_unit(unit: str) -> str:
    """名 is 人, ％ is %."""
    return _UNITS.get(unit, unit)


def step(number: str, scale: float) -> float:
    """The precision a number is written to: 30.5万 -> 1,000."""
    decimals = len(number.split(".", 1)[1]) if "." in number else 0
    return scale / 10**decimals


_ENDS = "。；;！!？?\n"
_END = re.compile("[。；;！!？?\n]")
_REACH = 400
"""How far a sentence reaches on either side of its figure (a run of text without a full stop
is searched that far, not to the document's end for every figure)."""


def text_figures(text: str) -> tuple[Figure, ...]:
    """The named figures of a document's text (see ``rules/figures.py`` for what is left out),
    each with its year and part of a year. Read on the text as it is (``\\d`` takes full-width
    digits too): normalising a whole document first cost more than the rest together."""
    out = []
    for number, start, after in _numbers(text):
        tail = _TAIL.match(text, after)
        if tail is None or number is None:
            continue
        end = tail.end()
        window = max(0, start - _REACH)
        begin = max(window - 1, *(text.rfind(mark, window, start) for mark in _ENDS)) + 1
        if text[end : end + 2].startswith(_APPROXIMATE_AFTER):
            continue
        term = term_of(text[begin:start])
        if term is None:
            continue
        stop = _END.search(text, end, end + _REACH)
        sentence = text[begin : stop.start() if stop else min(len(text), end + _REACH)]
        value, precision = number
        scale = _SCALES.get(tail.group("scale") or "", 1.0)
        out.append(
            Figure(
                term,
                value * scale,
                precision * scale,
                same_unit(tail.group("unit")),
                unicodedata.normalize("NFKC", text[start:end]).replace(" ", ""),
                sentence.strip()[:60],
                _year_before(text[begin:start]),
                part_of_year(sentence),
            )
        )
    return tuple(out)


def _numbers(text: str) -> Iterator[tuple[tuple[float, float] | None, int, int]]:
    """Each number of a text as ((value, precision) or None, start, end): digit runs, then
    Chinese numerals (八十六, 三十二万, 一千二百)."""
    for digits in _DIGITS.finditer(text):
        number = unicodedata.normalize("NFKC", digits.group()).replace(",", "")
        yield (float(number), step(number, 1.0)), digits.start(), digits.end()
    if _HAN_DIGIT.search(text) is None:
        return
    for numeral in _HAN_NUMERAL.finditer(text):
        count = chinese_count(numeral.group())  # a trailing 万 is the unit's scale
        value = None if count is None else (float(count), 1.0)
        yield value, numeral.start(), numeral.end()


def _year_before(words: str) -> tuple[int, ...]:
    """The year a figure is of: the last year named before it in its sentence (``2020年全市
    80家，2021年88家`` -> 2021 for 88; ``88家，比2020年增加8家`` -> none for 88)."""
    years = [y for y in map(int, _YEAR.findall(words)) if 1900 < y < 2100]
    return (years[-1],) if years else ()


def agree(a: Figure, b: Figure) -> bool:
    """Whether two figures about one thing can be the same number as each was rounded (a
    figure without a unit, a table cell's, is also read in 万 and as a count of 万). Figures of
    different units are no figures of one thing: they agree."""
    if a.unit and b.unit and a.unit != b.unit:
        return True
    scales = (1.0,) if a.unit and b.unit else (1.0, 1e4, 1e-4)
    for scale in scales:
        tolerance = max(a.step, b.step * scale) / 2 + 1e-9
        if abs(a.value - b.value * scale) <= tolerance:
            return True
    return False


def same(a: Figure, b: Figure) -> bool:
    return agree(a, b) or agree(b, a)
