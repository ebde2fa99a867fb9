"""The README's set-up works on a Python that refuses `pip install` into itself (PEP 668).

Debian and Ubuntu mark their system Python ``EXTERNALLY-MANAGED``; a bare ``pip install .``
stops there with ``externally-managed-environment``. The README's first command makes a virtual
environment in the same line, so it must work on such a Python, from a fresh copy of the
repository. Slow (it installs cwm and its dependencies from the package registry): CI runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .test_docs import ROOT, readme_setup_commands

pytestmark = pytest.mark.slow


def _pep668_python() -> Path | None:
    """A Python ≥ 3.11 on this machine whose standard library carries the PEP 668 marker."""
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3"):
        path = Path(candidate)
        if not path.exists():
            continue
        probe = subprocess.run(
            [
                str(path),
                "-c",
                "import sys, sysconfig, pathlib;"
                "print(sys.version_info >= (3, 11) and"
                " (pathlib.Path(sysconfig.get_path('stdlib')) / 'EXTERNALLY-MANAGED').exists()"
                " and sys.prefix == sys.base_prefix)",
            ],
            capture_output=True,
            text=True,
        )
        if probe.stdout.strip() == "True":
            return path
    return None


def _fresh_copy(dest: Path) -> Path:
    """The committed files of the repository (as a clone has them), nothing installed."""
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, files):
        rel = Path(os.fsdecode(name))
        if not (ROOT / rel).is_file():
            continue
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest / rel)
    return dest


def test_the_readme_setup_installs_and_runs_on_a_pep668_python(tmp_path):
    python = _pep668_python()
    if python is None:
        pytest.skip("no PEP 668 (EXTERNALLY-MANAGED) Python ≥ 3.11 on this machine")
    if shutil.which("git") is None:
        pytest.skip("git is needed to list the repository's files")
    repo = _fresh_copy(tmp_path / "cwm")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(python)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PIP_USER"}
    }
    env["PATH"] = f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin"
    env["CWM_CACHE_DIR"] = str(tmp_path / "cache")

    # The marker is in force: what the README used to say fails on this Python.
    bare = subprocess.run(
        ["python3", "-m", "pip", "install", "--dry-run", "."],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    assert bare.returncode != 0 and "externally-managed-environment" in bare.stderr + bare.stdout

    first, _second = readme_setup_commands()
    run = subprocess.run(
        ["/bin/sh", "-c", first],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "本期应交" in run.stdout, run.stdout[-2000:]
    assert (repo / ".venv" / "bin" / "cwm").exists()
