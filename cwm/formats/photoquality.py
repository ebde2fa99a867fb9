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


def _variation(image: Any) -> Any:
    """|image(x) − image(x − 1)| per pixel, along the rows (the first column compares with the
    last: a sliver of the edge, negligible at 512 pixels)."""
    from PIL import ImageChops

    return ImageChops.difference(image, ImageChops.offset(image, 1, 0))


def _tile_sums(band: Any, boxes: list[tuple[int, int, int, int]]) -> list[int]:
    """The sum of an 8-bit image's pixels in each box, exactly, one C call a box: Pillow's
    ``reduce`` adds a box up in double precision and keeps the mean as a float32, which times
    the box's pixels is the sum within 0.25 (a box is at most 128 × 128 pixels of at most 255),
    so rounding gives the sum back (checked against the histogram's in the tests)."""
    exact = band.convert("F")
    sums = []
    for box in boxes:
        width, height = box[2] - box[0], box[3] - box[1]
        mean = exact.reduce((width, height), box).getpixel((0, 0))
        sums.append(round(mean * width * height))
    return sums


def _edges(grey: Any, boxes: list[tuple[int, int, int, int]]) -> tuple[list[int], list[int]]:
    """Per tile, along the rows of ``grey``: its edge contrast, and how much of it a further
    blur (a 9-pixel box) keeps — min(sharp, softer), i.e. sharp less what the blur takes."""
    from PIL import ImageChops, ImageFilter

    sharp = _variation(grey)
    softer = _variation(grey.filter(ImageFilter.BoxBlur((4, 0))))
    return _tile_sums(sharp, boxes), _tile_sums(ImageChops.darker(sharp, softer), boxes)


def blur(image: Any) -> float:
    """0 (sharp) … 1 (flat) for a Pillow image of any mode and size."""
    from PIL import Image

    grey = image if image.mode == "L" else image.convert("L")  # read only: no copy
    if max(grey.size) > SIDE:
        grey = grey.copy()
        grey.thumbnail((SIDE, SIDE), Image.Resampling.BILINEAR)
    if min(grey.size) < 4 * TILES:
        return 1.0
    w, h = grey.size
    boxes = [
        (col * w // TILES, row * h // TILES, (col + 1) * w // TILES, (row + 1) * h // TILES)
        for row in range(TILES)
        for col in range(TILES)
    ]
    sharp_x, kept_x = _edges(grey, boxes)
    # down the columns: along the rows of the picture turned over its diagonal (as Pillow makes
    # a vertical box blur), the tiles turned with it
    turned = [(top, left, bottom, right) for left, top, right, bottom in boxes]
    sharp_y, kept_y = _edges(grey.transpose(Image.Transpose.TRANSPOSE), turned)
    tiles = []  # (edge contrast, the share a further blur keeps) of each tile
    for tile in range(len(boxes)):
        pairs = ((sharp_x[tile], kept_x[tile]), (sharp_y[tile], kept_y[tile]))
        total = sharp_x[tile] + sharp_y[tile]
        if total:
            tiles.append((float(total), max(kept / part for part, kept in pairs if part)))
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
