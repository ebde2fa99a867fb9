"""Perceptual identity of photos: a 64-bit dHash, the distances that mean "the same photo" and
"the same scene", and grouping photos by them in time and memory linear in the photos.

dHash (difference hash): the picture in grey, shrunk to 9×8, one bit per horizontal
neighbour pair (is the left pixel darker?). Hamming distance between two hashes:

- ``SAME_PHOTO_MAX`` = 2: the same picture re-saved, resized or recompressed (measured 0).
- ``SAME_SCENE_MAX`` = 8: another shot of the same scene, a small crop (measured 2–7 on crops
  and shifted shots); unrelated photos measured 17–44 (synthetic) and 28–36 (real photos).

Close pairs are found by multi-index hashing: the 64 bits are cut into ``SAME_SCENE_MAX // 2 +
1`` = 5 chunks; two hashes within 8 bits differ by at most 1 bit in at least one chunk (else
they would differ by ≥ 10), so each photo looks up, per chunk, its chunk value and the values
one bit away, in an index of the photos before it. Each pair is verified where it is met, and
met once per photo (a per-photo set, no global set of pairs). Identical hashes are one entry.
On random hashes: 20,000 photos in well under a second (``benchmarks/pairs.py``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator, Sequence, TypeVar

SAME_PHOTO_MAX = 2
SAME_SCENE_MAX = 8
_CHUNKS = SAME_SCENE_MAX // 2 + 1
_WIDTHS = [64 // _CHUNKS + (1 if i < 64 % _CHUNKS else 0) for i in range(_CHUNKS)]
_SHIFTS = [sum(_WIDTHS[:i]) for i in range(_CHUNKS)]

K = TypeVar("K")


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def _chunks(value: int) -> list[int]:
    return [(value >> shift) & ((1 << width) - 1) for shift, width in zip(_SHIFTS, _WIDTHS)]


_MASKS = [[0, *(1 << bit for bit in range(width))] for width in _WIDTHS]
"""Per chunk: the chunk value itself, and each value one bit away."""


def distinct_pairs(
    values: Sequence[int], limit: int = SAME_SCENE_MAX
) -> Iterator[tuple[int, int, int]]:
    """(i, j, distance) with i < j for every pair of ``values`` within ``limit`` (≤ 8): each
    pair once — where it is met in the first chunk that differs by at most one bit (a pair met
    again in a later chunk was met before). ``values`` should be distinct (equal values are
    grouped before, see ``group``)."""
    assert limit <= SAME_SCENE_MAX
    index: list[dict[int, list[int]]] = [{} for _ in range(_CHUNKS)]
    fulls = [(1 << w) - 1 for w in _WIDTHS]
    plan = list(enumerate(zip(index, _SHIFTS, fulls, _MASKS)))
    for j, value in enumerate(values):
        for k, (bucket, shift, full, masks) in plan:
            chunk = (value >> shift) & full
            for mask in masks:
                found = bucket.get(chunk ^ mask)
                if found is None:
                    continue
                for i in found:
                    d = (value ^ values[i]).bit_count()
                    if d <= limit and not _met_before(value ^ values[i], k, fulls):
                        yield i, j, d
            members = bucket.get(chunk)
            if members is None:
                bucket[chunk] = [j]
            else:
                members.append(j)


def _met_before(difference: int, k: int, fulls: list[int]) -> bool:
    """Whether a chunk before ``k`` differs by at most one bit (the pair was met there)."""
    return any(((difference >> _SHIFTS[c]) & fulls[c]).bit_count() <= 1 for c in range(k))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.root(a)] = self.root(b)


@dataclass(frozen=True)
class Grouping:
    """For each item, the number of its group of same scenes (≤ 8, transitively), of same
    photos (≤ 2, transitively), and of same scenes among the items of its own owner only (a
    requirement's scenes, which count once there)."""

    scene: list[int]
    photo: list[int]
    local: list[int]


def group(hashes: Sequence[int], owners: Sequence[object] | None = None) -> Grouping:
    """Group photos by their hashes, in time and memory linear in the photos for real hashes:
    one pair search serves the groups over all photos and each owner's own groups (``owners``:
    one per hash; None takes no part in an owner's groups; all one owner when omitted)."""
    owners = owners if owners is not None else [0] * len(hashes)
    first: dict[int, int] = {}
    own_first: dict[tuple[int, object], int] = {}  # (hash, owner) -> its first position
    owners_of: dict[int, list[object]] = defaultdict(list)  # hash -> owners that have it
    scene, photo, local = (_UnionFind(len(hashes)) for _ in range(3))
    for position, (value, owner) in enumerate(zip(hashes, owners)):
        if value in first:  # identical: the same photo
            scene.union(position, first[value])
            photo.union(position, first[value])
        else:
            first[value] = position
        if owner is None:
            continue
        if (value, owner) in own_first:
            local.union(position, own_first[value, owner])
        else:
            own_first[value, owner] = position
            owners_of[value].append(owner)
    values = list(first)
    for i, j, d in distinct_pairs(values):
        a, b = first[values[i]], first[values[j]]
        scene.union(a, b)
        if d <= SAME_PHOTO_MAX:
            photo.union(a, b)
        for owner in owners_of.get(values[i], ()):
            other = own_first.get((values[j], owner))
            if other is not None:
                local.union(own_first[values[i], owner], other)
    return Grouping(*([uf.root(i) for i in range(len(hashes))] for uf in (scene, photo, local)))


def groups_in_order(items: Sequence[K], roots: Sequence[int]) -> list[list[K]]:
    """Items by group, the groups in the order of their first item, each in the items' order."""
    groups: dict[int, list[K]] = {}
    for item, root in zip(items, roots):
        groups.setdefault(root, []).append(item)
    return list(groups.values())
