"""What one evidence file may cost: every bound of the readers, in one place.

A file over a bound is a finding on that file (``too-large``), never a crash, and reading it
stops before it costs more: zip parts are inflated as a stream and counted, XML is parsed
incrementally, text is capped, images are sized from their header before any pixel is decoded,
tables are read for their first rows only. With these bounds a check stays well under 300 MB
whatever one file holds (tests/test_hostile.py measures it).
"""

from __future__ import annotations

MiB = 2**20

MAX_PART_BYTES = 200 * MiB
"""Inflated size of one part of a zip-based file (.docx, .xlsx, .ofd)."""
MAX_RATIO = 100
"""Inflated/compressed size of a part above this, once it is past ``RATIO_FROM`` bytes, is a
zip bomb (real Office XML compresses 5–20×)."""
RATIO_FROM = 16 * MiB
MAX_TEXT_CHARS = 2_000_000
"""Characters of text kept from one document (a 800字 report has ~1,000; a book ~500,000)."""
MAX_TEXT_FILE_BYTES = 20 * MiB
"""A .txt/.md report larger than this is not a report."""
MAX_PDF_PAGES = 500
"""Pages of a PDF whose text is read."""
MAX_PIXELS = 200_000_000
"""Width × height of an image (a 108-megapixel phone photo is 108,000,000)."""
MAX_TABLE_ROWS = 20_000
"""Rows of a sheet read: a data table's figures are near the top, but an activity 台账 of a
liaison duty has a row per activity (每月2次 for years) and a 问卷 sheet a row per household."""
MAX_SHEET_CELLS = 2_000_000
"""Cells a sheet may span (rows × columns of its used range) before it is loaded: the reader
(calamine) holds a sheet's whole range in memory, ~32 bytes a cell, empty ones too — a 42 KB
.xls of Apache POI's test corpus declares 65,536 × 256 cells (1.1 GB), and one cell typed at
IV65536 makes any .xlsx that large. A data table, 台账 or 自查表 spans a few thousand cells."""
MAX_TABLE_BYTES = 4 * MiB
"""Bytes of a CSV read: ``MAX_TABLE_ROWS`` rows of ~200 bytes."""
MAX_SHEET_BYTES = 16 * MiB
"""A workbook's sheet (its XML uncompressed, or an .xls/.ods file) larger than this is refused
before it is loaded: the table reader loads a whole sheet, and a data table is a few dozen rows
(a 1,048,576-row sheet is ~40 MB of XML and took ~440 MB to load)."""
MAX_OLE_BYTES = 200 * MiB
"""Size of a legacy .doc/.wps compound file."""


def too_large(what: str) -> str:
    """The finding's message: ``what`` exceeds its bound."""
    return (
        f"{what}，可能已损坏或不是正常的文件，未读取。"
        "请用原软件打开后重新保存，或换用正常大小的文件。"
    )
