"""Text of a .docx, as Word counts it: body (with tables), text boxes, footnotes and endnotes;
not headers and footers.

Read straight from the OOXML parts with zipfile + ElementTree. python-docx misses text boxes
and footnotes and repeats a merged table cell once per spanned column; here each w:t is read
once. A text box is stored twice (DrawingML in mc:Choice, VML in mc:Fallback): the fallback copy
is skipped.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .base import DocumentText, ReadError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
FIRST_PAGE_CHARS = 1500


def _paragraph_texts(root: ET.Element) -> list[str]:
    out: list[str] = []

    def walk(node: ET.Element, buffer: list[str]) -> None:
        for child in node:
            tag = child.tag
            if tag == MC_FALLBACK:
                continue
            if tag == W + "footnote" or tag == W + "endnote":
                if child.get(W + "type") in (
                    "separator",
                    "continuationSeparator",
                    "continuationNotice",
                ):
                    continue
            if tag == W + "p":
                inner: list[str] = []
                walk(child, inner)
                out.append("".join(inner))
                continue
            if tag == W + "t":
                buffer.append(child.text or "")
            elif tag == W + "tab":
                buffer.append("\t")
            elif tag in (W + "br", W + "cr"):
                buffer.append("\n")
            elif tag == W + "instrText" or tag == W + "delText":
                continue  # field codes and deleted revisions are not counted
            walk(child, buffer)

    walk(root, [])
    return out


def read_docx(path: Path) -> DocumentText:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReadError(
            "文件扩展名是 .docx，但内容不是 Word 文档（可能是改了扩展名，"
            "或文件已损坏/未复制完整）。请用 Word 打开后重新另存为 .docx。",
            code="wrong-content",
        ) from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise ReadError(
                "文件扩展名是 .docx，但其中没有 Word 正文（可能是其他 Office 文件改了扩展名）。",
                code="wrong-content",
            )
        parts: list[str] = []
        for part in PARTS:
            if part not in names:
                continue
            try:
                root = ET.fromstring(archive.read(part))
            except (ET.ParseError, zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
                raise ReadError(
                    f"Word 文件已损坏，无法读取（{part}：{exc}）。请用 Word 打开检查后重新保存。"
                ) from None
            parts.append("\n".join(_paragraph_texts(root)))
    body = parts[0] if parts else ""
    return DocumentText("\n".join(parts), body[:FIRST_PAGE_CHARS])
