"""`cwm check` end to end: exit codes, JSON, -o, period and unit filters, a corrupt tree, and
the promise that the evidence tree is only read."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys

import pytest
from typer.testing import CliRunner

from cwm.cli import app

from .builders import build_tree, doc_bytes, docx_bytes, han_text, jpeg_bytes, pdf_bytes

runner = CliRunner()
GOOD = "2021年投入资金300万元，建成12个站点。出台政策，建立制度，纳入考核，加强督导。"


def report(n):
    from cwm.formats.wordcount import word_count

    return docx_bytes(GOOD + han_text(n - word_count(GOOD)))


def good_tree(root):
    """III-8-1-3 (600字左右) passes, III-7-3-1 has a short report and 1 of 3 photos."""
    folder = "基层政权建设与社区治理科/III-7-3-1 村规民约"
    return build_tree(
        root,
        {
            "社会事务与儿童保障科/III-8-1-3 家风家教/报告.docx": report(600),
            "基层政权建设与社区治理科/III-7-3-1 村规民约/报告.docx": report(312),
            f"{folder}/2021-04-04_市民政局_村规民约宣讲.jpg": jpeg_bytes(dt.date(2021, 4, 4)),
        },
    )


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def snapshot(root):
    """Content hash and modification time of every file and folder of a tree."""
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            stat = os.lstat(path)
            digest = ""
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
            out[path] = (digest, stat.st_mtime_ns, stat.st_size)
    return out


def test_json_report_shape_and_exit_1_on_errors(tmp_path):
    good_tree(tmp_path)
    result = run("check", tmp_path, "--format", "json")
    assert result.exit_code == 1
    report_json = json.loads(result.stdout)
    assert set(report_json) == {"summary", "requirements", "other_findings"}
    by_id = {r["id"]: r for r in report_json["requirements"]}
    assert len(by_id) == 21
    assert by_id["III-8-1-3"]["status"] == "pass"
    assert by_id["III-7-3-1"]["status"] == "fail"
    finding = next(f for f in by_id["III-7-3-1"]["findings"] if f["code"] == "words-off")
    assert set(finding) == {"id", "code", "severity", "message", "path", "related"}  # id: issue 14
    assert finding["id"] == f"III-7-3-1|words-off|{finding['path']}"
    assert finding["message"] == "字数 312，要求 500字左右（450–550）。"
    assert finding["path"] == "基层政权建设与社区治理科/III-7-3-1 村规民约/报告.docx"
    assert by_id["III-27-3-1"]["status"] == "missing"
    assert report_json["summary"]["pass"] == 1 and report_json["summary"]["errors"] > 0


def spring_festival_photos(folder):
    return {
        f"{folder}/春节/2021-02-1{i}_市民政局_春节慰问{i}.jpg": jpeg_bytes(
            dt.date(2021, 2, 10 + i), seed=i
        )
        for i in range(3)
    }


def test_exit_0_when_all_selected_pass_and_strict_on_warnings(tmp_path):
    build_tree(
        tmp_path,
        {"III-8-1-3 家风/报告.docx": report(600), **spring_festival_photos("III-10-1-1 节日")},
    )
    result = run("check", tmp_path, "--dept", "王慧文", "--period", "2021Q1")
    assert result.exit_code == 0, result.stdout
    assert "III-8-1-3 青年婚恋观、家庭观教育：已达标" in result.stdout
    assert "III-10-1-1 传统节日主题活动图片：已达标" in result.stdout  # 清明 is not due in Q1
    assert "III-27-1-2" not in result.stdout  # half-yearly: not due in Q1
    build_tree(tmp_path, {"III-8-1-3 家风/报告.docx": report(530)})  # 11.7% off: a warning
    assert run("check", tmp_path, "--dept", "王慧文", "--period", "2021Q1").exit_code == 0
    assert (
        run("check", tmp_path, "--dept", "王慧文", "--period", "2021Q1", "--strict").exit_code == 1
    )


def test_required_festival_is_due_in_its_quarter(tmp_path):
    build_tree(tmp_path, spring_festival_photos("III-10-1-1 节日"))
    q2 = json.loads(
        run("check", tmp_path, "--period", "2021Q2", "--dept", "王慧文", "-f", "json").stdout
    )
    festival = next(r for r in q2["requirements"] if r["id"] == "III-10-1-1")
    assert any("缺少必报的清明节照片" in f["message"] for f in festival["findings"])


def test_period_filter_checks_only_the_materials_due(tmp_path):
    build_tree(
        tmp_path,
        {
            f"III-70-2-1/2021-03-0{i}_{name}_文明单位创建.jpg": jpeg_bytes(
                dt.date(2021, 3, i), seed=i
            )
            for i, name in enumerate(["甲协会", "乙协会", "丙基金会", "丁协会"], 1)
        },
    )
    q1 = json.loads(run("check", tmp_path, "--period", "2021Q1", "-f", "json").stdout)
    ids = {r["id"]: r for r in q1["requirements"]}
    assert sorted(ids) == ["III-10-1-1", "III-7-3-1", "III-70-2-1", "III-8-1-3"]
    assert ids["III-70-2-1"]["status"] == "pass"  # photos only in Q1: no report asked
    q2 = {
        r["id"]: r
        for r in json.loads(run("check", tmp_path, "--period", "2021Q2", "-f", "json").stdout)[
            "requirements"
        ]
    }
    assert any(f["code"] == "report-missing" for f in q2["III-70-2-1"]["findings"])


def test_text_output_and_output_file(tmp_path):
    good_tree(tmp_path / "ev")
    target = tmp_path / "out" / "报告.txt"
    result = run("check", tmp_path / "ev", "--dept", "区划地名科", "-o", target)
    assert result.exit_code == 1 and result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert "III-7-3-1 核心价值观融入村规民约：未达标" in text
    assert "错误 [words-off] 字数 312，要求 500字左右（450–550）。" in text
    assert "错误 [photo-count] 图片 1 张，要求 3 张" in text
    assert "人工核对：" in text
    assert [p.name for p in target.parent.iterdir()] == ["报告.txt"]  # no temporary file left
    assert "结论（全部申报项" in result.stderr and "：7 项——" in result.stderr


def test_corrupt_tree_yields_findings_not_tracebacks(tmp_path):
    files = {
        "III-7-3-1/空.docx": b"",
        "III-7-3-1/截断.docx": report(500)[:400],
        "III-7-3-1/空.jpg": b"",
        "III-7-3-1/截断.jpg": jpeg_bytes()[:-300],
        "III-8-1-3/截断.pdf": pdf_bytes("民政局")[:150],
        "III-8-1-3/加密.pdf": pdf_bytes("民政局", encrypt="pw"),
        "III-8-1-3/GBK.txt": ("2021年" + han_text(590)).encode("gbk"),
        "III-8-1-3/改名.docx": "纯文本",
        "III-27-1-3/坏.doc": b"\xd0\xcf\x11\xe0garbage",
        "III-27-1-3/好.doc": doc_bytes("资民发〔2021〕25号 " + han_text(100)),
        "III-15-2-3/坏.xlsx": b"PK\x03\x04junk",
    }
    build_tree(tmp_path, files)
    if sys.platform != "win32":
        os.symlink(tmp_path, tmp_path / "III-7-3-1" / "环")
        with open(os.fsencode(str(tmp_path / "III-7-3-1")) + b"/\xff.jpg", "wb") as handle:
            handle.write(b"x")
    result = run("check", tmp_path, "-f", "json")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    by_id = {r["id"]: r for r in json.loads(result.stdout)["requirements"]}
    found = {f["code"] for r in by_id.values() for f in r["findings"]}
    assert {"wrong-content", "truncated", "encrypted"} <= found
    gbk = [f for f in by_id["III-8-1-3"]["findings"] if f["path"] and f["path"].endswith("GBK.txt")]
    assert gbk == []  # the GBK report reads and counts fine
    assert not any(
        f["code"] == "document-count" for f in by_id["III-27-1-3"]["findings"]
    )  # 好.doc counts


def test_the_tree_is_left_exactly_as_it_was(tmp_path):
    good_tree(tmp_path / "ev")
    (tmp_path / "ev" / "III-7-3-1 x").mkdir()
    before = snapshot(tmp_path / "ev")
    run("check", tmp_path / "ev")
    run("check", tmp_path / "ev", "-f", "json")
    assert snapshot(tmp_path / "ev") == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "不存在的目录"], "不存在"),
        (["check", ".", "--dept", "福利"], "请写得更具体"),
        (["check", ".", "--period", "2021Q9"], "2021Q1"),
    ],
)
def test_bad_usage_exits_2(args, message):
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr


def test_rules_command_lists_every_code():
    from cwm.evidence.rules import RULES

    text = run("rules").stdout
    for code in RULES.codes:
        assert code in text


def test_unwritable_output_exits_2(tmp_path):
    good_tree(tmp_path / "ev")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("check", tmp_path / "ev", "-o", blocker / "out.json")
    assert result.exit_code == 2 and "无法写入" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{ev}", "-o", "{ev}/结果.json", "-f", "json"],
        ["check", "{ev}/III-8-1-3", "-o", "{ev}/III-8-1-3/结果.txt"],
        ["report", "{ev}", "-o", "{ev}/检查报告"],
        ["due", "--evidence", "{ev}", "-o", "{ev}/本季度.csv", "-f", "csv"],
        ["checklist", "--evidence", "{ev}", "-o", "{ev}/清单.html"],
    ],
)
def test_an_output_inside_the_evidence_it_judges_is_refused_with_the_fix(tmp_path, command):
    """A file or report folder written into the folder being checked would be read as evidence
    next time: refused (exit 2) before anything is read or written, with where to write it."""
    ev = tmp_path / "材料"
    good_tree(ev)
    before = sorted(p.relative_to(ev) for p in ev.rglob("*"))
    result = run(*[part.format(ev=ev) for part in command])
    assert result.exit_code == 2, result.output
    assert "在被检查的材料文件夹" in result.stderr and "请写到材料文件夹之外" in result.stderr
    assert sorted(p.relative_to(ev) for p in ev.rglob("*")) == before


def test_an_output_beside_the_evidence_is_fine(tmp_path):
    """The near miss: a sibling whose name starts like the evidence folder's is outside it."""
    ev = tmp_path / "材料"
    good_tree(ev)
    result = run("check", ev, "-o", tmp_path / "材料_结果.txt")
    assert result.exit_code in (0, 1) and (tmp_path / "材料_结果.txt").is_file()


