"""Excel workbooks for people: the office hands each 科室 a sheet of its problems.

Every sheet: a bold header row frozen, an auto-filter, A4 landscape fitted to the page width
(columns narrow enough that the font stays ≥ 9 pt; long text wraps, rows grow to show it), the
header row repeated on every printed page, a printed title and “第 N 页 共 M 页”; phone numbers
and ids as text cells (no 1.38e10); a column of width 0 hidden (a key read back, not printed).

Written as SpreadsheetML directly (ECMA-376: the parts Excel, WPS and LibreOffice need, four
cell styles, shared strings), streamed into the zip: a weekly report's 18,000 cells took 0.6 s
through openpyxl — most of a warm ``cwm report`` — and take a tenth of that here; memory stays
flat however many findings a report has. openpyxl still writes the fillable self-inspection
sheet (drop-down lists) and reads workbooks back in the tests.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from typing import Any, Iterator, Sequence

LINE_POINTS = 15
"""A wrapped line's height at the default 11 pt font."""

_WIDE = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
"""Characters two columns wide (CJK, full-width forms): counted by one C-speed search."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (cwm's messages show control characters escaped already)."""
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")

HEADER, TEXT, NUMBER = 1, 2, 3
"""Cell styles (cellXfs indices): bold on grey, centred; text (number format @), top, wrapped;
a number, top, wrapped."""
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFEEEEEE"/><bgColor indexed="64"/>\
</patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" \
applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" \
applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">\
<alignment vertical="top" wrapText="1"/></xf></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def wrapped_lines(value: Any, width: float) -> int:
    """The lines a cell's text wraps to in a column ``width`` characters wide (a Chinese
    character is two)."""
    if not isinstance(value, str) or width <= 0 or 2 * len(value) <= width:
        return 1  # short enough even if every character is wide: most cells, no search
    if width <= 2:
        return 1  # a hidden column
    return sum(
        max(1, math.ceil((len(part) + len(_WIDE.findall(part))) / width))
        for part in value.split("\n")
    )


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _text(value: str) -> str:
    """Text for an element or an attribute value."""
    value = _NOT_XML.sub("\ufffd", value)
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


class _Strings:
    """The shared string table: each distinct text once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0

    def __call__(self, text: str) -> int:
        self.count += 1
        return self.index.setdefault(text, len(self.index))

    def xml(self) -> str:
        items = "".join(
            f'<si><t xml:space="preserve">{_text(text)}</t></si>' for text in self.index
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_MAIN}" '
            f'count="{self.count}" uniqueCount="{len(self.index)}">{items}</sst>'
        )


def _header_text(text: str) -> str:
    """A header/footer section's text: ``&`` starts a code there, so a literal one is doubled."""
    return text.replace("&", "&&")


def _sheet_xml(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float] | None,
    heading: str,
    title: str,
    strings: _Strings,
) -> Iterator[str]:
    columns = [
        widths[n] if widths and widths[n] is not None else max(6, min(40, 2 * len(str(h)) + 2))
        for n, h in enumerate(headers)
    ]
    last = f"{column_letter(max(1, len(headers)))}{len(rows) + 1}"
    yield (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}" '
        f'xmlns:r="{_RELS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{last}"/><sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="{LINE_POINTS}"/><cols>'
    )
    yield "".join(
        f'<col min="{n}" max="{n}" width="{width or 10}" customWidth="1"'
        + (' hidden="1"/>' if width == 0 else "/>")
        for n, width in enumerate(columns, 1)
    )
    yield "</cols><sheetData>"
    header = "".join(
        f'<c r="{column_letter(n)}1" s="{HEADER}" t="s"><v>{strings(str(h))}</v></c>'
        for n, h in enumerate(headers, 1)
    )
    # the header wraps too (整改责任人 over two lines): its row as high as its longest label
    lines = max((wrapped_lines(str(h), w) for h, w in zip(headers, columns) if w), default=1)
    height = f' ht="{LINE_POINTS * lines}" customHeight="1"' if lines > 1 else ""
    yield f'<row r="1"{height}>{header}</row>'
    letters = [column_letter(n) for n in range(1, max(len(headers), *map(len, rows), 0) + 1)]
    for number, row in enumerate(rows, 2):
        cells = []
        for letter, value in zip(letters, row):
            ref = f"{letter}{number}"
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                text = "" if value is None else str(value)
                cells.append(f'<c r="{ref}" s="{TEXT}" t="s"><v>{strings(text)}</v></c>')
            else:
                cells.append(f'<c r="{ref}" s="{NUMBER}"><v>{value}</v></c>')
        lines = max((wrapped_lines(v, w) for v, w in zip(row, columns)), default=1)
        height = f' ht="{LINE_POINTS * lines}" customHeight="1"' if lines > 1 else ""
        yield f'<row r="{number}"{height}>{"".join(cells)}</row>'
    top = _header_text(f"{heading}　{title}" if heading else title)
    yield (
        f'</sheetData><autoFilter ref="A1:{last}"/>'
        '<pageMargins left="0.3" right="0.3" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        f"<headerFooter><oddHeader>{_text('&C' + top)}</oddHeader>"
        f"<oddFooter>{_text('&C第 &P 页 共 &N 页')}</oddFooter></headerFooter></worksheet>"
    )


