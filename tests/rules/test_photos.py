"""Rule module photos: photo-count, caption-missing, caption-date, exif-date, photo-groups."""

from __future__ import annotations

import datetime as dt

import pytest

from ..builders import build_tree, codes, csv_bytes, jpeg_bytes, result_of, run_check, xlsx_bytes

APRIL = dt.date(2021, 4, 4)


def photos(folder, names, taken=APRIL):
    return {f"{folder}/{name}": jpeg_bytes(taken, seed=i) for i, name in enumerate(names)}


def check(plan, tmp_path, ident, files):
    build_tree(tmp_path, files)
    return result_of(run_check(plan, tmp_path, ident), ident)


def photo_codes(result):
    return [c for c in codes(result) if c not in ("report-missing",)]


def test_enough_captioned_photos_pass(plan, tmp_path):
    names = [f"2021-04-0{i}_市民政局_村规民约宣传{i}.jpg" for i in range(2, 5)]
    result = check(plan, tmp_path, "III-7-3-1", photos("III-7-3-1", names))
    assert photo_codes(result) == []


def test_photos_saved_by_a_browser_or_wechat_for_pc_count(plan, tmp_path):
    """WeChat for PC and browsers save a JPEG as .jfif (or .jpe): a photo like any other."""
    names = [
        "2021-04-02_市民政局_宣传1.jfif",
        "2021-04-03_市民政局_宣传2.JPE",
        "2021-04-04_市民政局_宣传3.jpg",
    ]
    files = photos("III-7-3-1", names)
    files["III-7-3-1/captions.csv"] = csv_bytes(
        [
            ["文件名", "活动时间", "主办单位", "活动主题"],
            ["2021-04-02_市民政局_宣传1", "2021-04-02", "市民政局", "宣传"],
        ]
    )
    assert photo_codes(check(plan, tmp_path, "III-7-3-1", files)) == []


def test_too_few_photos(plan, tmp_path):
    result = check(
        plan, tmp_path, "III-7-3-1", photos("III-7-3-1", ["2021-04-04_市民政局_宣传.jpg"])
    )
    count = next(f for f in result.findings if f.code == "photo-count")
    assert count.message == "图片 1 张，要求 3 张（1/3 张图片）。"


def test_caption_fields_missing_and_bad_dates(plan, tmp_path):
    names = [
        "2021-04-04_市民政局.jpg",
        "四月下旬_市民政局_宣传.jpg",
        "2020-04-04_市民政局_宣传.jpg",
    ]
    result = check(plan, tmp_path, "III-7-3-1", photos("III-7-3-1", names))
    messages = {
        f.path.rsplit("/", 1)[1]: f.message for f in result.findings if f.code.startswith("caption")
    }
    assert (
        "缺少：活动主题" in messages["2021-04-04_市民政局.jpg"]
        and "活动时间_主办单位_活动主题.jpg" in messages["2021-04-04_市民政局.jpg"]
    )
    assert "无法识别" in messages["四月下旬_市民政局_宣传.jpg"]
    assert "不在方案年度 2021 年内" in messages["2020-04-04_市民政局_宣传.jpg"]


def test_date_forms(plan, tmp_path):
    names = [
        "2021.04.04_市民政局_宣传.jpg",
        "20210404_市民政局_宣传.jpg",
        "2021年4月4日_市民政局_宣传.jpg",
    ]
    assert photo_codes(check(plan, tmp_path, "III-7-3-1", photos("III-7-3-1", names))) == []


def test_date_forms_as_people_write_them(plan, tmp_path):
    """二〇二一年四月四日; 4月4日 and 4.4 (the plan's year); 2021年4月 (a month)."""
    names = [
        "二〇二一年四月四日_市民政局_宣传.jpg",
        "4月4日_市民政局_宣讲.jpg",
        "4.4_市民政局_培训.jpg",
        "2021年4月_市民政局_走访.jpg",
    ]
    assert photo_codes(check(plan, tmp_path, "III-7-3-1", photos("III-7-3-1", names))) == []


def test_a_month_of_another_year_is_still_out(plan, tmp_path):
    names = [
        "2020年4月_市民政局_宣传.jpg",
        "2021-04-04_市民政局_宣讲.jpg",
        "2021-04-05_市民政局_培训.jpg",
    ]
    result = check(plan, tmp_path, "III-7-3-1", photos("III-7-3-1", names))
    assert [f.code for f in result.findings if f.code == "caption-date"] == ["caption-date"]


