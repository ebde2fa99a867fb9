"""The blur measure (``cwm.formats.photoquality.blur``) as optimised equals the measure as defined:
every tile's edge sums from histograms, the vertical edges with Pillow's own vertical box blur.
Verdicts hang on its value (a threshold in the data), so a faster implementation must give the
same number, not a close one."""

from __future__ import annotations

import operator
import random
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageOps

from cwm.formats import photoquality
from cwm.formats.photoquality import BUSIEST, SIDE, TILES, blur

from .builders import scene_image

REAL = Path(__file__).parent / "fixtures" / "real"


def _sum(image, box) -> int:
    return sum(map(operator.mul, range(256), image.crop(box).histogram()))


def _boxes(width: int, height: int) -> list[tuple[int, int, int, int]]:
    """The TILES × TILES tiles, row by row."""
    return [
        (
            c * width // TILES,
            r * height // TILES,
            (c + 1) * width // TILES,
            (r + 1) * height // TILES,
        )
        for r in range(TILES)
        for c in range(TILES)
    ]


def reference_blur(image) -> float:
    """The measure as written in the module's docstring, step by step."""
    grey = image.convert("L")
    if max(grey.size) > SIDE:
        grey = grey.copy()
        grey.thumbnail((SIDE, SIDE), Image.Resampling.BILINEAR)
    if min(grey.size) < 4 * TILES:
        return 1.0
    maps = []
    for dx, dy, radius in ((1, 0, (4, 0)), (0, 1, (0, 4))):
        sharp = ImageChops.difference(grey, ImageChops.offset(grey, dx, dy))
        blurred = grey.filter(ImageFilter.BoxBlur(radius))
        softer = ImageChops.difference(blurred, ImageChops.offset(blurred, dx, dy))
        maps.append((sharp, ImageChops.subtract(sharp, softer)))
    tiles = []
    for box in _boxes(*grey.size):
        total, worst = 0.0, 0.0
        for sharp, lost in maps:
            part = _sum(sharp, box)
            if part:
                worst = max(worst, (part - _sum(lost, box)) / part)
            total += part
        if total:
            tiles.append((total, worst))
    if not tiles:
        return 1.0
    busiest = sorted(tiles, reverse=True)[:BUSIEST]
    sharpest = sorted(kept for _, kept in busiest)[:2]
    return round(sum(sharpest) / len(sharpest), 4)


def _pictures():
    for seed, size in ((1, (800, 600)), (2, (409, 307)), (3, (1024, 768)), (4, (300, 500))):
        picture = scene_image(seed, size)
        yield f"scene{seed}", picture
        yield f"scene{seed}-blurred", picture.filter(ImageFilter.GaussianBlur(3))
    for name in ("orientation_1.jpg", "orientation_6.jpg", "orientation_8.jpg"):
        with Image.open(REAL / name) as photo:
            photo.draft("L", (256, 256))
            yield name, (ImageOps.exif_transpose(photo) or photo).copy()
    yield "flat", Image.new("L", (640, 480), 128)
    yield "stripes", Image.frombytes("L", (64, 64), bytes(255 * (x % 2) for x in range(64 * 64)))
    yield "tiny", Image.new("L", (12, 12), 0)


@pytest.mark.parametrize(("name", "picture"), list(_pictures()), ids=lambda v: str(v)[:20])
def test_the_measure_is_the_defined_one(name, picture):
    assert blur(picture) == reference_blur(picture)


def test_tile_sums_are_exact_at_the_largest_tiles_and_brightest_pixels():
    rnd = random.Random(2026)
    for width, height, low in ((512, 512, 254), (512, 384, 0), (509, 383, 250), (67, 66, 0)):
        pixels = bytes(rnd.choices(range(low, 256), k=width * height))
        band = Image.frombytes("L", (width, height), pixels)
        boxes = _boxes(width, height)
        assert photoquality._tile_sums(band, boxes) == [_sum(band, box) for box in boxes]
