"""正式发文：份数；首页应有发文字号（如 资府办发〔2020〕28号、资民发〔2021〕25号）。

扫描件（PDF 中没有文字）：装有文字识别扩展（cwm[ocr]）时识别前几页的文字，在识别出的首页中找发文字号
（识别常把〔〕认成【】[]（），都算），并列出识别出的字号，便于人工确认；没有装时列为人工核对。

拍照或扫描成图片的发文（只要正式发文、不要图片资料的申报项中的 .jpg、.png 等）：算作正式发文，
名称只差页码的几张（通知_1.jpg、通知_2.jpg，通知（1）、通知 第2页）是同一份；首页（页码最小的一张）
由文字识别找发文字号，没有装扩展时列为人工核对。审核时拍照的文件也认，但扫描为 PDF 更清楚。
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from cwm.evidence.context import Context, Found
from cwm.vocab import Trait

if TYPE_CHECKING:
    from cwm.evidence.scan import EvidenceFile

CODES = {
    "document-count": ("error", "正式发文的份数少于要求。"),
    "document-number": ("warning", "文档首页没有发文字号，可能不是正式发文。"),
    "document-scan": ("info", "扫描件，请人工核对发文字号。", {Trait.NEEDS_PERSON}),
    "document-ocr": ("info", "扫描件的发文字号由文字识别读出（列出读到的字号，便于人工确认）。"),
}

_YEAR_AND_NUMBER = r"\s*[〔\[［(（【﹝〖]\s*(?:19|20)\d{2}\s*[〕\]］)）】﹞〗]\s*\d{1,4}\s*号"
"""The year in the brackets a typist or an OCR engine writes, then the number and 号."""
DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]" + _YEAR_AND_NUMBER)
"""An agency's abbreviation (one Han character before the bracket is what a search needs: a
longer run ends in one), the year in brackets, the number, 号."""


WHOLE_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}" + _YEAR_AND_NUMBER)
"""The 文号 as shown: the agency's whole abbreviation before the bracket."""


def has_document_number(text: str) -> bool:
    return bool(DOCUMENT_NUMBER.search(text))


def number_shown(text: str) -> str | None:
    """The first 文号 in ``text`` as a person would quote it (the agency's whole abbreviation,
    no spaces), or None."""
    found = DOCUMENT_NUMBER.search(text)
    if found is None:
        return None
    whole = WHOLE_NUMBER.search(text, max(0, found.start() - 12))
    return "".join((whole or found).group(0).split())


_PAGE = re.compile(
    r"(?:[\s_\-－—.·]*(?:(?<!\d)\d{1,3}|[(（]\d{1,3}[)）]|第\s*\d{1,3}\s*页|[pP]\d{1,3}))$"
)
"""A page number at the end of a picture's name: 通知1, 通知_2, 通知（3）, 通知 第2页, 通知-p4 —
never the last digits of a camera's name (IMG_20210512_093102, 微信图片_20210603152233)."""


def pages_by_document(files: list[EvidenceFile]) -> list[list[EvidenceFile]]:
    """Pictures of pages, one list per document: names that differ only in a page number are
    one document, its pages in order."""
    documents: dict[str, list[tuple[int, EvidenceFile]]] = {}
    for file in files:
        stem = file.path.stem
        page = _PAGE.search(stem)
        if page is None or page.start() == 0:
            name, number = stem, 0
        else:
            name, number = stem[: page.start()], int(re.sub(r"\D", "", page.group(0)))
        documents.setdefault(name.casefold(), []).append((number, file))
    return [[f for _, f in sorted(pages, key=lambda p: p[0])] for pages in documents.values()]


def takes_pages(kinds: set[str]) -> bool:
    """Whether an item's pictures are pages of its 正式发文: it asks for documents and for no
    pictures of its own (photos, screenshots)."""
    return "document" in kinds and not {"photos", "screenshot"} & kinds


def page_images(ctx: Context) -> list[list[EvidenceFile]]:
    """The pictures of an item that ``takes_pages``, read, one list per document."""
    if not takes_pages({m.type for m in ctx.materials}):
        return []
    return pages_by_document([file for file, _ in ctx.read("image")])


def _pictured(ctx: Context, pages: list[EvidenceFile]) -> Found:
    """What the first page of a photographed document shows: its 文号 as OCR read it, or a
    person to look."""
    first = pages[0]
    what = f"拍照或扫描的图片（{len(pages)} 张）" if len(pages) > 1 else "拍照或扫描的图片"
    lines = ctx.recognised.get(first.rel)
    if lines is None:
        message = f"{what}：请人工核对发文字号；正式发文最好扫描为 PDF 提交。"
        return Found("document-scan", message, first.rel, tuple(f.rel for f in pages[1:]))
    said = number_shown("\n".join(lines))
    if said is None:
        message = f"{what}的首页没有识别出发文字号（如 资民发〔2021〕25号），请确认是正式发文。"
        return Found("document-number", message, first.rel)
    return Found("document-ocr", f"{what}，文字识别读出发文字号“{said}”。", first.rel)


def check(ctx: Context) -> Iterator[Found]:
    for material in ctx.materials:
        if material.type != "document":
            continue
        documents = ctx.read("document")
        pictured = page_images(ctx)
        count = len(documents) + len(pictured)
        if ctx.folder is not None and count < material.count:
            yield Found(
                "document-count",
                f"正式发文 {count} 份，要求 {material.count} 份以上（.pdf、.docx，"
                "或拍照、扫描的图片）。",
                ctx.folder.rel,
            )
        for pages in pictured:
            yield _pictured(ctx, pages)
        for file, document in documents:
            if document.scanned and not document.recognised:
                message = "扫描件：请人工核对发文字号（文件中没有可提取的文字）。"
                yield Found("document-scan", message, file.rel)
                continue
            said = number_shown(document.first_page)
            if said and document.recognised:
                yield Found("document-ocr", f"扫描件，文字识别读出发文字号“{said}”。", file.rel)
            elif not said:
                how = "（扫描件，按文字识别的结果）" if document.recognised else ""
                yield Found(
                    "document-number",
                    f"首页没有找到发文字号（如 资民发〔2021〕25号）{how}，请确认是正式发文。",
                    file.rel,
                )
