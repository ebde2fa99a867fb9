"""Broken data files: every problem reported with file, line and a Chinese fix; all at once."""

from __future__ import annotations

import pytest

from cwm.errors import DataError
from cwm.plan.loader import load_plan, read_plan

from .conftest import line_of


def problems_of(data_dir, severity="error"):
    _, problems = read_plan(data_dir)
    return [p for p in problems if p.severity == severity]


def test_built_in_data_has_no_errors(plan):
    _, problems = read_plan(plan.data_dir)
    assert [p.format() for p in problems if p.severity == "error"] == []


def test_phone_without_quotes_is_an_error_on_its_line(edit):
    data = edit(
        "tasks.yaml", '{name: 王慧文, phone: "15983230003"}', "{name: 王慧文, phone: 15983230003}"
    )
    [problem] = problems_of(data)
    assert problem.file.endswith("tasks.yaml")
    assert problem.line == line_of(data / "tasks.yaml", "phone: 15983230003")
    assert "电话号码须写成带引号的文本" in problem.message
    assert problem.path[-1] == "phone"


def test_malformed_phone_is_an_error(edit):
    data = edit("sites.yaml", '"18982990297"', '"1898299029"')
    [problem] = problems_of(data)
    assert "电话号码格式不对" in problem.message and "1898299029" in problem.message


def test_unknown_key_suggests_the_close_one(edit):
    data = edit("tasks.yaml", "    planned_time: 全年\n", "    planed_time: 全年\n")
    found = problems_of(data)
    messages = [p.message for p in found]
    assert any("未知字段“planed_time”" in m and "是否应为“planned_time”" in m for m in messages), (
        messages
    )
    unknown = next(p for p in found if "planed_time" in p.message)
    assert unknown.line == line_of(data / "tasks.yaml", "planed_time")


def test_duplicate_key_names_both_lines(edit, data_copy):
    data = edit(
        "tasks.yaml", "    planned_time: 长期\n", "    planned_time: 长期\n    planned_time: 全年\n"
    )
    [problem] = problems_of(data)
    first = line_of(data / "tasks.yaml", "planned_time: 长期")
    assert problem.line == first + 1
    assert (
        f"第 {first} 行已有同名键" in problem.message
        and "重复的键“planned_time”" in problem.message
    )


def test_dangling_department_is_an_error(edit):
    data = edit("tasks.yaml", "departments: [养老服务科]", "departments: [养老科]")
    [problem] = problems_of(data)
    assert problem.code == "unknown-unit"
    assert "单位“养老科”不在 org.yaml" in problem.message
    assert problem.line == line_of(data / "tasks.yaml", "departments: [养老科]")


def test_unknown_contact_is_an_error(edit):
    data = edit("sites.yaml", "{name: 杜红瑛,", "{name: 杜红英,")
    [problem] = problems_of(data)
    assert problem.code == "unknown-person" and "杜红英" in problem.message


def test_wrong_enum_value_lists_the_choices(edit):
    data = edit("tasks.yaml", "collection: quarterly", "collection: weekly")
    [problem] = problems_of(data)
    assert "取值“weekly”无效" in problem.message and "'quarterly'" in problem.message


def test_wrong_material_type_lists_the_types(edit):
    data = edit("tasks.yaml", "- type: document", "- type: documents")
    [problem] = problems_of(data)
    assert "材料类型“documents”无效" in problem.message and "report" in problem.message


def test_wrong_type_of_count(edit):
    data = edit("tasks.yaml", "count: 5\n", "count: 五张\n")
    [problem] = problems_of(data)
    assert "应为整数" in problem.message and problem.line == line_of(
        data / "tasks.yaml", "count: 五张"
    )


def test_duplicate_id_is_an_error(edit):
    data = edit("tasks.yaml", "id: III-8-1-3", "id: III-7-3-1")
    [problem] = problems_of(data)
    assert problem.code == "duplicate-id" and "III-7-3-1" in problem.message


def test_all_errors_of_all_files_come_at_once(edit):
    edit("tasks.yaml", "departments: [养老服务科]", "departments: [养老科]")
    edit("sites.yaml", '"18982990297"', '"1898299029"')
    data = edit("grid.yaml", "cadence: monthly", "cadence: weekly")
    files = sorted({p.file.rsplit("/", 1)[-1] for p in problems_of(data)})
    assert files == ["grid.yaml", "sites.yaml"]  # references are checked once the schemas hold


def test_yaml_syntax_error_has_a_line(edit):
    data = edit("grid.yaml", "  community: 雁江区鸿丰社区\n", "  community: [雁江区鸿丰社区\n")
    [problem] = problems_of(data)
    assert "YAML 语法错误" in problem.message and problem.line is not None


def test_missing_file_and_missing_dir(data_copy, tmp_path):
    (data_copy / "sites.yaml").unlink()
    [problem] = problems_of(data_copy)
    assert "缺少数据文件 sites.yaml" in problem.message
    [problem] = problems_of(tmp_path / "nowhere")
    assert "数据目录不存在" in problem.message


def test_load_plan_raises_with_every_error(edit):
    edit("tasks.yaml", "departments: [养老服务科]", "departments: [养老科]")
    data = edit("sites.yaml", "{name: 杜红瑛,", "{name: 杜红英,")
    with pytest.raises(DataError) as info:
        load_plan(data)
    assert "养老科" in info.value.message and "杜红英" in info.value.message
    assert info.value.exit_code == 2


def test_the_sources_known_inconsistencies_are_warnings(plan):
    warnings = problems_of(plan.data_dir, "warning")
    by_code = {}
    for w in warnings:
        by_code.setdefault(w.code, []).append(w.message)
    assert any("曾平" in m and "养老服务科" in m for m in by_code["contact-heads-other-unit"])
    assert any(
        "III-27-3-2" in m and "5 个小区" in m and "4 个小区" in m
        for m in by_code["plan-covers-fewer"]
    )
    assert any(
        "III-15-2-3" in m and "≥50%" in m and ">50%" in m for m in by_code["threshold-wording"]
    )
    assert any("244号" in m for m in by_code["compound-not-on-road"])
    assert any("市政局" in m and "市民政局" in m for m in by_code["unit-name-typo"])
    variants = " ".join(by_code["unit-name-variants"])
    assert "市救助站" in variants and "市精神病院" in variants and "区划地名科" in variants


def test_consistency_rules_are_general_not_hard_coded(edit):
    """The same rules catch a new inconsistency planted elsewhere."""
    data = edit("grid.yaml", "心机城小区（1栋）", "心机城小区（99栋）")
    edit("tasks.yaml", '{name: 杨贵, phone: "13568539001"}', '{name: 王慧文, phone: "15983230003"}')
    warnings = problems_of(data, "warning")
    assert any(w.code == "compound-not-on-road" and "99栋" in w.message for w in warnings)
    assert any(w.code == "contact-heads-other-unit" and "王慧文" in w.message for w in warnings)


def test_phone_mismatch_warning(edit):
    data = edit("sites.yaml", '"18982990297"', '"18982990298"')
    assert any(
        w.code == "phone-mismatch" and "杜红瑛" in w.message for w in problems_of(data, "warning")
    )
