"""`cwm import` of one plan in each form it arrives in: wall time of a fresh process (imports
included) per form, median of ``--rounds``; and the share of duty fields that come out as from
the Word file.

    python benchmarks/import_forms.py [--plan 2021|教体局2022|卫健委2023] [--rounds 5]

Forms: .docx, a web page, a folder with 附件1 as .xlsx; and, where LibreOffice is installed,
.doc (the conversion included in the time) and a text PDF LibreOffice printed.
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

from tests import plan_forms as pf  # noqa: E402  (python-docx: pip install ".[test]")
from tests.test_import_forms import PLANS, agreement, convert, imported  # noqa: E402

RUN = """
import sys
from pathlib import Path
from cwm.planimport import import_plan, write_draft
draft = import_plan(Path(sys.argv[1]))
write_draft(draft, Path(sys.argv[1]), Path(sys.argv[2]))
"""


def timed(source: Path, work: Path, rounds: int) -> float:
    times = []
    for n in range(rounds):
        out = work / f"out{n}"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", RUN, str(source), str(out)], check=True)
        times.append(time.perf_counter() - start)
        shutil.rmtree(out)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plan", default="2021", choices=list(PLANS))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        plan = PLANS[args.plan]()
        docx = pf.write_docx(plan, work / "方案.docx")
        forms = {
            ".docx": docx,
            ".html": pf.write_html(plan, work / "方案.html"),
            "folder (.xlsx)": pf.write_folder(plan, work / "文件夹"),
        }
        if shutil.which("soffice"):
            forms[".doc"] = convert(docx, "doc", work / "doc")
            forms[".pdf"] = convert(docx, "pdf", work / "pdf")
        expected = imported(docx, work / "reference")
        print(f"{args.plan}: form, median seconds of {args.rounds}, fields as from .docx")
        for n, (name, source) in enumerate(forms.items()):
            try:
                seconds = timed(source, work, args.rounds)
            except subprocess.CalledProcessError:
                print(f"  {name:16} not imported (see: cwm import {source.name})")
                continue
            equal, compared, _ = agreement(expected, imported(source, work / f"agreement{n}"))
            print(f"  {name:16} {seconds:6.2f} s   {equal}/{compared} = {equal / compared:.3f}")


if __name__ == "__main__":
    main()
