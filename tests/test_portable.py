"""The portable folder (tools/build_portable.py, PyInstaller --onedir): the recipe that builds
cwm.exe for office PCs without Python, built here for Linux, runs `cwm report` with workers."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from .builders import build_tree, docx_bytes, han_text, jpeg_bytes

ROOT = Path(__file__).resolve().parent.parent


def installed() -> bool:
    """cwm installed as a package (what `pip install .` does), which PyInstaller can bundle;
    an editable install points back at this tree and bundles no data. (The source tree's own
    cwm.egg-info, left by a build, lists the source layout: it does not count.)"""
    import importlib.metadata

    return any(
        str(f).replace("\\", "/").endswith("cwm/data/tasks.yaml")
        for dist in importlib.metadata.distributions()
        if dist.metadata["Name"] == "cwm"
        for f in dist.files or []
    )


INSTALLED = installed()


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None, reason="pip install pyinstaller"
)
@pytest.mark.skipif(
    not INSTALLED, reason="needs cwm installed as a package (pip install .), not editable"
)
def test_the_portable_folder_runs_a_report(tmp_path):
    built = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "build_portable.py"),
            "--dist",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    program = tmp_path / "dist" / "cwm" / ("cwm.exe" if sys.platform == "win32" else "cwm")
    beside = {p.name for p in program.parent.iterdir()}
    assert {"检查材料.bat", "check_all.bat", "check_all.cfg.example", "使用指南.html"} <= beside
    evidence = build_tree(
        tmp_path / "共享 盘" / "材料",
        {
            "III-8-1-3 家风/报告.docx": docx_bytes("2021年" + han_text(595)),
            **{
                f"III-7-3-1 村规民约/2021-04-0{i}_市民政局_宣讲{i}.jpg": jpeg_bytes(
                    dt.date(2021, 4, i), seed=i
                )
                for i in range(1, 7)
            },
        },
    )
    done = subprocess.run(
        [
            str(program),
            "report",
            str(evidence),
            "-o",
            str(tmp_path / "报告"),
            "--jobs",
            "2",
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr
    [folder] = (tmp_path / "报告").iterdir()
    assert (folder / "检查结果.xlsx").is_file() and (folder / "检查结果.html").is_file()
    assert "报告已写入" in done.stdout
