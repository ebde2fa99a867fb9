"""Measure the photo-quality figures cwm computes on real photos, and on blurred copies of them,
to set the thresholds in tasks.yaml (``rules.photo_quality``) from data, not by guess.

    git clone https://github.com/ianare/exif-samples   # camera and phone photos (CC BY-SA 4.0)
    python benchmarks/photo_quality.py exif-samples/jpg [--min-side 640]

For every JPEG of at least ``--min-side`` pixels on its long side (and a quarter of it on the
short side; one-colour test files are left out, named): the blur figure cwm computes
(``readers.image.blur``: the share of the photo's edge contrast a further blur leaves, 0 sharp …
1 flat) on the original, and on copies blurred with a Gaussian of 0.25 %, 0.5 % and 1 % of the
long side (a shaken or out-of-focus shot looks like the larger ones). Prints the distribution of
each set and, for the threshold in the data, the share of originals warned about (false
warnings) and of each blurred set (found).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

BLURS = (0.0025, 0.005, 0.01)


def figures(data: bytes) -> dict:
    import tempfile

    from cwm.formats.image import read_photo

    with tempfile.NamedTemporaryFile(suffix=".jpg") as handle:
        handle.write(data)
        handle.flush()
        facts = read_photo(Path(handle.name))
    return {"blur": facts.blur, "width": facts.width, "height": facts.height}


def blurred(path: Path, share: float) -> bytes:
    from PIL import Image, ImageFilter, ImageOps

    with Image.open(path) as image:
        exif = image.info.get("exif", b"")
        upright = ImageOps.exif_transpose(image).convert("RGB")
    radius = share * max(upright.size)
    out = io.BytesIO()
    upright.filter(ImageFilter.GaussianBlur(radius)).save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def describe(values: list[float]) -> str:
    values = sorted(values)
    q = statistics.quantiles(values, n=20) if len(values) > 1 else values * 19
    return (
        f"n={len(values):3d}  min {values[0]:.3f}  p5 {q[0]:.3f}"
        f"  median {statistics.median(values):.3f}  p95 {q[-1]:.3f}  max {values[-1]:.3f}"
    )


def main() -> None:
    from PIL import Image

    from cwm.plan.loader import load_plan

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--min-side", type=int, default=640)
    args = parser.parse_args()
    limit = load_plan().tasks.rules.photo_quality.blurred
    photos = []
    for path in sorted(args.folder.rglob("*")):
        if path.suffix.lower() not in (".jpg", ".jpeg") or not path.is_file():
            continue
        try:
            with Image.open(path) as image:
                if max(image.size) < args.min_side or min(image.size) < args.min_side // 4:
                    continue  # too small to be a photo (the samples' broken strips)
                if image.convert("L").getextrema()[0] == image.convert("L").getextrema()[1]:
                    print(f"skipped {path}: one flat colour (a test file, no photo)")
                    continue
            photos.append(path)
        except Exception:
            continue
    sets = {"original": []} | {f"blur {share:.2%}": [] for share in BLURS}
    for path in photos:
        try:
            sets["original"].append((path, figures(path.read_bytes())["blur"]))
            for share in BLURS:
                sets[f"blur {share:.2%}"].append((path, figures(blurred(path, share))["blur"]))
        except Exception as exc:  # a damaged sample: skipped, named
            print(f"skipped {path}: {exc}", file=sys.stderr)
    print(f"{len(photos)} photos of ≥ {args.min_side} px in {args.folder}; threshold {limit}")
    for name, pairs in sets.items():
        values = [v for _, v in pairs]
        warned = sum(1 for v in values if v >= limit)
        share = f"{warned}/{len(values)} ({warned / len(values):.0%})"
        print(f"{name:<12} {describe(values)}  warned {share}")
    worst = sorted(sets["original"], key=lambda pair: -pair[1])[:5]
    print("least sharp originals:", ", ".join(f"{p.name} {v:.3f}" for p, v in worst))


if __name__ == "__main__":
    main()
