"""The command line: each `duties` form, formats, `validate`, exit codes, help for every command."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from cwm.cli import app

runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, list(args), env=env)


def test_duties_summary_lists_every_unit():
    result = run("duties", "--format", "json")
    assert result.exit_code == 0
    rows = {r["unit"]: r for r in json.loads(result.stdout)}
    assert rows["养老服务科"]["tasks"] == 3
    assert rows["社会事务与儿童保障科"]["tasks"] == 9
    assert rows["基层政权建设与社区治理科"]["tasks"] == 7
    assert rows["市精神病医院"]["sites"] == 5 and rows["市救助管理站"]["sites"] == 2
    assert rows["资阳市民政局"]["liaison"] == 8
    assert sum(r["tasks"] for r in rows.values()) == 22  # III-28-1-1 belongs to two 科室


@pytest.mark.parametrize(
    ("unit", "ids"),
    [
        ("养老服务科", ["III-27-3-1", "III-27-3-2", "III-27-3-3"]),
        ("养老", ["III-27-3-1", "III-27-3-2", "III-27-3-3"]),
        ("曾平", ["III-27-3-1", "III-27-3-2", "III-27-3-3", "III-48-1-3"]),
        # the 直属事业单位 share 附件3 (市民政局及直属事业单位包联), the bureau leading (issue 15)
        ("市救助站", ["S-1", "S-2", *(f"L-{n}" for n in range(1, 9)), "PUB-2", "PUB-3"]),
        ("陶宏", ["G-1"]),
        ("社会组织管理与慈善事业促进科", ["III-15-2-3", "III-28-1-1", "III-70-2-1"]),
    ],
)
def test_duties_of_a_unit_or_person(unit, ids):
    result = run("duties", unit, "-f", "json")
    assert result.exit_code == 0, result.output
    assert [d["id"] for d in json.loads(result.stdout)] == ids


def test_duties_json_fields():
    items = json.loads(run("duties", "区划地名科", "-f", "json").stdout)
    assert len(items) == 7
    first = items[0]
    assert {"id", "source", "departments", "title", "materials", "collection"} <= set(first)
    assert first["departments"] == ["基层政权建设与社区治理科"]
    assert first["collection"] == "quarterly"
    assert first["materials"][0] == {
        "type": "report",
        "words": {"about": 500},
        "needs_figures": True,
        "mentions_year": True,
        "others": [{"unit": "市文明办", "role": "汇总提供综述说明报告", "words": {"about": 1000}}],
        "collection": "quarterly",
    }
    assert first["materials"][1]["count"] == 3
    assert first["contacts"] == [{"name": "廖鹏", "phone": "13982991270"}]


def test_every_duty_has_the_common_keys():
    items = json.loads(run("duties", "--all", "-f", "json").stdout)
    assert len(items) == 21 + 7 + 8 + 4 + 3
    sources = {d["source"] for d in items}
    assert sources == {"tasks", "sites", "liaison", "grid", "publicity"}
    for duty in items:
        assert duty["id"] and duty["title"] and duty["departments"]
    mixed = next(d for d in items if d["id"] == "III-70-2-1")
    assert mixed["collection"] == "mixed"
    assert {m["type"]: m["collection"] for m in mixed["materials"]} == {
        "report": "half_yearly",
        "photos": "quarterly",
    }


def test_duties_csv_has_a_bom_and_opens():
    result = run("duties", "养老服务科", "-f", "csv")
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0][0] == "编号" and [r[0] for r in rows[1:]] == [
        "III-27-3-1",
        "III-27-3-2",
        "III-27-3-3",
    ]
    assert "5张" in rows[2][3]


def test_duties_md_and_table():
    md = run("duties", "养老服务科", "-f", "md").stdout
    assert "| III-27-3-2 |" in md and "800字左右" in md
    table = run("duties", "养老服务科").stdout
    assert "III-27-3-2" in table and "曾平" in table
    assert "\x1b[" not in table  # no colour when not on a terminal


def test_ambiguous_unit_exits_2_with_candidates():
    result = run("duties", "福利")
    assert result.exit_code == 2
    assert "市社会福利院" in result.stderr and "Traceback" not in result.output


def test_unknown_unit_exits_2():
    result = run("duties", "财务科")
    assert result.exit_code == 2 and "找不到单位或人员" in result.stderr


def test_validate_built_in_data_exits_0_with_warnings():
    result = run("validate")
    assert result.exit_code == 0
    assert "警告 [threshold-wording]" in result.stdout
    assert "共 0 个错误" in result.stderr


def test_validate_broken_data_exits_2_with_file_line_col(edit):
    data = edit("tasks.yaml", "departments: [养老服务科]", "departments: [养老科]")
    result = run("--data", str(data), "validate")
    assert result.exit_code == 2
    line = next(text for text in result.stdout.splitlines() if "养老科" in text)
    location = line.split(": ")[0]
    assert (
        location.rsplit(":", 2)[0].endswith("tasks.yaml") and location.rsplit(":", 2)[1].isdigit()
    )


def test_data_from_environment_variable(edit):
    data = edit("tasks.yaml", "departments: [养老服务科]", "departments: [养老科]")
    result = run("duties", env={"CWM_DATA": str(data)})
    assert result.exit_code == 2 and "养老科" in result.stderr


def test_validate_json():
    report = json.loads(run("validate", "--json").stdout)
    assert report["errors"] == 0 and report["warnings"] >= 6
    assert {"file", "line", "column", "path", "severity", "code", "message"} == set(
        report["problems"][0]
    )


def test_validate_rules_lists_every_rule():
    from cwm.plan.datarules import RULES

    result = run("validate", "--rules")
    for code in RULES.codes:
        assert code in result.stdout


def test_every_command_has_help():
    import typer.main

    group = typer.main.get_command(app)
    assert len(group.commands) >= 2
    for name, command in group.commands.items():
        assert command.help and len(command.help) > 10, name
        result = run(name, "--help")
        assert result.exit_code == 0, name
        for param in command.params:
            assert getattr(param, "help", None), f"{name} {param.name} lacks help"


def test_console_entry_builds_only_the_invoked_command(capsys):
    from cwm.cli import _app_for, main

    assert [
        c.callback.__name__ for c in _app_for(["--data", "due", "duties"]).registered_commands
    ] == ["duties"]
    assert len(_app_for(["--help"]).registered_commands) == len(app.registered_commands)
    assert len(_app_for(["nosuch"]).registered_commands) == len(app.registered_commands)
    assert main(["duties", "养老", "-f", "json"]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)] == [
        "III-27-3-1",
        "III-27-3-2",
        "III-27-3-3",
    ]
    assert main(["nosuch"]) == 2
    assert "nosuch" in capsys.readouterr().err
