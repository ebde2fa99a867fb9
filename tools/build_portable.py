"""Build a portable cwm folder that runs without an installed Python: PyInstaller --onedir.

    pip install ".[build]"
    python tools/build_portable.py [--dist 目录]

On Windows this makes ``dist/cwm/cwm.exe`` and the libraries beside it: copy the folder to the
shared drive and run ``\\\\fileserver\\创文\\cwm\\cwm.exe report …`` (or set CWM to it for
examples/batch/check_all.bat) on any office PC. On Linux the same recipe makes ``dist/cwm/cwm``
(tests/test_portable.py builds it and runs ``cwm report`` from it).

Why PyInstaller --onedir rather than the embeddable Python zip: one command on either system,
the native libraries (PDFium, libheif, calamine) collected with their packages, and a start that
does not unpack anything (--onefile unpacks into a temporary folder on every run).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY = """from cwm.cli import main
import sys
sys.exit(main())
"""


def build(dist: Path, work: Path) -> Path:
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
        ]
    )
    return dist / "cwm"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "portable")
    args = parser.parse_args()
    folder = build(args.dist, args.work)
    print(f"built {folder} ({sys.platform})")


if __name__ == "__main__":
    main()