def test_exif_date_far_from_caption_is_a_warning(plan, tmp_path):
    names = [f"2021-04-0{i}_市民政局_宣传{i}.jpg" for i in range(2, 5)]
    files = photos("III-7-3-1", names[:2])
    files["III-7-3-1/" + names[2]] = jpeg_bytes(dt.date(2021, 6, 1), seed=9)
    result = check(plan, tmp_path, "III-7-3-1", files)
    [warning] = [f for f in result.findings if f.code == "exif-date"]
    assert warning.severity == "warning" and "2021-06-01" in warning.message


@pytest.mark.parametrize("table", ["captions.csv", "照片说明.csv", "图片说明.CSV"])
def test_captions_csv_wins_over_file_names(plan, tmp_path, table):
    """The table as the docs name it, or as an office names it."""
    files = photos("III-7-3-1", ["a.jpg", "b.jpg", "c.jpg"])
    files[f"III-7-3-1/{table}"] = csv_bytes(
        [["文件名", "活动时间", "主办单位", "活动主题"]]
        + [[n, "2021年4月4日", "市民政局", "宣传"] for n in ("a.jpg", "b.jpg", "c.jpg")],
        encoding="gbk",
    )
    assert photo_codes(check(plan, tmp_path, "III-7-3-1", files)) == []


def test_captions_xlsx_with_date_cells(plan, tmp_path):
    files = photos("III-7-3-1", ["a.jpg", "b.jpg", "c.jpg"])
    rows = [["文件名", "活动时间", "主办单位", "活动主题"]] + [
        [n, dt.datetime(2021, 4, 4), "市民政局", ""] for n in ("a.jpg", "b.jpg", "c.jpg")
    ]
    files["III-7-3-1/captions.xlsx"] = xlsx_bytes(rows)
    result = check(plan, tmp_path, "III-7-3-1", files)
    captions = [f for f in result.findings if f.code == "caption-missing"]
    assert len(captions) == 3 and all(
        "活动主题" in f.message and "captions.xlsx" in f.message for f in captions
    )


def test_festival_groups_from_subfolders(plan, tmp_path):
    files = {}
    files.update(
        photos("III-10-1-1/清明节", [f"2021-04-0{i}_市民政局_祭扫{i}.jpg" for i in range(2, 5)])
    )
    files.update(
        photos(
            "III-10-1-1/端午",
            [f"2021-06-1{i}_市民政局_包粽子{i}.jpg" for i in range(2, 4)],
            dt.date(2021, 6, 12),
        )
    )
    result = check(plan, tmp_path, "III-10-1-1", files)
    [group] = [f for f in result.findings if f.code == "photo-groups"]
    assert group.message == "端午节 2 张，要求每个节日 3 张。"


def test_required_festival_missing_and_group_from_the_theme(plan, tmp_path):
    names = [f"2021-06-1{i}_市民政局_端午节包粽子{i}.jpg" for i in range(2, 5)]
    result = check(plan, tmp_path, "III-10-1-1", photos("III-10-1-1", names, dt.date(2021, 6, 12)))
    assert [f.message for f in result.findings if f.code == "photo-groups"] == [
        "缺少必报的清明节照片（每个节日 3 张）。"
    ]


def test_photo_without_a_group(plan, tmp_path):
    names = [f"2021-04-0{i}_市民政局_清明祭扫{i}.jpg" for i in range(2, 5)] + [
        "2021-05-01_市民政局_读书会.jpg"
    ]
    result = check(plan, tmp_path, "III-10-1-1", photos("III-10-1-1", names))
    [group] = [f for f in result.findings if f.code == "photo-groups"]
    assert "无法确定这张照片属于哪个节日" in group.message and group.path.endswith("读书会.jpg")


def test_distinct_compounds(plan, tmp_path):
    names = [
        f"{n}_日间照料.jpg" for n in ("阳光小区", "阳光小区", "幸福小区", "和平小区", "安居小区")
    ]
    names[1] = "阳光小区_助餐.jpg"
    result = check(plan, tmp_path, "III-27-3-2", photos("III-27-3-2", names))
    [group] = [f for f in result.findings if f.code == "photo-groups"]
    assert "只有 4 个不同的小区" in group.message and "要求 5 个" in group.message
    ok = [f"{n}_日间照料.jpg" for n in ("阳光小区", "星光小区", "幸福小区", "和平小区", "安居小区")]
    assert photo_codes(check(plan, tmp_path / "ok", "III-27-3-2", photos("III-27-3-2", ok))) == []


