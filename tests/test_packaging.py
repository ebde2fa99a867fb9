"""What `pip install .` ships: every Python package of cwm/, the data and the templates."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    listed = set(config["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "cwm").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert {"cwm.data", "cwm.templates"} <= listed


def test_data_and_templates_match_the_package_data_patterns():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]
    assert (
        config["cwm.data"] == ["*.yaml"]
        and sorted(p.suffix for p in (ROOT / "data").iterdir() if p.is_file()) == [".yaml"] * 4
    )
    templates = [p.name for p in (ROOT / "templates").iterdir() if p.is_file()]
    assert all(name.endswith((".j2", ".css")) for name in templates), templates


@pytest.mark.slow  # in CI's slow job: keeps the README's test run short
def test_the_installed_command_runs_every_subcommand(tmp_path):
    """Run the console script from outside the checkout, so the installed package is used: every
    command of the app's own list, each with the exit code it must give."""
    import os
    import shutil
    import subprocess
    import sys

    import pytest

    from cwm.commands import COMMANDS

    script = shutil.which("cwm", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("cwm is not installed in this environment (pip install .)")
    evidence = tmp_path / "材料"
    (evidence / "III-8-1-3").mkdir(parents=True)
    (tmp_path / "说明.txt").write_text("民政局开展家风家教活动。", encoding="utf-8")
    from .plan_docx import plan_docx

    plan = plan_docx(tmp_path / "2021年方案.docx")
    runs = {
        "due": (["--period", "2021Q2", "-f", "json"], 0),
        "duties": (["养老服务科"], 0),
        "check": ([str(evidence), "--dept", "王慧文", "-f", "json"], 1),  # the report is missing
        "report": ([str(evidence), "-o", str(tmp_path / "报告"), "--period", "2021Q2"], 1),
        "checklist": (["--kind", "sites", "-f", "md"], 0),
        "init": ([str(tmp_path / "骨架")], 0),
        "count": ([str(tmp_path / "说明.txt")], 0),
        "rules": ([], 0),
        "validate": ([], 0),
        "import": ([str(plan), "-o", str(tmp_path / "2021")], 1),  # the table's columns to check
        "diff": ([str(tmp_path / "2021"), str(plan)], 0),
    }
    assert sorted(runs) == sorted(COMMANDS), "give every command of cwm.commands a run here"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for name in COMMANDS:
        args, expected = runs[name]
        done = subprocess.run(
            [script, name, *args], cwd=tmp_path, env=env, capture_output=True, timeout=120
        )
        stderr = done.stderr.decode("utf-8", "replace")
        assert done.returncode == expected, (name, done.returncode, stderr)
        assert "Traceback" not in stderr, (name, stderr)
