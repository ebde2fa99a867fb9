"""Dates in every form people write them: one parser for the command line (``--date``) and
for photo captions. ``2021-06-20``, ``2021-6-20``, ``2021/6/20``, ``2021.6.20``, ``20210620``,
``2021年6月20日`` (full-width digits too; an Excel cell may add a time of day)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_FORMS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"),
)
FORMS_TEXT = "2021-06-20、2021-6-20、2021/6/20、2021.6.20、20210620 或 2021年6月20日"


def parse_date(text: str) -> dt.date | None:
    """The date ``text`` writes, or None (also for a day that does not exist: 2021-02-30)."""
    value = unicodedata.normalize("NFKC", text).strip()
    for form in _FORMS:
        match = form.fullmatch(value)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return None
    return None
