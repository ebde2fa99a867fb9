"""How `cwm import` reads the sentences of a plan: each phrasing offices write, and what it
becomes in the data (one case a line, as a reviewer would read the requirement)."""

from __future__ import annotations

import pytest

from cwm.planimport import phrases as ph
from cwm.planimport.draft import Draft
from cwm.planimport.materials import ImportContext, photos, report, table
from cwm.planimport.tasks import code_and_name, contacts_of, standard_of, written_id

KINDS = {"活动时间": "date", "主办单位": "name", "小区名称": "name", "中心名称": "name"}
KINDS |= {"活动主题": "text", "服务功能": "text", "单位名称": "name", "刊发时间": "date"}
BUREAU = ("资阳市民政局", "市民政局")


def ctx(standard: str = "", requirement: str = "提供2022年本市的情况。") -> ImportContext:
    return ImportContext(
        BUREAU,
        2022,
        dict(KINDS),
        ("春节", "清明节", "中秋节"),
        Draft(),
        "附件1 第1行 ①",
        (),
        standard,
        requirement,
    )


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("提供500字左右说明报告", {"about": 500}),
        ("约600字的说明报告", {"about": 600}),
        ("以上报告字数控制在800字以内", {"at_most": 800}),
        ("说明报告800字以内", {"at_most": 800}),
        ("不超过1000字", {"at_most": 1000}),
        ("提供不少于800字的说明报告", {"at_least": 800}),
        ("说明报告1500字以上", {"at_least": 1500}),
        ("提供说明报告", None),
    ],
)
def test_word_targets(text, target):
    assert ph.word_target(text) == target


@pytest.mark.parametrize(
    ("clause", "count", "at_least", "at_most"),
    [
        ("市民政局提供5张图片资料", 5, False, None),
        ("现场图片分别不少于3张", 3, True, None),
        ("提供图片5张以上", 5, True, None),
        ("照片3至5张", 3, True, 5),
        ("市级以上1种媒体报道本单位工作品牌的截图即可", 1, False, None),
    ],
)
def test_photo_counts(clause, count, at_least, at_most):
    found = ph.photo_count(clause)
    assert (found.count, found.at_least, found.at_most) == (count, at_least, at_most)


@pytest.mark.parametrize("clause", ["每个节日提供3张", "1张体现中心名称", "每所学校2张"])
def test_a_per_group_or_described_count_is_not_the_total(clause):
    assert ph.photo_count(clause) is None


def test_groups_per_group_and_distinct():
    assert ph.per_group("每个节日提供3张") == ("节日", 3)
    assert ph.per_group("每所学校2张") == ("学校", 2)
    assert ph.group_counts("反映5个小区配套建设养老服务设施的情况") == [("小区", 5)]
    assert ph.group_counts("不少于5所学校") == [("学校", 5)]
    assert ph.group_counts("反映4个非公有制经济组织、4个社会组织开展文明单位创建的图片资料") == [
        ("非公有制经济组织", 4),
        ("社会组织", 4),
    ]


def test_captions_as_known_fields():
    assert ph.caption_fields("图片注明活动时间、主办单位、活动主题", KINDS) == [
        "活动时间",
        "主办单位",
        "活动主题",
    ]
    assert ph.caption_fields("每张图片需注明小区名称以及养老服务设施具体服务功能", KINDS) == [
        "小区名称",
        "服务功能",
    ]
    assert ph.caption_fields("注明未成年人救助保护中心名称", KINDS) == ["中心名称"]
    assert ph.caption_fields("注明时间、地点", KINDS) == ["时间", "地点"]


@pytest.mark.parametrize(
    ("clause", "op", "percent", "subject", "base"),
    [
        ("全市志愿者应不少于常住人口的13%", ">=", 13, "全市志愿者", "常住人口"),
        (
            "有志愿服务时间记录的志愿者人数占注册志愿者总人数应大于50%",
            ">",
            50,
            "有志愿服务时间记录的志愿者人数",
            "注册志愿者总人数",
        ),
        ("体育场馆开放率不低于20%", ">=", 20, "体育场馆开放率", ""),
        ("比例≥13%", ">=", 13, "比例", ""),
    ],
)
def test_thresholds(clause, op, percent, subject, base):
    found = ph.threshold(clause)
    assert (found.op, found.percent, found.subject, found.base) == (op, percent, subject, base)


def test_rates_share_a_trailing_minimum():
    assert ph.rates("实现群众参与率98%、满意率95%以上") == [
        ("群众参与率", 98, True),
        ("满意率", 95, True),
    ]


@pytest.mark.parametrize(
    ("cells", "contacts"),
    [
        (("廖鹏\n13982991270",), [{"name": "廖鹏", "phone": "13982991270"}]),
        (
            ("廖鹏\n13982991270；杨贵\n13568539001",),
            [{"name": "廖鹏", "phone": "13982991270"}, {"name": "杨贵", "phone": "13568539001"}],
        ),
        (("张  伟", "028-26651234"), [{"name": "张伟", "phone": "028-26651234"}]),
        (
            ("韩旭：15378673897\n徐静：13551701935",),
            [{"name": "韩旭", "phone": "15378673897"}, {"name": "徐静", "phone": "13551701935"}],
        ),
        (("陶  宏\n13982969551",), [{"name": "陶宏", "phone": "13982969551"}]),
    ],
)
def test_contacts_in_one_cell_or_two(cells, contacts):
    assert contacts_of(*cells) == contacts


