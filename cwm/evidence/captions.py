"""Photo captions (注明…): fields in the order the requirement declares, from the file name
(``2021-04-04_市民政局_清明祭扫.jpg``) or from ``captions.csv``/``captions.xlsx`` in the folder
(a column 文件名 and a column per field), which wins.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

CAPTION_FILES = ("captions.csv", "captions.xlsx")
FILENAME_COLUMN = "文件名"

_DATE_FORMS = (
    re.compile(
        r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
    ),  # Excel cells add a time
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
)
DATE_FORMS_TEXT = "2021-04-04、2021.04.04、20210404 或 2021年4月4日"


def parse_date(text: str) -> dt.date | None:
    value = unicodedata.normalize("NFKC", text).strip()
    for form in _DATE_FORMS:
        match = form.match(value)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return None
    return None


@dataclass
class Caption:
    fields: dict[str, str] = field(default_factory=dict)
    source: str = "filename"
    """``filename`` or the caption file's name."""
    missing: list[str] = field(default_factory=list)


def from_filename(path: Path, names: list[str]) -> Caption:
    """Split the stem on ``_``: one part per declared field, in order; parts after the last
    field are a free tail (a sequence number, a note) and are not read."""
    parts = [p.strip() for p in path.stem.split("_")]
    parts = [p for p in parts if p]
    caption = Caption(source="filename")
    for name, value in zip(names, parts):
        caption.fields[name] = value
    caption.missing = names[len(parts) :]
    return caption


def from_table(rows: list[list[str]], names: list[str], source: str) -> dict[str, Caption]:
    """File name -> caption, from a captions table whose header names 文件名 and the fields."""
    if not rows:
        return {}
    header = [unicodedata.normalize("NFKC", h).strip() for h in rows[0]]
    if FILENAME_COLUMN not in header:
        return {}
    name_at = header.index(FILENAME_COLUMN)
    out: dict[str, Caption] = {}
    for row in rows[1:]:
        if name_at >= len(row) or not row[name_at].strip():
            continue
        caption = Caption(source=source)
        for name in names:
            at = header.index(name) if name in header else -1
            value = row[at].strip() if 0 <= at < len(row) else ""
            if value:
                caption.fields[name] = value
            else:
                caption.missing.append(name)
        out[unicodedata.normalize("NFC", row[name_at].strip())] = caption
    return out
