"""Perceptual identity of photos: a 64-bit dHash and the distances that mean "the same photo"
and "the same scene".

dHash (difference hash): the picture in grey, shrunk to 9×8, one bit per horizontal
neighbour pair (is the left pixel darker?). Hamming distance between two hashes:

- ``SAME_PHOTO_MAX`` = 2: the same picture re-saved, resized or recompressed (measured 0).
- ``SAME_SCENE_MAX`` = 8: another shot of the same scene, a small crop (measured 2–7 on crops
  and shifted shots); unrelated photos measured 17–44 (synthetic) and 28–36 (real photos).

Cross-requirement pairs are found with the pigeonhole principle: split the 64 bits into
``SAME_SCENE_MAX + 1`` chunks; two hashes within that distance agree on at least one chunk, so
only photos sharing a chunk value are compared.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence, TypeVar

SAME_PHOTO_MAX = 2
SAME_SCENE_MAX = 8
_CHUNKS = SAME_SCENE_MAX + 1
_WIDTHS = [64 // _CHUNKS + (1 if i < 64 % _CHUNKS else 0) for i in range(_CHUNKS)]

K = TypeVar("K")


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def dhash(image: object) -> int:
    """64-bit dHash of a Pillow image (any mode, any size)."""
    from PIL import Image

    small = image.convert("L").resize((9, 8), Image.Resampling.BILINEAR)  # type: ignore[attr-defined]
    pixels = small.tobytes()
    bits = 0
    for row in range(8):
        base = row * 9
        for col in range(8):
            bits = (bits << 1) | (pixels[base + col] < pixels[base + col + 1])
    return bits


def _chunks(value: int) -> Iterable[tuple[int, int]]:
    shift = 0
    for index, width in enumerate(_WIDTHS):
        yield index, (value >> shift) & ((1 << width) - 1)
        shift += width


def close_pairs(
    items: Sequence[tuple[K, int]], limit: int = SAME_SCENE_MAX
) -> list[tuple[K, K, int]]:
    """Every pair of (key, hash) items within ``limit`` (≤ SAME_SCENE_MAX), each pair once."""
    assert limit <= SAME_SCENE_MAX
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for position, (_, value) in enumerate(items):
        for chunk in _chunks(value):
            buckets[chunk].append(position)
    seen: set[tuple[int, int]] = set()
    out: list[tuple[K, K, int]] = []
    for members in buckets.values():
        if len(members) < 2:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = (a, b) if a < b else (b, a)
                if pair in seen:
                    continue
                seen.add(pair)
                d = distance(items[a][1], items[b][1])
                if d <= limit:
                    out.append((items[pair[0]][0], items[pair[1]][0], d))
    return out


def scenes(items: Sequence[tuple[K, int]], limit: int = SAME_SCENE_MAX) -> list[list[K]]:
    """Group items whose hashes are within ``limit`` of each other (transitively)."""
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    positions = [(i, value) for i, (_, value) in enumerate(items)]  # keys need not be hashable
    for a, b, _ in close_pairs(positions, limit):
        parent[root(a)] = root(b)
    groups: dict[int, list[K]] = defaultdict(list)
    for i, (key, _) in enumerate(items):
        groups[root(i)].append(key)
    return list(groups.values())
