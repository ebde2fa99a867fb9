"""What the OCR extra costs: `cwm check` of a tree of scans, screenshots and stamped camera-size
photos, cold and warm, with recognition and with --no-ocr, side by side (fresh caches for the
cold runs; medians of ``--rounds``).

    pip install ".[ocr]" ".[test]"
    python benchmarks/ocr.py [--rounds 3]

The tree (tests/test_ocr.py's generators): 2 scanned 正式发文 (III-27-1-3), 3 news screenshots
(I-8-5-3-2), 6 stamped 4000×3000 photos without EXIF (III-7-3-1).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.builders import han_text  # noqa: E402
from tests.test_ocr import NEWS, scan_pdf, screenshot, stamped_photo  # noqa: E402


def tree(root: Path) -> Path:
    for n in range(2):
        scan_pdf(
            root / "III-27-1-3 孤儿供养" / f"发文{n}.pdf",
            [han_text(34, n * 40 + k * 34) for k in range(12)],
            header="资阳市民政局文件",
            number=f"资民发〔2021〕{25 + n}号",
        )
    for n in range(3):
        screenshot(root / "I-8-5-3-2 宣传" / f"截图{n}.jpg", NEWS, (1080, 2340))
    for n in range(6):
        stamped_photo(root / "III-7-3-1 融入" / f"IMG_{n:04}.jpg", f"2021-05-{n + 10} 09:30", n)
    return root


def run(root: Path, cache: Path, *options: str) -> float:
    env = {**os.environ, "CWM_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cwm", *options, "check", str(root), "--jobs", "2", "-f", "json"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        root = tree(work / "材料")
        for label, options in (("without OCR", ("--no-ocr",)), ("with OCR", ())):
            cold, warm = [], []
            for n in range(args.rounds):
                cache = work / f"cache-{label}-{n}"
                cold.append(run(root, cache, *options))
                warm.append(run(root, cache, *options))
                shutil.rmtree(cache)
            print(
                f"{label:12} cold {statistics.median(cold):6.2f} s   "
                f"warm {statistics.median(warm):6.2f} s"
            )


if __name__ == "__main__":
    main()
