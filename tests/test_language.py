"""Speaks the user's language: usage errors and help in Chinese, help that wraps instead of
being cut, global options anywhere, names and ids suggested, periods and dates in every form."""

from __future__ import annotations

import io
import re
import sys

import pytest

from cwm.cli import main
from cwm.commands import COMMANDS
from cwm.periods import Period, parse_date
from cwm.textwidth import fit, width

ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?:[ ,'’][A-Za-z]{2,}){2,}\b")
"""Three English words in a row: a sentence no user here should meet."""


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["init"],
        ["count"],
        ["due", "--nope"],
        ["due", "--quater"],
        ["due", "-dept", "养老"],
        ["due", "--format", "xml"],
        ["due", "--date"],
        ["check", ".", "--jobs", "x"],
        ["checklist", "--kind", "nothing"],
        ["nosuch"],
        ["chek"],
        ["duties", "养老", "多余"],
    ],
)
def test_bad_usage_is_said_in_chinese(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2
    text = out + err
    assert "错误：" in err
    assert not ENGLISH.search(text), text
    assert not LEFT_OVER.search(text), text


LEFT_OVER = re.compile(
    r"'[^']*'|<(?:str|text|path|int|integer|float)(?: range)?>|\bx[<>]=?|[<>]=?x\b"
)
"""What Click's English leaves in a translated message or help: quoted option names and
choices ('--jobs', 'text'), type names (<str>, <int range>), ranges (x>=0)."""


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["check", ".", "-j", "-1"], "--jobs（-j）的值不对：-1 不在允许的范围内（不小于 0）"),
        (["check", ".", "-f", "xml"], "（可用：text、json、xlsx）"),
        (["chec"], "（是否应为：check、checklist？）"),
        (["due", "--format", "xml"], "（可用：table、json、csv、md、xlsx、ics）"),
    ],
)
def test_usage_errors_read_as_chinese_sentences(capsys, args, said):
    code, out, err = run(capsys, *args)
    assert code == 2 and said in err, err


@pytest.mark.parametrize("command", [None, *COMMANDS])
@pytest.mark.parametrize("columns", [60, 80, 97])
def test_help_lines_never_start_with_a_closing_mark_and_name_values_in_chinese(
    capsys, monkeypatch, command, columns
):
    """At any width a wrapped help line never starts with ），；。 (the character before moves
    down with it) and option values read <文字>, <整数>, <路径>, ranges 不小于 0."""
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, err = run(capsys, *([command] if command else []), "--help")
    assert code == 0
    starts = [
        line for line in out.splitlines() if line.strip()[:1] in set("，。、；：！？）》」』】”")
    ]
    assert not starts, starts
    assert not LEFT_OVER.search(out), LEFT_OVER.search(out)


@pytest.mark.parametrize("command", [None, *COMMANDS])
@pytest.mark.parametrize("columns", [80, 120])
def test_help_is_chinese_and_wraps_within_the_width(capsys, monkeypatch, command, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, err = run(capsys, *([command] if command else []), "--help")
    assert code == 0
    assert "用法：" in out and "显示本帮助并退出。" in out
    assert "…" not in out and not ENGLISH.search(out), out
    if command is None:  # every command's line whole, none cut with “...”
        assert "..." not in out.split("命令:")[-1], out
    assert max(width(line) for line in out.splitlines()) <= columns


def test_global_options_after_the_command(capsys, data_copy):
    code, out, err = run(
        capsys, "due", "--period", "2021Q2", "--data", str(data_copy), "--dept", "养老"
    )
    assert code == 0 and "养老服务科 2021年第二季度" in out


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("养老科", "是否指：养老服务科（曾平）？"),
        ("养老处", "是否指：养老服务科（曾平）？"),  # another city's word for the office
        ("社会事务处", "是否指：社会事务与儿童保障科（王慧文）"),  # the closest first
        ("曾萍", "是否指：曾平（养老服务科科长）？"),
        ("III-27-3-4", "编号相近的申报项：III-27-3-3 养老服务体系和综合监管制度"),
    ],
)
def test_names_and_ids_are_suggested(capsys, query, words):
    code, out, err = run(capsys, "duties", query)
    assert code == 2 and words in err


