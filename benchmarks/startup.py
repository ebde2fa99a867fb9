"""Whole-process time of `cwm due --quarter` against `python -c "import typer"`, same run.

    python benchmarks/startup.py [--runs 30]

Both are run alternately (so machine load affects them alike), each output to /dev/null; the
script prints median and mean wall time of each and their ratio. The first `cwm due` run
(warming the validated-plan cache) is not counted. Uses the `cwm` and `python` of the current
environment (install the project first: `pip install .`).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    cwm = shutil.which("cwm") or sys.exit("cwm is not on PATH: pip install . first")
    commands = {
        "baseline: python -c 'import typer'": [sys.executable, "-c", "import typer"],
        "cwm due --quarter": [cwm, "due", "--quarter"],
        "cwm due --quarter --format json": [cwm, "due", "--quarter", "--format", "json"],
    }
    for command in commands.values():  # warm the OS file cache and cwm's plan cache
        timed(command)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            samples[name].append(timed(command))
    base = statistics.median(next(iter(samples.values())))
    print(f"{'command':<36} {'median':>9} {'mean':>9} {'ratio':>6}   ({args.runs} runs each)")
    for name, values in samples.items():
        median = statistics.median(values)
        print(
            f"{name:<36} {median * 1000:7.1f}ms {statistics.mean(values) * 1000:7.1f}ms "
            f"{median / base:6.2f}"
        )


if __name__ == "__main__":
    main()
