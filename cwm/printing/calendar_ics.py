"""Deadlines as an iCalendar file (RFC 5545) for Outlook, WPS, phones: ``cwm due -f ics``.

One all-day event per deadline of each due item (``DTSTART;VALUE=DATE``), with a UID stable per
item and period (re-importing next week's file updates the events instead of doubling them), the
item, its 科室, what to hand in and the contacts in the description, and a reminder ``remind``
days before (a VALARM). Lines end with CRLF and are folded at 75 octets without splitting a
character, as the standard asks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

PRODID = "-//cwm//创文管理//ZH"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """A content line folded at 75 octets (UTF-8), continuation lines starting with a space."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not out else 74):
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _event(item: Any, deadline: Any, stamp: str, remind: int, describe: Any) -> list[str]:
    duty = item.duty
    day = deadline.due
    summary = f"截止：{duty.id} {duty.title}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{duty.id}-{deadline.period.label}@cwm",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(describe(item, deadline))}",
        "TRANSP:TRANSPARENT",
    ]
    if remind > 0:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(summary)}",
            f"TRIGGER:-P{remind}D",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def calendar(
    items: Iterable[Any], name: str, describe: Any, remind: int = 3, now: dt.datetime | None = None
) -> bytes:
    """The .ics of ``items`` (due items); ``describe(item, deadline)`` is the event's text."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for item in items:
        for deadline in item.deadlines:
            lines += _event(item, deadline, stamp, remind, describe)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
