"""`cwm import` on a 30-page plan: wall time and peak memory, against reading the same file with
python-docx (opening it and walking every table cell, the least a reader of the plan does).

    python benchmarks/import_plan.py [--copies 3] [--rounds 7]

The plan is the 2021 plan of tests/plan_docx.py with 附件1's rows repeated ``--copies`` times
(about 10 pages a copy: 3 copies ≈ 30 pages). Times are medians of ``--rounds`` runs, each in a
fresh process (imports included), alternating the two so machine load affects them alike.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.plan_docx import plan_docx  # noqa: E402  (python-docx: pip install ".[test]")

CWM = """
import resource, sys
from pathlib import Path
from cwm.planimport import import_plan, write_draft
draft = import_plan(Path(sys.argv[1]))
write_draft(draft, Path(sys.argv[1]), Path(sys.argv[2]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""
PYTHON_DOCX = """
import resource, sys
import docx
document = docx.Document(sys.argv[1])
cells = sum(len(c.text) for t in document.tables for r in t.rows for c in r.cells)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def bigger_plan(path: Path, copies: int) -> Path:
    """The 2021 plan with 附件1's rows repeated (a longer plan of the same shape)."""
    import docx

    plan_docx(path)
    document = docx.Document(str(path))
    table = document.tables[0]
    rows = [r._tr for r in table.rows[1:-1]]  # all but the first header and the 备注 row
    note = table.rows[-1]._tr
    for _ in range(copies - 1):
        for tr in rows:
            note.addprevious(__import__("copy").deepcopy(tr))
    document.save(str(path))
    return path


def run(script: str, *args: str) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True
    )
    return time.perf_counter() - start, int(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cwm-bench-import-"))
    try:
        plan = bigger_plan(folder / "方案.docx", args.copies)
        import docx

        rows = len(docx.Document(str(plan)).tables[0].rows)
        samples: dict[str, list[tuple[float, int]]] = {"cwm import": [], "python-docx read": []}
        for n in range(args.rounds):
            out = folder / f"out{n}"
            samples["cwm import"].append(run(CWM, str(plan), str(out)))
            samples["python-docx read"].append(run(PYTHON_DOCX, str(plan)))
        print(
            f"plan: {plan.stat().st_size // 1024} KB, 附件1 {rows} table rows; {args.rounds} rounds"
        )
        base = statistics.median(t for t, _ in samples["python-docx read"])
        for name, values in samples.items():
            times = sorted(t for t, _ in values)
            median = statistics.median(times)
            peak = max(m for _, m in values)
            print(
                f"{name:18} median {median:.2f} s (min {times[0]:.2f}, max {times[-1]:.2f}), "
                f"peak {peak} MB, ratio {median / base:.2f}"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
