"""The evidence rules: an explicit registry of modules, one per concern.

A rule module declares ``CODES`` — ``{code: (severity, explanation)}`` — and a ``check(ctx,
tree)`` generator yielding ``(code, message, path)``. It never prints and never decides a
severity: ``run_rules`` stamps the severity declared for the code. ``cwm rules`` prints this
registry; the module docstrings are the manual.
"""

from __future__ import annotations

from typing import Any, Iterator

from . import documents, duplicates, files, folder, manual, photos, reports, tables

MODULES = (folder, files, reports, photos, duplicates, documents, tables, manual)

CODES: dict[str, tuple[str, str]] = {}
for _module in MODULES:
    for _code, _spec in _module.CODES.items():
        assert _code not in CODES, _code
        CODES[_code] = _spec

MANUAL_CODES = frozenset({"report-scan", "doc-unreadable", "evaluation", "table-manual"})
"""Codes that mean a person must look: the requirement's status is ``manual``."""


def severity_of(code: str) -> str:
    return CODES[code][0]


def run_rules(ctx: Any, tree: Any) -> Iterator[tuple[str, str, str, str | None]]:
    """(code, severity, message, path) of every finding of every rule for one requirement."""
    for module in MODULES:
        for code, message, path in module.check(ctx, tree):
            yield code, severity_of(code), message, path