@pytest.mark.parametrize(
    "name",
    [
        "刘廷安",
        "于正中",
        "陈悦顺",
        "李婷",
        "李东",
        "袁菊英",
        "韩旭",
        "徐静",
        "何凤",
        "吴元敏",
        "刘臻",
        "李丹",
    ],
)
def test_every_person_of_the_grid_is_found_with_their_rows(capsys, name):
    code, out, err = run(capsys, "duties", name)
    assert code == 0 and "G-" in out and f"{name}（" in out


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2021Q2", "2021Q2"),
        ("2021年第二季度", "2021Q2"),
        ("2021年二季度", "2021Q2"),
        ("2021年上半年", "2021H1"),
        ("2021年下半年", "2021H2"),
        ("2021年6月", "2021-06"),
        ("2021年", "2021"),
    ],
)
def test_periods_as_people_write_them(text, label):
    assert Period.parse(text).label == label


def test_the_period_cwm_prints_is_read_back():
    for label in ("2021", "2021H2", "2021Q3", "2021-11"):
        period = Period.parse(label)
        assert Period.parse(period.chinese) == period


@pytest.mark.parametrize(
    ("text", "value"),
    [("二〇二一", 2021), ("三", 3), ("两", 2), ("十", 10), ("十二", 12), ("二十一", 21)]
    + [("一百二十", 120), ("12", 12), ("零", 0)],
)
def test_numbers_as_chinese_writes_them(text, value):
    """One reader of Chinese numerals, for dates (二〇二一年) and for plans (不少于三张)."""
    from cwm.dates import chinese_number

    assert chinese_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("八十六", 86), ("十六", 16), ("十", 10), ("一百零六", 106), ("一千零五", 1005)]
    + [("两千三百", 2300), ("九十九", 99)]
    + [("二三十", None), ("七八十", None), ("十十", None), ("十一十", None), ("一百一千", None)]
    + [("千万", None), ("二〇二一", None), ("", None)],
)
def test_a_count_in_chinese_numerals_is_read_strictly(text, value):
    """The figures' and the 自查表 numbering's reader: an approximation or a slip is no count
    (十十 in a 标准编号 cell crashed the check before)."""
    from cwm.dates import chinese_count

    assert chinese_count(text) == value


@pytest.mark.parametrize(
    "text", ["2021-06-20", "2021-6-20", "2021/6/20", "2021.6.20", "20210620", "2021年6月20日"]
)
def test_dates_as_people_write_them(text):
    assert parse_date(text).isoformat() == "2021-06-20"


@pytest.mark.parametrize(
    "text, day",
    [
        ("2021年5月8日（周六）", "2021-05-08"),  # a ledger's weekday
        ("2021.5.8 上午", "2021-05-08"),
        ("2021年5月8日9:00-11:00", "2021-05-08"),
        ("5月8日至9日", "2021-05-08"),  # a range: the first day
        ("2021/5/8、2021/5/22", "2021-05-08"),
        ("2021-06-2O", None),  # a letter O for a zero: no date, never 2021-06-02
        ("2021-06-20abc", None),
        ("6.5万元", None),
        ("2021年5月上旬", None),
    ],
)
def test_a_date_with_a_note_is_the_date_and_a_typo_is_none(text, day):
    from cwm.dates import parse_date as read

    found = read(text, 2021)
    assert (found.isoformat() if found else None) == day


def test_os_errors_in_chinese(capsys, tmp_path):
    blocker = tmp_path / "文件"
    blocker.write_text("x")
    code, out, err = run(capsys, "init", str(blocker))
    assert code == 2 and ("文件已存在" in err or "不是文件夹" in err), err


# --- the data, against the source ---------------------------------------------------------------


def test_the_institutions_share_the_liaison_duties_the_bureau_leading(plan):
    from cwm.schedule.duties import duties_for

    target = plan.directory.resolve("市精神病医院")
    liaison = [d for d in duties_for(plan, target) if d.source == "liaison"]
    assert len(liaison) == 8
    assert (
        liaison[0].responsible[0] == "资阳市民政局（牵头）"
        and "市精神病医院" in liaison[0].responsible
    )


