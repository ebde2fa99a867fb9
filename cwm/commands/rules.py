"""cwm rules: the evidence checker's rule codes, from the registry and the rules' docstrings."""

from __future__ import annotations

from .common import handles_errors, out


@handles_errors
def rules() -> None:
    """列出材料检查的全部规则代码及说明（检查结果中的 [代码] 即指这些规则）：附件1的申报材料，
    以及实地点位自查、包联社区活动和常态化宣传。"""
    from ..evidence.loops import LOOPS
    from ..evidence.rules import RULES
    from ..labels import SEVERITY

    for rule in [*RULES.rules, *LOOPS.rules]:
        out(rule.doc + "\n")
        for code in rule.codes:
            out(f"  {code.code}（{SEVERITY[code.severity]}）：{code.doc}\n")
        out("\n")
