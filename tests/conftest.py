"""Shared fixtures: the built-in plan, and editable copies of the data directory."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest

from cwm.plan import Plan
from cwm.plan.loader import load_plan, packaged_data_dir

TESTS = Path(__file__).parent
SOURCE_TEXT = TESTS / "source_plan.txt"
"""A copy of ../shared/seeds/000_0207e40e84dd3837.txt, the 2021 plan the data copy."""


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the validated-plan cache out of the user's real cache directory."""
    import os

    os.environ["CWM_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    # verdicts must not depend on the extras a machine has: no OCR but in tests/test_ocr.py
    from cwm.formats.ocr import OFF_ENV

    os.environ[OFF_ENV] = "1"


@pytest.fixture()
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once: the caches' racy window (files changed in the last
    seconds are not cached, ``fsutil.RACY_SECONDS``) is closed for the test."""
    from cwm import fsutil

    monkeypatch.setattr(fsutil, "RACY_SECONDS", 0.0)


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan()


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in data directory."""
    target = tmp_path / "data"
    shutil.copytree(
        packaged_data_dir(), target, ignore=shutil.ignore_patterns("__pycache__", "*.py")
    )
    return target


@pytest.fixture()
def edit(data_copy: Path) -> Callable[[str, str, str], Path]:
    """edit(file, old, new): replace one exact occurrence of ``old`` in a data file copy."""

    def apply(file: str, old: str, new: str) -> Path:
        path = data_copy / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= 1, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return data_copy

    return apply


def line_of(path: Path, needle: str) -> int:
    """1-based line number of the first line containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