def test_both_rates_of_l4_are_minimums(plan):
    from cwm import labels

    duty = next(d for d in plan.grid.liaison.duties if d.id == "L-4")
    assert labels.liaison(duty).endswith("群众参与率98%以上、满意率95%以上")


def test_at_least_three_photos_is_said_so(plan):
    from cwm import labels

    item = next(i for _, i in plan.tasks.items() if i.id == "III-7-3-1")
    photos = next(m for m in item.materials if m.type == "photos")
    assert "不少于3张" in labels.material(photos)


def test_a_mistyped_evidence_folder_names_the_one_meant(tmp_path, capsys, monkeypatch):
    (tmp_path / "材料").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "材科")
    assert code == 2 and "找不到材料文件夹“材科”。是否指：材料？" in err


def test_a_long_line_wraps_with_a_hanging_indent_and_whole_tokens():
    line = (
        "    本期应交 / 应做：说明报告：500字左右，有数据支撑；截止 2021-06-30，"
        "编号 III-48-1-1，联系人 廖鹏 13982991270，文件 2021-04-04_市民政局_宣讲.jpg"
    )
    lines = fit(line, 40).split("\n")
    assert len(lines) > 2 and all(width(each) <= 40 for each in lines)
    assert lines[0].startswith("    本期") and all(each.startswith("      ") for each in lines[1:])
    for token in ("2021-06-30", "III-48-1-1", "13982991270", "2021-04-04_"):
        assert any(token in each for each in lines), token  # never split across lines
    assert fit("  短行  保持原样", 40) == "  短行  保持原样"


def test_text_on_a_terminal_fits_its_width(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["due", "--quarter", "--date", "2021-05-01", "--dept", "廖鹏"]) == 0
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", each) for each in terminal.getvalue().splitlines()]
    assert all(width(each) <= 60 for each in lines), max(lines, key=width)
    wrapped = [b for a, b in zip(lines, lines[1:]) if a.startswith("    本期应交") and b[4] != "联"]
    assert wrapped and all(each.startswith("      ") for each in wrapped)  # a hanging indent
    assert sum("13982991270" in each for each in lines) >= 5


@pytest.mark.parametrize(
    "name",
    [
        "微信图片_20210510093011.jpg",
        "III-7-3-1/2021-04-04_市民政局_村规民约宣讲.jpg",
        "mmexport1620000000000.jpg",
        "实地点位/自查表（5月）.xlsx",
        "包联社区/L-6志愿服务/台账.csv",
    ],
)
def test_a_file_name_never_breaks_across_lines(name):
    """At any width a file name or path stays whole on its line (it wraps before it), while the
    Chinese around it still breaks between any two characters and no line is too wide."""
    text = (
        f"    错误 [caption-missing] 照片说明缺少：活动时间、主办单位（文件名“{name}”是"
        "相机或软件自动命名）"
    )
    for columns in range(width(name) + 8, 120):
        lines = fit(text, columns).split("\n")
        assert any(name in line for line in lines), (columns, lines)
        assert all(width(line) <= columns for line in lines if name not in line), (columns, lines)


@pytest.mark.parametrize("columns", [80, 100, 140])
def test_every_group_of_a_listing_has_the_same_layout_on_a_terminal(monkeypatch, columns):
    """due --evidence at 80 columns showed its first 科室 as a table and the others as a list per
    item: one listing, one layout — tables only when every group's table fits."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["due", "--period", "2021Q2", "--date", "2021-05-01"]) == 0
    text = re.sub(r"\x1b\[[0-9;]*m", "", terminal.getvalue())
    groups = [g for g in re.split(r"\n(?=\S.*（\d+ 项）)", text) if "（" in g.split("\n")[0]]
    as_tables = ["─" in g or "━" in g or "┃" in g or "│" in g for g in groups[1:]]
    assert len(set(as_tables)) <= 1, as_tables
