"""The data are a faithful copy of the source: counts, ids, and every phone, name and number."""

from __future__ import annotations

import re

import pytest

from cwm.plan.loader import DATA_FILES, packaged_data_dir
from cwm.plan.models import Images, Report

from .conftest import SOURCE_TEXT

EXPECTED_IDS = [
    "III-7-3-1",
    "III-8-1-3",
    "III-10-1-1",
    "III-10-2-1",
    "III-15-2-3",
    "III-27-1-2",
    "III-27-1-3",
    "III-27-1-4",
    "III-27-3-1",
    "III-27-3-2",
    "III-27-3-3",
    "III-28-1-1",
    "I-8-1-2",
    "I-8-5-3-1",
    "I-8-5-3-2",
    "I-8-5-5",
    "III-46-2-2",
    "III-48-1-1",
    "III-48-1-3",
    "III-70-2-1",
    "III-71-3-1",
]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def source() -> str:
    return SOURCE_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data_text() -> str:
    return squash(
        "".join((packaged_data_dir() / name).read_text(encoding="utf-8") for name in DATA_FILES)
    )


def test_attachment1_has_19_rows_and_21_items_with_the_product_ids(plan):
    assert [row.row for row in plan.tasks.rows] == list(range(1, 20))
    assert [item.id for _, item in plan.tasks.items()] == EXPECTED_IDS


def test_row_6_carries_items_2_3_4(plan):
    row = plan.tasks.rows[5]
    assert [(i.id, i.number) for i in row.items] == [
        ("III-27-1-2", 2),
        ("III-27-1-3", 3),
        ("III-27-1-4", 4),
    ]


def test_collection_cadence_per_item(plan):
    quarterly = {
        i.id
        for _, i in plan.tasks.items()
        if any(i.collection_of(m) == "quarterly" for m in i.materials)
    }
    assert quarterly == {"III-7-3-1", "III-8-1-3", "III-10-1-1", "III-70-2-1"}
    item = dict((i.id, i) for _, i in plan.tasks.items())["III-70-2-1"]
    assert {m.type: item.collection_of(m) for m in item.materials} == {
        "report": "half_yearly",
        "photos": "quarterly",
    }


def test_material_types_and_numbers(plan):
    items = {i.id: i for _, i in plan.tasks.items()}
    report = items["III-27-1-2"].materials[0]
    assert report.type == "report" and report.words.about == 800 and report.min_measures == 3
    assert items["I-8-1-2"].materials[0].words.at_most == 800
    assert items["III-27-1-3"].materials[0].type == "document"
    assert items["III-46-2-2"].materials[0].type == "evaluation"
    screenshot = items["I-8-5-3-2"].materials[0]
    assert screenshot.type == "screenshot" and screenshot.caption == [
        "刊发时间",
        "标题",
        "媒体名称",
    ]
    festivals = items["III-10-1-1"].materials[0].groups
    assert (
        festivals.per_group == 3
        and festivals.required == ["清明节"]
        and len(festivals.allowed) == 7
    )
    metrics = items["III-15-2-3"].materials[0].metrics
    assert [(m.op, m.percent) for m in metrics] == [(">=", 13), (">", 50)]


def test_structured_numbers_agree_with_the_verbatim_text(plan):
    """Each word target, photo count and group count is stated in the material's own source text."""
    checked = 0
    for _, item in plan.tasks.items():
        for material in item.materials:
            if isinstance(material, Report):
                n = material.words.number
                form = f"{n}字左右" if material.words.about else f"{n}字以内"
                assert form in material.text, (item.id, form)
                checked += 1
            if isinstance(material, Images):
                if material.count:
                    assert (
                        f"{material.count}张" in material.text
                        or f"{material.count}种" in material.text
                    ), item.id
                    checked += 1
                if material.groups and material.groups.min_groups:
                    assert f"{material.groups.min_groups}个" in material.text, item.id
                if material.groups and material.groups.per_group:
                    assert f"{material.groups.per_group}张" in material.text, item.id
                for field in material.caption:
                    assert field in material.text, (item.id, field)
    assert checked >= 18


