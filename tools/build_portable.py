"""Build a portable cwm folder that runs without an installed Python: PyInstaller --onedir.

    pip install ".[test]"        (PyInstaller is among the test tools)
    python tools/build_portable.py [--dist 目录]
    pip install ".[ocr]" && python tools/build_portable.py --ocr     (the OCR variant)

On Windows this makes ``dist/cwm/cwm.exe`` and the libraries beside it, with the two batch
files of examples/batch/ (检查材料.bat: drag a folder onto it; check_all.bat: the weekly check,
folders in check_all.cfg), which find the cwm.exe beside them, and the guide for the 科室 as
使用指南.html: copy the folder to the shared drive and double-click on any office PC. On Linux
the same recipe makes ``dist/cwm/cwm`` (tests/test_portable.py builds it and runs ``cwm report``
from it).

Why PyInstaller --onedir rather than the embeddable Python zip: one command on either system,
the native libraries (PDFium, libheif, calamine) collected with their packages, and a start that
does not unpack anything (--onefile unpacks into a temporary folder on every run).
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BESIDE = ("检查材料.bat", "建立材料文件夹.bat", "check_all.bat", "check_all.cfg.example")
"""What the office double-clicks, copied beside cwm.exe (the .bat files look there first)."""
ENTRY = """from cwm.__main__ import run
run()
"""


OCR_PACKAGES = ("rapidocr", "onnxruntime")
"""The ``cwm[ocr]`` extra: left out of the portable folder unless ``--ocr`` asks for the OCR
variant (about 150 MB more: ONNX Runtime, OpenCV and the PP-OCR models)."""


def build(dist: Path, work: Path, ocr: bool = False) -> Path:
    import PyInstaller.__main__

    work.mkdir(parents=True, exist_ok=True)
    entry = work / "cwm_entry.py"
    entry.write_text(ENTRY, encoding="utf-8")
    PyInstaller.__main__.run(
        [
            str(entry),
            "--name",
            "cwm",
            "--onedir",
            "--noconfirm",
            "--console",
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "build"),
            "--specpath",
            str(work),
            # cwm imports its parts inside functions (a fast start): name them all
            "--collect-submodules",
            "cwm",
            "--collect-data",
            "cwm",
            "--collect-all",
            "pypdfium2",
            "--collect-all",
            "pypdfium2_raw",
            "--collect-all",
            "pi_heif",
            "--collect-all",
            "python_calamine",
            "--hidden-import",
            "olefile",
            "--hidden-import",
            "rarfile",
            "--hidden-import",
            "openpyxl",
            "--hidden-import",
            "platformdirs",
            # cwm import of a PDF plan: pdfminer's CMaps read Chinese fonts
            "--collect-data",
            "pdfminer",
            *(
                [arg for name in OCR_PACKAGES for arg in ("--collect-all", name)]
                if ocr
                else [arg for name in (*OCR_PACKAGES, "cv2") for arg in ("--exclude-module", name)]
            ),
        ]
    )
    folder = dist / "cwm"
    for name in BESIDE:
        shutil.copy2(ROOT / "examples" / "batch" / name, folder / name)
    guide = ROOT / "docs" / "使用指南.md"
    (folder / "使用指南.html").write_text(guide_html(guide.read_text(encoding="utf-8")), "utf-8")
    return folder


def guide_html(markdown: str) -> str:
    """The guide for the 科室 as one HTML page a double-click opens (Windows opens no .md), in
    the reports' print style. markdown-it-py comes with Rich, which cwm already uses."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(markdown)
    # the folder holds the guide alone: a link to another document (README.md, 参考.md) would
    # lead nowhere on an office PC, so its text stays and the link goes
    body = re.sub(r'<a href="(?!https?:)[^"]*">(.*?)</a>', r"\1", body)
    css = (ROOT / "templates" / "print.css").read_text(encoding="utf-8")
    title = markdown.lstrip("# ").splitlines()[0].strip()
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{css}\n</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "portable")
    parser.add_argument(
        "--ocr",
        action="store_true",
        help='the OCR variant: pip install ".[ocr]" first; the models travel in the folder',
    )
    args = parser.parse_args()
    folder = build(args.dist, args.work, ocr=args.ocr)
    print(f"built {folder} ({sys.platform})")


if __name__ == "__main__":
    main()
