"""The recipes of docs/开发.md, performed: each test follows one recipe on a scratch copy of the
package (cwm/, data/, templates/) and runs the result, so a recipe that stops working — a
registry that moved, a table the recipe forgets — fails here, not on the next engineer.

- 加一个方案来源 (a 附件5): one module in cwm/schedule/sources/, one line in its registry.
- 加一条材料检查规则: one module in cwm/evidence/rules/, one name in MODULES.
- 加一个命令: one module in cwm/commands/ (its function and SUMMARY), one name in COMMANDS.
- 加一种材料类型: the model, then every place mypy names (slow: it runs mypy on the copy).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def scratch(tmp_path: Path) -> Path:
    """A copy of the package as a checkout has it, importable from its own folder."""
    repo = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("cwm", "data", "templates"):
        shutil.copytree(ROOT / part, repo / part, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", repo / "pyproject.toml")
    return repo


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(repo), "CWM_CACHE_DIR": str(repo / ".cache")}
    env.pop("CWM_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "cwm", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the recipe's anchor moved in {path}: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


SOURCE_MODULE = '''"""附件5 示例：每个科室一项常态化的文明创建台账。"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from cwm.schedule.sources.base import Duty, Judged, Source

if TYPE_CHECKING:
    from cwm.plan import Plan


def duties(plan: Plan) -> Iterator[Duty]:
    for n, unit in enumerate(u for u in plan.org.units if u.kind == "section"):
        yield Duty(
            id=f"X-{n + 1}",
            source=SOURCE.key,
            departments=(unit.name,),
            title="文明创建台账",
            summary="每个科室一本台账",
            cadence="常态化",
            record=plan.org,  # type: ignore[arg-type]
        )


def details(duty: Duty) -> dict[str, Any]:
    return {"book": "台账"}


SOURCE = Source(key="ledger", label="附件5 台账", duties=duties, details=details, judged=Judged.NOT)
'''


@pytest.mark.slow  # in CI's slow job: keeps the README's test run short
def test_recipe_a_new_plan_source(tmp_path):
    """One module and one registry line: the duties appear in cwm duties (JSON with their
    source, the summary's column), cwm due and cwm init go on as before."""
    repo = scratch(tmp_path)
    sources = repo / "cwm" / "schedule" / "sources"
    (sources / "ledger.py").write_text(SOURCE_MODULE, encoding="utf-8")
    registry = sources / "__init__.py"
    edit(
        registry,
        "from cwm.schedule.sources import grid, liaison, publicity, sites, tasks\n",
        "from cwm.schedule.sources import grid, ledger, liaison, publicity, sites, tasks\n",
    )
    edit(
        registry, "grid.SOURCE, publicity.SOURCE)", "grid.SOURCE, publicity.SOURCE, ledger.SOURCE)"
    )

    listed = run(repo, "duties", "养老服务科", "-f", "json")
    assert listed.returncode == 0, listed.stderr
    mine = [d for d in json.loads(listed.stdout) if d["source"] == "ledger"]
    assert [(d["id"], d["book"], d["departments"]) for d in mine] == [
        (mine[0]["id"], "台账", ["养老服务科"])
    ]
    summary = run(repo, "duties")
    assert summary.returncode == 0 and "附件5 台账" in summary.stdout, summary.stderr
    assert run(repo, "due", "--period", "2021Q2").returncode == 0
    made = run(repo, "init", str(tmp_path / "材料"))
    assert made.returncode == 0, made.stderr


RULE_MODULE = '''"""示例：申报项文件夹里有“草稿”二字的文件时提醒。"""

from __future__ import annotations

from typing import Iterator

from cwm.evidence.context import Context, Found

CODES = {"draft-in-folder": ("warning", "文件名带“草稿”的文件放在了申报项文件夹中。")}


def check(ctx: Context) -> Iterator[Found]:
    for file in ctx.files("document"):
        if "草稿" in file.path.name:
            yield Found("draft-in-folder", f"“{file.path.name}”像是草稿。", file.rel)
