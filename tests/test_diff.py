"""`cwm diff`: what changed between two plans, in the words a 科室 reads (“今年的方案有什么
变化？”)."""

from __future__ import annotations

import json
import shutil

from cwm.cli import main
from cwm.plan.loader import load_plan, packaged_data_dir
from cwm.planimport.diff import diff

from .plan_docx import plan_docx

WORDS_800_OF_III_27_3_1 = (
    "words: {about: 800}\n            aggregates: true\n            needs_figures: true\n"
    "            mentions_year: true\n            others:\n              - {unit: 各责任单位"
)


def changed(edit_calls, edit) -> list:
    for file, old, new in edit_calls:
        data = edit(file, old, new)
    return diff(load_plan(packaged_data_dir(), use_cache=False), load_plan(data, use_cache=False))


def test_the_same_plan_has_no_change(data_copy):
    assert diff(load_plan(packaged_data_dir()), load_plan(data_copy, use_cache=False)) == []


def test_numbers_a_section_reads(edit):
    changes = changed(
        [
            ("tasks.yaml", WORDS_800_OF_III_27_3_1, WORDS_800_OF_III_27_3_1.replace("800", "1000")),
            ("tasks.yaml", "            count: 5\n", "            count: 6\n"),
            ("tasks.yaml", "required: [清明节]", "required: [清明节, 中秋节]"),
            (
                "grid.yaml",
                "      cadence: monthly\n      count: 2",
                "      cadence: monthly\n      count: 3",
            ),
        ],
        edit,
    )
    found = [(c.id, c.field, c.old, c.new) for c in changes]
    assert ("III-27-3-1", "materials[0].words.about", 800, 1000) in found
    assert ("III-27-3-2", "materials[0].count", 5, 6) in found
    assert ("III-10-1-1", "materials[0].groups.required", ["清明节"], ["清明节", "中秋节"]) in found
    assert ("L-6", "count", 2, 3) in found
    assert len(changes) == 4
    words = next(c for c in changes if c.id == "III-27-3-1")
    assert words.field_name == "材料1 字数 左右"


def test_a_renamed_section_is_one_change(edit):
    data = None
    for file in ("org.yaml", "tasks.yaml"):
        path = edit(file, "养老服务科", "养老服务科").joinpath(file)
        path.write_text(
            path.read_text(encoding="utf-8").replace("养老服务科", "养老与社会福利科"),
            encoding="utf-8",
        )
        data = path.parent
    changes = diff(load_plan(packaged_data_dir()), load_plan(data, use_cache=False))
    assert [(c.kind, c.old, c.new) for c in changes] == [
        ("renamed", "养老服务科", "养老与社会福利科")
    ]


def test_added_and_removed_duties(edit):
    data = edit("org.yaml", "  - id: PUB-3\n", "  - id: PUB-4\n")
    changes = diff(load_plan(packaged_data_dir()), load_plan(data, use_cache=False))
    assert sorted((c.kind, c.id) for c in changes) == [("added", "PUB-4"), ("removed", "PUB-3")]


def test_cli_json_and_workbook(edit, tmp_path, capsys):
    data = edit("tasks.yaml", "            count: 5\n", "            count: 6\n")
    assert main(["diff", str(packaged_data_dir()), str(data), "-f", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == [
        {"kind": "changed", "id": "III-27-3-2", "field": "materials[0].count", "old": 5, "new": 6}
    ]
    assert (
        main(
            [
                "diff",
                str(packaged_data_dir()),
                str(data),
                "-f",
                "xlsx",
                "-o",
                str(tmp_path / "变化.xlsx"),
            ]
        )
        == 0
    )
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "变化.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["变更", "III-27-3-2"] == rows[-1][:2] and rows[-1][4:] == ["5", "6"]
    assert main(["diff", str(packaged_data_dir()), str(data)]) == 0
    text = capsys.readouterr()
    assert "材料1 张数/次数" in text.out and "共 1 处变化：变更 1。" in text.err


def test_two_word_files_are_imported_and_compared(tmp_path, capsys):
    merged = plan_docx(tmp_path / "2021年方案.docx")
    flat = plan_docx(tmp_path / "2021年方案（合并单元格已拆开）.docx", merged=False)
    assert main(["diff", str(merged), str(flat), "-f", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == [] and "按导入的草稿比较" in captured.err


def test_a_missing_side_is_a_usage_error(tmp_path, capsys):
    assert main(["diff", str(packaged_data_dir()), str(tmp_path / "没有")]) == 2
    assert "不存在" in capsys.readouterr().err
    shutil.rmtree(tmp_path, ignore_errors=True)
