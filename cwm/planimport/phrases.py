"""The requirement sentences of a plan, turned into rules.

Each function reads one kind of phrase the plans use (“500字左右”, “不少于3张”, “注明活动时间、
主办单位、活动主题”, “每个节日提供3张”, “不少于常住人口的13%”…) and returns what it found; the
callers (``tasks``, ``sites``, ``liaison``) keep every clause no phrase explained, for a person
to read. Nothing here guesses: a phrase is read only in the forms written below.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from cwm.dates import chinese_number

HAN = "\u4e00-\u9fff"
NUMBER = r"(?:\d+|[零一二两三四五六七八九十百]+)"
OPEN, CLOSE = "（(《“‘<〈【[", "）)》”’>〉】]"


def dash(text: str) -> str:
    """Every dash a plan or a keyboard writes, as ``-``."""
    return re.sub(r"[—–－‐‑‒―─━]+", "-", text)


def squeeze(text: str) -> str:
    """A cell's text without the line breaks and spaces that only lay it out (``测评\\n项目``)."""
    return re.sub(r"\s+", "", text)


def clauses(text: str, marks: str = "，。；,;") -> list[str]:
    """``text`` split at ``marks`` outside brackets and quotes; empty parts dropped."""
    out: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in OPEN:
            depth += 1
        elif char in CLOSE and depth:
            depth -= 1
        if char in marks and depth == 0:
            out.append("".join(current))
            current = []
        else:
            current.append(char)
    out.append("".join(current))
    return [c.strip() for c in out if c.strip()]


def names(text: str) -> list[str]:
    """``A、B和C`` as names, splitting at 、 and ，outside brackets."""
    return [n for n in clauses(text, "、，,；;") if n]


# --- word targets ---------------------------------------------------------------------------

_WORDS = [
    (re.compile(r"控制在\s*(\d+)\s*字以内"), "at_most"),
    (re.compile(r"不(?:超过|多于)\s*(\d+)\s*字"), "at_most"),
    (re.compile(r"(\d+)\s*字以内"), "at_most"),
    (re.compile(r"(\d+)\s*字以下"), "at_most"),
    (re.compile(r"(?:不少于|不低于|至少)\s*(\d+)\s*字"), "at_least"),
    (re.compile(r"字数(?:不少于|不低于|在)\s*(\d+)\s*字?(?:以上)?"), "at_least"),
    (re.compile(r"(\d+)\s*字(?:及)?以上"), "at_least"),
    (re.compile(r"约\s*(\d+)\s*字"), "about"),
    (re.compile(r"(\d+)\s*字左右"), "about"),
]


def word_target(text: str) -> dict[str, int] | None:
    """``{"about": 500}`` for 500字左右 / 约500字, ``{"at_most": 800}`` for 800字以内 /
    控制在800字以内 / 不超过800字, ``{"at_least": 800}`` for 不少于800字 / 800字以上."""
    for pattern, kind in _WORDS:
        match = pattern.search(text)
        if match:
            return {kind: int(match.group(1))}
    return None


def strip_word_target(text: str) -> str:
    for pattern, _ in _WORDS:
        text = pattern.sub("", text)
    return re.sub(r"的(?=说明报告|综述)", "", text)


# --- the unit a clause is about --------------------------------------------------------------

_SUBJECT = re.compile(
    rf"^(?:由)?([{HAN}（）()]{{2,16}}?(?:局|委|办|院|站|会|部|联|中心|政府|单位|科|厅))"
    r"(?=按职能职责|分别|汇总|负责|提供|形成|[:：])"
)


def subject(clause: str) -> str | None:
    """The unit a clause names as its subject: ``市残联提供…`` → 市残联."""
    match = _SUBJECT.search(clause.strip())
    return match.group(1) if match else None


GENERIC_UNITS = ("各单位", "各责任单位", "各负责人单位", "各牵头单位", "各成员单位")


def one_deletion_away(short: str, long: str) -> bool:
    return len(long) == len(short) + 1 and any(
        long[:i] + long[i + 1 :] == short for i in range(len(long))
    )


def variant_of(short: str, long: str) -> bool:
    """Whether ``short`` is another way to write the unit ``long``: a subsequence of it with the
    same first and last character (市精神病院 / 市精神病医院, 市救助站 / 市救助管理站, 市教体局 /
    市教育和体育局; 委 for 委员会: 市卫健委 / 市卫生健康委员会), or it with the city's name
    before it (资阳市精神病医院)."""
    if short == long:
        return False
    if short.endswith(long) and len(short) - len(long) <= 4:
        return True
    if (
        not short
        or not long
        or short[0] != long[0]
        or short[-1] not in long[-3:]  # 市卫健委 for 市卫生健康委员会
        or (short[-1] != long[-1] and not long.endswith("委员会"))
        or len(short) >= len(long)
        or len(short) < 4
    ):
        return False
    it = iter(long)
    return all(char in it for char in short)


