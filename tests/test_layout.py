"""Rules of the code's layout that import contracts cannot hold: which modules open files, and
how large a module may grow before it should be split."""

from __future__ import annotations

import ast
import functools
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
    "cwm/evidence/readahead.py": "the files reading.py reads next, into the OS cache",
    "cwm/plan/yamlio.py": "the data files",
    "cwm/plan/cache.py": "its own cache file",
    "cwm/evidence/cache.py": "cwm's own reader modules, for the readers' version",
    "cwm/cli.py": "the null device, for standard streams a scheduler closed",
    "cwm/report/changes.py": "the previous report's JSON in the report folder",
    "cwm/report/ledger.py": "the previous report's workbook (the office's 整改 notes)",
    "cwm/planimport/readers/__init__.py": "a plan file's first bytes, to tell its format",
    "cwm/planimport/readers/docx.py": "the plan's Word file (cwm import)",
    "cwm/planimport/readers/html.py": "the plan as a web page",
    "cwm/planimport/readers/pdf.py": "the plan as a text PDF (pdfplumber)",
    "cwm/fsutil.py": "the outputs cwm writes (atomically; a device or a pipe in place)",
    "cwm/commands/batchcfg.py": "check_all.cfg, the folders a batch file checks (--folders-from)",
}
"""Modules outside cwm/formats/ that open files, and which."""


@functools.cache
def _nodes(path: Path) -> list[ast.AST]:
    """Every node of a module's syntax tree, parsed once for all the rules here."""
    return list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def _opened_in(path: Path) -> list[int]:
    lines = []
    for node in _nodes(path):
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


LARGE = {"cwm/plan/models.py", "cwm/periods/festival_table.py"}
"""The data models and the generated festival table may be long; nothing else."""


def test_no_module_outgrows_400_lines():
    long = {
        path.relative_to(ROOT).as_posix(): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
        and path.relative_to(ROOT).as_posix() not in LARGE
    }
    assert not long, f"split these modules: {long}"


def test_the_top_level_is_small_and_packages_carry_the_structure():
    """Shared small modules at the top, one package per concept (docs/开发.md “代码在哪里”)."""
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 15, f"move these into the package of their concept: {top}"


def test_no_class_name_is_defined_twice():
    """A class name means one thing across cwm/ (a Problem, a Table, a Duty…)."""
    seen: dict[str, str] = {}
    twice = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for node in _nodes(path):
            if isinstance(node, ast.ClassDef):
                if node.name in seen:
                    twice.append(f"{node.name}: {seen[node.name]}, {rel}")
                seen.setdefault(node.name, rel)
    assert not twice, twice


def test_no_source_name_is_compared_outside_the_registry():
    """Only cwm/schedule/sources/ knows which source a duty is; everyone else asks it (no
    ``duty.source == "sites"``, no ``source in ("tasks", …)``)."""
    from cwm.schedule.sources import SOURCES

    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("cwm/schedule/sources/"):
            continue
        for node in _nodes(path):
            if isinstance(node, ast.Compare):
                named = {
                    c.value
                    for side in [node.left, *node.comparators]
                    for c in ast.walk(side)
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                }
                if named & set(SOURCES):
                    offenders.append(f"{rel}:{node.lineno}")
    assert not offenders, f"ask the source (cwm.schedule.sources) instead: {offenders}"


def test_the_checker_is_used_through_its_public_names():
    """Outside cwm/evidence, the checker is ``from cwm.evidence import …`` (its public names,
    loaded on first use), never one of its modules."""
    import cwm.evidence

    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("cwm/evidence/"):
            continue
        for node in _nodes(path):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cwm.evidence."):
                offenders.append(f"{rel}:{node.lineno} {node.module}")
            if isinstance(node, ast.ImportFrom) and node.module == "cwm.evidence":
                offenders += [
                    f"{rel}:{node.lineno} {a.name}"
                    for a in node.names
                    if a.name not in cwm.evidence.__all__
                ]
    assert not offenders, offenders
    assert sorted(cwm.evidence.__all__) == sorted(cwm.evidence._PUBLIC)
    for name in cwm.evidence.__all__:
        assert getattr(cwm.evidence, name) is not None
    modules = {p.stem for p in (PACKAGE / "evidence").iterdir()}
    assert not set(cwm.evidence.__all__) & modules, "a public name that is also a module's"