def test_sites_have_their_standards(plan):
    counts = [(s.id, s.name, s.indicator, len(s.standards)) for s in plan.sites.sites]
    assert counts == [
        ("S-1", "公园、景区", "精细管理", 1),
        ("S-2", "背街小巷", "精细管理", 1),
        ("S-3", "医院", "公益宣传", 4),
        ("S-4", "医院", "规范管理", 6),
        ("S-5", "医院", "文明行为", 4),
        ("S-6", "医院", "志愿服务站", 3),
        ("S-7", "医院", "公共安全保障", 3),
    ]
    figures = {(f.value, f.unit) for f in plan.sites.sites[2].standards[0].figures}
    assert {(300, "米"), (5, "处"), (3, "处"), (10, "米"), (20, "米")} <= figures


def test_grid_has_four_rows_and_liaison_its_cadence(plan):
    assert [r.unit for r in plan.grid.grid] == [
        "资阳市民政局",
        "资阳市精神病医院",
        "区卫健局",
        "雁江区红十字会",
    ]
    assert [len(r.roads) for r in plan.grid.grid] == [9, 8, 15, 8]
    assert [len(r.compounds) for r in plan.grid.grid] == [9, 8, 13, 5]
    duties = {d.id: d for d in plan.grid.liaison.duties}
    assert (duties["L-6"].cadence, duties["L-6"].count) == ("monthly", 2)
    assert (duties["L-7"].cadence, duties["L-7"].count) == ("half_yearly", 1)
    assert (duties["L-2"].before_month, duties["L-4"].before_month) == (9, 10)
    assert [(t.name, t.percent) for t in duties["L-4"].targets] == [
        ("群众参与率", 98),
        ("满意率", 95),
    ]
    assert (duties["L-8"].cadence, duties["L-8"].count) == ("yearly", 2)


def test_org_units_and_leading_group(plan):
    sections = [u.name for u in plan.org.units if u.kind == "section"]
    assert len(sections) == 7
    institutions = [u.name for u in plan.org.units if u.kind == "institution"]
    assert institutions == [
        "市精神病医院",
        "市救助管理站",
        "市社会福利院",
        "市儿童福利院",
        "市老年大学",
    ]
    group = plan.org.leading_group
    assert group.leader == "林俐" and len(group.deputies) == 5 and len(group.members) == 7


def test_every_phone_number_of_the_source_is_in_the_data(source, data_text):
    phones = set(re.findall(r"(?<!\d)1[3-9]\d{9}(?!\d)", source))
    assert len(phones) == 23  # 23 people with a phone in the source
    assert sorted(p for p in phones if p not in data_text) == []


def test_every_person_name_of_the_source_is_in_the_data(source, data_text):
    # names before a phone number ("廖鹏\n\n1398…", "韩旭：1537…", "陶  宏\n1398…")
    names = set(
        re.findall(r"([\u4e00-\u9fff](?: {0,2}[\u4e00-\u9fff]){1,2})[\s：:]*1[3-9]\d{9}", source)
    )
    # the leading group (组  长：林  俐 …) and the grid's leaders (刘廷安（市政府副市长）)
    group = source[source.index("组  长") : source.index("提高思想认识")]
    names |= set(
        re.findall(
            r"(?:^|：\s*|\s{2,})([\u4e00-\u9fff](?:\s{0,2}[\u4e00-\u9fff]){1,2})\s{2,}", group, re.M
        )
    )
    names |= set(re.findall(r"([\u4e00-\u9fff]{3})（[^）]*(?:市长|主任)）", source))
    names = {squash(n) for n in names}
    assert len(names) == 32
    assert {"郑建", "林俐", "陶宏", "曾平", "杜红瑛", "韩旭", "刘廷安", "杨婉婷"} <= names
    assert sorted(n for n in names if n not in data_text) == []


def test_every_number_with_a_unit_of_the_source_is_in_the_data(source, data_text):
    found = set(
        re.findall(r"\d+(?:\.\d+)?\s*(?:字|张|%|份|个|次|米|处|项|人|栋|号)", squash(source))
    )
    assert {"500字", "3张", "13%", "98%", "300米", "5处"} <= found
    assert sorted(n for n in found if n not in data_text) == []
