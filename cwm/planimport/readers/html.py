"""A plan published as a web page (.html/.htm, as a government site, Word's “网页” or
LibreOffice save it) as blocks: each paragraph-like element (``p``, ``h1``–``h6``, ``li``,
``div`` text, lines split by ``br``) one paragraph, each ``table`` a table with its ``rowspan``
and ``colspan`` laid out on the grid. A table inside a cell is read as that cell's text. Scripts,
styles and comments are not text. The encoding is the page's ``charset`` (else UTF-8, else
GB18030, as Chinese sites serve it); the file is bounded like a Word file's document part.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from cwm.planimport.document import Block, NotAPlan, grid

MAX_PAGE_BYTES = 20 * 2**20
_BREAKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "section", "article"}
_SKIP = {"script", "style", "head", "title", "noscript", "template"}
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""")


_SOURCE_BREAK = re.compile(r"[ \t]*[\r\n]\s*")
"""A line break of the page's source, read as one space, as a browser shows it (editors wrap the
source at a space: LibreOffice writes “全国文明城市\n共创” for “全国文明城市 共创”). Runs of
spaces inside a line are kept (``组  长：王  强   局长``: the roster's columns are spaces, as in
the Word file)."""


def _decode(data: bytes) -> str:
    declared = _CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii")] if declared else []
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", errors="replace")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.line: list[str] = []
        self.skip = 0
        # open tables, innermost last: rows of (text, rowspan, colspan); the open cell's lines
        self.tables: list[list[list[tuple[str, int, int]]]] = []
        self.cells: list[tuple[list[str], int, int] | None] = []

    def _flush(self) -> None:
        text = _SOURCE_BREAK.sub(" ", "".join(self.line)).replace("\u00a0", " ").strip()
        self.line = []
        if not text:
            return
        cell = self.cells[-1] if self.cells else None
        if cell is not None:
            cell[0].append(text)
        elif not self.tables:
            self.blocks.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _BREAKS:
            self._flush()
        if tag == "table":
            self.tables.append([])
            self.cells.append(None)
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._close_cell()
            values = dict(attrs)
            rowspan = _span(values.get("rowspan"), MAX_ROWSPAN)
            self.cells[-1] = ([], rowspan, _span(values.get("colspan"), MAX_COLSPAN))
            if not self.tables[-1]:
                self.tables[-1].append([])

    def _close_cell(self) -> None:
        self._flush()
        cell = self.cells[-1] if self.cells else None
        if cell is not None and self.tables:
            lines, rowspan, colspan = cell
            self.tables[-1][-1].append(("\n".join(lines), rowspan, colspan))
            self.cells[-1] = None

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th"):
            self._close_cell()
        elif tag == "table" and self.tables:
            self._close_cell()
            rows = [r for r in self.tables.pop() if r]
            self.cells.pop()
            if self.tables and self.cells and self.cells[-1] is not None:
                # a table inside a cell: its cells are lines of that cell
                self.cells[-1][0].extend(t for r in rows for t, _, _ in r if t)
            elif rows:
                self.blocks.append(grid(rows))
        elif tag in _BREAKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.line.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


MAX_ROWSPAN = 500
MAX_COLSPAN = 50
"""A 责任清单 spans a few rows and columns; larger spans are cut (a page cannot make the grid
hold millions of copies)."""


def _span(value: str | None, most: int) -> int:
    try:
        return max(1, min(int(value or 1), most))
    except ValueError:
        return 1


def read_blocks(path: Path) -> list[Block]:
    """The blocks of the web page at ``path``."""
    if path.stat().st_size > MAX_PAGE_BYTES:
        raise NotAPlan(f"{path.name} 超过 {MAX_PAGE_BYTES // 2**20} MB，不像一份工作方案的网页。")
    page = _Page()
    try:
        page.feed(_decode(path.read_bytes()))
        page.close()
    except NotAPlan as exc:
        raise NotAPlan(f"{path.name} 中的{exc}") from None
    return page.blocks
