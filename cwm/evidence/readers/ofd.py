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

from ..limits import MAX_PDF_PAGES, MAX_TEXT_CHARS, too_large
from .base import DocumentText, ReadError
from .zipparts import open_part

NS = "{http://www.ofdspec.org/2016}"


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


def _page_text(archive: zipfile.ZipFile, name: str) -> str:
    lines: list[str] = []
    for text_object in _root(archive, name).iter(NS + "TextObject"):
        lines.append("".join(code.text or "" for code in text_object.iter(NS + "TextCode")))
    return "\n".join(lines)


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
        chars = 0
        for number, page in enumerate(pages[:MAX_PDF_PAGES], 1):
            location = page.get("BaseLoc")
            if not location:
                raise _damaged(f"第 {number} 页没有内容位置")
            texts.append(_page_text(archive, _resolve(document, location)))
            chars += len(texts[-1])
            if chars > MAX_TEXT_CHARS:
                raise ReadError(
                    too_large(f"文档文字超过 {MAX_TEXT_CHARS:,} 个字符"), code="too-large"
                )
    text = "\n".join(texts)
    return DocumentText(text, len(texts[0]), scanned=DocumentText.is_scan(text))
