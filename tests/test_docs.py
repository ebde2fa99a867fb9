"""The documentation keeps up with the app: every command has help, a line in the README's
command table and a section in the reference; every option of every command is in the reference;
the README stays a newcomer's page; .ci/run runs the README's two setup commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from cwm.cli import app
from cwm.commands import COMMANDS, command

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
REFERENCE = (ROOT / "docs" / "参考.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name):
    help_text = (command(name).__doc__ or "").strip()
    assert help_text and re.search(r"[\u4e00-\u9fff]", help_text), name


def test_the_app_registers_exactly_the_commands_of_the_list_in_order():
    assert [c.name for c in app.registered_commands] == list(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme_table_and_the_reference(name):
    assert f"| `cwm {name}` |" in README, f"add cwm {name} to the README's 命令一览"
    headers = [line for line in REFERENCE.splitlines() if line.startswith("#")]
    assert any(f"cwm {name}" in h for h in headers), f"give cwm {name} a section in docs/参考.md"


def _options(name: str) -> list[str]:
    """The long option names of a command, as Click sees them."""
    click_command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    return [
        opt
        for param in click_command.params
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    ]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_in_the_reference(name):
    missing = [
        opt for opt in _options(name) if f"`{opt}" not in REFERENCE and f" {opt}" not in REFERENCE
    ]
    assert not missing, f"cwm {name}: document {missing} in docs/参考.md"


def test_the_readme_is_a_newcomers_page():
    assert len(README.splitlines()) <= 250


def readme_setup_commands() -> list[str]:
    """The two lines of the README's 安装与运行 block, without their comments."""
    block = README.split("## 安装与运行", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.strip().splitlines()]


def test_ci_runs_the_readme_setup_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = readme_setup_commands()
    assert len(commands) == 2, commands
    for line in commands:
        assert line.strip() in ci, f".ci/run must run the README's “{line.strip()}”"