def test_shared_manual_checks_are_said_once(tmp_path):
    """The 备注's 人工核对 items several items share: once at the end, not under every item."""
    for ident in ("III-27-3-1", "III-27-3-3", "III-8-1-3"):
        (tmp_path / ident).mkdir()
    result = run("check", tmp_path)
    text = result.output
    assert text.count("三种及以上举措") == 1 and "共同的人工核对事项" in text
    assert text.count("另见文末") >= 3


@pytest.mark.parametrize(
    "dragged", ["基层政权建设与社区治理科/III-7-3-1 村规民约", "基层政权建设与社区治理科"]
)
def test_report_folders_beside_dragged_folders_are_never_evidence(tmp_path, dragged):
    """检查材料.bat with one item's folder (or a 科室's) dragged onto it writes the report beside
    it — inside the office's evidence root. The next check of the root skips it: no second
    folder of III-7-3-1 (its name begins with the id), no stray pictures or workbooks, the same
    verdicts."""
    import json

    ev = tmp_path / "材料"
    good_tree(ev)
    first = json.loads(run("check", ev, "-f", "json").stdout)
    assert run("report", ev / dragged, "--period", "2021Q2").exit_code in (0, 1)
    assert (ev / f"{dragged}_检查结果").is_dir()
    again = json.loads(run("check", ev, "-f", "json").stdout)
    status = {r["id"]: r["status"] for r in first["requirements"]}
    assert {r["id"]: r["status"] for r in again["requirements"]} == status
    codes = [f["code"] for f in again["other_findings"]] + [
        f["code"] for r in again["requirements"] for f in r["findings"]
    ]
    assert "duplicate-folder" not in codes and codes.count("report-folder") == 1