@pytest.mark.parametrize(
    ("written", "ident"),
    [
        ("Ⅲ-7（3）①", "III-7-3-1"),
        ("Ⅲ—30—2—②", "III-30-2-2"),
        ("III-15-2-③", "III-15-2-3"),
        ("序号", None),
    ],
)
def test_ids_as_plans_write_them(written, ident):
    assert written_id(written) == ident


def test_codes_and_standards():
    assert code_and_name("Ⅰ—2社会主义核心价值观建设") == {
        "code": "Ⅰ-2",
        "name": "社会主义核心价值观建设",
    }
    assert code_and_name("Ⅱ-6\n文化\n培育") == {"code": "Ⅱ-6", "name": "文化培育"}
    assert code_and_name("1.领导体制和工作机制") == {"code": "1", "name": "领导体制和工作机制"}
    assert standard_of("1）加强家庭建设。") == {"number": 1, "text": "加强家庭建设。"}
    assert standard_of("（3）开展活动。") == {"number": 3, "text": "开展活动。"}


def test_a_report_with_the_bureau_aggregating_and_another_units_share():
    text = (
        "说明报告：市卫健委提供500字左右说明报告，市民政局汇总形成800字左右说明报告，"
        "体现三项以上举措，有投入资金、建成数量等内容支撑。"
    )
    out = report(text, ctx())
    assert out["words"] == {"about": 800} and out["aggregates"] and out["min_measures"] == 3
    assert out["needs_figures"] and out["mentions_year"]
    assert out["others"] == [{"unit": "市卫健委", "words": {"about": 500}, "role": "提供说明报告"}]


def test_a_report_of_every_unit_is_the_bureaus_share():
    out = report("说明报告：各责任单位分别提供600字左右说明报告，要有3项以上具体举措。", ctx())
    assert out["words"] == {"about": 600} and "others" not in out and "aggregates" not in out


def test_a_mistyped_bureau_is_still_the_bureau():
    out = report("说明报告：市政局提供600字左右说明报告。", ctx())
    assert out["words"] == {"about": 600} and "others" not in out


def test_festival_photos_with_the_required_festival():
    text = (
        "图片资料：2022年清明节<市民政局、退役军人事务局>报送，其余单位择优报送。"
        "每个节日提供3张，每张照片反映1场活动，照片需注明活动时间、主办单位、活动主题。"
    )
    out = photos("photos", text, ctx(standard="以春节、清明节、中秋节为重点。"))
    assert out["groups"] == {
        "name": "节日",
        "per_group": 3,
        "required": ["清明节"],
        "allowed": ["春节", "清明节", "中秋节"],
    }
    assert out["date_field"] == "活动时间" and out["manual"] == ["每张照片反映1场活动"]


def test_respective_units_take_their_own_groups():
    text = (
        "图片资料：市经信局、市民政局分别负责提供4张图片，反映4个非公有制经济组织、"
        "4个社会组织开展文明单位创建的图片资料，图片注明活动时间、单位名称、活动主题。"
    )
    out = photos("photos", text, ctx())
    assert out["groups"] == {"name": "社会组织", "field": "单位名称", "min_groups": 4}
    assert out["others"] == [{"unit": "市经信局", "role": "提供4张图片，反映4个非公有制经济组织"}]


def test_a_photo_range_and_a_school_group():
    out = photos("photos", "图片资料：照片3至5张，每所学校2张，注明学校名称、活动主题。", ctx())
    assert (out["count"], out["count_max"]) == (3, 5) and "at_least" not in out
    assert out["groups"] == {"name": "学校", "field": "学校名称", "per_group": 2}


def test_a_table_is_always_left_for_a_person_to_name_its_columns():
    context = ctx()
    out = table("数据统计表：体育场馆开放率不低于20%。", context, ("rows", 0))
    assert out["metrics"][0]["op"] == ">=" and out["metrics"][0]["percent"] == 20
    assert context.draft.review and "列名" in context.draft.review[0].why


@pytest.mark.parametrize(
    ("text", "cadence", "month", "times"),
    [
        ("每月参与2次社区志愿服务活动", "monthly", None, (2, "次", False)),
        ("主要领导每半年至少要深入社区开展1次包联共创活动", "half_yearly", None, (1, "次", True)),
        ("每年9月前，联合社区开展1次以上主题活动", "yearly", 9, (1, "次", True)),
        ("每个社区每年集中打造示范小区不少于2个", "yearly", None, (2, "个", True)),
    ],
)
def test_liaison_cadence(text, cadence, month, times):
    assert (
        ph.cadence(text) == cadence and ph.before_month(text) == month and ph.times(text) == times
    )
