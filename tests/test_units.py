"""Unit and person resolution: names, aliases, bracketed second names, fragments, people."""

from __future__ import annotations

import pytest

from cwm.errors import ResolveError


@pytest.mark.parametrize(
    ("query", "kind", "name"),
    [
        ("养老服务科", "unit", "养老服务科"),
        ("区划地名科", "unit", "基层政权建设与社区治理科"),
        ("社会福利科", "unit", "社会事务与儿童保障科"),
        ("市救助站", "unit", "市救助管理站"),
        ("市精神病院", "unit", "市精神病医院"),
        ("基层政权建设与社区治理科（区划地名科）", "unit", "基层政权建设与社区治理科"),
        ("基层政权建设与社区治理科(区划地名科)", "unit", "基层政权建设与社区治理科"),
        ("养老", "unit", "养老服务科"),
        ("救助管理", "unit", "市救助管理站"),
        ("曾平", "person", "曾平"),
        ("陶 宏", "person", "陶宏"),
        ("林  俐", "person", "林俐"),
    ],
)
def test_resolve(plan, query, kind, name):
    target = plan.directory.resolve(query)
    assert (target.kind, target.name) == (kind, name)


def test_a_person_brings_the_units_they_head(plan):
    assert plan.directory.resolve("曾平").units == ("养老服务科",)
    assert plan.directory.resolve("陶宏").units == ()


def test_ambiguous_lists_candidates(plan):
    with pytest.raises(ResolveError) as info:
        plan.directory.resolve("福利")
    assert info.value.candidates == ["社会事务与儿童保障科", "市社会福利院", "市儿童福利院"]
    assert "请写得更具体" in info.value.message


def test_unknown_lists_all_units(plan):
    with pytest.raises(ResolveError) as info:
        plan.directory.resolve("财务科")
    assert "找不到单位或人员“财务科”" in info.value.message
    assert "养老服务科" in info.value.candidates


def test_bracketed_names_must_agree(plan):
    assert plan.directory.unit("养老服务科（区划地名科）") is None
