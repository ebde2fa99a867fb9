"""Benchmark what a year of 实地点位, 包联社区 and 宣传 records adds to `cwm check`.

    pip install ".[test]"
    python benchmarks/loops.py [--photos 1000] [--megapixels 2] [--rounds 3] [--warm-page-cache]

Two trees, measured in turns: the 附件1 tree of benchmarks/evidence.py (``--photos`` photos),
and the same tree with a year of loop records beside it — 50 filled self-inspection workbooks
under 实地点位/, 2,000 activity rows in the liaison 台账 (xlsx and csv), 200 dated liaison and
publicity photos. ``cwm check --date 2021-12-31`` on each, cold (empty cache) and warm; prints
the seconds the loops add (issue 21's bound: ≤ 2 s cold, nothing measurable warm).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.evidence import (  # noqa: E402
    Samples,
    add_measure_options,
    generate,
    installs,
    page_cache_dropper,
    timed,
)
from tests.builders import csv_bytes, inspection_sheet, jpeg_bytes, xlsx_bytes  # noqa: E402

LIAISON = [
    "L-1 四化行动",
    "L-2 主题活动",
    "L-3 院坝会",
    "L-5 阵地建设",
    "L-6 志愿服务",
    "L-7 包联共创",
]


def add_loops(root: Path) -> dict:
    """A year of loop records under ``root``; what was written."""
    from cwm.plan.loader import load_plan

    plan = load_plan()
    sheets = root / "实地点位"
    sheets.mkdir(parents=True)
    for n in range(50):
        day = dt.date(2021, 1, 4) + dt.timedelta(days=7 * n)
        fills = (
            {("S-3", 2): {"检查结果": "不合格", "整改时限": day + dt.timedelta(14)}}
            if n % 5
            else {}
        )
        (sheets / f"自查表_{day}.xlsx").write_bytes(inspection_sheet(plan, day.isoformat(), fills))
    rows = 0
    for k, name in enumerate(LIAISON):
        folder = root / "包联社区" / name
        folder.mkdir(parents=True)
        per = 2000 // len(LIAISON) + (k < 2000 % len(LIAISON))
        days = [dt.date(2021, 1, 1) + dt.timedelta(days=(i * 365) // per) for i in range(per)]
        table = [["日期", "活动内容", "地点", "参加人数"]]
        table += [[d.isoformat(), f"活动{i}", "鸿丰社区", 10 + i % 30] for i, d in enumerate(days)]
        if k % 2:
            (folder / "活动台账.xlsx").write_bytes(xlsx_bytes(table))
        else:
            (folder / "活动台账.csv").write_bytes(csv_bytes(table))
        rows += per
        for i in range(20):
            day = days[(i * len(days)) // 20]
            (folder / f"{day}_活动{i}.jpg").write_bytes(jpeg_bytes(seed=1000 * k + i))
    for unit in ("市精神病医院", "市救助管理站", "市社会福利院", "市儿童福利院", "市老年大学"):
        folder = root / "宣传" / "PUB-2 LED" / unit
        folder.mkdir(parents=True)
        for q in range(4):
            day = dt.date(2021, 3 * q + 2, 10)
            (folder / f"{day}_LED.jpg").write_bytes(jpeg_bytes(seed=q + 50 * len(unit)))
    return {"inspection sheets": 50, "activity rows": rows, "photos": 20 * len(LIAISON) + 20}


def check(label: str, cwm: str, root: Path, cold_disk, samples: Samples) -> None:
    import os

    cache = Path(tempfile.mkdtemp(prefix="cwm-bench-cache-"))
    env = {**os.environ, "CWM_CACHE_DIR": str(cache)}
    out = Path(tempfile.mkdtemp()) / "report.json"
    command = [cwm, "check", str(root), "--date", "2021-12-31", "-f", "json", "-o", str(out)]
    cold_disk()
    samples.add(f"{label}, cold", *timed(command, env))
    samples.add(f"{label}, warm", *timed(command, env))
    shutil.rmtree(cache, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--megapixels", type=float, default=2.0)
    add_measure_options(parser)
    args = parser.parse_args()
    (_, cwm), *_ = installs(args)
    cold_disk = page_cache_dropper(args)
    work = Path(tempfile.mkdtemp(prefix="cwm-bench-loops-"))
    plain, loops = work / "附件1", work / "附件1+loops"
    try:
        print(f"generating {args.photos} photos…", file=sys.stderr)
        generate(plain, args.photos, args.megapixels)
        shutil.copytree(plain, loops)
        print("loops:", add_loops(loops), file=sys.stderr)
        samples = Samples()
        for _ in range(args.rounds):
            check("附件1 only", cwm, plain, cold_disk, samples)
            check("附件1 + a year of loops", cwm, loops, cold_disk, samples)
        samples.print("附件1 only, cold")
        for kind in ("cold", "warm"):
            added = samples.seconds(f"附件1 + a year of loops, {kind}") - samples.seconds(
                f"附件1 only, {kind}"
            )
            print(f"the loops add {added:+.2f} s to a {kind} check")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
