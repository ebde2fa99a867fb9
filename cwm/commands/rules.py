"""cwm rules: the evidence checker's rule codes, from the registry and the rules' docstrings."""

from __future__ import annotations

from typing import Any

from cwm.commands.common import handles_errors, load, out

SUMMARY = "材料检查的全部规则代码及说明"
"""The line ``cwm --help`` shows for this command (short enough never to be cut)."""


@handles_errors
def rules() -> None:
    """列出材料检查的全部规则代码及说明（检查结果中的 [代码] 即指这些规则）：附件1的申报材料，
    以及实地点位自查、包联社区活动和常态化宣传。"""
    import sys

    from cwm.evidence import LOOPS, RULES
    from cwm.rulebook import Rule

    tasks = None
    every: list[Rule[Any, Any]] = [*RULES.rules, *LOOPS.rules]
    for rule in every:
        out(rule.doc + "\n")
        for code in rule.codes:
            out(f"  {code.code}（{code.severity.label}）：{code.doc}\n")
        settings = getattr(sys.modules[rule.check.__module__], "settings", None)
        if settings is not None:  # thresholds the data sets: the values in force
            tasks = tasks or load(None)[0].tasks
            out("  当前的值（tasks.yaml rules）：" + "；".join(settings(tasks.rules)) + "。\n")
        out("\n")
