"""Rules over the loaded plan: references that must resolve and fields that must agree
(errors, ``references``), and the source's own inconsistencies (warnings, ``source``).

Each rule is a generator registered in ``RULES`` (``rulebook.Rulebook``, as the evidence rules
are) with ``@rule(code, severity)``; its docstring is the explanation ``cwm validate --rules``
prints. Rules yield ``Inconsistency(file, key path, message)``; ``run`` stamps code and severity
and locates the problem in the YAML. Rules are general: none names a particular row, person or
number of the 2021 plan. ``places`` says where the data name units, people and ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from cwm.plan import Plan
from cwm.plan.datarules import references, source  # noqa: F401  (registers the rules, errors first)
from cwm.plan.datarules.base import RULES, Inconsistency
from cwm.plan.diagnostics import Problem

if TYPE_CHECKING:
    from cwm.plan.yamlio import YamlDocument

__all__ = ["RULES", "Inconsistency", "run"]


def run(plan: Plan, documents: Mapping[str, "YamlDocument"]) -> list[Problem]:
    """Every problem every registered rule finds, located in the YAML ``documents`` (file name
    -> its parse with node marks)."""
    problems = []
    for code, found in RULES.run(plan):
        doc = documents.get(found.file)
        if doc is None:
            where = str(plan.data_dir / found.file)
            problems.append(
                Problem(where, found.message, code.severity, path=found.path, code=code.code)
            )
        else:
            problems.append(doc.problem(found.path, found.message, code.severity, code.code))
    return problems
