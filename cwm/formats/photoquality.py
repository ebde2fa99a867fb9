"""Figures of a photo's quality, from the grayscale image the hash already decodes (no second
decode): how blurred it is, and what its file says of where it came from (camera EXIF, JPEG
quality). The thresholds that turn them into warnings are data (``rules.photo_quality`` in
tasks.yaml); the rule is ``rules/photos.py``.

Blur: the no-reference measure of Crété-Roffet et al. (“The blur effect”, SPIE 2007): blur the
photo a little more (a 9-pixel box, along each axis) and see how much of its edge contrast
(neighbour differences) survives. A sharp photo loses much of it, an already blurred one almost
none. 0 is sharp, 1 is flat; measured on the photo scaled to ``SIDE`` pixels, so a 12 MP photo
and its WeChat copy score alike, and on its sharpest parts (``TILES``), so a subject in focus
against a blurred background is sharp. Unlike the variance of a Laplacian it does not depend on
how much texture the scene has (a white wall is not "blurred").
"""

from __future__ import annotations

import operator
from typing import Any

SIDE = 512
"""The long side the blur is measured at (about what a reviewer sees on screen)."""
TILES = 4
"""The photo is judged by its parts: a TILES × TILES grid."""
BUSIEST = 4
"""Of the tiles, those with the most edge contrast are judged (the subject; in a blurred photo,
its blurred edges — never the sky or a wall, where only JPEG noise is left), and the photo is as
sharp as the two sharpest of them: a portrait or a flower against a blurred background is in
focus."""


def _variation(image: Any, dx: int, dy: int) -> Any:
    """|image(x) − image(x − d)| per pixel (the first row and column compare with the last:
    a sliver of the edge, negligible at 512 pixels)."""
    from PIL import ImageChops

    return ImageChops.difference(image, ImageChops.offset(image, dx, dy))


_LEVELS = range(256)


def _sums(histogram: list[int]) -> list[int]:
    """The pixel sum of each band of an image whose ``histogram()`` this is (256 bins a band),
    multiplied out in C (ImageStat adds the bins in a Python loop)."""
    return [
        sum(map(operator.mul, _LEVELS, histogram[start : start + 256]))
        for start in range(0, len(histogram), 256)
    ]


def blur(image: Any) -> float:
    """0 (sharp) … 1 (flat) for a Pillow image of any mode and size."""
    from PIL import Image, ImageChops, ImageFilter

    grey = image.convert("L")
    if max(grey.size) > SIDE:
        grey = grey.copy()
        grey.thumbnail((SIDE, SIDE), Image.Resampling.BILINEAR)
    if min(grey.size) < 4 * TILES:
        return 1.0
    bands = []  # per direction: the photo's variation, and what of it a further blur keeps
    for dx, dy, radius in ((1, 0, (4, 0)), (0, 1, (0, 4))):
        sharp = _variation(grey, dx, dy)
        softer = _variation(grey.filter(ImageFilter.BoxBlur(radius)), dx, dy)
        bands += [sharp, ImageChops.darker(sharp, softer)]  # min(a, b) = a − max(a − b, 0)
    maps = Image.merge("RGBA", bands)  # one crop and one histogram per tile for all four
    w, h = grey.size
    tiles = []  # (edge contrast, the share a further blur keeps) of each tile
    for row in range(TILES):
        for col in range(TILES):
            box = (
                col * w // TILES,
                row * h // TILES,
                (col + 1) * w // TILES,
                (row + 1) * h // TILES,
            )
            sharp_x, kept_x, sharp_y, kept_y = _sums(maps.crop(box).histogram())
            shares = [kept / part for part, kept in ((sharp_x, kept_x), (sharp_y, kept_y)) if part]
            if sharp_x + sharp_y:
                tiles.append((float(sharp_x + sharp_y), max(shares, default=0.0)))
    if not tiles:
        return 1.0  # one flat colour
    busiest = sorted(tiles, reverse=True)[:BUSIEST]
    sharpest = sorted(kept for _, kept in busiest)[:2]
    return round(sum(sharpest) / len(sharpest), 4)


def jpeg_quality(image: Any) -> int | None:
    """The quality (1–100) a JPEG was saved at, estimated from its luminance quantisation table
    against the IJG standard table (as ImageMagick's ``identify`` does); None for other formats."""
    tables = getattr(image, "quantization", None)
    if not tables or 0 not in tables:
        return None
    table = list(tables[0])
    standard = _IJG_LUMINANCE
    scale = sum(table) * 100 / sum(standard)  # the percentage the IJG table was scaled by
    quality = (200 - scale) / 2 if scale <= 100 else 5000 / scale
    return max(1, min(100, round(quality)))


_IJG_LUMINANCE = (
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
)  # fmt: skip
"""The IJG (libjpeg) standard luminance table at quality 50, in natural order (the order of
sums does not matter)."""