def is_ours(unit: str | None, bureau_names: tuple[str, ...]) -> bool:
    """Whether ``unit`` is the bureau whose plan this is: its names, one of them mistyped by one
    character (市政局 for 市民政局), shortened (市教体局 for 市教育和体育局), or in a
    county-and-city form (市（区）民政局)."""
    if unit is None:
        return False
    plain = re.sub(r"[（(][^）)]*[）)]", "", unit)
    return any(
        plain == name
        or one_deletion_away(plain, name)
        or variant_of(plain, name)
        or plain.endswith(name.lstrip("市县区"))
        for name in bureau_names
    )


def header(text: str) -> str:
    """A header cell as one word: spaces and line breaks gone, a line repeated by a cell merge
    (Word keeps the text of every merged cell) said once."""
    lines = [squeeze(line) for line in text.split("\n") if squeeze(line)]
    word = "".join(line for at, line in enumerate(lines) if not at or line != lines[at - 1])
    half = len(word) // 2
    if len(word) % 2 == 0 and half and word[:half] == word[half:]:
        return word[:half]  # the same, with the line break lost (a PDF's cell)
    return word


# --- photos ---------------------------------------------------------------------------------


@dataclass
class PhotoCount:
    count: int
    at_least: bool = False
    at_most: int | None = None


_COUNT_RANGE = re.compile(r"(\d+)\s*(?:至|到|~|-|－|—)\s*(\d+)\s*张")
_COUNT = re.compile(r"(不少于|至少)?\s*(\d+)\s*(?:张|幅)(以上)?")
_MEDIA = re.compile(r"(\d+)\s*种媒体")


def photo_count(clause: str) -> PhotoCount | None:
    """The photos asked for in one clause: 5张, 不少于3张, 5张以上, 3至5张, 1种媒体（截图）;
    not a per-group count (每个节日3张) and not a count inside a description (1张体现…)."""
    if re.search(r"每(?:个|所|家|处|类)", clause):
        return None
    match = _COUNT_RANGE.search(clause)
    if match:
        return PhotoCount(int(match.group(1)), True, int(match.group(2)))
    match = _COUNT.search(clause)
    if match and not re.match(rf"\d+\s*张[{HAN}]*?(?:体现|反映|为)", clause[match.start(2) :]):
        return PhotoCount(int(match.group(2)), bool(match.group(1) or match.group(3)))
    match = _MEDIA.search(clause)
    if match:
        return PhotoCount(int(match.group(1)))
    return None


_PER_GROUP = re.compile(rf"每(?:个|所|家|处)([{HAN}]{{1,8}}?)(?:提供|报送|各)?\s*(\d+)\s*张")
_GROUPS = re.compile(rf"(\d+)\s*(?:个|所|家|处)(?:不同的?)?([{HAN}]{{1,10}}?)(?=配套|开展|的|、|$)")


def per_group(clause: str) -> tuple[str, int] | None:
    """``每个节日提供3张`` → (节日, 3); ``每所学校2张`` → (学校, 2)."""
    match = _PER_GROUP.search(clause)
    return (match.group(1), int(match.group(2))) if match else None


def group_counts(clause: str) -> list[tuple[str, int]]:
    """``反映5个小区…`` → [(小区, 5)]; ``反映4个非公有制经济组织、4个社会组织…`` → both;
    ``不少于5所学校`` → [(学校, 5)]."""
    if not re.search("反映|不同|不少于|至少|覆盖", clause) or "张" in clause:
        return []
    return [(m.group(2), int(m.group(1))) for m in _GROUPS.finditer(clause)]


_CAPTION = re.compile(r"注明(.+)$")
_NAMING = re.compile(
    r"(?:按|以|按照)\s*[“‘\"']?([^”’\"']+?)[”’\"']?\s*(?:的?格式|方式)?(?:命名|标注|注明)"
)
"""A naming convention the plan prescribes: 按“拍摄时间+社区名称+活动主题”命名."""


def caption_fields(clause: str, known: dict[str, str]) -> list[str] | None:
    """``注明活动时间、主办单位、活动主题`` → the fields, each as the longest known field name it
    ends with (``未成年人救助保护中心名称`` → 中心名称); a name no field ends with is kept as
    written. A naming convention (``按“拍摄时间+社区名称+活动主题”命名``) gives its parts."""
    naming = _NAMING.search(clause)
    if naming and re.search(r"[+＋]|-|_|、", naming.group(1)):
        parts = re.split(r"\s*[+＋_、]\s*|\s*-\s*", naming.group(1))
        return [p for p in (x.strip() for x in parts) if p]
    match = _CAPTION.search(clause)
    if not match:
        return None
    parts = re.split(r"、|以及|和|及|，", match.group(1).rstrip("。；"))
    out = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        fitting = sorted((k for k in known if part.endswith(k)), key=len, reverse=True)
        out.append(fitting[0] if fitting else part)
    return out


