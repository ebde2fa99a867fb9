"""Which requirement or duty a folder's name begins with: ids as people type them (Ⅲ for III,
full-width and long dashes, a duty's hyphen left out), a title without its id, the nearest ids
for one that matches none."""

from __future__ import annotations

import re
import unicodedata
from typing import Mapping

_DASHES = str.maketrans(
    {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
)
"""‐ ‑ ‒ – — ― − ﹘ ﹣ －: each read as the ASCII hyphen in ids."""
_ID_LIKE = re.compile(r"^(?:i{1,3}|iv|v)\s*-\s*\d+(?:\s*-\s*\d+)+")


def fold(name: str) -> str:
    """NFKC (Ⅲ -> III, full-width -> ASCII), every dash as ``-``, case folded."""
    return unicodedata.normalize("NFKC", name).translate(_DASHES).casefold()


_ORDINAL = re.compile(
    r"^(?:\(\d{1,3}\)|\d{1,3}[.、_\-)\s]|[一二三四五六七八九十]{1,3}[、.])\s*(?!\d)"
)
"""A number an office puts before its folders to sort them: ``01_``, ``1、``, ``(3)``, ``一、``."""


def without_ordinal(name: str) -> str:
    """A folder's name without the number it was sorted by (``01_养老服务科`` -> 养老服务科),
    width folded (NFKC)."""
    return _ORDINAL.sub("", unicodedata.normalize("NFKC", name).lstrip(), count=1)


def _bare(name: str) -> str:
    """A folder's name folded, without the number it was sorted by: ``01_III-27-3-2 …`` begins
    with its id as ``III-27-3-2 …`` does."""
    return fold(without_ordinal(name))


_LETTERED = re.compile(r"([a-z]+)-(\d+)")
"""A duty's id of letters and a number (S-3, L-6, PUB-2), folded."""


def _written(ident: str) -> str:
    """A pattern for a folded id as folder names write it: S-3 also as ``S3`` or ``S 3`` (a
    hyphen left out is still the id; ``L1`` is never ``L-10``, as the caller ensures)."""
    lettered = _LETTERED.fullmatch(ident)
    if lettered is None:
        return re.escape(ident)
    return re.escape(lettered.group(1)) + r"\s*-?\s*" + lettered.group(2)


class IdMatcher:
    """Which requirement id a folder name begins with; the nearest ids for one that matches none."""

    def __init__(self, titles: Mapping[str, str], more: Mapping[str, str] | None = None) -> None:
        self.titles = dict(titles)
        """The ids a folder without one is compared with (``by_title``, ``nearest``)."""
        ids = [*titles, *(more or {})]
        folded = sorted(((fold(i), i) for i in ids), key=lambda pair: -len(pair[0]))
        self._patterns = [(re.compile(_written(f) + r"(?!\d)(?!-\d)"), i) for f, i in folded]

    def match(self, name: str) -> str | None:
        folded = _bare(name)
        for pattern, ident in self._patterns:
            if pattern.match(folded):
                return ident
        return None

    def unknown_id(self, name: str) -> str | None:
        """The id-like beginning of ``name`` when it matches no requirement, else None."""
        if self.match(name) is not None:
            return None
        found = _ID_LIKE.match(_bare(name))
        return found.group(0).replace(" ", "").upper() if found else None

    def by_title(self, name: str) -> str | None:
        """The one requirement whose title a folder's name (without an id, at least four
        characters) is taken from: its characters, in order, are the title's (新建小区养老设施
        for 新建小区配套养老服务设施图片); a 科室's folder (养老服务科) is none."""
        text = re.sub(r"[\s_\-.（）()]", "", fold(name))
        if len(text) < 4:
            return None

        def taken_from(title: str) -> bool:
            chars = iter(re.sub(r"[\s_\-.（）()]", "", fold(title)))
            return all(char in chars for char in text)

        found = [ident for ident, title in self.titles.items() if taken_from(title)]
        return found[0] if len(found) == 1 else None

    def nearest(self, name: str, limit: int = 2) -> list[str]:
        """The ids most like ``name``'s id; the folder's text, compared with the titles, counts
        as much."""
        import difflib

        written = (self.unknown_id(name) or "").casefold()
        text = fold(name).lstrip()[len(written) :].strip(" _-.")

        def score(ident: str) -> float:
            by_id = difflib.SequenceMatcher(None, written, fold(ident)).ratio()
            by_title = difflib.SequenceMatcher(None, text, fold(self.titles[ident])).ratio()
            return by_id + (by_title if text else 0.0)

        return sorted(self.titles, key=score, reverse=True)[:limit]
