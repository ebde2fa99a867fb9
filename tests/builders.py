"""Real evidence files for tests: .docx (python-docx and hand-written OOXML), .pdf (reportlab),
.doc (a minimal Word 97 compound file), .jpg/.png (Pillow, with EXIF), .xlsx (openpyxl), .csv.

``build_tree(root, {"a/III-8-1-3 家风/报告.docx": docx_bytes(...)})`` writes a tree.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import struct
import zipfile
from pathlib import Path
from typing import Any, Callable, Union

Content = Union[bytes, str, Callable[[Path], None]]

HAN = "春夏秋冬东南西北山川田野江河湖海花草树木日月星辰风云雷电晨昏朝暮青红蓝白金银铜铁诗书礼乐琴棋"
"""Filler without the checker's keywords (政策, 资金, 考核…) or digits."""


def han_text(n: int, start: int = 0) -> str:
    """``n`` CJK ideographs (each counts 1 in Word)."""
    return "".join(HAN[(start + i) % len(HAN)] for i in range(n))


def build_tree(root: Path, files: dict[str, Content]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return root


# --- Word -----------------------------------------------------------------------------------


def docx_bytes(
    *paragraphs: str, table: list[list[str]] | None = None, header: str | None = None
) -> bytes:
    """A .docx made by python-docx (as a real Word file is), with an optional table and header."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table):  # a row's cells: Table.cell is O(cells)
            for cell, value in zip(row.cells, values):
                cell.text = value
    if header:
        document.sections[0].header.paragraphs[0].text = header
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
_WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
_V = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def docx_ooxml(
    body: str, textbox: str | None = None, footnote: str | None = None, merged: str | None = None
) -> bytes:
    """A hand-written .docx exercising what python-docx gets wrong: a text box stored twice
    (mc:Choice and mc:Fallback), a footnote, a cell merged across two columns."""
    parts = [f"<w:p><w:r><w:t>{body}</w:t></w:r></w:p>"]
    if textbox:
        parts.append(
            f'<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
            f"<w:p><w:r><w:t>{textbox}</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>{textbox}</w:t></w:r></w:p>"
            f"</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        )
    if merged:
        parts.append(
            f'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>{merged}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        )
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W} {_MC} {_WPS} {_V}><w:body>{"".join(parts)}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", document)
        if footnote:
            archive.writestr(
                "word/footnotes.xml",
                f'<?xml version="1.0"?><w:footnotes {_W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>———</w:t></w:r></w:p></w:footnote>'
                f'<w:footnote w:id="1"><w:p><w:r><w:t>{footnote}</w:t></w:r></w:p></w:footnote></w:footnotes>',
            )
    return buffer.getvalue()


def doc_bytes(text: str, header: str = "") -> bytes:
    """A minimal Word 97 .doc: a compound file with WordDocument and 1Table streams, the FIB and a
    one-piece table of UTF-16 text (main text, then a header story that Word does not count)."""
    main = text + "\r"
    stories = main + (header + "\r" if header else "")
    text_offset = 0x800
    word = bytearray(max(4096, text_offset + 2 * len(stories) + 16))
    struct.pack_into("<HH", word, 0, 0xA5EC, 0x00C1)  # wIdent, nFib
    struct.pack_into("<H", word, 0x0A, 0x0200)  # fWhichTblStm: the table stream is 1Table
    struct.pack_into("<II", word, 0x4C, len(main), 0)  # ccpText, ccpFtn
    struct.pack_into("<I", word, 0x54, len(header) + 1 if header else 0)  # ccpHdd
    word[text_offset : text_offset + 2 * len(stories)] = stories.encode("utf-16-le")
    plc = struct.pack("<II", 0, len(stories)) + struct.pack("<HIH", 0, text_offset, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    table = bytearray(4096)
    table[: len(clx)] = clx
    struct.pack_into("<II", word, 0x1A2, 0, len(clx))  # fcClx, lcbClx
    return compound_file({"WordDocument": bytes(word), "1Table": bytes(table)})


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A version-3 compound file (512-byte sectors). Every stream must be ≥ 4096 bytes, so no
    mini stream is needed."""
    SECTOR, END, FREE, FATSECT = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    names = list(streams)
    sectors: list[bytes] = []
    starts: dict[str, int] = {}
    chains: list[tuple[int, int]] = []
    for name in names:
        data = streams[name]
        assert len(data) >= 4096
        padded = data + b"\0" * (-len(data) % SECTOR)
        starts[name] = len(sectors)
        count = len(padded) // SECTOR
        chains.append((len(sectors), count))
        sectors += [padded[i : i + SECTOR] for i in range(0, len(padded), SECTOR)]
    directory_sector = len(sectors)

    def entry(
        name: str,
        kind: int,
        start: int,
        size: int,
        child: int = FREE,
        left: int = FREE,
        right: int = FREE,
    ) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", left, right, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    # names sort by length, then upper case: WordDocument (child of root) with 1Table on its left
    entries = [
        entry("Root Entry", 5, END, 0, child=1),
        entry(names[0], 2, starts[names[0]], len(streams[names[0]]), left=2),
    ]
    entries.append(entry(names[1], 2, starts[names[1]], len(streams[names[1]])))
    entries.append(
        b"\0" * 64
        + struct.pack("<HBB", 0, 0, 0)
        + struct.pack("<III", FREE, FREE, FREE)
        + b"\0" * 48
    )
    sectors.append(b"".join(entries))
    fat_sector = len(sectors)
    fat = [FREE] * (SECTOR // 4)
    for start, count in chains:
        for i in range(count):
            fat[start + i] = start + i + 1 if i < count - 1 else END
    fat[directory_sector] = END
    fat[fat_sector] = FATSECT
    sectors.append(struct.pack(f"<{len(fat)}I", *fat))
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, directory_sector, 0, 4096, END, 0, END, 0)
    difat = [fat_sector] + [FREE] * 108
    struct.pack_into("<109I", header, 76, *difat)
    return bytes(header) + b"".join(sectors)


# --- PDF ------------------------------------------------------------------------------------


def pdf_bytes(*pages: str, encrypt: str | None = None, scanned: bool = False) -> bytes:
    """A PDF made with reportlab. Chinese uses the CID font STSong-Light, which is *not*
    embedded — the case where only PDFium extracted the text right. ``scanned``: an image only."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    for text in pages:
        if scanned:
            from reportlab.lib.utils import ImageReader

            pdf.drawImage(ImageReader(io.BytesIO(jpeg_bytes())), 50, 400, 400, 300)
        else:
            pdf.setFont("STSong-Light", 11)
            y = 800
            for start in range(0, len(text), 40):
                pdf.drawString(40, y, text[start : start + 40])
                y -= 16
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# --- images ---------------------------------------------------------------------------------


def jpeg_bytes(
    taken: dt.date | None = None,
    size: tuple[int, int] = (1024, 768),  # as a phone's photo is handed in (not too small)
    seed: int = 0,
    fmt: str = "JPEG",
) -> bytes:
    """A photo-like image (gradient + blocks, varied by ``seed``) with an EXIF date if given."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (40 + seed * 17 % 200, 90, 160))
    draw = ImageDraw.Draw(image)
    for i in range(6):  # the layout of a 320×240 picture, scaled: seeds stay distinct scenes
        x = (seed * 37 + i * 53) % 320 * size[0] // 320
        y = (seed * 29 + i * 41) % 240 * size[1] // 240
        draw.rectangle(
            [x, y, x + size[0] // 5, y + size[1] // 5],
            fill=((seed * 50 + i * 30) % 255, (i * 70) % 255, (seed * 90) % 255),
        )
    buffer = io.BytesIO()
    kwargs = {}
    if taken is not None:
        exif = Image.Exif()
        stamp = taken.strftime("%Y:%m:%d 10:00:00")
        exif[306] = stamp
        exif.get_ifd(0x8769)[36867] = stamp
        kwargs["exif"] = exif
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


# --- tables ---------------------------------------------------------------------------------


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[object]], encoding: str = "utf-8-sig") -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


