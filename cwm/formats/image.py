"""Facts about a photo (Pillow, and pi-heif for iPhone HEIC/HEIF): format, size, EXIF date,
perceptual hash, completeness.

The type is decided from the bytes, never the extension: a text file named .jpg or .heic is no
photo. ``Image.open`` reads only the header and ``getexif`` the EXIF block, without decoding
pixels. The hash needs pixels, but of a JPEG only at a reduced scale (``draft``); it is taken after
the EXIF orientation is applied, so a phone's rotated copy is the same photo. A JPEG cut short
(a copy that did not finish) lacks its end marker, checked from the file's last bytes; a
damaged one fails to decode.

pi-heif rather than pillow-heif: the same libheif decoder without the encoders (a 1.5 MB wheel
against 5.7 MB); cwm only reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cwm.formats.base import ReadError
from cwm.formats.imagehash import dhash
from cwm.formats.limits import MAX_PIXELS, too_large
from cwm.formats.photoquality import blur, jpeg_quality

DRAFT_PIXELS = 256
"""The smallest width and height a JPEG is decoded at for its hash."""
EXIF_IFD = 0x8769
DATETIME_ORIGINAL = 36867
DATETIME = 306


@dataclass(frozen=True)
class PhotoFacts:
    format: str
    width: int
    height: int
    taken: dt.date | None
    """EXIF DateTimeOriginal (else DateTime), if the photo has one."""
    dhash: int | None = None
    """64-bit perceptual hash (see similarity.py); None where the format cannot be decoded."""
    blur: float | None = None
    """0 sharp … 1 flat (``photoquality.blur``), from the same decode as the hash."""
    camera: bool = False
    """The file carries a camera's EXIF (make, model or the time taken): not re-encoded by a
    messenger, not a screenshot."""
    quality: int | None = None
    """A JPEG's estimated save quality (``photoquality.jpeg_quality``)."""
    thumbnail: str | None = None
    """The report's picture of the photo (``small_jpeg``), made from the same decode when asked
    (``cwm report``); ``reading`` caches it apart from the facts."""


MAKE, MODEL = 271, 272


def _exif_facts(image: object) -> tuple[dt.date | None, bool]:
    """(the day taken, whether a camera wrote the EXIF)."""
    try:
        exif = image.getexif()  # type: ignore[attr-defined]  # any Pillow image; the stubs know only some
        raw = exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL) or exif.get(DATETIME)
        camera = bool(exif.get(MAKE) or exif.get(MODEL) or exif.get_ifd(EXIF_IFD))
    except Exception:  # a damaged EXIF block is not a damaged photo
        return None, False
    if not isinstance(raw, str):
        return None, camera
    try:
        return dt.datetime.strptime(raw.strip()[:19], "%Y:%m:%d %H:%M:%S").date(), camera
    except ValueError:
        return None, camera


_HEIF_REGISTERED = False


def register_heif() -> None:
    """Let Pillow open HEIC/HEIF (once per process; the picture report uses it too)."""
    global _HEIF_REGISTERED
    if not _HEIF_REGISTERED:
        import pi_heif

        pi_heif.register_heif_opener()
        _HEIF_REGISTERED = True


def read_photo(path: Path, with_thumbnail: bool = False) -> PhotoFacts:
    """The photo's facts; ``with_thumbnail``: also its report picture, from the same decode (a
    JPEG is then decoded in colour, YCbCr, whose Y is exactly the grey the facts are taken
    from: the facts do not depend on whether a picture was asked for)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None  # cwm checks the size itself (below), with the file's name
    register_heif()
    try:
        with Image.open(path) as image:
            # the size from the header first: reading EXIF makes Pillow load a PNG whole
            if image.width * image.height > MAX_PIXELS:
                pixels = f"{image.width}×{image.height}"
                what = f"图片有 {pixels} 像素（超过 {MAX_PIXELS // 10**6} 百万像素）"
                raise ReadError(too_large(what), code="too-large")
            size = (image.width, image.height)
            taken, camera = _exif_facts(image)
            quality = jpeg_quality(image)
            if image.format == "JPEG" and not _jpeg_complete(path):
                raise ReadError(
                    "JPEG 图片不完整（文件末尾缺失，可能未复制完）。请重新复制原图。",
                    code="truncated",
                )
            if image.format == "JPEG":
                # decode at the largest JPEG scale (1/2…1/8) still ≥ 256 pixels: the hash of a
                # 12 MP photo from 1/8, equal to the full decode's within 2 bits (measured on
                # 87 real camera photos; a fixed 1/8 differed by up to 25 bits on small ones)
                image.draft("YCbCr" if with_thumbnail else "L", (DRAFT_PIXELS, DRAFT_PIXELS))
            ImageOps.exif_transpose(image, in_place=True)  # turned as its EXIF says: no copy
            upright = image
            grey = upright.getchannel(0) if upright.mode == "YCbCr" else upright
            facts = PhotoFacts(
                image.format or "",
                size[0],
                size[1],
                taken,
                dhash(grey),
                blur(grey),
                camera,
                quality,
            )
            if with_thumbnail:  # after the facts: the picture is made small in place
                facts = replace(facts, thumbnail=_picture(upright))
    except UnidentifiedImageError:
        raise ReadError(
            f"文件扩展名是 {path.suffix}，但内容不是可识别的图片（可能是空文件、"
            "改了扩展名或已损坏）。请重新导出或复制照片。",
            code="wrong-content",
        ) from None
    except Image.DecompressionBombError:
        what = f"图片像素过多（超过 {MAX_PIXELS // 10**6} 百万像素）"
        raise ReadError(too_large(what), code="too-large") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ReadError(
            f"图片无法读取（{exc}）。请重新导出或复制照片。", code="wrong-content"
        ) from None
    return facts


def _jpeg_complete(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 64))
        tail = handle.read()
    return b"\xff\xd9" in tail


THUMBNAIL_PX = 240
"""The longer side of a report's thumbnail."""


def small_jpeg(upright: Any) -> str:
    """A decoded, upright photo (any mode) made at most ``THUMBNAIL_PX`` wide and high, as a
    JPEG data URI. Changes ``upright`` (made small in place)."""
    import base64
    import io

    from PIL import Image

    upright.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX), Image.Resampling.BILINEAR)
    small = upright if upright.mode == "RGB" else upright.convert("RGB")
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=70)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _picture(upright: Any) -> str | None:
    """``small_jpeg``, or None: a photo whose facts were read is never an error for want of a
    picture."""
    try:
        return small_jpeg(upright)
    except Exception:
        return None


def upright(source: Any, mode: str, side: int) -> Any | None:
    """The image at ``source`` (a path or a binary stream) decoded at about ``side`` pixels (a
    JPEG at its 1/2…1/8 draft scale) in ``mode`` and turned as its EXIF says; None for one that
    cannot be opened or is beyond ``MAX_PIXELS`` (the readers' bound: no bomb decoded here).
    The picture of the report and the text of OCR are made from it."""
    from PIL import Image, ImageOps

    try:
        register_heif()
        with Image.open(source) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            image.draft(mode, (side, side))
            turned = ImageOps.exif_transpose(image) or image
            turned.load()
            return turned
    except Exception:  # not an image, damaged: the reader's finding says so
        return None


def thumbnail(path: Path) -> str | None:
    """The report's picture of a photo whose facts were read without it (``small_jpeg``), or
    None when it cannot be made: the steps of read_photo(with_thumbnail=True), so a picture is
    the same whichever made it — decoded at the facts' scale, turned, made small."""
    picture = upright(path, "YCbCr", DRAFT_PIXELS)
    return _picture(picture) if picture is not None else None
