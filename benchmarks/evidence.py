"""Benchmark `cwm check` on a generated shared-drive-sized evidence tree.

    pip install ".[test]"          # the generator uses python-docx
    python benchmarks/evidence.py --photos 1000 [--megapixels 12] [--skip-findimagedupes]
        [--from REAL_PHOTOS/ --large 60]
        [--rounds 3] [--cwm /path/to/old/bin/cwm --cwm /path/to/new/bin/cwm] [--report]

Generates (once; reused when present) a tree of the plan's 21 requirement folders under unit
folders, with photo-like JPEGs carrying EXIF dates (``--from``: windows of real camera photos
scaled to the size; ``--large N``: N of them of 12 MP), a .docx report in each report folder, and
planted pairs: exact copies and resized+recompressed copies in another requirement, and second
shots of a scene inside the same requirement. Then times, in one run side by side, each
``--rounds`` times (the median is shown; the page cache is dropped before each cold measurement
when run as root on Linux):

  read every byte     cat of all files to /dev/null (the floor for any tool that reads photos)
  cwm check, cold     empty cwm cache (CWM_CACHE_DIR points at a fresh folder) but for the
                      plan's: `cwm due` has run once, as on any PC that has used cwm
  cwm check, warm     the same cache, unchanged tree
  cwm report, cold    with --report: the weekly report, empty cwm cache (its own)
  cwm report, warm    the same cache, unchanged tree, beside the cold run's report folder
  decode at 1/8       every photo decoded at 1/8 scale in grey (Pillow), in as many processes
                      as cwm uses: the floor for any tool that looks at the pixels
  findimagedupes      Debian's findimagedupes on the same photos (-R, its default threshold)

and prints the ratios (the median of the rounds' ratios, each round's two measured a minute
apart, and their range), each command's peak memory (max RSS, from /usr/bin/time), and whether
every planted pair was found with no unplanted pair reported. Several ``--cwm`` (installs of
two versions, in two virtual environments) are measured in turns, so their ratios come from the
same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from cwm.formats.ocr import OFF_ENV  # noqa: E402  (the switch cwm reads; nothing of OCR is imported)
from tests.builders import docx_bytes, han_text  # noqa: E402  (python-docx: pip install ".[test]")


def scene(seed: int, width: int, height: int):
    """A photo-like picture: large smooth colour fields (an 8×6 random grid, upscaled), a few
    shapes, and sensor-like noise, so the JPEG is as large as a camera's."""
    from PIL import Image, ImageChops, ImageDraw

    rnd = random.Random(seed)
    small = Image.new("RGB", (8, 6))
    small.putdata([(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)) for _ in range(48)])
    image = small.resize((width, height), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    for _ in range(8):
        x, y, grey = rnd.randrange(width), rnd.randrange(height), rnd.randrange(256)
        draw.ellipse(
            [
                x,
                y,
                x + rnd.randrange(width // 24, width // 6),
                y + rnd.randrange(height // 18, height // 5),
            ],
            fill=(grey,) * 3,
        )
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    return ImageChops.add(image, noise, scale=1.0, offset=-24)


def derived(source: str, seed: int, width: int, height: int):
    """A picture made from a real camera photo: a random 4:3 window of 70–95% of its width,
    mirrored for odd seeds, scaled to ``width`` × ``height`` (a camera's detail and noise, not
    a generator's)."""
    from PIL import Image, ImageOps

    rnd = random.Random(seed)
    with Image.open(source) as original:
        photo = (ImageOps.exif_transpose(original) or original).convert("RGB")
    w = min(photo.width, photo.height * 4 // 3) * rnd.randrange(70, 96) // 100
    h = w * 3 // 4
    x, y = rnd.randrange(photo.width - w + 1), rnd.randrange(photo.height - h + 1)
    window = photo.crop((x, y, x + w, y + h))
    if seed % 2:
        window = ImageOps.mirror(window)
    return window.resize((width, height), Image.Resampling.BICUBIC)


def make_photo(args: tuple[str, int, str, int, int, str | None]) -> None:
    """Write one JPEG: an original scene (generated, or ``derived`` from the real photo
    ``source``), or a variant of picture ``seed``: ``resized`` (half size, recompressed) or
    ``shifted`` (another shot: framed 2% to the side, 6% brighter)."""
    import datetime as dt
    import io

    from PIL import Image, ImageEnhance

    path, seed, variant, width, height, source = args
    image = derived(source, seed, width, height) if source else scene(seed, width, height)
    quality = 90
    if variant == "shifted":
        dx = width * 2 // 100
        image = ImageEnhance.Brightness(
            image.crop((dx, 0, width, height)).resize((width, height))
        ).enhance(1.06)
    if variant == "resized":
        image, quality = image.resize((width // 2, height // 2), Image.Resampling.LANCZOS), 80
    exif = Image.Exif()
    day = dt.date(2021, 1, 1) + dt.timedelta(days=seed % 300)
    exif.get_ifd(0x8769)[36867] = day.strftime("%Y:%m:%d 10:00:00")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=exif)
    Path(path).write_bytes(buffer.getvalue())


def requirement_folders(root: Path) -> dict:
    """The plan's requirement folders under their units' folders, as users sort them:
    ``root/养老服务科/III-27-3-2 新建小区养老设施/``; created. One folder per id (two would be a
    folder-duplicate error and the second would not be read)."""
    from cwm.plan.loader import load_plan

    plan = load_plan()
    folders = {}
    for row, item in plan.tasks.items():
        unit = plan.directory.unit(row.departments[0]) or "其他"
        folders[item.id] = root / unit / f"{item.id} {item.title}"
        folders[item.id].mkdir(parents=True, exist_ok=True)
    return folders


def real_photos(folder: Path) -> list[str]:
    """The JPEGs of ``folder`` that open, at least 480 pixels on the short side (``--from``)."""
    from PIL import Image

    found = []
    for path in sorted(folder.rglob("*")):
        try:
            with Image.open(path) as image:
                if image.format == "JPEG" and min(image.size) >= 480:
                    image.load()
                    found.append(str(path))
        except Exception:
            continue
    return found


def generate(
    root: Path,
    photos: int,
    megapixels: float,
    sources: list[str] | None = None,
    large: int = 0,
) -> dict:
    """The tree: ``photos`` photos of ``megapixels`` (and ``large`` more of 12 MP among them),
    generated, or derived from the real photos ``sources``."""
    from cwm.plan.loader import load_plan

    plan = load_plan()

    def size(megapixels: float) -> tuple[int, int]:
        width = int((megapixels * 1e6 * 4 / 3) ** 0.5)
        return width, width * 3 // 4

    def source(n: int) -> str | None:
        return sources[n % len(sources)] if sources else None

    items = [(row, item) for row, item in plan.tasks.items()]
    folders = requirement_folders(root)
    for row, item in items:
        if any(m.type == "report" for m in item.materials):
            words = next(m for m in item.materials if m.type == "report").words.number
            (folders[item.id] / "说明报告.docx").write_bytes(
                docx_bytes("2021年投入资金300万元。" + han_text(words - 10))
            )
    rnd = random.Random(2021)
    ids = [
        item.id
        for _, item in items
        if any(m.type in ("photos", "screenshot") for m in item.materials)
    ]
    jobs: list[tuple[str, int, str, int, int, str | None]] = []
    planted: list[dict] = []
    per_kind = max(1, photos // 50)  # 2% of photos of each planted kind
    originals = photos - 3 * per_kind
    every = max(1, originals // large) if large else 0  # where the 12 MP ones go
    for n in range(originals):
        ident = ids[n % len(ids)]
        path = folders[ident] / f"2021-{1 + n % 12:02d}-{1 + n % 28:02d}_市民政局_活动{n:05d}.jpg"
        big = every and n % every == 0 and n // every < large
        jobs.append((str(path), n, "original", *size(12.0 if big else megapixels), source(n)))
    copies: list[tuple[Path, Path]] = []
    for kind, variant in (("reused", "copy"), ("resized", "resized"), ("same-scene", "shifted")):
        for k in range(per_kind):
            source_index = rnd.randrange(originals)
            source = Path(jobs[source_index][0])
            ident = source.parent.name.split(" ")[0]
            if kind == "same-scene":
                target_dir = source.parent
            else:
                target_dir = folders[rnd.choice([i for i in ids if i != ident])]
            path = target_dir / f"2021-06-01_市民政局_{kind}{k:04d}.jpg"
            if variant == "copy":  # the same file, byte for byte
                copies.append((source, path))
            else:
                jobs.append((str(path), source_index, variant, *jobs[source_index][3:]))
            planted.append(
                {"kind": kind, "a": str(source.relative_to(root)), "b": str(path.relative_to(root))}
            )
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        for done, _ in enumerate(pool.map(make_photo, jobs, chunksize=4), 1):
            if done % 100 == 0:
                print(f"  generated {done}/{len(jobs)} photos", file=sys.stderr)
    for source, path in copies:
        shutil.copyfile(source, path)
    manifest = {
        "photos": len(jobs) + len(copies),
        "megapixels": megapixels,
        "large": large,
        "from": len(sources or ()),
        "planted": planted,
        # photos derived from one real photo are alike (different windows of one scene)
        "source": {str(Path(job[0]).relative_to(root)): job[5] for job in jobs if job[5]},
    }
    (root / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return manifest


DECODED = "decode at 1/8 (Pillow)"
DECODE = """
import sys
from concurrent.futures import ProcessPoolExecutor
from PIL import Image
def decode(path):
    with Image.open(path) as image:
        image.draft("L", (image.width // 8, image.height // 8))
        image.load()
        return image.width
paths = open(sys.argv[1], encoding="utf-8").read().split("\\n")
with ProcessPoolExecutor(int(sys.argv[2])) as pool:
    print(sum(pool.map(decode, paths, chunksize=4)))
"""
"""Every photo decoded at 1/8 scale in grey, in as many processes as cwm uses: the floor for
any tool that looks at the pixels."""

WITHOUT_OCR = {OFF_ENV: "1"}
"""The default install is measured: an install with the OCR extra does not recognise the
screenshot folders' photos (benchmarks/ocr.py measures what the extra costs)."""


def timed(
    command: list[str], env: dict | None = None, stdout=subprocess.DEVNULL
) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB, exit code) of a whole command, via /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", rss.name, *command],
            env=env,
            stdout=stdout,
            stderr=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - start
        peak = int(rss.read().strip().splitlines()[-1] or 0) // 1024
    return seconds, peak, done.returncode


def add_measure_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cwm",
        action="append",
        help="a cwm executable to measure; repeat to compare installs in turns "
        "(default: cwm on PATH)",
    )
    parser.add_argument("--rounds", type=int, default=1, help="repeat, and show medians")
    parser.add_argument(
        "--warm-page-cache",
        action="store_true",
        help="do not drop the OS page cache before each cold measurement "
        "(dropping needs root on Linux)",
    )


def installs(args: argparse.Namespace) -> list[tuple[str, str]]:
    """(label, executable) of each cwm to measure."""
    found = args.cwm or [shutil.which("cwm") or sys.exit("cwm is not on PATH: pip install .")]
    if len(found) == 1:
        return [("cwm", found[0])]
    return [(f"cwm#{n}", path) for n, path in enumerate(found, 1)]


def page_cache_dropper(args: argparse.Namespace):
    def cold_disk() -> None:
        """Empty the OS page cache, so every tool reads its files from disk as on a first run."""
        if args.warm_page_cache:
            return
        try:
            os.sync()
            Path("/proc/sys/vm/drop_caches").write_text("3\n")
        except OSError:
            sys.exit("cannot drop the page cache (needs root on Linux): run with --warm-page-cache")

    return cold_disk


class Samples:
    """Seconds and peak memory of each named command over the rounds; medians in the table."""

    def __init__(self) -> None:
        self.runs: dict[str, list[tuple[float, int]]] = {}

    def add(self, name: str, seconds: float, peak: int, code: int = 0) -> None:
        self.runs.setdefault(name, []).append((seconds, peak))

    def seconds(self, name: str) -> float:
        import statistics

        return statistics.median(s for s, _ in self.runs[name])

    def ratio(self, name: str, reference: str) -> str:
        """``name`` / ``reference``, round by round (the two are measured a minute apart, so a
        machine whose speed drifts within the session moves both): the median of the rounds'
        ratios and their range. A command measured once (findimagedupes): the medians' ratio."""
        import statistics

        ours, theirs = self.runs[name], self.runs[reference]
        if len(ours) != len(theirs) or len(ours) < 2:
            return f"{self.seconds(name) / self.seconds(reference):.3f}"
        ratios = [a / b for (a, _), (b, _) in zip(ours, theirs)]
        low, high = min(ratios), max(ratios)
        return f"{statistics.median(ratios):.3f} (rounds {low:.2f}–{high:.2f})"

    def print(self, reference: str) -> None:
        header = f"{'command':<34} {'median s':>9} {'min–max s':>13} {'runs':>5} {'peak MB':>8}"
        print(f"\n{header}  / {reference}")
        for name, runs in self.runs.items():
            seconds, peak = self.seconds(name), max(p for _, p in runs)
            spread = f"{min(s for s, _ in runs):.2f}–{max(s for s, _ in runs):.2f}"
            ratio = seconds / self.seconds(reference)
            print(f"{name:<34} {seconds:9.2f} {spread:>13} {len(runs):5d} {peak:8d}  {ratio:6.3f}")


def cold_and_warm(
    label: str, cwm: str, root: Path, cold_disk, samples: Samples, report: bool = False
) -> dict:
    """`cwm check` with an empty cache (after ``cold_disk()``) and again with the cache filled,
    into ``samples``; with ``report``, `cwm report` the same way (its own empty cache; the warm
    run writes beside the cold run's folder, as the weekly run does). Returns the check's JSON
    of the cold run."""
    cache = Path(tempfile.mkdtemp(prefix="cwm-bench-cache-"))
    env = {**os.environ, "CWM_CACHE_DIR": str(cache), **WITHOUT_OCR}
    out = Path(tempfile.mkdtemp()) / "report.json"
    command = [cwm, "check", str(root), "-f", "json", "-o", str(out)]
    # the plan's own cache filled first (as by any command on a PC that has run cwm once): the
    # cold run reads the evidence afresh, not the plan's YAML (0.2 s, once per plan)
    subprocess.run([cwm, "due"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cold_disk()
    samples.add(f"{label} check, cold", *timed(command, env))
    result = json.loads(out.read_text(encoding="utf-8"))
    samples.add(f"{label} check, warm", *timed(command, env))
    shutil.rmtree(cache, ignore_errors=True)
    if report:
        cache = Path(tempfile.mkdtemp(prefix="cwm-bench-cache-"))
        env = {**os.environ, "CWM_CACHE_DIR": str(cache), **WITHOUT_OCR}
        folder = Path(tempfile.mkdtemp(prefix="cwm-bench-report-"))
        command = [cwm, "report", str(root), "-o", str(folder)]
        subprocess.run([cwm, "due"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cold_disk()
        samples.add(f"{label} report, cold", *timed(command, env))
        samples.add(f"{label} report, warm", *timed(command, env))
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    return result


def print_report_ratios(samples: Samples, labels: list[str]) -> None:
    """The weekly report's cost against a check of the same tree (issue 26: a warm report ≤ 2×
    a warm check, a cold one ≤ 1.2× a cold check)."""
    for label in labels:
        for state in ("cold", "warm"):
            ratio = samples.ratio(f"{label} report, {state}", f"{label} check, {state}")
            print(f"{label} report / check, {state}: {ratio}")


def pairs_reported(report: dict) -> dict[tuple[str, str], set[str]]:
    """Every pair of photos a duplicate finding says are alike -> the codes saying it. A
    ``photo-same-scene`` finding is about a group (its photo and ``related``): every two of
    them; the others name, for their photo, photos of other requirements."""
    from itertools import combinations

    found: dict[tuple[str, str], set[str]] = {}
    for requirement in report["requirements"]:
        for finding in requirement["findings"]:
            code, path, related = finding["code"], finding["path"], finding.get("related", [])
            if code == "photo-same-scene":
                pairs = combinations([path, *related], 2)
            elif code in ("photo-reused", "photo-similar-elsewhere"):
                pairs = ((path, other) for other in related)
            else:
                continue
            for a, b in pairs:
                found.setdefault(tuple(sorted((a, b))), set()).add(code)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--megapixels", type=float, default=12.0)
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="where the tree is generated (default benchmarks/results/tree-N)",
    )
    parser.add_argument(
        "--from",
        dest="sources",
        type=Path,
        help="derive the photos from the real camera photos (JPEG) of this folder",
    )
    parser.add_argument("--large", type=int, default=0, help="of the photos, this many of 12 MP")
    parser.add_argument("--skip-findimagedupes", action="store_true")
    parser.add_argument(
        "--report", action="store_true", help="also time `cwm report`, cold and warm"
    )
    add_measure_options(parser)
    args = parser.parse_args()
    name = f"tree-{args.photos}-{args.megapixels:g}mp"
    name += f"-{args.large}x12mp" * bool(args.large) + "-real" * bool(args.sources)
    root = args.dir or HERE / "results" / name
    if not (root / "manifest.json").exists():
        shutil.rmtree(root, ignore_errors=True)
        sources = real_photos(args.sources) if args.sources else None
        if args.sources and not sources:
            sys.exit(f"no JPEG photo of 480 pixels or more in {args.sources}")
        print(
            f"generating {args.photos} photos of {args.megapixels:g} MP in {root} …",
            file=sys.stderr,
        )
        manifest = generate(root, args.photos, args.megapixels, sources, args.large)
    else:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    files = [p for p in root.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(
        f"tree: {len(files)} files, {manifest['photos']} photos, "
        f"{size / 2**30:.2f} GiB, {os.cpu_count()} cores"
    )
    cold_disk = page_cache_dropper(args)
    page = "warm" if args.warm_page_cache else "dropped before each cold measurement"
    print(f"OS page cache: {page}")
    samples, reports = Samples(), {}
    read_all = ["sh", "-c", f"find '{root}' -type f -exec cat {{}} + > /dev/null"]
    listing = Path(tempfile.mkdtemp()) / "photos.txt"
    listing.write_text("\n".join(str(p) for p in files if p.suffix == ".jpg"), encoding="utf-8")
    decode = [sys.executable, "-c", DECODE, str(listing), str(os.cpu_count() or 1)]
    for _ in range(args.rounds):
        cold_disk()
        samples.add("read every byte (cat)", *timed(read_all))
        cold_disk()
        samples.add(DECODED, *timed(decode))
        for label, cwm in installs(args):
            reports[label] = cold_and_warm(label, cwm, root, cold_disk, samples, args.report)
    if not args.skip_findimagedupes and shutil.which("findimagedupes"):
        cold_disk()
        samples.add("findimagedupes", *timed(["sh", "-c", f"findimagedupes - < '{listing}'"]))

    samples.print("read every byte (cat)")
    print()
    for label, _ in installs(args):
        cold, warm = f"{label} check, cold", f"{label} check, warm"
        print(
            f"{label}: cold / read every byte {samples.ratio(cold, 'read every byte (cat)')}"
            f" · warm / cold {samples.ratio(warm, cold)} (target ≤ 0.05)"
            f" · cold / {DECODED} {samples.ratio(cold, DECODED)}",
            end="",
        )
        if "findimagedupes" in samples.runs:
            print(f" · cold / findimagedupes {samples.ratio(cold, 'findimagedupes')}", end="")
        print()
        report_pairs(manifest, reports[label])
    if args.report:
        print_report_ratios(samples, [label for label, _ in installs(args)])


def report_pairs(manifest: dict, report: dict) -> None:
    """Whether every planted pair is found with the finding it should get (a copy in another
    requirement: photo-reused; a second shot in the same one: photo-same-scene), named in one
    group of findings (both linked to a third photo), found with a weaker finding
    (photo-similar-elsewhere: a copy whose hash moved by more than SAME_PHOTO_MAX), or missed;
    and the pairs reported that were not planted."""
    expected = {
        "reused": "photo-reused",
        "resized": "photo-reused",
        "same-scene": "photo-same-scene",
    }
    planted = {tuple(sorted((p["a"], p["b"]))): expected[p["kind"]] for p in manifest["planted"]}
    # photos derived from one original are all alike: two copies of it are a pair too
    family: dict[str, str] = dict(manifest.get("source", {}))
    for p in manifest["planted"]:
        family[p["b"]] = family.get(p["a"], p["a"])
        family.setdefault(p["a"], p["a"])
    found = pairs_reported(report)
    group: dict[str, str] = {}  # photos linked by findings, transitively (union-find)

    def root(photo: str) -> str:
        while group.get(photo, photo) != photo:
            photo = group[photo]
        return photo

    for a, b in found:
        group[root(a)] = root(b)
    exact = [pair for pair, code in planted.items() if code in found.get(pair, ())]
    weaker = [pair for pair, code in planted.items() if pair in found and pair not in exact]
    # e.g. a second shot whose original is also copied elsewhere: both are named as used
    # there (photo-reused), and the scene is not named a second time
    grouped = [p for p in planted if p not in found and root(p[0]) == root(p[1])]
    missed = [p for p in planted if p not in found and p not in grouped]
    extra = [
        pair
        for pair in found
        if pair not in planted and family.get(pair[0], pair[0]) != family.get(pair[1], pair[1])
    ]
    print(
        f"  planted pairs: {len(planted)}, found: {len(exact)}, named in one group of findings: "
        f"{len(grouped)}, found with a weaker finding: {len(weaker)}, missed: {len(missed)}, "
        f"unplanted pairs reported: {len(extra)}"
    )
    for pair in weaker[:5]:
        print("  weaker:", sorted(found[pair]), "for", planted[pair], pair)
    for pair in missed[:5]:
        print("  missed:", planted[pair], pair)
    for pair in extra[:5]:
        print("  unplanted:", sorted(found[pair]), pair)


if __name__ == "__main__":
    main()