def date_field(fields: list[str], kinds: dict[str, str]) -> str | None:
    return next((f for f in fields if kinds.get(f) == "date" or f.endswith(("时间", "日期"))), None)


def since_year(text: str) -> int | None:
    """``2021年以来`` → 2021."""
    match = re.search(r"(\d{4})\s*年以来", text)
    return int(match.group(1)) if match else None


# --- reports, documents, measures --------------------------------------------------------------

_MEASURES = re.compile(rf"({NUMBER})\s*(?:项|种|类)(?:及)?以上(?:具体)?(?:举措|措施)")


def min_measures(text: str) -> int | None:
    """``有3项以上具体举措`` / ``体现三项以上举措`` → 3."""
    match = _MEASURES.search(text)
    return chinese_number(match.group(1)) if match else None


def needs_figures(text: str) -> bool:
    """The report must carry figures: 数据, 人数, 数量 in what it must contain."""
    return bool(re.search(r"数据|人数|数量", text))


def document_count(text: str) -> int | None:
    match = re.search(r"(\d+)\s*份", text)
    return int(match.group(1)) if match else None


# --- thresholds of tables and targets ------------------------------------------------------------

_OPS = [
    ("不少于", ">="),
    ("不低于", ">="),
    ("达到", ">="),
    ("≥", ">="),
    (">=", ">="),
    ("大于", ">"),
    ("高于", ">"),
    ("超过", ">"),
    ("＞", ">"),
    (">", ">"),
    ("不超过", "<="),
    ("不高于", "<="),
    ("≤", "<="),
    ("低于", "<"),
    ("小于", "<"),
    ("<", "<"),
]
_THRESHOLD = re.compile(
    r"^(?P<subject>.*?)(?:应|须|要|需)?(?P<op>"
    + "|".join(re.escape(w) for w, _ in _OPS)
    + r")\s*(?P<base>[^0-9%]*?)(?:的)?(?P<percent>\d+(?:\.\d+)?)\s*%"
)


@dataclass
class Threshold:
    subject: str
    base: str
    op: str
    percent: float
    wording: str


def threshold(clause: str) -> Threshold | None:
    """``全市志愿者应不少于常住人口的13%`` → (全市志愿者, 常住人口, >=, 13);
    ``X占Y应大于50%`` → (X, Y, >, 50)."""
    match = _THRESHOLD.search(clause)
    if not match:
        return None
    op = dict(_OPS)[match.group("op")]
    subject_text, base = match.group("subject").strip(), match.group("base").strip()
    if "占" in subject_text and not base:
        subject_text, base = subject_text.split("占", 1)
    base = re.sub(r"(的比例|比例|的)$", "", base.rstrip("应须要需").strip())
    wording = clause[
        match.start("op")
        - (1 if clause[match.start("op") - 1 : match.start("op")] in "应须" else 0) :
    ]
    return Threshold(subject_text, base, op, float(match.group("percent")), wording.strip("。"))


_RATE = re.compile(rf"([{HAN}]{{1,10}}?率)\s*(\d+(?:\.\d+)?)\s*%\s*(以上)?")


def rates(clause: str) -> list[tuple[str, float, bool]]:
    """``实现群众参与率98%、满意率95%以上`` → [(群众参与率, 98, True), (满意率, 95, True)]: a
    trailing 以上 holds for every rate of the list."""
    found = [
        (re.sub(r"^(?:实现|达到|确保|力争)", "", m.group(1)), float(m.group(2)), bool(m.group(3)))
        for m in _RATE.finditer(clause)
    ]
    if found and found[-1][2]:
        found = [(name, value, True) for name, value, _ in found]
    return found


# --- cadence ---------------------------------------------------------------------------------

CADENCES = {"每月": "monthly", "每季度": "quarterly", "每半年": "half_yearly", "每年": "yearly"}
TIMES_WORDS = ("次", "个")
"""What a liaison duty counts; a 台账 counts 次, 条, 场 or 期 (``materials.ledger``)."""


def cadence(text: str) -> str | None:
    match = re.search(r"每(?:半年|季度|月|年)", text)
    return CADENCES[match.group(0)] if match else None


def before_month(text: str) -> int | None:
    match = re.search(r"(\d{1,2})\s*月(?:底)?前", text)
    return int(match.group(1)) if match else None


@functools.cache
def _times(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(不少于|至少)?\s*(\d+)\s*({'|'.join(words)})(以上)?")


def times(text: str, words: tuple[str, ...] = TIMES_WORDS) -> tuple[int, str, bool] | None:
    """``1次以上`` → (1, 次, True); ``不少于2个`` → (2, 个, True); ``2次`` → (2, 次, False)
    (the counted ``words``: 次 and 个 unless given)."""
    match = _times(words).search(re.sub(r"\d{4}\s*年", "", text))
    if not match:
        return None
    before = text[: text.find(match.group(0))]
    at_least = bool(match.group(1) or match.group(4) or re.search(r"至少[^，。]*$", before))
    return int(match.group(2)), match.group(3), at_least


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
