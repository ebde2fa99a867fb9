"""What decoding photos at a smaller JPEG scale would change: the facts cwm takes of each photo
(its hash and its blur) from the decode it uses now (the largest scale of 1/2…1/8 still ≥ 256
pixels, ``cwm.formats.image.DRAFT_PIXELS``) against a decode at least ``--side`` pixels (128: a
2 MP photo at 1/8 instead of 1/4, the speed issue's floor).

    python benchmarks/decode_scale.py PHOTO_FOLDER [PHOTO_FOLDER …] [--side 128]

Prints how many photos would be decoded differently, how far their hashes move (bits; ≤ 2 is
"the same photo" in ``cwm.evidence.similarity``) and how their blur moves, with the photos whose
blur warning would appear or go at the threshold in the built-in data (``photo_quality.blurred``).
A change of scale that moves these is a change of verdicts, not only of speed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cwm.formats.image import DRAFT_PIXELS, upright  # noqa: E402
from cwm.formats.imagehash import dhash  # noqa: E402
from cwm.formats.photoquality import blur  # noqa: E402


def facts(path: Path, side: int) -> tuple[tuple[int, int], int, float] | None:
    """(decoded size, hash, blur) of a photo decoded in grey at the largest JPEG scale still
    ≥ ``side`` and turned as its EXIF says (``image.upright``, as the readers decode), or None."""
    grey = upright(path, "L", side)
    return None if grey is None else (grey.size, dhash(grey), blur(grey))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--side", type=int, default=128)
    args = parser.parse_args()
    from cwm.plan.loader import load_plan

    threshold = load_plan().tasks.rules.photo_quality.blurred
    photos = [
        p
        for folder in args.folders
        for p in sorted(folder.rglob("*"))
        if p.suffix.lower() in (".jpg", ".jpeg")
    ]
    moved = []
    for path in photos:
        now, smaller = facts(path, DRAFT_PIXELS), facts(path, args.side)
        if now is not None and smaller is not None and now[0] != smaller[0]:
            moved.append((path, now, smaller))
    print(f"photos decoded differently: {len(moved)} of {len(photos)}")
    if not moved:
        return
    bits = [bin(a[1] ^ b[1]).count("1") for _, a, b in moved]
    change = [b[2] - a[2] for _, a, b in moved]
    print(
        f"hash: bits moved median {statistics.median(bits)}, max {max(bits)}; "
        f"more than 2 bits: {sum(b > 2 for b in bits)}"
    )
    print(
        f"blur: change median {statistics.median(change):+.3f}, "
        f"from {min(change):+.3f} to {max(change):+.3f}"
    )
    flips = [(p, a[2], b[2]) for p, a, b in moved if (a[2] >= threshold) != (b[2] >= threshold)]
    print(f"blur warnings (≥ {threshold:g}) that would appear or go: {len(flips)}")
    for path, before, after in flips[:10]:
        print(f"  {path.name}: {before:.3f} → {after:.3f}")


if __name__ == "__main__":
    main()
