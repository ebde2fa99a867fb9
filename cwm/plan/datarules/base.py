"""What a data rule yields and where it registers: ``Inconsistency`` and ``RULES``."""

from __future__ import annotations

from dataclasses import dataclass

from cwm.plan import Plan
from cwm.plan.diagnostics import KeyPath
from cwm.rulebook import Rulebook


@dataclass(frozen=True)
class Inconsistency:
    """A data rule's finding: where (file and key path) and what (a Chinese message)."""

    file: str
    path: KeyPath
    message: str
    code: str = ""
    """Left empty: each data rule declares one code."""


RULES: Rulebook[Plan, Inconsistency] = Rulebook()
rule = RULES.rule