def test_two_per_site(plan, tmp_path):
    files = photos(
        "III-27-1-4",
        [
            "市未成年人救助保护中心_名称.jpg",
            "市未成年人救助保护中心_设施.jpg",
            "雁江区未成年人救助保护中心_名称.jpg",
        ],
    )
    result = check(plan, tmp_path, "III-27-1-4", files)
    assert [f.message for f in result.findings if f.code == "photo-groups"] == [
        "雁江区未成年人救助保护中心 1 张，要求每个场所 2 张。"
    ]


def test_screenshot_count(plan, tmp_path):
    build_tree(tmp_path, {"I-8-5-3-2/readme.txt": "x"})
    result = result_of(run_check(plan, tmp_path, "I-8-5-3-2"), "I-8-5-3-2")
    assert "截图 0 张，要求 1 张" in next(
        f.message for f in result.findings if f.code == "photo-count"
    )
    ok = check(
        plan,
        tmp_path / "ok",
        "I-8-5-3-2",
        photos("I-8-5-3-2", ["2021-05-20_关爱留守儿童_资阳日报.png"], dt.date(2021, 5, 20)),
    )
    assert photo_codes(ok) == []


def test_captions_file_without_a_file_name_column(plan, tmp_path):
    files = photos("III-7-3-1", ["a.jpg", "b.jpg", "c.jpg"])
    files["III-7-3-1/captions.csv"] = csv_bytes([["照片", "活动时间"], ["a.jpg", "2021-04-04"]])
    result = check(plan, tmp_path, "III-7-3-1", files)
    [problem] = findings_of(result, "caption-file")
    assert "缺少“文件名”列" in problem.message and problem.path == "III-7-3-1/captions.csv"


def findings_of(result, code):
    return [f for f in result.findings if f.code == code]


# --- groups from captions, dates in the window ----------------------------------------------

FIVE_XIAOQU = [
    "阳光小区_助餐.jpg",
    "锦绣花园_照料.jpg",
    "滨江苑_康复.jpg",
    "南湖小区_文娱.jpg",
    "和平里_助浴.jpg",
]


def test_a_subfolder_is_no_xiaoqu(plan, tmp_path):
    """Correctly captioned photos moved into 照片/ still name their five 小区."""
    names = FIVE_XIAOQU
    result = check(plan, tmp_path, "III-27-3-2", photos("III-27-3-2/照片", names))
    assert photo_codes(result) == []


def test_a_festival_subfolder_names_its_festival_only_from_the_list(plan, tmp_path):
    files = {
        f"III-10-1-1/清明节/2021-04-04_市民政局_祭扫{i}.jpg": jpeg_bytes(APRIL, seed=i)
        for i in range(3)
    }
    files.update(
        {
            f"III-10-1-1/活动照片/2021-04-0{i + 1}_市民政局_读书会{i}.jpg": jpeg_bytes(
                APRIL, seed=9 + i
            )
            for i in range(3)
        }
    )
    result = check(plan, tmp_path, "III-10-1-1", files)
    ungrouped = [
        f.path for f in result.findings if f.code == "photo-groups" and "无法确定" in f.message
    ]
    assert len(ungrouped) == 3 and all("活动照片" in p for p in ungrouped)


def test_exif_outside_the_plan_year_warns_without_a_date_field(plan, tmp_path):
    names = FIVE_XIAOQU
    files = photos("III-27-3-2", names)
    files["III-27-3-2/和平里_助浴.jpg"] = jpeg_bytes(dt.date(2019, 5, 1), seed=4)
    result = check(plan, tmp_path, "III-27-3-2", files)
    [warning] = [f for f in result.findings if f.code == "exif-date"]
    assert "2019-05-01" in warning.message and "2021 年内" in warning.message


def test_since_a_year_reaches_the_reference_day(plan, tmp_path):
    """I-8-5-3-2: “2021年以来” — a 2022 刊发时间 is fine when checking in 2022."""
    from cwm.evidence.context import Requirement
    from cwm.evidence.engine import check_tree

    build_tree(tmp_path, {"I-8-5-3-2/2022-03-01_品牌_资阳日报.png": jpeg_bytes(fmt="PNG")})
    [(row, item)] = [(r, i) for r, i in plan.tasks.items() if i.id == "I-8-5-3-2"]
    late = Requirement(row, item, tuple(item.materials), reference_day=dt.date(2022, 6, 30))
    assert photo_codes(result_of(check_tree(plan.tasks, tmp_path, [late]), "I-8-5-3-2")) == []
    early = Requirement(row, item, tuple(item.materials), reference_day=dt.date(2021, 12, 31))
    [date] = [
        f
        for f in result_of(check_tree(plan.tasks, tmp_path, [early]), "I-8-5-3-2").findings
        if f.code == "caption-date"
    ]
    # a day after the check day is no day of the material yet: said as such (it was “not
    # 2021年以来”, which the date is)
    assert "在检查日 2021-12-31 之后" in date.message


