"""Text of an OFD document (GB/T 33190-2016, the national format of 电子公文 that 公文系统
export): a zip of XML parts. ``OFD.xml`` names the document root, ``Document.xml`` lists the
pages in order, each page's ``Content.xml`` holds its text in ``TextCode`` elements.

Read with zipfile + ElementTree within the bounds of ``zipparts``/``limits``, like the .docx
reader (no dependency: the OFD libraries on PyPI are AGPL or render pages, which a word count
does not need). Text runs of one TextObject are joined as they are; TextObjects end a line.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from cwm.formats.base import DocumentText, ReadError, TextBudget
from cwm.formats.limits import MAX_PDF_PAGES
from cwm.formats.zipparts import open_part, parse_part

NS = "{http://www.ofdspec.org/2016}"
PICTURES = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff")
"""The page images of a scanned OFD (its resources; JBIG2 ones cannot be decoded and are passed
over)."""


def _damaged(what: str) -> ReadError:
    return ReadError(
        f"OFD 文件不完整或已损坏（{what}）。请从公文系统重新导出。", code="wrong-content"
    )


def _root(archive: zipfile.ZipFile, name: str) -> ET.Element:
    if name not in archive.NameToInfo:
        raise _damaged(f"缺少 {name}")
    try:
        with open_part(archive, name) as stream:
            return ET.parse(stream).getroot()
    except ET.ParseError as exc:
        raise _damaged(f"{name}：{exc}") from None


def _resolve(base: str, location: str) -> str:
    """A part's path from a location written relative to ``base``'s folder, or absolute."""
    location = location.replace("\\", "/")
    if location.startswith("/"):
        return location.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), location))


class _PageText:
    """A parser target for one page's Content.xml (expat calls it; no tree is built): the text
    of each TextObject's TextCodes, a line per TextObject, counted as it arrives so that a page
    of hundreds of MB is refused at the text limit, not held (a line end counts one)."""

    def __init__(self, budget: TextBudget) -> None:
        self.lines: list[str] = []
        self.current: list[str] | None = None
        self.in_code = False
        self.budget = budget

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == NS + "TextObject":
            self.current = []
        elif tag == NS + "TextCode" and self.current is not None:
            self.in_code = True

    def data(self, text: str) -> None:
        if self.in_code and self.current is not None:
            self.budget.spend(len(text))
            self.current.append(text)

    def end(self, tag: str) -> None:
        if tag == NS + "TextCode":
            self.in_code = False
        elif tag == NS + "TextObject" and self.current is not None:
            self.budget.spend(1)
            self.lines.append("".join(self.current))
            self.current = None

    def close(self) -> str:
        return "\n".join(self.lines)


def _page_text(archive: zipfile.ZipFile, name: str, budget: TextBudget) -> str:
    """A page's text, spending the document's ``budget``."""
    if name not in archive.NameToInfo:
        raise _damaged(f"缺少 {name}")
    try:
        return parse_part(archive, name, _PageText(budget))
    except ET.ParseError as exc:
        raise _damaged(f"{name}：{exc}") from None


def read_ofd(path: Path) -> DocumentText:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError):
        raise ReadError(
            "文件扩展名是 .ofd，但内容不是 OFD 文档（可能改了扩展名，或文件已损坏/未复制完整）。",
            code="wrong-content",
        ) from None
    with archive:
        doc_root = _root(archive, "OFD.xml").findtext(f"{NS}DocBody/{NS}DocRoot")
        if not doc_root:
            raise _damaged("OFD.xml 中没有 DocRoot")
        document = _resolve("OFD.xml", doc_root.strip())
        pages = _root(archive, document).findall(f"{NS}Pages/{NS}Page")
        if not pages:
            raise _damaged("文档没有页面")
        texts: list[str] = []
        budget = TextBudget()
        for number, page in enumerate(pages[:MAX_PDF_PAGES], 1):
            location = page.get("BaseLoc")
            if not location:
                raise _damaged(f"第 {number} 页没有内容位置")
            texts.append(_page_text(archive, _resolve(document, location), budget))
        text = "\n".join(texts)
        if DocumentText.is_scan(text):  # pages that are scanned images
            from cwm.formats import ocr

            pictures = sorted(n for n in archive.namelist() if n.lower().endswith(PICTURES))
            if pictures and ocr.enabled():
                return ocr.recognised_pictures(archive, pictures)
    return DocumentText(text, len(texts[0]), scanned=DocumentText.is_scan(text))
