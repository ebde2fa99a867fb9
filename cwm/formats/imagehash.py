"""The 64-bit difference hash (dHash) of a picture: the picture in grey, shrunk to 9×8, one bit
per horizontal neighbour pair (is the left pixel darker?). ``cwm.evidence.similarity`` says what
distances between two hashes mean."""

from __future__ import annotations

from typing import Any


def dhash(image: Any) -> int:
    """64-bit dHash of a Pillow image (any mode, any size)."""
    from PIL import Image

    grey = image if image.mode == "L" else image.convert("L")  # read only: no copy
    small = grey.resize((9, 8), Image.Resampling.BILINEAR)
    pixels = small.tobytes()
    bits = 0
    for row in range(8):
        base = row * 9
        for col in range(8):
            bits = (bits << 1) | (pixels[base + col] < pixels[base + col + 1])
    return bits