'''


@pytest.mark.slow  # in CI's slow job: keeps the README's test run short
def test_recipe_a_new_rule(tmp_path):
    """One module and one name in MODULES: cwm rules lists its code, cwm check yields it with
    the severity the module declares."""
    repo = scratch(tmp_path)
    rules = repo / "cwm" / "evidence" / "rules"
    (rules / "drafts.py").write_text(RULE_MODULE, encoding="utf-8")
    edit(
        rules / "__init__.py",
        "    documents,\n    duplicates,",
        "    documents,\n    drafts,\n    duplicates,",
    )
    edit(rules / "__init__.py", "MODULES = (\n    folder,", "MODULES = (\n    drafts,\n    folder,")

    listed = run(repo, "rules")
    assert listed.returncode == 0 and "draft-in-folder（警告）" in listed.stdout, listed.stderr
    folder = tmp_path / "材料" / "III-8-1-3 家风家教"
    folder.mkdir(parents=True)
    (folder / "说明报告（草稿）.txt").write_text("市民政局家风家教。" * 10, encoding="utf-8")
    checked = run(repo, "check", str(tmp_path / "材料"), "-f", "json")
    codes = [
        f["code"]
        for r in json.loads(checked.stdout)["requirements"]
        for f in r["findings"]
        if r["id"] == "III-8-1-3"
    ]
    assert "draft-in-folder" in codes, checked.stdout[-2000:]


COMMAND_MODULE = '''"""cwm hello: a greeting (the recipe's example)."""

from __future__ import annotations

from cwm.commands.common import handles_errors, out

SUMMARY = "示例命令"
"""The line ``cwm --help`` shows for this command."""


@handles_errors
def hello() -> None:
    """示例：打个招呼。"""
    out("你好\\n")
'''


def test_recipe_a_new_command(tmp_path):
    """One module (its function and SUMMARY) and one name in COMMANDS: cwm --help lists it with
    its summary, and it runs — alone, as every command runs."""
    repo = scratch(tmp_path)
    commands = repo / "cwm" / "commands"
    (commands / "hello.py").write_text(COMMAND_MODULE, encoding="utf-8")
    edit(commands / "__init__.py", '    "diff",\n)', '    "diff",\n    "hello",\n)')

    helped = run(repo, "--help")
    assert helped.returncode == 0 and "hello" in helped.stdout and "示例命令" in helped.stdout
    said = run(repo, "hello")
    assert (said.returncode, said.stdout) == (0, "你好\n"), said.stderr


@pytest.mark.slow
def test_recipe_a_new_material_type(tmp_path):
    """A material type added to the model is named by mypy in every place that must handle it
    (labels, the skeleton's 要求.txt, the importer) — never a silent fall-through."""
    pytest.importorskip("mypy")
    repo = scratch(tmp_path)
    models = repo / "cwm" / "plan" / "models.py"
    edit(models, '"evaluation", "ledger"\n]', '"evaluation", "ledger", "video"\n]')
    edit(
        models,
        "AnyMaterial = Union[Report, Images, Document, Table, Evaluation, ActivityLedger]",
        "AnyMaterial = Union[Report, Images, Document, Table, Evaluation, ActivityLedger, Video]",
    )
    edit(
        models,
        "\n@model\nclass IndicatorCode:",
        '\n@model\nclass Video:\n    """视频资料."""\n\n    type: Literal["video"]\n'
        '    text: str = ""\n\n\n@model\nclass IndicatorCode:',
    )
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "cwm"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=600,
    )
    named = {
        line.split(":", 1)[0]
        for line in checked.stdout.splitlines()
        if "error" in line and ("assert_never" in line or "Video" in line or "video" in line)
    }
    assert {
        "cwm/labels.py",
        "cwm/printing/skeleton.py",
        "cwm/planimport/materials.py",
    } <= named, checked.stdout
