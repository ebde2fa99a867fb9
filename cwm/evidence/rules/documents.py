"""正式发文：份数；首页应有发文字号（如 资府办发〔2020〕28号、资民发〔2021〕25号）。"""

from __future__ import annotations

import re
from typing import Iterator

from cwm.evidence.context import Context, Found
from cwm.vocab import Trait

CODES = {
    "document-count": ("error", "正式发文的份数少于要求。"),
    "document-number": ("warning", "文档首页没有发文字号，可能不是正式发文。"),
    "document-scan": ("info", "扫描件，请人工核对发文字号。", {Trait.NEEDS_PERSON}),
}

DOCUMENT_NUMBER = re.compile(
    r"[\u4e00-\u9fff]\s*[〔\[［(（【﹝〖]\s*(?:19|20)\d{2}\s*[〕\]］)）】﹞〗]\s*\d{1,4}\s*号"
)
"""An agency's abbreviation (one Han character before the bracket is what a search needs: a
longer run ends in one), the year in brackets, the number, 号."""


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
            if document.scanned:
                message = "扫描件：请人工核对发文字号（文件中没有可提取的文字）。"
                yield Found("document-scan", message, file.rel)
                continue
            if not has_document_number(document.first_page):
                yield Found(
                    "document-number",
                    "首页没有找到发文字号（如 资民发〔2021〕25号），请确认是正式发文。",
                    file.rel,
                )
