"""重复照片：同一张照片只能报送1个指标；背景相同的不同场面图片算同一张照片。

- 同一张照片（字节相同，或重新保存、缩放、压缩过）出现在两个申报项中：错误。
- 同一场景的照片（感知哈希相近：略有不同的拍摄、小幅裁剪）出现在两个申报项中：警告。
- 同一申报项内同一场景的照片只算一张（计入张数时合并），并列出是哪几张。
判定依据见 README“重复照片”一节（dHash 汉明距离 ≤2 为同一张，≤8 为同一场景）。
"""

from __future__ import annotations

from typing import Iterator

from cwm.evidence.context import Context, Found, PhotoRef
from cwm.vocab import Trait

CODES = {
    "photo-reused": (
        "error",
        "同一张照片用于两个以上申报项（同一张照片只能报送1个指标）。",
        {Trait.PHOTO},
    ),
    "photo-similar-elsewhere": (
        "warning",
        "与另一申报项的照片为同一场景（背景相同的不同场面算同一张照片）。",
        {Trait.PHOTO},
    ),
    "photo-same-scene": ("warning", "本申报项内有同一场景的照片，只算一张。", {Trait.PHOTO}),
}


def photo_names(refs: tuple[PhotoRef, ...], total: int) -> str:
    """``III-7-3-1（…/a.jpg）、… 等 12 张``: the photos a finding names."""
    listed = "、".join(f"{r.requirement}（{r.rel}）" for r in refs)
    return listed + (f" 等 {total} 张" if total > len(refs) else "")


def check(ctx: Context) -> Iterator[Found]:
    if ctx.folder is None:
        return
    for file, _ in ctx.read("image"):
        other = ctx.elsewhere.get(file.rel)
        if other is None:
            continue
        if other.same_count:
            message = (
                f"这张照片也用于 {photo_names(other.same, other.same_count)}。"
                "同一张照片只能报送1个指标，请换用其他照片。"
            )
            yield Found("photo-reused", message, file.rel, tuple(r.rel for r in other.same))
        elif other.scene_count:
            message = (
                f"与 {photo_names(other.scene, other.scene_count)} 的照片为同一场景，"
                "审核时可能算作同一张照片。"
            )
            related = tuple(r.rel for r in other.scene)
            yield Found("photo-similar-elsewhere", message, file.rel, related)
        elif other.reference:
            message = (
                f"与 {photo_names(other.reference, len(other.reference))} "
                "参考资料中的照片相同或相近。"
                "参考资料不报送；若也要报送，同一张照片只能报送1个指标。"
            )
            related = tuple(r.rel for r in other.reference)
            yield Found("photo-similar-elsewhere", message, file.rel, related)
    if not any(m.type in ("photos", "screenshot") for m in ctx.materials):
        return  # photos do not count here: no scene to merge
    for scene in ctx.scenes:
        # a scene already named photo by photo as used elsewhere is not named again
        if len(scene) > 1 and not all(f.rel in ctx.elsewhere for f in scene):
            names = "、".join(f.path.name for f in scene[:10])
            more = f" 等 {len(scene)} 张" if len(scene) > 10 else ""
            yield Found(
                "photo-same-scene",
                f"{names}{more} 为同一场景（背景相同的不同场面算同一张照片），只算 1 张。",
                scene[0].rel,
                tuple(f.rel for f in scene[1:10]),
            )
