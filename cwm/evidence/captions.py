"""Photo captions (注明…): fields in the order the requirement declares, from the file name
(``2021-04-04_市民政局_清明祭扫.jpg``) or from a captions table in the folder (``captions.xlsx``,
``照片说明.xlsx``…: a column 文件名 and a column per field), which wins.

A field counts only when it holds a value of its kind (``rules.captions`` in tasks.yaml): a
date, a name (with Chinese text), or text. Names cameras, phones and apps give files
(``IMG_20210512_093102``, ``微信图片_…``), bare numbers, timestamps and hex strings are no value
of any kind; a file name that starts with such a device name carries no caption at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from cwm.dates import parse_date, parse_month
from cwm.evidence.kinds import IMAGES

CAPTION_NAMES = ("captions", "照片说明", "图片说明", "照片说明表", "图片说明表")
"""A captions table's name without its extension: the docs' ``captions`` and the names offices
give it."""
CAPTION_SUFFIXES = (".csv", ".xlsx", ".xls")
FILENAME_COLUMN = "文件名"
PLAIN_COLUMNS = frozenset({"序号", "备注", "照片", "图片"})
"""Columns any office table has (a running number, a remark, the picture pasted in): not fields,
and not worth a warning."""


def is_caption_file(name: str) -> bool:
    """Whether a file in a requirement folder is its captions table (``captions.xlsx``,
    ``照片说明.xlsx``, ``图片说明.csv``…), width and case folded."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return any(folded == stem + suffix for stem in CAPTION_NAMES for suffix in CAPTION_SUFFIXES)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER_OR_HAN = re.compile(r"[^\W\d_]")
_NUMBERS_ONLY = re.compile(r"^[\d\s._:\-/()（）年月日时分秒]+$")
_HEX = re.compile(r"^(?=.*\d)(?=.*[a-f])[0-9a-f-]{8,}$", re.IGNORECASE)
_COPY_SUFFIX = re.compile(r"(?:\s*-?\s*(?:副本|copy)(?:\s*[(（]\d+[)）])?|\s*[(（]\d+[)）])$", re.I)


def strip_copy_suffix(stem: str) -> str:
    """``报告 - 副本``, ``照片(1)``, ``photo - Copy (2)`` -> the name it was copied from."""
    previous = None
    while previous != stem:
        previous, stem = stem, _COPY_SUFFIX.sub("", stem).rstrip()
    return stem


def named_draft(stem: str, draft_words: list[str]) -> bool:
    """Whether a file's name (its stem) marks it as a draft: one of the plan's ``draft_words``
    (初稿, 草稿, 修改稿…) in it, in any case."""
    folded = stem.casefold()
    return any(word.casefold() in folded for word in draft_words)


@dataclass
class Caption:
    fields: dict[str, str] = field(default_factory=dict)
    """Field -> the value written (also values that do not count)."""
    source: str = "filename"
    """``filename`` or the caption file's name."""
    missing: list[str] = field(default_factory=list)
    """Fields with no value, or with a value that is no value of its kind."""
    device_name: bool = False
    """The file name was made by a camera, phone or app: it carries no caption."""
    separator: str | None = None
    """The parts were separated by something other than ``_`` (a space, 、, -, —): read, and
    named so the office can rename the file the agreed way."""
    parts: list[str] = field(default_factory=list)
    """The parts as read (for the suggested name)."""

    @property
    def complete(self) -> bool:
        return not self.missing


