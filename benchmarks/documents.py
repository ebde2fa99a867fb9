"""Benchmark `cwm check` on documents: 1,000 .docx reports and 100 PDFs (~1.9 M characters)
in the plan's requirement folders, optionally with photos beside them (a mixed tree).

    pip install ".[test]" docx2txt
    python benchmarks/documents.py [--docx 1000] [--pdf 100] [--photos 0] [--megapixels 2]
        [--office] [--rounds 3] [--cwm OLD/bin/cwm --cwm NEW/bin/cwm] [--warm-page-cache]

``--office``: documents as an office writes them instead of one plain paragraph after another —
a Word report with a header and footer, a title, paragraphs split into runs of 3–25 characters
(as Word splits them: revisions, spell check, fonts), a table of 12 figures and, in every third, a
photo; PDFs of four pages (a second generator: the ratio must hold for both).

The documents and photos go into the plan's requirement folders under their units' folders
(as benchmarks/evidence.py lays them out). Times, side by side in one run, each ``--rounds``
times (medians shown; several ``--cwm`` measured in turns):

  extract (docx2txt + pypdfium2)  the text of every document with the usual libraries, in as
                                  many processes as cwm uses (the floor for any checker)
  cwm check, cold                 empty cache (page cache dropped first, as root)
  cwm check, warm                 the same cache, unchanged tree

and prints the ratios — cold / extract (target ≤ 1.2) and warm / cold (target ≤ 0.05) — as the
median of the rounds' ratios (each round's two measured a minute apart) and their range.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.evidence import (  # noqa: E402
    Samples,
    add_measure_options,
    cold_and_warm,
    generate,
    installs,
    page_cache_dropper,
    requirement_folders,
    timed,
)
from tests.builders import docx_bytes, han_text, jpeg_bytes, pdf_bytes  # noqa: E402

EXTRACT = f"""
import sys
sys.path.insert(0, {str(HERE.parent)!r})
import docx2txt, pypdfium2  # once, before the workers start
from concurrent.futures import ProcessPoolExecutor
from benchmarks.read_costs import floor
paths = open(sys.argv[1], encoding="utf-8").read().split("\\n")
with ProcessPoolExecutor(int(sys.argv[2])) as pool:
    print(sum(pool.map(floor, paths, chunksize=4)))
"""


def office_docx(n: int, body: str, photo: bytes | None, rnd: random.Random) -> bytes:
    """A report as Word writes one: header, footer, title, runs, a table of figures, a photo."""
    import io

    import docx
    from docx.shared import Cm, Pt

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "资阳市民政局"
    document.sections[0].footer.paragraphs[0].text = "第 1 页"
    document.add_heading(f"关于2021年第{n}项工作的情况报告", level=1)
    for start in range(0, len(body), 180):
        paragraph, chunk, at = document.add_paragraph(), body[start : start + 180], 0
        while at < len(chunk):
            run = paragraph.add_run(chunk[at : at + rnd.randrange(3, 25)])
            run.font.size, run.bold = Pt(14), rnd.random() < 0.1
            at += len(run.text)
    rows = [["项目", "金额（万元）", "单位", "备注"]]
    rows += [[f"项目{i}", str(rnd.randrange(1, 999)), "市民政局", ""] for i in range(12)]
    table = document.add_table(rows=len(rows), cols=4)
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    if photo is not None:
        document.add_picture(io.BytesIO(photo), width=Cm(12))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_documents(
    root: Path, docx: int, pdf: int, agreeing: bool = False, office: bool = False
) -> list[Path]:
    from cwm.plan.loader import load_plan

    plan = load_plan()
    every = requirement_folders(root)
    folders = [
        every[item.id]
        for _, item in plan.tasks.items()
        if any(m.type in ("report", "document") for m in item.materials)
    ]
    rnd = random.Random(7)
    photo = jpeg_bytes(size=(1600, 1200)) if office else None
    paths = []
    for n in range(docx + pdf):
        folder = folders[n % len(folders)]
        folder.mkdir(parents=True, exist_ok=True)
        words = rnd.randrange(300, 3000) if not office else rnd.randrange(800, 6000)
        amount = n % len(folders) if agreeing else n  # one figure per requirement, or one each
        body = f"2021年第{n}号说明。投入资金{amount}万元，出台政策，建立制度。" + han_text(words, n)
        paragraphs = [body[i : i + 200] for i in range(0, len(body), 200)]
        if n < docx and office:
            path = folder / f"说明报告{n:04d}.docx"
            path.write_bytes(office_docx(n, body, photo if n % 3 == 0 else None, rnd))
        elif n < docx:
            path = folder / f"说明报告{n:04d}.docx"
            path.write_bytes(docx_bytes(*paragraphs))
        else:
            path = folder / f"资民发〔2021〕{n}号.pdf"
            pages = [body[:1500], body[1500:3000], body[3000:4500], body[4500:6000]]
            pages = pages if office else pages[:2]
            pages = [f"资民发〔2021〕{n}号 " + pages[0]] + [p or "。" for p in pages[1:]]
            path.write_bytes(pdf_bytes(*pages))
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docx", type=int, default=1000)
    parser.add_argument("--pdf", type=int, default=100)
    parser.add_argument("--photos", type=int, default=0, help="add this many photos (a mixed tree)")
    parser.add_argument("--megapixels", type=float, default=2.0)
    parser.add_argument(
        "--agreeing",
        action="store_true",
        help="a requirement's documents state the same 投入资金 (by default each states its own, "
        "and the figures rule warns about every one)",
    )
    parser.add_argument(
        "--office", action="store_true", help="documents as an office writes them (see above)"
    )
    add_measure_options(parser)
    args = parser.parse_args()
    photos = f"{args.photos}-{args.megapixels:g}mp" if args.photos else "0"
    kind = ("-agreeing" if args.agreeing else "") + ("-office" if args.office else "")
    root = HERE / "results" / f"documents-{args.docx}-{args.pdf}-{photos}{kind}"  # one per tree
    if not (root / "done").exists():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        print("generating …", file=sys.stderr)
        make_documents(root, args.docx, args.pdf, args.agreeing, args.office)
        if args.photos:
            generate(root, args.photos, args.megapixels)  # the same requirement folders
        (root / "done").write_text("")
    documents = sorted(str(p) for p in root.rglob("*") if p.suffix in (".docx", ".pdf"))
    files = [p for p in root.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(
        f"tree: {len(files)} files, {len(documents)} documents, {size / 2**30:.2f} GiB, "
        f"{os.cpu_count()} cores"
    )
    cold_disk = page_cache_dropper(args)
    listing = Path(tempfile.mkdtemp()) / "documents.txt"
    listing.write_text("\n".join(documents), encoding="utf-8")
    extract = [sys.executable, "-c", EXTRACT, str(listing), str(os.cpu_count() or 1)]
    samples = Samples()
    for _ in range(args.rounds):
        cold_disk()
        samples.add("extract (docx2txt + pypdfium2)", *timed(extract))
        for label, cwm in installs(args):
            report = cold_and_warm(label, cwm, root, cold_disk, samples)
    samples.print("extract (docx2txt + pypdfium2)")
    print()
    for label, _ in installs(args):
        cold, warm = f"{label} check, cold", f"{label} check, warm"
        print(
            f"{label}: cold / extract {samples.ratio(cold, 'extract (docx2txt + pypdfium2)')} "
            f"(target ≤ 1.2) · warm / cold {samples.ratio(warm, cold)} (target ≤ 0.05)"
        )
    print(f"requirements checked: {report['summary']['requirements']}")


if __name__ == "__main__":
    main()