def test_a_file_where_the_folder_is_expected_says_so(tmp_path):
    ev = tmp_path / "材料"
    good_tree(ev)
    report_file = next(ev.rglob("*.docx"))
    result = run("check", report_file)
    assert result.exit_code == 2
    assert "是一个文件，这里要的是材料文件夹" in result.stderr
    assert str(report_file.parent) in result.stderr and "cwm count" in result.stderr


def test_evidence_without_a_value_says_what_the_value_is():
    result = run("due", "--evidence")
    assert result.exit_code == 2 and "--evidence 后面须写材料文件夹" in result.stderr


def test_the_verdict_is_the_last_line_and_names_the_period(tmp_path):
    """At 80×24 the first line scrolls away: the verdict, with the period judged, comes last."""
    good_tree(tmp_path / "ev")
    result = run("check", tmp_path / "ev", "--period", "2021Q2", "--date", "2021-06-20")
    last = result.stdout.rstrip().splitlines()[-1]
    assert last.startswith("结论（2021年第二季度　参考日 2021-06-20）：") and "错误" in last
    assert "注意：所用的是" not in result.stderr  # the plan's own year: nothing to say


def test_a_period_outside_the_plans_year_is_said_with_both_ways_out(tmp_path):
    good_tree(tmp_path / "ev")
    result = run("check", tmp_path / "ev", "--period", "2026Q4")
    assert "本次按它的周期推算的是 2026年第四季度" in result.stderr
    assert "加 --period 2021Q4" in result.stderr and "--data 2026/" in result.stderr


@pytest.mark.parametrize(
    ("folder", "unit"),
    [
        ("养老服物科", "养老服务科"),
        ("2.养老服务", "养老服务科"),
        ("区划地名课", "基层政权建设与社区治理科"),
    ],
)
def test_a_mistyped_section_folder_is_named_with_the_fix(tmp_path, folder, unit):
    """材料/养老服物科 checked alone: checked as the whole tree (every item, most 缺失) — said,
    with the rename or --dept that checks that 科室's items."""
    import json

    root = tmp_path / "材料" / folder
    (root / "III-27-3-1").mkdir(parents=True)
    result = run("check", root, "--period", "2021Q2", "-f", "json")
    other = [
        f for f in json.loads(result.stdout)["other_findings"] if f["code"] == "unit-folder-typo"
    ]
    assert (
        other
        and f"改名为“{unit}”" in other[0]["message"]
        and f"--dept {unit}" in other[0]["message"]
    )


@pytest.mark.parametrize("folder", ["材料", "财务科", "2021年创文材料", "养老服务科"])
def test_folders_that_are_no_mistyped_section_say_nothing_of_it(tmp_path, folder):
    import json

    root = tmp_path / folder
    (root / "III-27-3-1").mkdir(parents=True)
    result = run("check", root, "--period", "2021Q2", "-f", "json")
    codes = [f["code"] for f in json.loads(result.stdout)["other_findings"]]
    assert "unit-folder-typo" not in codes
