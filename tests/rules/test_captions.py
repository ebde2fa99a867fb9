"""Captions that mean something: field kinds, device names, copies, caption tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from cwm.dates import parse_date
from cwm.evidence.captions import CaptionReader, caption_key, strip_copy_suffix

NAMES = ["小区名称", "服务功能"]


@pytest.fixture()
def reader(plan):
    return CaptionReader(plan.tasks.rules.captions)


@pytest.mark.parametrize(
    "name",
    [
        "IMG_20210512_093102.jpg",
        "DSC_0029.jpg",
        "DSCN1234.JPG",
        "微信图片_20210603152233.jpg",
        "mmexport1622700000000.jpg",
        "mmexport_1622700000000.jpg",
        "Screenshot_20210605_101010.png",
        "屏幕截图 2021-06-05 101010.png",
        "PXL_20210605_101010123.jpg",
        "IMG_1234 - 副本.jpg",
        "image.png",
    ],
)
def test_device_names_carry_no_caption(reader, name):
    caption = reader.from_filename(Path(name), NAMES)
    assert caption.device_name and caption.missing == NAMES


@pytest.mark.parametrize(
    ("value", "field", "ok"),
    [
        ("阳光小区", "小区名称", True),
        ("yangguang", "小区名称", False),  # a name needs Chinese text
        ("0029", "服务功能", False),
        ("20210512", "服务功能", False),
        ("093102", "小区名称", False),
        ("3fa9c2b17e", "服务功能", False),  # hex
        ("IMG", "小区名称", False),
        ("微信图片", "服务功能", False),
        ("LED屏宣传", "服务功能", True),
        ("照片展览活动", "服务功能", True),  # begins with a device word, but is text
        ("2021/4/4", "活动时间", True),
        ("四月四日", "活动时间", False),
    ],
)
def test_a_field_counts_only_with_a_value_of_its_kind(reader, value, field, ok):
    assert reader.means_something(field, value) is ok


def test_a_field_in_brackets_is_the_next_field(reader):
    """金科城（助餐点）: the 小区 and, in brackets, its 服务功能 — as a reviewer reads it (with the
    advice to write _); an underscore, where written, still decides."""
    caption = reader.from_filename(Path("金科城（助餐点）.jpg"), NAMES)
    assert caption.complete and caption.fields == {"小区名称": "金科城", "服务功能": "助餐点"}
    assert caption.separator == "（）" and caption.parts == ["金科城", "助餐点"]
    caption = reader.from_filename(Path("金科城（二期）_助餐点.jpg"), NAMES)
    assert caption.fields == {"小区名称": "金科城（二期）", "服务功能": "助餐点"}
    # a phase in brackets is part of the name, never the missing field
    caption = reader.from_filename(Path("金科城（二期）.jpg"), NAMES)
    assert not caption.complete and caption.missing == ["服务功能"]
    caption = reader.from_filename(Path("金科城（二期）（助餐点）.jpg"), NAMES)
    assert caption.fields == {"小区名称": "金科城（二期）", "服务功能": "助餐点"}


def test_copy_suffixes_are_not_part_of_the_caption(reader):
    assert strip_copy_suffix("阳光小区_助餐服务 - 副本 (2)") == "阳光小区_助餐服务"
    assert strip_copy_suffix("阳光小区_助餐服务(1)") == "阳光小区_助餐服务"
    caption = reader.from_filename(Path("阳光小区_助餐服务 - 副本.jpg"), NAMES)
    assert caption.complete and caption.fields == {"小区名称": "阳光小区", "服务功能": "助餐服务"}


def test_a_caption_table_names_its_bad_header(reader):
    """A column that is no field is named (拍摄地点 is not asked for); the columns every office
    table has — 序号, 备注, the pasted 照片 — are not worth a warning."""
    header = ["序号", "文件名", "小区名称", "服务功能", "拍摄地点", "备注", "照片"]
    rows = [header, ["1", "a.jpg", "阳光小区", "0029", "x", "", ""]]
    captions, problems = reader.from_table(rows, NAMES, "captions.csv")
    assert captions[caption_key("a.jpg")].missing == ["服务功能"]
    [(code, message)] = problems
    assert code == "caption-column" and "第 1 行" in message and "“拍摄地点”" in message
    _, [(code, message)] = reader.from_table([["名称"], ["a.jpg"]], NAMES, "captions.csv")
    assert code == "caption-file" and "缺少“文件名”列" in message


def test_a_caption_table_as_offices_make_it(reader):
    """A title row above the header, names without their extension or in other case, full-width
    characters: each photo still finds its row."""
    rows = [
        ["III-27-3-2 新建小区养老设施照片说明", "", ""],
        ["文件名", "小区名称", "服务功能"],
        ["IMG_0001", "阳光小区", "助餐服务"],
        ["ＩＭＧ＿０００２．ＪＰＧ", "锦绣花园", "日间照料"],
    ]
    captions, problems = reader.from_table(rows, NAMES, "captions.xlsx")
    assert problems == []
    assert captions[caption_key("IMG_0001.jpg")].complete
    assert captions[caption_key("img_0002.jpg")].fields["小区名称"] == "锦绣花园"


def test_date_forms():
    assert {
        parse_date(t) for t in ("2021-04-04", "2021.4.4", "2021/4/4", "20210404", "2021年4月4日")
    } == {parse_date("2021-04-04")}
