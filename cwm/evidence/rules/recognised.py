"""截图和水印照片上的文字（装有文字识别扩展 cwm[ocr] 时；没有装或用 --no-ocr 时不产生结论）。

媒体报道截图：要能看出刊发时间（一个日期）、标题（一行 8 字以上、不是日期或来源的文字）和媒体名称
（“来源：…”，或 ××日报、××电视台、××网、××融媒体中心、学习强国等）；识别不出的每一项是一条警告，
识别出的内容列出，便于人工核对。
水印相机照片（照片的 EXIF 和文件名都没有日期时才识别）：照片上打的日期不在本期的收集周期（或方案
年度）内，或与照片说明中的日期不一致时警告；照片上没有水印不提示。
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from cwm.dates import find_date
from cwm.evidence.context import Context, Found, Requirement
from cwm.evidence.rules.documents import pages_by_document, takes_pages

if TYPE_CHECKING:
    from cwm.evidence.scan import EvidenceFile

CODES = {
    "screenshot-fields": ("warning", "媒体报道截图中没有识别出刊发时间、标题或媒体名称。"),
    "screenshot-read": ("info", "媒体报道截图中识别出的刊发时间、媒体名称和标题（便于人工核对）。"),
    "stamp-date": (
        "warning",
        "照片上水印相机打的日期不在本期（或方案年度）内，或与照片说明中的日期不一致。",
    ),
}

OUTLETS = (
    "人民网",
    "新华网",
    "央视网",
    "中国文明网",
    "学习强国",
    "澎湃新闻",
    "人民日报",
    "光明日报",
    "新华社",
    "中央电视台",
    "今日头条",
)
_MEDIA = re.compile(
    r"来源[:：]\s*([^\s|｜]{2,20})"
    r"|([\u4e00-\u9fff]{2,12}(?:日报|晚报|电视台|广播电视台|新闻网|融媒体中心|客户端|发布|在线|网))"
)


def media_name(lines: tuple[str, ...]) -> str | None:
    for line in lines:
        known = next((o for o in OUTLETS if o in line), None)
        if known:
            return known
        match = _MEDIA.search(line)
        if match:
            return match.group(1) or match.group(2)
    return None


def _furniture(line: str) -> bool:
    return bool(re.search(r"阅读|分享|点赞|评论|收藏|关注|返回|^\d{1,2}:\d{2}", line))


def title_line(lines: tuple[str, ...], media: str | None) -> str | None:
    """The headline: the lines above the byline (the date or 来源 line), joined — a headline
    wraps — else the longest line that reads as one (8 or more characters, no date, not the
    source, not the app's furniture: 阅读, 分享, 点赞)."""

    def usable(line: str) -> bool:
        return (
            find_date(line) is None
            and "来源" not in line
            and not _furniture(line)
            and (media is None or line.strip() != media)
        )

    byline = next((at for at, line in enumerate(lines) if published(line) or "来源" in line), None)
    if byline:
        above = [line.strip() for line in lines[:byline] if usable(line)][-2:]
        joined = "".join(above)
        if len(re.sub(r"\s", "", joined)) >= 8:
            return joined
    candidates = [
        line.strip() for line in lines if len(re.sub(r"\s", "", line)) >= 8 and usable(line)
    ]
    return max(candidates, key=len, default=None)


def published(line: str) -> dt.date | None:
    """A publication date as bylines write it: with its year (2021-05-12, 2021年5月12日), not
    a day in the text (5月12日，…)."""
    return find_date(line) if re.search(r"(?:19|20)\d{2}\s*[-./年]", line) else None


def _screenshots(ctx: Context) -> Iterator[Found]:
    for file in ctx.files("image"):
        lines = ctx.recognised.get(file.rel)
        if lines is None:
            continue
        day = next(filter(None, (published(line) for line in lines)), None)
        media = media_name(lines)
        title = title_line(lines, media)
        missing = [
            name
            for name, value in (("刊发时间", day), ("标题", title), ("媒体名称", media))
            if value is None
        ]
        if missing:
            message = f"截图中没有识别出{'、'.join(missing)}：截图应包含刊发时间、标题、媒体名称。"
            yield Found("screenshot-fields", message, file.rel)
        else:
            message = f"识别出：{day:%Y-%m-%d}，{media}，《{title}》。"
            yield Found("screenshot-read", message, file.rel)


def _stamps(ctx: Context, material: object) -> Iterator[Found]:
    year = ctx.year
    start, end = ctx.requirement.collection_span(material) or ctx.requirement.date_window(
        material, year
    )
    names = list(getattr(material, "caption", []))
    date_field = getattr(material, "date_field", None)
    for file in ctx.files("image"):
        lines = ctx.recognised.get(file.rel)
        if not lines:
            continue
        stamped = next(filter(None, (find_date(line) for line in lines)), None)
        if stamped is None:
            continue  # no stamp: nothing said
        if not start <= stamped <= end:
            message = (
                f"照片上的水印日期 {stamped:%Y-%m-%d} 不在 {start:%Y-%m-%d} 至 {end:%Y-%m-%d} 内。"
            )
            yield Found("stamp-date", message, file.rel)
            continue
        written = ctx.caption(file, names).fields.get(date_field or "") if date_field else None
        day = find_date(written, year) if written else None
        if day is not None and day != stamped:
            message = f"照片上的水印日期 {stamped:%Y-%m-%d} 与说明中的日期 {day:%Y-%m-%d} 不一致。"
            yield Found("stamp-date", message, file.rel)


def wanted(
    requirements: Iterable[Requirement], folders: Mapping[str, Any], reads: Mapping[str, Any]
) -> tuple[list[EvidenceFile], list[EvidenceFile]]:
    """The images to recognise, only where it decides something: (every screenshot of an item
    that asks for them and the first page of each photographed 正式发文 — each read whole —,
    the photos of an item with photos whose EXIF and name give no date)."""
    screens: list[EvidenceFile] = []
    stamps: list[EvidenceFile] = []
    for requirement in requirements:
        folder = folders.get(requirement.item.id)
        if folder is None:
            continue
        kinds = {m.type for m in requirement.materials}
        images = [f for f in folder.files if f.kind == "image" and not f.reference]
        if "screenshot" in kinds:
            screens += images
        elif takes_pages(kinds):  # a photographed 正式发文: its first page, for the 文号
            screens += [pages[0] for pages in pages_by_document(images)]
        elif "photos" in kinds:
            stamps += [
                f
                for f in images
                if getattr(reads.get(f.rel), "taken", None) is None
                and find_date(f.path.stem) is None
            ]
    return screens, stamps


def recognise(
    requirements: list[Requirement],
    folders: Mapping[str, Any],
    reads: Mapping[str, Any],
    cache: Any,
    jobs: int,
) -> dict[str, tuple[str, ...]]:
    """What OCR reads of the files ``wanted`` names (nothing without the extra)."""
    from cwm.evidence.reading import recognised
    from cwm.formats import ocr

    if not ocr.enabled():
        return {}
    screens, stamps = wanted(requirements, folders, reads)
    return recognised(screens, stamps, cache, jobs)


def check(ctx: Context) -> Iterator[Found]:
    if not ctx.recognised:
        return
    kinds = {m.type for m in ctx.materials}
    if "screenshot" in kinds:
        yield from _screenshots(ctx)
    elif "photos" in kinds:
        material = next(m for m in ctx.materials if m.type == "photos")
        yield from _stamps(ctx, material)
