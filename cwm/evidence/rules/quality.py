"""照片质量：模糊、太小、经微信压缩、要求现场照片却交了截图（只是警告，照片照常计数）。

- 模糊：照片再稍加模糊后，边缘反差还剩多少（0 清晰，1 一片模糊；按长边 512 像素计算，
  与原图大小无关，白墙、天空多的照片不会因此被当作模糊）。
- 太小：长边不足数据中的像素数，平台上看不清。
- 经微信压缩：长边正好是微信、QQ 压缩后的常见尺寸，JPEG 质量不高，且没有相机的拍摄信息（EXIF）。
- 截图：申报要求写明“现场照片”“现场图片”的申报项中，尺寸与手机或电脑屏幕相同、又没有拍摄信息的图片。
  附件1 备注说图片资料包括现场照片、网络截图、电视截屏、样报截屏：没有写明现场的，截图不提示。
阈值写在 tasks.yaml 的 rules.photo_quality 中（模糊度的阈值在真实照片上测得：
benchmarks/photo_quality.py），cwm rules 列出当前的值。
"""

from __future__ import annotations

from typing import Any, Iterator

from cwm.evidence.context import Context, Found
from cwm.vocab import Trait

CODES = {
    "photo-blurred": ("warning", "照片模糊（模糊度达到数据中的阈值）。", {Trait.PHOTO}),
    "photo-small": ("warning", "照片太小（长边不足数据中的像素数），平台上看不清。", {Trait.PHOTO}),
    "photo-messenger": (
        "warning",
        "照片可能经微信、QQ 压缩（常见的压缩尺寸、JPEG 质量不高、没有拍摄信息）。",
        {Trait.PHOTO},
    ),
    "photo-screenshot": (
        "warning",
        "要求现场照片，这张像是屏幕截图（屏幕尺寸、没有拍摄信息）。",
        {Trait.PHOTO},
    ),
}


def settings(rules: Any) -> list[str]:
    """The thresholds in force, as ``cwm rules`` prints them."""
    quality = rules.photo_quality
    screens = "、".join(f"{w}×{h}" for w, h in quality.screen_sides)
    return [
        f"模糊度 ≥ {quality.blurred:g} 提示模糊",
        f"长边 < {quality.min_side} 像素提示太小",
        f"长边为 {'、'.join(map(str, quality.messenger_sides))} 像素、JPEG 质量 ≤ "
        f"{quality.messenger_quality}、没有拍摄信息，提示可能经微信压缩",
        f"屏幕尺寸（{screens}，横竖均可）且没有拍摄信息，提示像是截图",
    ]


def _size(facts: Any) -> str:
    return f"{facts.width}×{facts.height}"


def judge(facts: Any, rules: Any, on_site: bool) -> Iterator[tuple[str, str]]:
    """(code, message) of each quality warning for one photo; ``on_site``: the requirement asks
    for 现场照片 (a screenshot is no answer)."""
    long_side = max(facts.width, facts.height)
    screen = sorted((facts.width, facts.height)) in [sorted(s) for s in rules.screen_sides]
    if on_site and screen and not facts.camera:
        yield (
            "photo-screenshot",
            f"这张像是屏幕截图（{_size(facts)}，与手机或电脑屏幕尺寸相同，没有拍摄信息），"
            "本项要求现场照片：请使用相机或手机拍摄的原图。",
        )
        return
    squeezed = facts.quality is not None and facts.quality <= rules.messenger_quality
    if long_side in rules.messenger_sides and squeezed and not facts.camera:
        yield (
            "photo-messenger",
            f"照片可能经微信压缩（{_size(facts)}，无拍摄信息），请使用原图"
            "（微信发送时勾选“原图”，或从手机直接复制）。",
        )
    elif long_side < rules.min_side:
        yield (
            "photo-small",
            f"照片太小（{_size(facts)}，长边不足 {rules.min_side} 像素），平台上看不清："
            "请使用原图。",
        )
    if facts.blur is not None and facts.blur >= rules.blurred:
        yield (
            "photo-blurred",
            f"照片模糊（模糊度 {facts.blur:.2f}，达到 {rules.blurred:g} 即提示；"
            "0 为清晰，1 为一片模糊）：请换一张清晰的照片。",
        )


def check(ctx: Context) -> Iterator[Found]:
    if ctx.folder is None:
        return
    kinds = {m.type for m in ctx.materials} & {"photos", "screenshot"}
    if not kinds:
        return
    rules = ctx.tasks.rules.photo_quality
    asked = [ctx.item.title, ctx.item.requirement or ""]
    asked += [getattr(m, "text", "") or "" for m in ctx.materials if m.type == "photos"]
    on_site = kinds == {"photos"} and any("现场" in text for text in asked)
    for file, facts in ctx.read("image"):
        for code, message in judge(facts, rules, on_site=on_site):
            yield Found(code, message, file.rel)