# --- running the checker ------------------------------------------------------------------


def requirements(plan, *ids: str):
    """The requirement items of ``ids`` (all when none), each with all its materials, as
    ``cwm check`` without a period selects them (units resolved)."""
    import datetime as dt

    from cwm.schedule.duecheck import select

    _, selected = select(plan, None, None, dt.date(plan.year, 12, 31))
    return [r for r in selected if not ids or r.item.id in ids]


def run_check(plan, root: Path, *ids: str):
    """Check ``root`` for the given requirement ids (all when none) with all their materials."""
    from cwm.evidence.engine import check_tree

    return check_tree(plan.tasks, root, requirements(plan, *ids))


def result_of(report, ident: str):
    return next(r for r in report.requirements if r.id == ident)


def codes(result) -> list[str]:
    return [f.code for f in result.findings if not f.reminder]


# --- photo-like scenes for the duplicate checks ------------------------------------------


def scene_image(seed: int, size: tuple[int, int] = (800, 600)):
    """A photo-like picture: smooth colour fields (a random 40×30 grid, upscaled), shapes and
    fine grain."""
    import random

    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    small = Image.new("RGB", (40, 30))
    small.putdata(
        [(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)) for _ in range(1200)]
    )
    image = small.resize(size, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    w, h = size
    for _ in range(12):
        x, y = rnd.randrange(w), rnd.randrange(h)
        grey = rnd.randrange(256)
        draw.ellipse(
            [x, y, x + rnd.randrange(w // 24, w // 4), y + rnd.randrange(h // 18, h // 3)],
            fill=(grey, grey, grey),
        )
    # fine detail, as a camera records it (leaves, brick, faces): without it the picture is a
    # smooth blur that cwm rightly calls blurred. Grains of 1/512 of the long side, as sharp at
    # the scale cwm judges blur as a photo's detail; too fine to change the 9×8 hash
    k = max(1, max(size) // 512)
    small = (-(-w // k), -(-h // k))
    grain = Image.frombytes("L", small, rnd.randbytes(small[0] * small[1]))
    grain = grain.resize((small[0] * k, small[1] * k), Image.Resampling.NEAREST).crop((0, 0, w, h))
    return Image.blend(image, grain.convert("RGB"), 0.15)


@functools.lru_cache(maxsize=512)  # bytes, immutable: a worker draws each photo once
def scene_jpeg(
    seed: int,
    variant: str = "original",
    taken: dt.date | None = None,
    size: tuple[int, int] = (800, 600),
) -> bytes:
    """``original``; ``recompressed`` (quality 60); ``resized`` (half size, recompressed);
    ``shifted`` (another shot of the scene: moved 3% and brighter)."""
    from PIL import Image, ImageEnhance

    image = scene_image(seed, size)
    quality = 90
    if variant == "recompressed":
        quality = 60
    elif variant == "resized":
        image, quality = image.resize((size[0] // 2, size[1] // 2), Image.Resampling.LANCZOS), 75
    elif variant == "shifted":
        dx = size[0] * 3 // 100
        image = ImageEnhance.Brightness(image.crop((dx, 0, size[0], size[1])).resize(size)).enhance(
            1.08
        )
    buffer = io.BytesIO()
    kwargs = {}
    if taken is not None:
        exif = Image.Exif()
        exif.get_ifd(0x8769)[36867] = taken.strftime("%Y:%m:%d 10:00:00")
        kwargs["exif"] = exif
    image.save(buffer, "JPEG", quality=quality, **kwargs)
    return buffer.getvalue()


# --- formats of Chinese offices: OFD, Word 95, encrypted OOXML, archives ----------------------

_OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def ofd_bytes(*pages: str, drop_page: int | None = None, picture: bytes | None = None) -> bytes:
    """An OFD (GB/T 33190-2016) as 公文系统 export it: OFD.xml -> Doc_0/Document.xml -> one
    Content.xml per page, each line a TextObject of TextCode runs. ``drop_page``: leave that
    page's content out (a damaged export). ``picture``: each page that image instead of text,
    an ImageObject of a JPEG resource (a scanner's 版式 export)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {_OFD_NS} Version="1.0" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        listed = "".join(
            f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
            for i in range(len(pages))
        )
        archive.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {_OFD_NS}><ofd:CommonData>'
            "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
            f"</ofd:CommonData><ofd:Pages>{listed}</ofd:Pages></ofd:Document>",
        )
        for number, text in enumerate(pages):
            if number == drop_page:
                continue
            lines = [text[i : i + 30] for i in range(0, len(text), 30)]
            objects = "".join(
                f'<ofd:TextObject ID="{100 + n}" Boundary="20 {20 + 6 * n} 170 6" Font="1" Size="4.2">'
                f'<ofd:TextCode X="0" Y="4">{line[:12]}</ofd:TextCode>'
                f'<ofd:TextCode X="50" Y="4">{line[12:]}</ofd:TextCode></ofd:TextObject>'
                for n, line in enumerate(lines)
            )
            if picture is not None:
                objects = (
                    f'<ofd:ImageObject ID="5" ResourceID="{900 + number}" Boundary="0 0 210 297"/>'
                )
                archive.writestr(f"Doc_0/Res/image_{900 + number}.jpg", picture)
            archive.writestr(
                f"Doc_0/Pages/Page_{number}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {_OFD_NS}><ofd:Content>'
                f'<ofd:Layer ID="{number + 2}">{objects}</ofd:Layer></ofd:Content></ofd:Page>',
            )
    return buffer.getvalue()


def word95_bytes() -> bytes:
    """A compound file whose WordDocument stream starts as Word 6.0/95 files do (0xA5DC)."""
    word = bytearray(4096)
    struct.pack_into("<HH", word, 0, 0xA5DC, 0x0065)
    return compound_file({"WordDocument": bytes(word), "1Table": bytes(4096)})


def encrypted_ooxml_bytes() -> bytes:
    """What Word and Excel save with a password: an OLE file holding EncryptionInfo and
    EncryptedPackage instead of a zip."""
    return compound_file({"EncryptionInfo": bytes(4096), "EncryptedPackage": bytes(4096)})


def zip_bytes(files: dict[str, bytes], gbk_names: bool = False) -> bytes:
    """A .zip; ``gbk_names``: names written in GBK without the UTF-8 flag, as Windows' built-in
    “发送到 压缩文件夹” and older tools do."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(_GbkName(name) if gbk_names else zipfile.ZipInfo(name), data)
    return buffer.getvalue()


class _GbkName(zipfile.ZipInfo):
    __slots__ = ()

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's name
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def close_pairs(
    items: list[tuple[Any, int]], limit: int | None = None
) -> list[tuple[Any, Any, int]]:
    """Every pair of (key, hash) items within ``limit``, each pair once, from the checker's pair
    search (``distinct_pairs``): what tests and benchmarks hold against brute force (quadratic in
    the size of a group of near-identical photos; the checker itself uses ``group``)."""
    from collections import defaultdict

    from cwm.evidence.similarity import SAME_SCENE_MAX, distinct_pairs

    limit = SAME_SCENE_MAX if limit is None else limit
    by_value: dict[int, list[int]] = defaultdict(list)
    for position, (_, value) in enumerate(items):
        by_value[value].append(position)
    values = list(by_value)
    positions: list[tuple[int, int, int]] = []
    for members in by_value.values():
        positions += [(a, b, 0) for x, a in enumerate(members) for b in members[x + 1 :]]
    for i, j, d in distinct_pairs(values, limit):
        positions += [(a, b, d) for a in by_value[values[i]] for b in by_value[values[j]]]
    ordered = (((a, b) if a < b else (b, a), d) for a, b, d in positions)
    return [(items[a][0], items[b][0], d) for (a, b), d in ordered]


def million_row_xlsx(path: Path, rows: int = 1_048_576) -> None:
    """An .xlsx whose one sheet has ``rows`` rows (written as XML directly: openpyxl would take
    minutes), compressed to a few MB."""
    import zipfile

    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            for r in range(1, rows + 1):
                sheet.write(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r))
            sheet.write(b"</sheetData></worksheet>")


# --- the loops: self-inspection sheets --------------------------------------------------------


def inspection_sheet(
    plan,
    day: dt.date | str | None,
    fills: dict[tuple[str, int | None], dict[str, object]],
    inspector: str = "张三",
    everything: str | None = "合格",
) -> bytes:
    """The self-inspection workbook cwm writes (``cwm checklist --kind sites -f xlsx``), filled
    in with openpyxl as an inspector would: the date and inspector at the top, ``everything``
    as the result of every row, then ``fills`` per (site, standard number) and column."""
    from openpyxl import load_workbook

    from cwm.evidence.loops.inspections import COLUMNS
    from cwm.printing.checklist import sites
    from cwm.printing.inspection_sheet import HEADER_ROW, inspection_workbook

    data = inspection_workbook(sites(plan, dt.date(plan.year, 6, 1)))
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    if day is not None:
        sheet["B2"] = day
    sheet["E2"] = inspector
    at = {name: n for n, name in enumerate(COLUMNS)}
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        site, number = row[at["点位编号"]].value, row[at["标准编号"]].value
        key = (site, int(number) if number not in (None, "") else None)
        if everything:
            row[at["检查结果"]].value = everything
        for name, value in fills.get(key, {}).items():
            row[at[name]].value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def word_tables(*tables: list[list[str]], title: str = "活动台账", after: str = "") -> bytes:
    """A .docx as an office types it in Word: a title, each table, a line after them."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(title)
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, values in zip(table.rows, rows):  # a row's cells: Table.cell is O(cells)
            for cell, value in zip(row.cells, values):
                cell.text = str(value)
    if after:
        document.add_paragraph(after)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
