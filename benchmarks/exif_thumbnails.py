"""Measure the EXIF-thumbnail shortcut for photo hashes on real camera photos (not enabled).

    python benchmarks/exif_thumbnails.py PHOTO_FOLDER...

A camera stores a ~160×120 JPEG thumbnail in the EXIF block; hashing it instead of decoding the
photo would skip the decode that dominates a cold check. cwm hashes the photo itself. This
script says whether the shortcut would keep every verdict, on real camera files (for example
ianare/exif-samples: ``fetch github:ianare/exif-samples``; tests never download).

For each photo with a thumbnail, it plants the copies offices make, each hashed as cwm would
see the file (the shortcut can only use a thumbnail where the copy still has one):

  byte copy      the same bytes
  re-saved       decoded and saved again at quality 85 with the EXIF block (thumbnail kept)
  upright        the EXIF orientation applied to the pixels, no EXIF (a phone's export)
  resized        upright, half size, quality 80, no EXIF (as WeChat sends it): no thumbnail

and prints: how far each thumbnail's hash is from the photo's; per kind, how many copies are
found (within ``SAME_PHOTO_MAX`` bits of the original) by cwm's hash and by the shortcut; and
the time per photo of each hash.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from cwm.evidence.similarity import SAME_PHOTO_MAX, distance  # noqa: E402
from cwm.formats.image import read_photo  # noqa: E402
from cwm.formats.imagehash import dhash  # noqa: E402

THUMB_OFFSET, THUMB_LENGTH = 0x0201, 0x0202


def thumbnail(data: bytes):
    """The EXIF thumbnail as an upright Pillow image (the photo's orientation applied), or None."""
    from PIL import ExifTags, Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        ifd1 = exif.get_ifd(ExifTags.IFD.IFD1)
        offset, length = ifd1.get(THUMB_OFFSET), ifd1.get(THUMB_LENGTH)
        orientation = exif.get(0x0112, 1)
        app1 = next(
            (d for name, d in image.applist if name == "APP1" and d[:6] == b"Exif\0\0"), b""
        )
    if not offset or not length or not app1:
        return None
    thumb = Image.open(io.BytesIO(app1[6 + offset : 6 + offset + length]))
    thumb.load()
    fake = Image.Exif()
    fake[0x0112] = orientation
    thumb.info["exif"] = fake.tobytes()
    return ImageOps.exif_transpose(thumb)


def cwm_hash(data: bytes, scratch: Path) -> int | None:
    scratch.write_bytes(data)
    return read_photo(scratch).dhash


def shortcut_hash(data: bytes, scratch: Path) -> int | None:
    """The thumbnail's hash where the file has one, else cwm's."""
    thumb = thumbnail(data)
    return dhash(thumb) if thumb is not None else cwm_hash(data, scratch)


def copies(data: bytes) -> dict[str, bytes]:
    from PIL import Image, ImageOps

    out = {"byte copy": data}
    with Image.open(io.BytesIO(data)) as image:
        exif = image.info.get("exif", b"")
        rgb = image.convert("RGB")
        buffer = io.BytesIO()
        rgb.save(buffer, "JPEG", quality=85, exif=exif)
        out["re-saved"] = buffer.getvalue()
        upright = ImageOps.exif_transpose(image).convert("RGB")
        buffer = io.BytesIO()
        upright.save(buffer, "JPEG", quality=90)
        out["upright"] = buffer.getvalue()
        half = upright.resize((max(1, upright.width // 2), max(1, upright.height // 2)))
        buffer = io.BytesIO()
        half.save(buffer, "JPEG", quality=80)
        out["resized"] = buffer.getvalue()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args()
    import tempfile

    scratch = Path(tempfile.mkdtemp()) / "photo.jpg"
    photos = sorted(
        p for f in args.folders for p in f.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg")
    )
    within, far, timing = [], [], {"cwm": 0.0, "shortcut": 0.0}
    found = {}
    measured = 0
    for path in photos:
        data = path.read_bytes()
        try:
            thumb = thumbnail(data)
            if thumb is None:
                continue
            start = time.perf_counter()
            original = cwm_hash(data, scratch)
            middle = time.perf_counter()
            short = dhash(thumbnail(data))
            timing["cwm"] += middle - start
            timing["shortcut"] += time.perf_counter() - middle
            planted = copies(data)
        except Exception as exc:  # a corpus file Pillow cannot read: not part of the measure
            print(f"  skipped {path.name}: {type(exc).__name__}", file=sys.stderr)
            continue
        measured += 1
        bits = distance(original, short)
        (within if bits <= SAME_PHOTO_MAX else far).append((bits, path.name))
        for kind, copy in planted.items():
            by_cwm = distance(original, cwm_hash(copy, scratch)) <= SAME_PHOTO_MAX
            by_shortcut = distance(short, shortcut_hash(copy, scratch)) <= SAME_PHOTO_MAX
            row = found.setdefault(kind, [0, 0, 0])
            row[0] += 1
            row[1] += by_cwm
            row[2] += by_shortcut
    print(f"photos with an EXIF thumbnail: {measured} of {len(photos)}")
    print(f"thumbnail hash within {SAME_PHOTO_MAX} bits of the photo's: {len(within)}/{measured}")
    for bits, name in sorted(far, reverse=True)[:10]:
        print(f"  {bits:2d} bits  {name}")
    print(f"\n{'planted copy':<12} {'copies':>6} {'found by cwm':>13} {'by shortcut':>12}")
    for kind, (total, by_cwm, by_shortcut) in found.items():
        print(f"{kind:<12} {total:6d} {by_cwm:13d} {by_shortcut:12d}")
    if measured:
        per = {k: 1000 * v / measured for k, v in timing.items()}
        print(
            f"\nper photo: cwm's hash {per['cwm']:.1f} ms, thumbnail {per['shortcut']:.1f} ms "
            f"({per['cwm'] / max(per['shortcut'], 1e-9):.1f}×)"
        )


if __name__ == "__main__":
    main()
