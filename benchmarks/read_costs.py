"""Where a document's read goes: per format, cwm's reader against the extraction floor
(docx2txt, pypdfium2), and the values the checker computes with the text and caches (字数,
fingerprint, figures), in one process, page cache warm.

    pip install ".[test]" docx2txt
    python benchmarks/read_costs.py benchmarks/results/documents-1000-100-0 [--rounds 3]

Each file is timed in turns — floor, cwm's reader, the derived values — so drift of the machine
affects them alike; the best of ``--rounds`` passes is kept per file, and the table shows the
mean per file. Reads only .docx and .pdf (the two the documents benchmark writes).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def floor(path: str | Path) -> int:
    """The length of a .docx's or a PDF's text as the usual libraries give it: the extraction
    floor (benchmarks/documents.py runs it over the tree in a pool)."""
    if str(path).endswith(".docx"):
        import docx2txt

        return len(docx2txt.process(str(path)))
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    n = sum(len(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf)))
    pdf.close()
    return n


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("tree", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from cwm.formats import DocumentText, read_document

    files = sorted(p for p in args.tree.rglob("*") if p.suffix in (".docx", ".pdf"))
    stages = ("floor", "cwm reader", "字数", "fingerprint", "figures")
    best: dict[tuple[Path, str], float] = {}
    for _ in range(args.rounds):
        for path in files:
            times = {}
            start = time.perf_counter()
            floor(path)
            times["floor"] = time.perf_counter() - start
            start = time.perf_counter()
            document = read_document(path)
            times["cwm reader"] = time.perf_counter() - start
            for stage, attribute in zip(stages[2:], ("words", "fingerprint", "figures")):
                fresh = DocumentText(document.text, document.first_page_end)
                start = time.perf_counter()
                getattr(fresh, attribute)
                times[stage] = time.perf_counter() - start
            for stage, seconds in times.items():
                best[path, stage] = min(seconds, best.get((path, stage), seconds))
    print(f"{'format':<6} {'files':>6} " + " ".join(f"{s:>12}" for s in stages) + "   cwm / floor")
    for suffix in (".docx", ".pdf"):
        mine = [p for p in files if p.suffix == suffix]
        if not mine:
            continue
        means = {s: statistics.mean(best[p, s] for p in mine) * 1e6 for s in stages}
        cwm = sum(means[s] for s in stages[1:])
        print(
            f"{suffix:<6} {len(mine):>6} "
            + " ".join(f"{means[s]:>10.0f}µs" for s in stages)
            + f"   {cwm / means['floor']:.2f}"
        )


if __name__ == "__main__":
    main()
