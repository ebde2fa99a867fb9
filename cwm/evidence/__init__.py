"""The evidence checker: scan a tree, read each file once, run the rules, report.

Everything outside this package uses only the names below (``from cwm.evidence import …``;
``tests/test_layout.py`` holds it). They are loaded on first use, so a command that never
checks (``cwm due``) imports none of the checker.

Checking      run_check, Requirement (what to check), OnProgress, DEBUG_ENV
Results       CheckResult, RequirementResult, Finding, by_department, finding_key, render_text
Rules         RULES (附件1's evidence rules), LOOPS (sites, liaison, publicity): the catalogue
Loop subjects Subject, SiteDuty, ActivityDuty, PublicityDuty, Span (built by the schedule)
The tree      scan_tree, EvidenceFile, NOTES_FILE, kind_of, IdMatcher, without_ordinal, area_of;
              REPORT_FOLDER, REPORT_JSON, REPORTS_SUFFIX (report folders are never evidence)
Pictures      thumbnails, FileCache, default_location (the report's thumbnails and their cache);
              fingerprint (a file's content: the 整改台账 knows a renamed file by it)
Sheets        the inspection sheet's columns and labels (SHEET_COLUMNS, DATE_LABEL,
              INSPECTOR_LABEL, FILLED, RESULTS), shared with the fillable sheet cwm prints
Counting      count_paths, totals, COUNT_COLUMNS (cwm count)

Inside: scan.py (the one folder walker), reading.py (the one place files are opened, through
cwm.formats), cache.py, context.py, rules/ (one module per rule, registry in rules/__init__.py),
loops/ (sites, liaison, publicity), engine.py (per requirement: gather, run rules, stamp code
and severity, decide status), results.py, captions.py, similarity.py, ids.py, kinds.py.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cwm.evidence.cache import FileCache, default_location
    from cwm.evidence.context import Requirement
    from cwm.evidence.counting import COLUMNS as COUNT_COLUMNS
    from cwm.evidence.counting import count_paths, totals
    from cwm.evidence.engine import run_check
    from cwm.evidence.ids import IdMatcher, without_ordinal
    from cwm.evidence.kinds import kind_of
    from cwm.evidence.loops import (
        LOOPS,
        ActivityDuty,
        PublicityDuty,
        SiteDuty,
        Span,
        Subject,
        area_of,
    )
    from cwm.evidence.loops.inspections import COLUMNS as SHEET_COLUMNS
    from cwm.evidence.loops.inspections import DATE_LABEL, FILLED, INSPECTOR_LABEL, RESULTS
    from cwm.evidence.reading import DEBUG_ENV, OnProgress, fingerprint, thumbnails
    from cwm.evidence.results import (
        CheckResult,
        Finding,
        RequirementResult,
        by_department,
        finding_key,
        render_text,
    )
    from cwm.evidence.rules import RULES
    from cwm.evidence.scan import (
        NOTES_FILE,
        REPORT_FOLDER,
        REPORT_JSON,
        REPORTS_SUFFIX,
        EvidenceFile,
    )
    from cwm.evidence.scan import scan as scan_tree

_PUBLIC: dict[str, tuple[str, str]] = {
    "run_check": ("engine", "run_check"),
    "Requirement": ("context", "Requirement"),
    "OnProgress": ("reading", "OnProgress"),
    "DEBUG_ENV": ("reading", "DEBUG_ENV"),
    "thumbnails": ("reading", "thumbnails"),
    "fingerprint": ("reading", "fingerprint"),
    "CheckResult": ("results", "CheckResult"),
    "RequirementResult": ("results", "RequirementResult"),
    "Finding": ("results", "Finding"),
    "by_department": ("results", "by_department"),
    "finding_key": ("results", "finding_key"),
    "render_text": ("results", "render_text"),
    "RULES": ("rules", "RULES"),
    "LOOPS": ("loops", "LOOPS"),
    "Subject": ("loops", "Subject"),
    "SiteDuty": ("loops", "SiteDuty"),
    "ActivityDuty": ("loops", "ActivityDuty"),
    "PublicityDuty": ("loops", "PublicityDuty"),
    "Span": ("loops", "Span"),
    "area_of": ("loops", "area_of"),
    "scan_tree": ("scan", "scan"),
    "EvidenceFile": ("scan", "EvidenceFile"),
    "NOTES_FILE": ("scan", "NOTES_FILE"),
    "REPORT_FOLDER": ("scan", "REPORT_FOLDER"),
    "REPORT_JSON": ("scan", "REPORT_JSON"),
    "REPORTS_SUFFIX": ("scan", "REPORTS_SUFFIX"),
    "kind_of": ("kinds", "kind_of"),
    "IdMatcher": ("ids", "IdMatcher"),
    "without_ordinal": ("ids", "without_ordinal"),
    "FileCache": ("cache", "FileCache"),
    "default_location": ("cache", "default_location"),
    "SHEET_COLUMNS": ("loops.inspections", "COLUMNS"),
    "DATE_LABEL": ("loops.inspections", "DATE_LABEL"),
    "INSPECTOR_LABEL": ("loops.inspections", "INSPECTOR_LABEL"),
    "FILLED": ("loops.inspections", "FILLED"),
    "RESULTS": ("loops.inspections", "RESULTS"),
    "count_paths": ("counting", "count_paths"),
    "totals": ("counting", "totals"),
    "COUNT_COLUMNS": ("counting", "COLUMNS"),
}
"""Public name -> (module inside this package, its name there); ``__all__`` lists the same
names (a test holds them equal)."""

__all__ = [
    "ActivityDuty",
    "COUNT_COLUMNS",
    "CheckResult",
    "DATE_LABEL",
    "DEBUG_ENV",
    "EvidenceFile",
    "FILLED",
    "FileCache",
    "Finding",
    "INSPECTOR_LABEL",
    "IdMatcher",
    "LOOPS",
    "NOTES_FILE",
    "OnProgress",
    "PublicityDuty",
    "REPORTS_SUFFIX",
    "REPORT_FOLDER",
    "REPORT_JSON",
    "RESULTS",
    "RULES",
    "Requirement",
    "RequirementResult",
    "SHEET_COLUMNS",
    "SiteDuty",
    "Span",
    "Subject",
    "area_of",
    "by_department",
    "count_paths",
    "default_location",
    "finding_key",
    "fingerprint",
    "kind_of",
    "render_text",
    "run_check",
    "scan_tree",
    "thumbnails",
    "totals",
    "without_ordinal",
]


def __getattr__(name: str) -> Any:
    """A public name, its module imported on first use."""
    try:
        module, attribute = _PUBLIC[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value
    return value
