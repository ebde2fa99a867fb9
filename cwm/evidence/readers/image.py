"""Facts about a photo without decoding its pixels (Pillow): format, size, EXIF date, and
whether the file is complete.

``Image.open`` reads only the header; ``getexif`` reads the EXIF block. A JPEG cut short (a copy
that did not finish) lacks its end marker, which is checked from the file's last bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import ReadError

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


def _exif_date(image: object) -> dt.date | None:
    try:
        exif = image.getexif()  # type: ignore[attr-defined]
        raw = exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL) or exif.get(DATETIME)
    except Exception:  # a damaged EXIF block is not a damaged photo
        return None
    if not isinstance(raw, str):
        return None
    try:
        return dt.datetime.strptime(raw.strip()[:19], "%Y:%m:%d %H:%M:%S").date()
    except ValueError:
        return None


def read_photo(path: Path) -> PhotoFacts:
    from PIL import Image, UnidentifiedImageError

    suffix = path.suffix.lower()
    if suffix == ".heic":  # Pillow has no HEIC support without a plug-in: count it, read nothing
        return PhotoFacts("HEIC", 0, 0, None)
    try:
        with Image.open(path) as image:
            facts = PhotoFacts(image.format or "", image.width, image.height, _exif_date(image))
    except UnidentifiedImageError:
        raise ReadError(
            f"文件扩展名是 {path.suffix}，但内容不是可识别的图片（可能是空文件、改了扩展名或已损坏）。请重新导出或复制照片。",
            code="wrong-content",
        ) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ReadError(f"图片无法读取（{exc}）。请重新导出或复制照片。", code="wrong-content") from None
    if facts.format == "JPEG" and not _jpeg_complete(path):
        raise ReadError("JPEG 图片不完整（文件末尾缺失，可能未复制完）。请重新复制原图。", code="truncated")
    return facts


def _jpeg_complete(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 64))
        tail = handle.read()
    return b"\xff\xd9" in tail
