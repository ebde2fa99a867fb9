"""Text of a legacy Word 97–2003 .doc, and of a WPS .wps (the same binary format), in pure
Python: olefile opens the compound file, the FIB locates the piece table (CLX), and the pieces
give the text, as UTF-16 or as compressed 8-bit (cp1252).

As Word counts: the main text, footnotes, endnotes and text boxes; not headers, comments or
field instructions (between 0x13 and 0x14).
"""

from __future__ import annotations

import struct
from pathlib import Path

from cwm.formats.base import DocumentText, ReadError
from cwm.formats.encrypted import ENCRYPTED
from cwm.formats.limits import MAX_OLE_BYTES, MAX_TABLE_ROWS, MiB, too_large

FIRST_PAGE_CHARS = 1500


def _fail(what: str) -> ReadError:
    return ReadError(
        f"无法读取这个 .doc/.wps 文件（{what}）。请用 Word 或 WPS 打开后另存为 .docx 再检查。",
        code="doc-unreadable",
    )


def _pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[tuple[int, int, int, bool]]:
    """(cp_start, cp_end, file offset, compressed) of each piece."""
    clx = table[fc_clx : fc_clx + lcb_clx]
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: skip property modifiers
        (size,) = struct.unpack_from("<H", clx, pos + 1)
        pos += 3 + size
    if pos >= len(clx) or clx[pos] != 0x02:
        raise _fail("找不到文本索引")
    (lcb,) = struct.unpack_from("<I", clx, pos + 1)
    plc = clx[pos + 5 : pos + 5 + lcb]
    count = (lcb - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for i in range(count):
        (fc,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)
        compressed = bool(fc & 0x40000000)
        offset = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        pieces.append((cps[i], cps[i + 1], offset, compressed))
    return pieces


def _text(word: bytes, pieces: list[tuple[int, int, int, bool]], start: int, end: int) -> str:
    out: list[str] = []
    for cp_start, cp_end, offset, compressed in pieces:
        low, high = max(cp_start, start), min(cp_end, end)
        if low >= high:
            continue
        if compressed:
            chunk = word[offset + (low - cp_start) : offset + (high - cp_start)]
            out.append(chunk.decode("cp1252", errors="replace"))
        else:
            chunk = word[offset + 2 * (low - cp_start) : offset + 2 * (high - cp_start)]
            out.append(chunk.decode("utf-16-le", errors="replace"))
    return "".join(out)


def _without_fields(text: str) -> str:
    """The text without field instructions (0x13 … 0x14; the field's result is kept)."""
    out: list[str] = []
    depth = 0
    for char in text:
        code = ord(char)
        if code == 0x13:
            depth += 1
        elif code == 0x14:
            depth = max(depth - 1, 0) if depth else 0
        elif code == 0x15:
            depth = 0 if depth else depth
        elif not depth:
            out.append(char)
    return "".join(out)


_MARKS = {c: "\n" for c in (0x0D, 0x0B, 0x0C, 0x07)} | {
    c: " " for c in range(0x20) if chr(c) not in "\t\n" and c not in (0x0D, 0x0B, 0x0C, 0x07)
}


CELL = "\x07"
"""Word 97 ends a table cell with 0x07, and a table row with one more."""


def _tables(text: str) -> tuple[tuple[str, list[list[str]]], ...]:
    """A Word 97 main text's tables (``text``: without its field instructions) as (表N, rows of
    cell texts), the last paragraphs above each as one-cell rows (where 检查日期：… is written),
    as the .docx reader gives them.

    The text marks only where cells and rows end: an empty cell and a row's end are the same
    0x07. The first row (a header: every cell written) gives the width; each later row is that
    many cells, then its end. A paragraph mark right after a row's end ends the table (a
    first cell of several paragraphs would end it early: rare in a 台账)."""
    if CELL not in text:
        return ()  # no table: most reports, at no cost
    found: list[list[list[str]]] = []
    lead: list[str] = []
    rows: list[list[str]] | None = None
    cells: list[str] = []
    width = 0
    piece: list[str] = []
    rows_left = MAX_TABLE_ROWS

    def cell_text() -> str:
        text = "".join(piece).replace("\x0b", "\n").replace("\r", "\n")
        piece.clear()
        return text.translate(_MARKS).strip()

    for char in text:
        if char == CELL:
            if rows is None:
                rows, cells, width = [[p] for p in lead[-5:]], [], 0
                found.append(rows)
                lead = []
            text_now = cell_text()
            row_ends = len(cells) == width if width else (not text_now and bool(cells))
            if not row_ends:
                cells.append(text_now)
                continue
            width = width or len(cells)
            if rows_left > 0 and any(cells):
                rows.append(cells)
                rows_left -= 1
            cells = []
        elif char == "\r":
            if rows is not None and not cells:
                rows = None  # a paragraph after a row's end: the table is over
            if rows is None:
                paragraph = cell_text()
                if paragraph:
                    lead = [*lead[-4:], paragraph]
            else:
                piece.append(char)  # a cell of several paragraphs
        else:
            piece.append(char)
    return tuple((f"表{n}", rows) for n, rows in enumerate(found, 1) if rows)


def _streams(path: Path) -> tuple[bytes, bytes]:
    """The WordDocument stream and its table stream, or a ReadError saying what the file is."""
    import olefile

    if not olefile.isOleFile(str(path)):
        what = "但内容不是 Word 97–2003/WPS 文档（可能改了扩展名或已损坏）。"
        raise ReadError(f"文件扩展名是 {path.suffix}，{what}", code="wrong-content")
    with olefile.OleFileIO(str(path)) as ole:
        if ole.exists("EncryptedPackage"):
            raise ReadError(ENCRYPTED, code="encrypted")
        if not ole.exists("WordDocument"):
            message = f"文件扩展名是 {path.suffix}，但其中没有 Word 正文。"
            raise ReadError(message, code="wrong-content")
        word = ole.openstream("WordDocument").read()
        ident = struct.unpack_from("<H", word, 0)[0] if len(word) >= 2 else 0
        if ident == 0xA5DC:  # Word 6.0 and Word 95
            message = (
                "Word 6.0/95 格式的旧文档，无法自动读取。请用 Word 或 WPS 打开后另存为 .docx。"
            )
            raise ReadError(message, code="doc-unreadable")
        if len(word) < 0x1AA or ident != 0xA5EC:
            raise _fail("文件头不对")
        (flags,) = struct.unpack_from("<H", word, 0x0A)
        if flags & 0x0100:
            message = "Word 文档已加密（需要密码），无法读取。请提交未加密的版本。"
            raise ReadError(message, code="encrypted")
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            raise _fail(f"缺少 {table_name}")
        return word, ole.openstream(table_name).read()


STORIES = (True, True, False, False, False, True, True)
"""Which of the first seven stories Word counts: main text, footnotes, (headers, macros,
comments), endnotes, text boxes."""


def read_doc(path: Path) -> DocumentText:
    if path.stat().st_size > MAX_OLE_BYTES:
        what = f"旧版 Word 文件超过 {MAX_OLE_BYTES // MiB} MB"
        raise ReadError(too_large(what), code="too-large")
    try:
        word, table = _streams(path)
    except ReadError:
        raise
    except (OSError, struct.error, ValueError) as exc:
        raise _fail(str(exc)) from None
    try:
        lengths = struct.unpack_from("<11I", word, 0x4C)[:7]  # ccpText, Ftn, Hdd, …, Edn, Txbx
        fc_clx, lcb_clx = struct.unpack_from("<II", word, 0x1A2)
        pieces = _pieces(table, fc_clx, lcb_clx)
    except struct.error:
        raise _fail("文本索引损坏") from None
    start = 0
    counted: list[str] = []
    sheets: tuple[tuple[str, list[list[str]]], ...] = ()
    for story, (length, keep) in enumerate(zip(lengths, STORIES)):
        if keep and length:
            bare = _without_fields(_text(word, pieces, start, start + length))
            counted.append(bare.translate(_MARKS))  # marks as spaces and line breaks
            if story == 0:
                sheets = _tables(bare)
        start += length
    body = len(counted[0]) if counted else 0
    return DocumentText("\n".join(counted), min(body, FIRST_PAGE_CHARS), sheets=sheets)
