"""What readers return or raise: the text of a document, or a ReadError."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from cwm.formats.limits import MAX_TEXT_CHARS, too_large
from cwm.formats.wordcount import Count, chars_without_spaces, count, word_count

SCAN_THRESHOLD = 20
"""Fewer non-space characters than this in the whole file: a scan (images of pages)."""


class ReadError(Exception):
    """A file that cannot be read as what its name says. ``message`` is ready for users."""

    def __init__(self, message: str, code: str = "unreadable") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __reduce__(self) -> tuple:  # keep ``code`` across processes and the cache
        return (ReadError, (self.message, self.code))


class TextBudget:
    """The characters a document may still yield (``limits.MAX_TEXT_CHARS``), spent as its text
    is parsed: past them the file is refused as too large before its text is held."""

    def __init__(self) -> None:
        self.left = MAX_TEXT_CHARS

    def spend(self, chars: int) -> None:
        self.left -= chars
        if self.left < 0:
            message = too_large(f"文档文字超过 {MAX_TEXT_CHARS:,} 个字符")
            raise ReadError(message, code="too-large")


class Tabular:
    """What holds ``sheets`` (a table file, a document with tables): each sheet read as
    label -> value (``tablepairs``) once, in the process that read the file, and cached with it
    (the table, figures and liaison rules all ask)."""

    sheets: tuple[tuple[str, list[list[str]]], ...]

    @functools.cached_property
    def pairs(self) -> tuple[dict[str, str], ...]:
        from cwm.formats.tablepairs import sheet_pairs

        return sheet_pairs(self.sheets)


@dataclass(frozen=True)
class DocumentText(Tabular):
    """Text of a document, for counting; ``first_page`` for the 发文字号 check."""

    text: str
    first_page_end: int
    """Where the first page ends in ``text`` (a length, not a copy: the cache stores the text
    once)."""
    scanned: bool = False
    """A PDF without a text layer (a scan): nothing to count — unless it was ``recognised``."""
    recognised: bool = False
    """A scan whose text was recognised (OCR, the ``cwm[ocr]`` extra): ``text`` is what the
    engine read of its first pages, to be shown and trusted with a margin."""
    actual_format: str | None = None
    """The format the bytes are, when the extension says another (a Word 97 file named .docx):
    read as what it is."""
    sheets: tuple[tuple[str, list[list[str]]], ...] = ()
    """A Word document's tables (.docx, .doc, .wps) as (表N, rows of cell texts), as a table
    file's sheets are: a 台账, 自查表 or 问卷统计 kept in Word reads as one kept in Excel."""

    @staticmethod
    def is_scan(text: str) -> bool:
        """A PDF or OFD whose pages are images: (almost) no text to count."""
        return chars_without_spaces(text) < SCAN_THRESHOLD

    @property
    def first_page(self) -> str:
        return self.text[: self.first_page_end]

    @functools.cached_property
    def fingerprint(self) -> tuple[int, str, str]:
        """(length, first 200 characters, digest) of the text without whitespace: what tells one
        document saved in two formats (computed and cached with the text, like ``counts``)."""
        import hashlib

        squeezed = "".join(self.text.split())
        digest = hashlib.blake2b(squeezed.encode("utf-8"), digest_size=16).hexdigest()
        return len(squeezed), squeezed[:200], digest

    @functools.cached_property
    def figures(self) -> tuple:
        """The named figures of the text (``evidence.figures``): extracted once, in the process
        that read the file, and cached with it."""
        from cwm.formats.figures import text_figures

        return text_figures(self.text)

    @functools.cached_property
    def words(self) -> int:
        """Word's 字数 of the text: computed once, in the process that read the file, and cached
        with it (``reading.read_file`` asks for it before the result is stored)."""
        return word_count(self.text)

    @property
    def counts(self) -> Count:
        """字数, 纯汉字数 and 字符数 (``cwm count``)."""
        return count(self.text)
