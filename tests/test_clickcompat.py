"""cwm adapts Typer's vendored Click in one module (``cwm.commands.clickcompat``). These tests
fail loudly, naming the message, when a Typer release changes a message cwm translates, stops
asking gettext for a label, or moves a part cwm patches — the likeliest way an upgrade would break
the tool."""

from __future__ import annotations

import ast
import os
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from cwm.cli import main
from cwm.commands import clickcompat

ROOT = Path(__file__).resolve().parent.parent

UNREADABLE_DIR = Path("/root") if os.geteuid() != 0 and Path("/root").exists() else None
"""An existing folder this user cannot read: Typer's readability check (root reads all)."""

BAD_USAGE = [
    ["check"],  # Missing argument
    ["import", "方案.docx"],  # Missing option
    ["due", "--quater"],  # No such option (+ Possible options)
    ["duties", "养老", "多余"],  # Got unexpected extra argument
    ["due", "--date"],  # Option requires an argument
    ["due", "--quarter=1"],  # Option does not take a value
    ["due", "--format", "xml"],  # is not one of (Invalid value for …)
    ["check", ".", "--jobs", "x"],  # is not a valid int range
    ["check", ".", "--jobs", "-1"],  # is not in the range
    ["nosuch"],  # No such command
    ["chek"],  # No such command. Did you mean …
    *([["check", str(UNREADABLE_DIR)]] if UNREADABLE_DIR else []),  # is not readable
]
"""One bad invocation for each Click message cwm translates (``clickcompat.ERRORS``)."""


@pytest.fixture()
def translations(monkeypatch, capsys) -> list[tuple[str, str]]:
    """(Click's message, cwm's Chinese) for every bad invocation of ``BAD_USAGE``."""
    seen: list[tuple[str, str]] = []
    original = clickcompat.translate

    def spy(message: str) -> str:
        chinese = original(message)
        seen.append((message, chinese))
        return chinese

    monkeypatch.setattr(clickcompat, "translate", spy)
    for args in BAD_USAGE:
        assert main(args) == 2, args
    capsys.readouterr()
    return seen


def test_every_message_typer_gives_is_translated(translations):
    unknown = [english for english, chinese in translations if chinese == english.strip()]
    assert not unknown, f"Typer gives messages clickcompat.ERRORS does not know: {unknown}"


def test_every_translation_is_still_needed(translations):
    def matched(pattern: str) -> bool:
        return any(
            re.fullmatch(pattern, part.strip(), flags=re.S)
            for english, _ in translations
            for part in re.split(r"\s+(?=\(Possible)|^Invalid value for .+?: ", english)
            if part
        )

    unused = [
        pattern
        for pattern, _ in clickcompat.ERRORS
        if not matched(pattern) and not (pattern == clickcompat.UNREADABLE and os.geteuid() == 0)
    ]
    assert not unused, f"no Typer message matches these clickcompat.ERRORS any more: {unused}"


def _gettext_ids() -> set[str]:
    """Every message the installed Typer (and its vendored Click) looks up through gettext."""
    import typer

    ids = set()
    for source in Path(typer.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
                ids |= {a.value for a in node.args if isinstance(a, ast.Constant)}
    return ids


def test_every_gettext_key_is_looked_up_by_typer():
    ids = _gettext_ids()
    stale = [key for key in clickcompat.CLICK if key not in ids]
    assert not stale, f"Typer no longer asks gettext for: {stale}"


def test_the_patched_parts_of_click_are_where_cwm_patches_them():
    from typer._click import core, exceptions, formatting, types

    assert formatting.wrap_text.__name__ == "chinese_wrap_text"
    assert core.Parameter.make_metavar.__name__ == "chinese_metavar"
    assert types._NumberRangeBase._describe_range is clickcompat._describe_range
    assert formatting.HelpFormatter.write_usage.__name__ == "chinese_usage"
    assert core.Command.get_help_option.__name__ == "chinese_help_option"
    assert exceptions.UsageError.show.__name__ == "show_usage_error"
    assert exceptions.ClickException.show.__name__ == "show_error"


def test_the_installed_typer_is_in_the_range_pyproject_states():
    [spec] = [
        d
        for d in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
            "dependencies"
        ]
        if d.startswith("typer")
    ]
    low, high = re.fullmatch(r"typer>=([\d.]+),<([\d.]+)", spec).groups()

    def key(text: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", text)[:3])

    assert key(low) <= key(version("typer")) < key(high), (spec, version("typer"))


def test_an_unreadable_path_is_said_in_chinese():
    """As root (CI) Typer never refuses a path, so the message is taken from Typer's source and
    translated; as another user tests/test_clickcompat.py also provokes it for real."""
    import typer

    source = (Path(typer.__file__).parent / "models.py").read_text(encoding="utf-8")
    assert 'f"{name} {loc} is not readable."' in source, "Typer changed the message"
    chinese = clickcompat.translate("Directory '/共享盘/材料' is not readable.")
    assert chinese == "无法读取“/共享盘/材料”：没有权限。请检查路径和权限。"
