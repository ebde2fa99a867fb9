"""The evidence rules: an explicit registry of modules, one per concern.

A rule module declares ``CODES`` — ``{code: (severity, explanation[, {traits}])}``, the traits
(``vocab.Trait``) saying what else a code is: it needs a person, it is about a photo, it is a
reminder — and a ``check(ctx)`` generator yielding ``Found(code, message, path)``
(``context.py``). It never prints and never decides a severity: the engine stamps the severity
and traits declared for the code. ``cwm rules`` prints
this registry; the module docstrings are the manual.
"""

from __future__ import annotations

from cwm.evidence.context import Context, Found
from cwm.evidence.rules import (
    documents,
    duplicates,
    figures,
    files,
    folder,
    ledgers,
    manual,
    photos,
    quality,
    recognised,
    reports,
    tables,
)
from cwm.rulebook import Rulebook

MODULES = (
    folder,
    files,
    reports,
    photos,
    quality,
    duplicates,
    documents,
    tables,
    ledgers,
    figures,
    recognised,
    manual,
)

RULES: Rulebook[Context, Found] = Rulebook()
for _module in MODULES:
    RULES.register(_module.check, _module.CODES, _module.__doc__ or "")
