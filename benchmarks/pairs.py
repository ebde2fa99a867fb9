"""The duplicate-photo pair search at city scale: time and peak memory on random 64-bit hashes,
the multi-index search (cwm.evidence.similarity) against the pigeonhole search it replaced
(kept below for the comparison), and a check against brute force.

    python benchmarks/pairs.py [--sizes 1000 2000 5000 10000 20000] [--brute 5000]

Random hashes are the hard case for the old search (its buckets fill up) and the usual one
for real photos (28–36 bits apart when unrelated). Times are medians of 3 runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cwm.evidence.similarity import SAME_SCENE_MAX, distance, group  # noqa: E402
from tests.builders import close_pairs  # noqa: E402  (the checker's pair search, all pairs)


def old_close_pairs(items, limit=SAME_SCENE_MAX):
    """The search before: 9 chunks of 7 bits, candidates from shared chunks, a global set."""
    chunks = SAME_SCENE_MAX + 1
    widths = [64 // chunks + (1 if i < 64 % chunks else 0) for i in range(chunks)]
    buckets = defaultdict(list)
    for position, (_, value) in enumerate(items):
        shift = 0
        for index, width in enumerate(widths):
            buckets[(index, (value >> shift) & ((1 << width) - 1))].append(position)
            shift += width
    seen, out = set(), []
    for members in buckets.values():
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


def measure(function, argument) -> tuple[float, float]:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        function(argument)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    function(argument)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(times), peak


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000, 20000])
    parser.add_argument(
        "--brute", type=int, default=5000, help="check against brute force at this size"
    )
    parser.add_argument("--skip-old-above", type=int, default=20000)
    args = parser.parse_args()
    rnd = random.Random(1)
    print(f"{'photos':>7} {'old s':>8} {'old MB':>8} {'new s':>8} {'new MB':>8} {'group s':>8}")
    for n in args.sizes:
        items = [(i, rnd.getrandbits(64)) for i in range(n)]
        old = measure(old_close_pairs, items) if n <= args.skip_old_above else (float("nan"),) * 2
        new = measure(close_pairs, items)
        grouped = measure(group, [h for _, h in items])
        print(
            f"{n:>7} {old[0]:>8.2f} {old[1]:>8.1f} {new[0]:>8.2f} {new[1]:>8.1f} {grouped[0]:>8.2f}"
        )
    items = [(i, rnd.getrandbits(64)) for i in range(args.brute)]
    for j in range(300):  # plant close pairs at distances 0..8
        value = items[j][1]
        for bit in rnd.sample(range(64), j % (SAME_SCENE_MAX + 1)):
            value ^= 1 << bit
        items.append((args.brute + j, value))
    brute = {
        (a, b)
        for x, (a, ha) in enumerate(items)
        for b, hb in items[x + 1 :]
        if distance(ha, hb) <= SAME_SCENE_MAX
    }
    found = {(a, b) for a, b, _ in close_pairs(items)}
    same = found == brute
    print(f"brute force on {len(items)} hashes: {len(brute)} pairs; search found the same: {same}")


if __name__ == "__main__":
    main()
