"""Where a plan's parts are: the notice and body, each attachment, and the tables that hold the
责任清单, the 实地点位 list and the 包联 grid.

Attachments are found by their headings (``附件1``, ``附件 1：``, ``附件一``, ``附件1：…清单``,
``附件`` alone, counted); the tables by what their headers say, first inside the attachment of
their usual number, else anywhere (a plan that numbers its attachments otherwise, or has only
the 责任清单).
"""

from __future__ import annotations

import re
from typing import Any

from cwm.planimport import phrases as ph
from cwm.planimport.columns import header_fields
from cwm.planimport.document import SourceTable
from cwm.planimport.readers import attachment_number

_ATTACHMENT = re.compile(
    r"^附件\s*([0-9]{1,2}|[一二三四五六七八九十]{1,2})?\s*(?:[:：、.．]\s*(?P<title>.*))?$"
)
"""An attachment's heading: ``附件1``, ``附件 1：``, ``附件一``, ``附件1：…责任清单`` (its title
on the same line), or ``附件`` alone (a plan with one attachment, or unnumbered ones: counted)."""


def heading(block: Any) -> tuple[int | None, str] | None:
    """(number or None, title) when ``block`` is an attachment heading."""
    if not isinstance(block, str):
        return None
    match = _ATTACHMENT.match(ph.squeeze(ph.nfkc(block)))
    if not match:
        return None
    title = match.group("title") or ""
    if match.group(1) is None and re.match(r"^\d{1,2}[.．、]", title):
        return None  # the notice's list of attachments: 附件：1.…责任清单
    number = attachment_number("附件" + match.group(1)) if match.group(1) else None
    return number, title


def split(blocks: list[Any]) -> tuple[list[Any], dict[int, list[Any]]]:
    """The notice and body, and each attachment's blocks by its number. A number given twice
    (the notice lists 附件1：… before the attachment itself starts) keeps the last: what stood
    under the first goes back to the body."""
    front: list[Any] = []
    parts: dict[int, list[Any]] = {}
    current: list[Any] = front
    last = 0
    for block in blocks:
        found = heading(block)
        if found is None:
            current.append(block)
            continue
        number, title = found
        number = number if number is not None else last + 1
        last = number
        if number in parts:
            front.extend([f"附件{number}", *parts[number]])
        current = parts[number] = []
        if title:
            current.append(title)
    return front, parts


def paragraphs(blocks: list[Any]) -> list[str]:
    return [b for b in blocks if isinstance(b, str) and b.strip()]


def tables(blocks: list[Any]) -> list[SourceTable]:
    return [b for b in blocks if isinstance(b, SourceTable)]


def is_tasks(table: SourceTable) -> bool:
    return any(header_fields([c.text for c in r]) for r in table.rows[:6])


def header_text(table: SourceTable) -> str:
    return "".join(ph.header(c.text) for r in table.rows[:3] for c in r)


def find(
    parts: dict[int, list[Any]], number: int, everywhere: list[Any], test: Any
) -> list[SourceTable]:
    """The tables of attachment ``number`` that pass ``test``; where it has none (no such
    heading, or attachments numbered otherwise), the tables anywhere that do."""
    own = [t for t in tables(parts.get(number, [])) if test(t)]
    return own or [t for t in tables(everywhere) if test(t)]


def sites_tables(parts: dict[int, list[Any]], blocks: list[Any]) -> list[SourceTable]:
    return find(parts, 2, blocks, lambda t: not is_tasks(t) and "点位" in header_text(t))


def grid_tables(parts: dict[int, list[Any]], blocks: list[Any]) -> list[SourceTable]:
    def test(table: SourceTable) -> bool:
        text = header_text(table)
        return not is_tasks(table) and "社区" in text and "包联" in text

    return find(parts, 4, blocks, test)