def _titles(sheets: Sequence[Any]) -> list[str]:
    """Sheet names Excel accepts: no []:*?/\\, at most 31 characters, each once."""
    out: list[str] = []
    for title, *_ in sheets:
        name = _SHEET_NAME.sub("_", str(title))[:31] or "Sheet"
        base, n = name, 2
        while name in out:
            name, n = f"{base[: 31 - len(str(n)) - 1]}_{n}", n + 1
        out.append(name)
    return out


def workbook(
    sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]], Sequence[float] | None]],
    heading: str = "",
) -> bytes:
    """An .xlsx of ``(title, headers, rows, widths)`` sheets, as bytes (written atomically by
    the caller); ``heading`` (the period, the reference day) is printed above every page. A
    width of 0 hides its column (a key the program reads back, not for people)."""
    titles = _titles(sheets)
    strings = _Strings()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        names = []
        for n, ((_, headers, rows, widths), title) in enumerate(zip(sheets, titles), 1):
            with book.open(f"xl/worksheets/sheet{n}.xml", "w") as part:
                for piece in _sheet_xml(headers, rows, widths, heading, title, strings):
                    part.write(piece.encode("utf-8"))
            quoted = "'" + title.replace("'", "''") + "'"
            last = f"${column_letter(max(1, len(headers)))}${len(rows) + 1}"
            names.append(
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n - 1}" hidden="1">'
                f"{_text(quoted)}!$A$1:{last}</definedName>"
                f'<definedName name="_xlnm.Print_Titles" localSheetId="{n - 1}">'
                f"{_text(quoted)}!$1:$1</definedName>"
            )
        book.writestr("xl/sharedStrings.xml", strings.xml())
        book.writestr("xl/styles.xml", _STYLES)
        listed = "".join(
            f'<sheet name="{_text(t)}" sheetId="{n}" r:id="rId{n}"/>'
            for n, t in enumerate(titles, 1)
        )
        book.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_RELS}"><bookViews><workbookView/></bookViews><sheets>{listed}</sheets>'
            f"<definedNames>{''.join(names)}</definedNames></workbook>",
        )
        count = len(titles)
        parts = "".join(
            f'<Relationship Id="rId{n}" Type="{_RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, count + 1)
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            f'xmlns="{_PACKAGE}">{parts}<Relationship Id="rId{count + 1}" '
            f'Type="{_RELS}/styles" Target="styles.xml"/><Relationship Id="rId{count + 2}" '
            f'Type="{_RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        book.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            f'xmlns="{_PACKAGE}"><Relationship Id="rId1" Type="{_RELS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
            f'ContentType="{_TYPES}.worksheet+xml"/>'
            for n in range(1, count + 1)
        )
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://'
            'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPES}.sheet.main+xml"/>'
            f"{overrides}"
            f'<Override PartName="/xl/styles.xml" ContentType="{_TYPES}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{_TYPES}.sharedStrings+xml"/></Types>',
        )
    return buffer.getvalue()
