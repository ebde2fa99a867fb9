"""A plan's headings and numbered paragraphs: ``一、工作目标`` is the heading 工作目标 (Word's list
numbering is not in the text, but a plan that went through WPS, LibreOffice, HTML or a PDF
carries it as characters), ``（一）志愿服务。每月…`` a numbered duty."""

from __future__ import annotations

import re

from cwm.planimport.phrases import squeeze

HEADING_NUMBER = re.compile(
    r"^(?:第[一二三四五六七八九十]+(?:部分|章|节)|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]"
    r"|\d{1,2}[、.．](?!\d))\s*"
)
"""A heading's typed number (一、 （一） 1. 第一部分): Word's list numbering is not in the text,
but a plan that went through WPS, LibreOffice, HTML or a PDF carries it as characters."""


def heading(paragraph: str) -> str:
    """A heading line without its typed number, spaces and closing colon: ``一、工作目标：`` ->
    工作目标."""
    return HEADING_NUMBER.sub("", squeeze(paragraph)).rstrip("：:。")


def sections(paragraphs: list[str], headings: dict[str, str]) -> dict[str, list[str]]:
    """The paragraphs under each heading line (a paragraph that is, spaces and a typed number
    aside, one of ``headings``; the value is the name it is filed under: 工作内容 and 包联内容
    as one)."""
    out: dict[str, list[str]] = {}
    current = None
    for paragraph in paragraphs:
        plain = heading(paragraph)
        if plain in headings:
            current = headings[plain]
            out[current] = []
        elif current:
            out[current].append(paragraph)
    return out


_NUMBERED = re.compile(
    r"^\s*((?:[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]+、)"
    r"[^。：:]*?)[。：:](.*)$",
    re.S,
)


def numbered(paragraph: str) -> tuple[str, str] | None:
    """A numbered paragraph's (title, text): ``（一）志愿服务。每月…`` -> (（一）志愿服务, 每月…);
    also ``1.志愿服务：…``, ``一、…``, ``(一)…`` (half-width brackets as （一）)."""
    match = _NUMBERED.match(paragraph)
    if not match:
        return None
    title = re.sub(r"^\((.+?)\)", r"（\1）", match.group(1).strip())
    return title, match.group(2).strip()