def test_a_count_line_adds_up_on_its_own(plan, tmp_path):
    """“图片 157 张，其中 97 张照片说明不全，不计入；有效 2 张”: where the rest went was said
    elsewhere. Now the uncaptioned, the same scenes and the rest are in the one line, and they
    add up to the total."""
    import re

    from ..builders import scene_jpeg

    files = {
        f"III-27-3-2/IMG_{n:04d}.jpg": scene_jpeg(100 + n, taken=dt.date(2021, 4, 4))
        for n in range(3)
    }
    same = scene_jpeg(7, taken=dt.date(2021, 4, 4))
    files.update({f"III-27-3-2/锦绣{n}小区_日间照料.jpg": same for n in range(3)})  # one scene
    files["III-27-3-2/阳光小区_助餐.jpg"] = scene_jpeg(8, taken=dt.date(2021, 4, 4))
    build_tree(tmp_path, files)
    result = result_of(run_check(plan, tmp_path, "III-27-3-2"), "III-27-3-2")
    [count] = [f for f in result.findings if f.code == "photo-count"]
    numbers = [int(n) for n in re.findall(r"(\d+) 张", count.message)]
    total, uncaptioned, repeated, as_one, rest, each, effective, wanted = numbers
    assert (total, uncaptioned, repeated, rest, wanted) == (7, 3, 3, 1, 5)
    assert total == uncaptioned + repeated + rest and effective == as_one + rest * each


@pytest.mark.parametrize(
    ("typed", "counted", "hint"),
    [
        ("2021-08-04", False, "是否把 4月8日 写成了 8月4日？"),  # month and day swapped
        ("2021年9月", False, ""),  # a month after the check day
        ("2021-06-19", True, ""),  # the day before: a near miss that counts
        ("2021-06-20", True, ""),  # the check day itself counts
    ],
)
def test_a_caption_dated_after_the_check_day_does_not_count(plan, tmp_path, typed, counted, hint):
    from cwm.evidence.context import Requirement
    from cwm.evidence.engine import check_tree

    build_tree(
        tmp_path,
        {f"III-7-3-1/{typed}_市民政局_宣讲{n}.jpg": jpeg_bytes(None, seed=n) for n in range(3)},
    )
    [(row, item)] = [(r, i) for r, i in plan.tasks.items() if i.id == "III-7-3-1"]
    asked = Requirement(row, item, tuple(item.materials), reference_day=dt.date(2021, 6, 20))
    result = result_of(check_tree(plan.tasks, tmp_path, [asked]), "III-7-3-1")
    dates = [f.message for f in result.findings if f.code == "caption-date"]
    counts = [f.message for f in result.findings if f.code == "photo-count"]
    if counted:
        assert dates == [] and not counts, (dates, counts)
    else:
        assert len(dates) == 3 and "在检查日 2021-06-20 之后" in dates[0] and hint in dates[0]
        assert "3 张说明中的日期在检查日之后，不计入" in counts[0]


@pytest.mark.parametrize(
    ("day", "period", "in_period"),
    [
        ("2021-03-20", "2021Q2", False),  # the first quarter's photos, kept in the folder
        ("2021-04-02", "2021Q2", True),  # this quarter's
        ("2021-06-30", "2021Q2", True),  # its last day
        ("2021-03-20", None, True),  # the whole year checked: any day of the plan year
        ("2021-03-20", "2021H1", True),  # the half: both quarters' photos are its own
    ],
)
def test_a_quarterly_item_asks_for_the_quarters_own_photos(plan, tmp_path, day, period, in_period):
    """季度收集 means each quarter's own material: III-7-3-1's folder kept from the first
    quarter does not pass the second with March photos."""
    import datetime as dt

    from cwm.schedule.duecheck import check_due

    build_tree(
        tmp_path,
        {f"III-7-3-1/{day}_市民政局_宣讲{n}.jpg": jpeg_bytes(None, seed=n) for n in range(3)},
    )
    from cwm.periods import Period

    window = Period.parse(period) if period else None
    checked = check_due(plan, tmp_path, None, window, dt.date(2021, 7, 10), use_cache=False)
    item = result_of(checked.report, "III-7-3-1")
    dates = [f.message for f in item.findings if f.code == "caption-date"]
    if in_period:
        assert dates == [], dates
    else:
        assert len(dates) == 3 and "本期的收集期间（2021-04-01 至 2021-06-30）" in dates[0]