class CaptionReader:
    """Reads captions under the plan's caption rules (``rules.captions``)."""

    def __init__(self, rules: Any, year: int | None = None) -> None:
        self.kinds: Mapping[str, str] = rules.field_kinds
        self.year = year
        """The plan's year: a date written without one (4月4日, 4.4) is of that year."""
        words = sorted((_fold(w) for w in rules.device_names), key=len, reverse=True)
        self._device = (
            re.compile(
                "^(?:" + "|".join(re.escape(w) for w in words) + r")[\W\d_]*$", re.IGNORECASE
            )
            if words
            else None
        )

    def is_device_name(self, value: str) -> bool:
        return bool(self._device and self._device.match(_fold(value)))

    def means_something(self, name: str, value: str) -> bool:
        """Whether ``value`` is a value of field ``name``'s kind."""
        text = _fold(value).strip()
        if not text:
            return False
        kind = self.kinds.get(name, "text")
        if kind == "date":
            return parse_date(text, self.year) is not None or parse_month(text) is not None
        if self.is_device_name(text) or _NUMBERS_ONLY.match(text) or _HEX.match(text):
            return False
        if kind == "name":
            return bool(_HAN.search(text))
        return bool(_LETTER_OR_HAN.search(text))

    def _judged(self, values: dict[str, str], names: Sequence[str], source: str) -> Caption:
        caption = Caption(fields=values, source=source)
        caption.missing = [n for n in names if not self.means_something(n, values.get(n, ""))]
        return caption

    def from_filename(self, path: Path, names: Sequence[str]) -> Caption:
        """Split the stem on ``_``: one part per declared field, in order; parts after the last
        field are a free tail (a sequence number, a note) and are not read."""
        stem = strip_copy_suffix(unicodedata.normalize("NFC", path.stem))
        stem = stem.replace("＿", "_")
        parts = [p.strip() for p in stem.split("_") if p.strip()]
        if not parts or self.is_device_name(parts[0]) or self.is_device_name(stem):
            return Caption(source="filename", missing=list(names), device_name=bool(parts))
        caption = self._judged(dict(zip(names, parts)), names, "filename")
        if caption.complete or len(parts) >= len(names):
            return caption
        other = self._other_separators(stem, names)
        return other if other is not None and other.complete else caption

    def _other_separators(self, stem: str, names: Sequence[str]) -> Caption | None:
        """The caption of a name whose parts are separated by a space, 、, - or —/——, or whose
        next part is in brackets (金科城（助餐点）): a date at the start is taken whole first
        (2021-04-04 has dashes of its own)."""
        rest, first = stem, []
        if names and self.kinds.get(names[0]) == "date":
            date = _LEADING_DATE.match(_fold(stem))
            if date:
                first, rest = [date.group(0).strip()], _fold(stem)[date.end() :]
        bracketed = next((m for m in _BRACKETED.finditer(rest) if _is_field(m.group(1))), None)
        if bracketed:  # 金科城（助餐点）: the part in brackets is the next field
            rest = _BRACKETED.sub(
                lambda m: f"、{m.group(1)}、" if _is_field(m.group(1)) else m.group(0), rest
            ).strip("、")
        separators = _SEPARATORS.findall(rest)
        if not separators:
            return None
        parts = first + [p.strip() for p in _SEPARATORS.split(rest) if p.strip()]
        caption = self._judged(dict(zip(names, parts)), names, "filename")
        caption.separator = "（）" if bracketed else separators[0].strip() or " "
        caption.parts = parts
        return caption

    def from_table(
        self, rows: list[list[str]], names: Sequence[str], source: str
    ) -> tuple[dict[str, Caption], list[tuple[str, str]]]:
        """(file name -> caption, problems) from a captions table whose header names 文件名
        and the fields. A problem is (code, message naming the line): ``caption-file`` for a
        missing 文件名 column, ``caption-column`` for a column that is no field."""
        if not rows:
            return {}, []
        at = next(
            (n for n, row in enumerate(rows[:5]) if FILENAME_COLUMN in (compact(c) for c in row)),
            0,
        )
        header_line = at + 1
        header = [compact(h) for h in rows[at]]
        rows = rows[at:]
        if FILENAME_COLUMN not in header:
            wanted = "、".join([FILENAME_COLUMN, *names])
            message = f"{source} 缺少“文件名”列，无法对应照片。表头应为：{wanted}。"
            return {}, [("caption-file", message)]
        known = "、".join([FILENAME_COLUMN, *names])
        problems = [
            (
                "caption-column",
                f"{source} 第 {header_line} 行（表头）有不认识的列“{h}”，已忽略；"
                f"可用的列：{known}。",
            )
            for h in header
            if h and h != FILENAME_COLUMN and h not in names and h not in PLAIN_COLUMNS
        ]
        name_at = header.index(FILENAME_COLUMN)
        out: dict[str, Caption] = {}
        for row in rows[1:]:
            if name_at >= len(row) or not row[name_at].strip():
                continue
            values = {
                h: row[i].strip() for i, h in enumerate(header) if i < len(row) and h in names
            }
            caption = self._judged({k: v for k, v in values.items() if v}, names, source)
            out[caption_key(row[name_at])] = caption
        return out, problems


_SEPARATORS = re.compile(r"\s*(?:——|—|–|、|-)\s*|\s+")
_BRACKETED = re.compile(r"\s*[（(]\s*([^（）()]+?)\s*[)）]\s*")
"""A field written in brackets after the one before it: ``金科城（助餐点）``."""
_PHASE = r"[一二三四五六七八九十\d]+期"
"""A phase of a development after its name: 一期, 2期."""
_NAME_NOTE = re.compile(_PHASE + r"|\d{2,4}年?|\d+|[东南西北]区|[A-Za-z]区?")
"""What brackets after a name hold as part of that name (金科城（二期）, 南湖小区（2021）): never
the next field."""


def _is_field(text: str) -> bool:
    return not _NAME_NOTE.fullmatch(text.strip())


_LEADING_DATE = re.compile(
    r"^\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{8}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?"
    r"|[〇○零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日)"
)


_SPACES = re.compile(r"\s+")


def compact(text: str) -> str:
    """Text as compared when typed by people: width folded (NFKC), spaces and line breaks
    removed (a table header ``文 件 名``, a cell ``检查结果（合格/不合格）``)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(text)))


def caption_key(name: str) -> str:
    """How a captions table's 文件名 matches a photo: width, case and spaces folded, the
    extension optional (``阳光小区.JPG``, ``阳光小区.jpg`` and ``阳光小区`` are one photo)."""
    key = unicodedata.normalize("NFKC", str(name)).strip().casefold()
    stem, dot, suffix = key.rpartition(".")
    return stem if dot and f".{suffix}" in IMAGES else key


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


_PHASE_OR_NOTE = re.compile(r"(?:[(（][^()（）]*[)）]|" + _PHASE + r")+$")
"""A phase (一期, 2期) or a note in brackets after a name: 阳光小区（一期） is 阳光小区."""


def same_name(name: str, noun: str) -> str:
    """What makes two names one group, as a reviewer counts 5个不同小区: 阳光小区, 阳光小区（一期）,
    阳光小区二期 and 阳光 are one 小区 (width, spaces, a phase or note after it, and the group's
    own noun at its end set aside); 锦绣花园 and 锦绣苑 stay two."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    key = _PHASE_OR_NOTE.sub("", key) or key
    return key.removesuffix(noun) if len(key) - len(noun) >= 2 else key
