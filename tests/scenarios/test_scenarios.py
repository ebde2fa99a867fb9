"""Every scenario of ``cases.py``: the check's verdict is the one a reviewer would give."""

from __future__ import annotations

import datetime as dt

import pytest

from cwm.periods import Period
from cwm.schedule.duecheck import check_due

from ..builders import build_tree
from .cases import SCENARIOS, Scenario


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario(scenario: Scenario, plan, tmp_path):
    files = scenario.files() if callable(scenario.files) else scenario.files
    build_tree(tmp_path, files)
    root = tmp_path / scenario.root if scenario.root else tmp_path
    root.mkdir(parents=True, exist_ok=True)
    target = plan.directory.resolve(scenario.dept) if scenario.dept else None
    window = Period.parse(scenario.period) if scenario.period else None
    today = dt.date.fromisoformat(scenario.date)
    report = check_due(plan, root, target, window, today, use_cache=False, jobs=1).report
    results = {r.id: r for r in report.requirements}
    if scenario.only is not None:
        assert set(results) == scenario.only
    for ident, (status, expected) in scenario.expect.items():
        result = results[ident]
        found = {f.code for f in result.findings if f.severity != "info"}
        detail = [f"{f.code}: {f.message} ← {f.path}" for f in result.findings]
        assert (result.status, found) == (status, expected), "\n".join(detail)
    for ident, codes in scenario.notes.items():
        findings = report.other_findings if ident == "other" else results[ident].findings
        assert codes <= {f.code for f in findings}
    others = {f.code for f in report.other_findings if f.severity != "info"}
    assert others == scenario.other, [f.message for f in report.other_findings]


def test_there_are_at_least_forty_scenarios():
    assert len(SCENARIOS) >= 40 and len({s.name for s in SCENARIOS}) == len(SCENARIOS)
