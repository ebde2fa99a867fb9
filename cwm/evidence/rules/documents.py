"""正式发文：份数；首页应有发文字号（如 资府办发〔2020〕28号、资民发〔2021〕25号）。

扫描件（PDF 中没有文字）：装有文字识别扩展（cwm[ocr]）时识别前几页的文字，在识别出的首页中找发文字号
（识别常把〔〕认成【】[]（），都算），并列出识别出的字号，便于人工确认；没有装时列为人工核对。
"""

from __future__ import annotations

import re
from typing import Iterator

from cwm.evidence.context import Context, Found
from cwm.vocab import Trait

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


def check(ctx: Context) -> Iterator[Found]:
    for material in ctx.materials:
        if material.type != "document":
            continue
        documents = ctx.read("document")
        if ctx.folder is not None and len(documents) < material.count:
            yield Found(
                "document-count",
                f"正式发文 {len(documents)} 份，要求 {material.count} 份以上（.pdf、.docx 等）。",
                ctx.folder.rel,
            )
        for file, document in documents:
            if document.scanned and not document.recognised:
                message = "扫描件：请人工核对发文字号（文件中没有可提取的文字）。"
                yield Found("document-scan", message, file.rel)
                continue
            found = DOCUMENT_NUMBER.search(document.first_page)
            if found and document.recognised:
                whole = WHOLE_NUMBER.search(document.first_page, max(0, found.start() - 12))
                said = "".join((whole or found).group(0).split())
                yield Found("document-ocr", f"扫描件，文字识别读出发文字号“{said}”。", file.rel)
            elif not found:
                how = "（扫描件，按文字识别的结果）" if document.recognised else ""
                yield Found(
                    "document-number",
                    f"首页没有找到发文字号（如 资民发〔2021〕25号）{how}，请确认是正式发文。",
                    file.rel,
                )
