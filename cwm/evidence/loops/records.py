"""Activity records of a liaison or publicity folder: the rows of an activity 台账 (.xlsx/.csv,
or a table in a Word document, with a 日期 column, and 活动内容, 地点, 参加人数 where given) and
dated photos (``2021-05-12_入户宣传.jpg``; a photo without a date in its name is dated by its
EXIF).

Counting: each 台账 row with a date is one activity (the same day, content and place written
twice, in one 台账 or in two copies of it, once); photos add one activity per day no 台账 row
has (several photos of one day are one activity). Distinct names (示范小区) come from the 地点
column (else 活动内容) and from the photos' subfolders (else their names after the date).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from cwm.dates import find_date
from cwm.evidence.captions import same_name
from cwm.evidence.ledgers import Activity, from_table, month_end, once
from cwm.evidence.scan import EvidenceFile
from cwm.formats import ReadError


def photo_day(file: EvidenceFile, facts: Any, year: int | None) -> dt.date | None:
    """A photo's day: a date in its name (活动时间_活动内容), else its EXIF date, else the month
    of the folder it is kept in (``2021年5月/``: an activity of that month, counted from its last
    day as a 台账 row dated by its month is)."""
    return (
        find_date(file.path.stem, year)
        or getattr(facts, "taken", None)
        or next(filter(None, (month_end(p) for p in reversed(file.rel.split("/")[:-1]))), None)
    )


def photo_subject(file: EvidenceFile) -> str:
    """What a photo shows, as its name says after the date: ``2021-05-12_入户宣传`` -> 入户宣传."""
    parts = re.split(r"[_\s]+", file.path.stem, maxsplit=1)
    return parts[1] if len(parts) > 1 and find_date(parts[0]) else file.path.stem


@dataclass
class Records:
    """What a folder holds: activities, photos without a date, unreadable files and rows."""

    activities: list[Activity]
    """What is counted: 台账 rows, and a photo for each day no row has."""
    photos: list[Activity]
    """Every dated photo (for distinct names: each subfolder of 示范小区 photos is one)."""
    undated: list[str]
    problems: list[tuple[str, str]]
    """(rel, message)."""

    def within(self, start: dt.date, end: dt.date) -> list[Activity]:
        return [a for a in self.activities if start <= a.day <= end]

    def names_within(self, start: dt.date, end: dt.date) -> list[str]:
        """The distinct names of the rows and photos of these days, in order met; one name
        spelled two ways (鸿丰小区, 鸿丰小区（一期）) is one (``captions.same_name``)."""
        every = self.within(start, end) + [p for p in self.photos if start <= p.day <= end]
        distinct: dict[str, str] = {}
        for activity in every:
            if activity.name:
                distinct.setdefault(same_name(activity.name, "小区"), activity.name)
        return list(distinct.values())


def readable(
    files: Iterable[EvidenceFile], reads: dict[str, Any], problems: list[tuple[str, str]]
) -> Iterator[tuple[EvidenceFile, Any]]:
    """Each file with what was read of it; one that could not be read goes to ``problems``
    as (rel, the reader's message) instead."""
    for file in files:
        facts = reads.get(file.rel)
        if isinstance(facts, ReadError):
            problems.append((file.rel, facts.message))
        else:
            yield file, facts


def collect(files: Iterable[EvidenceFile], reads: dict[str, Any], year: int | None) -> Records:
    """The activities of a folder's 台账 and photos (see the module docstring)."""
    rows: list[Activity] = []
    photos: list[Activity] = []
    undated: list[str] = []
    problems: list[tuple[str, str]] = []
    for file, facts in readable(files, reads, problems):
        if facts is not None and getattr(facts, "sheets", None):  # a table file, a Word table
            found, bad = from_table(file.rel, facts.sheets, year)
            rows += found
            problems += [(file.rel, message) for message in bad]
        elif file.kind == "image":
            day = photo_day(file, facts, year)
            if day is None:
                undated.append(file.rel)
                continue
            place = file.group or ""
            photos.append(Activity(day, photo_subject(file), place, file.rel))
    rows = once(rows)
    days = {a.day for a in rows}
    seen: set[dt.date] = set()
    extra = []
    for photo in sorted(photos, key=lambda a: (a.day, a.rel)):
        if photo.day not in days and photo.day not in seen:
            seen.add(photo.day)
            extra.append(photo)
    activities = sorted(rows + extra, key=lambda a: (a.day, a.rel, a.row or 0))
    return Records(activities, photos, undated, problems)
