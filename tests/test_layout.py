"""Rules of the code's layout that import contracts cannot hold: which modules open files, and
how large a module may grow before it should be split."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cwm"

OPENERS = {
    "open",
    "read_bytes",
    "read_text",
    "ZipFile",
    "OleFileIO",
    "PdfDocument",
    "RarFile",
    "load_workbook",
    "CalamineWorkbook",
    "from_path",
}
"""Calls that open a file (builtins, pathlib, zipfile, olefile, pypdfium2, rarfile, openpyxl,
calamine; Pillow's ``Image.open`` is an ``open``)."""

MAY_OPEN = {
    "cwm/evidence/reading.py": "the one place that opens evidence files (through the readers)",
    "cwm/plan/yamlio.py": "the data files",
    "cwm/plan/cache.py": "its own cache file",
    "cwm/report/changes.py": "the previous report's JSON in the report folder",
    "cwm/report/ledger.py": "the previous report's workbook (the office's 整改 notes)",
    "cwm/planimport/docx.py": "the plan's Word file (cwm import)",
    "cwm/fsutil.py": "the outputs cwm writes (atomically; a device or a pipe in place)",
    "cwm/planimport/__init__.py": "the built-in tasks.yaml, for cwm's default checking rules",
    "cwm/commands/batchcfg.py": "check_all.cfg, the folders a batch file checks (--folders-from)",
}
"""Modules outside cwm/formats/ that open files, and which."""


def _opened_in(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            is_os_open = getattr(getattr(node.func, "value", None), "id", None) == "os"
            if name in OPENERS and not is_os_open:
                lines.append(node.lineno)
    return lines


def test_evidence_files_are_opened_only_by_the_readers():
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("cwm/formats/") or rel in MAY_OPEN:
            continue
        lines = _opened_in(path)
        if lines:
            offenders[rel] = lines
    assert not offenders, f"files opened outside the readers (use evidence.reading): {offenders}"


def test_the_listed_openers_still_open_files():
    stale = [rel for rel in MAY_OPEN if not _opened_in(ROOT / rel)]
    assert not stale, f"remove from MAY_OPEN: {stale}"


LARGE = {"cwm/plan/models.py", "cwm/schedule/festival_table.py"}
"""The data models and the generated festival table may be long; nothing else."""


def test_no_module_outgrows_400_lines():
    long = {
        path.relative_to(ROOT).as_posix(): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
        and path.relative_to(ROOT).as_posix() not in LARGE
    }
    assert not long, f"split these modules: {long}"
