"""cwm report: one dated folder with the picture report, the Excel sheet, the JSON/text report,
the checklist and what changed since last time; written whole or not at all, readable by
colleagues."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cwm.planimport.readers.office import soffice
from cwm.report.folder import write_report
from cwm.schedule.duecheck import DueCheck

from .builders import build_tree, docx_bytes, han_text, scene_jpeg
from .test_checklist import CHROMIUM, pages, print_pdf

DAY = dt.date(2021, 6, 20)
RUN = dt.datetime(2021, 6, 20, 9, 30)


def tree(root: Path, fixed: bool = False) -> Path:
    photo = scene_jpeg(3, taken=dt.date(2021, 4, 4), size=(400, 300))
    files = {
        "III-8-1-3 家风/报告.docx": docx_bytes("2021年" + han_text(595 if fixed else 300)),
        "III-7-3-1 村规民约/2021-04-04_市民政局_宣讲0.jpg": photo,
        "III-70-2-1 社会组织/2021-04-04_阳光协会_敬老.jpg": photo,  # the same photo twice
    }
    return build_tree(root, files)


def report(plan, evidence: Path, out: Path, now: dt.datetime = RUN):
    return write_report(plan, evidence, out, None, None, DAY, use_cache=False, jobs=1, now=now)


def test_one_dated_folder_with_every_output(plan, tmp_path):
    run = report(plan, tree(tmp_path / "材料"), tmp_path / "报告")
    assert run.folder == tmp_path / "报告" / "2021-06-20_0930"
    assert sorted(p.name for p in run.folder.iterdir()) == sorted(
        ["检查结果.html", "检查结果.xlsx", "检查结果.json", "检查结果.txt", "变化.txt"]
    )  # no period given: every item of the year, no submission checklist of a period
    data = json.loads((run.folder / "检查结果.json").read_text(encoding="utf-8"))
    assert data["changes"]["first"] and "首次运行" in (run.folder / "变化.txt").read_text(
        encoding="utf-8"
    )
    html = (run.folder / "检查结果.html").read_text(encoding="utf-8")
    assert html.count('<img src="data:image/jpeg;base64,') >= 2  # a duplicate beside its copy
    assert "[photo-reused]" not in html and "这张照片也用于" in html
    assert [p.name for p in (tmp_path / "报告").iterdir()] == ["2021-06-20_0930"]


def test_a_period_adds_the_submission_checklist(plan, tmp_path):
    from cwm.periods import Period

    run = write_report(
        plan,
        tree(tmp_path / "材料"),
        tmp_path / "报告",
        None,
        Period.parse("2021Q2"),
        DAY,
        use_cache=False,
        jobs=1,
        now=RUN,
    )
    assert "检查结果：" in (run.folder / "提交清单.html").read_text(encoding="utf-8")


def test_the_workbook_one_row_per_finding(plan, tmp_path):
    from openpyxl import load_workbook

    run = report(plan, tree(tmp_path / "材料"), tmp_path / "报告")
    book = load_workbook(run.folder / "检查结果.xlsx")
    sheet = book["问题清单"]
    headers = [c.value for c in sheet[1]]
    assert headers == [
        "序号",
        "科室",
        "编号",
        "指标名称",
        "联系人",
        "联系电话",
        "截止日期",
        "状态",
        "级别",
        "问题说明",
        "文件",
        "整改责任人",
        "整改时限",
        "整改情况",
        "问题编号",
        "文件指纹",
    ]
    assert sheet.column_dimensions["O"].hidden  # the id: read back by the next run, not printed
    assert sheet.column_dimensions["P"].hidden  # the file's content, for a renamed file
    assert sheet.row_dimensions[1].height >= 30  # 整改责任人 wraps: the header row shows it whole
    for column, longest in (("F", "13882985000"), ("G", "2021-06-30"), ("C", "III-27-3-1")):
        assert sheet.column_dimensions[column].width >= len(longest) - 0.5, column
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows in (
        "1:1",
        "$1:$1",
    )
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    reused = [r for r in rows if "这张照片也用于" in (r[9] or "")]
    assert len(reused) == 2 and all(isinstance(r[5], str) for r in rows)  # phones are text
    assert [c.value for c in book["汇总"][1]][:2] == ["科室", "已达标"]


def test_what_changed_between_two_runs_with_one_fix(plan, tmp_path):
    evidence, out = tree(tmp_path / "材料"), tmp_path / "报告"
    report(plan, evidence, out)
    tree(evidence, fixed=True)  # the report rewritten to 600字
    later = report(plan, evidence, out, now=RUN + dt.timedelta(days=7))
    changes = later.changes
    assert not changes.first and changes.previous == "2021-06-20_0930"
    assert [f["code"] for f in changes.solved] == ["words-off"] and changes.new == []
    assert any(c["id"] == "III-8-1-3" and c["after"] == "已达标" for c in changes.statuses)
    text = (later.folder / "变化.txt").read_text(encoding="utf-8")
    assert "已解决 1 个" in text and "III-8-1-3 青年婚恋观、家庭观教育：未达标 → 已达标" in text


def test_information_is_no_new_problem(plan, tmp_path):
    """参考资料 listed, a ratio shown, 字数符合要求: information, never counted as 新增问题 in
    变化.txt (before: 新增问题 5 个 for a folder that only gained a 参考 subfolder)."""
    evidence, out = tree(tmp_path / "材料"), tmp_path / "报告"
    report(plan, evidence, out)
    build_tree(evidence, {"III-8-1-3 家风/参考/草稿.docx": docx_bytes("草稿")})
    later = report(plan, evidence, out, now=RUN + dt.timedelta(days=7))
    assert later.changes.new == [] and later.changes.solved == []
    assert "新增问题 0 个" in (later.folder / "变化.txt").read_text(encoding="utf-8")
    assert any(
        f["code"] == "reference-files"
        for r in later.checked.report.as_json()["requirements"]
        for f in r["findings"]
    )  # the information is there, in the report, not among the problems


def test_a_damaged_earlier_report_is_said_not_fatal(plan, tmp_path):
    evidence, out = tree(tmp_path / "材料"), tmp_path / "报告"
    report(plan, evidence, out)
    (out / "2021-06-27_0930").mkdir()
    (out / "2021-06-27_0930" / "检查结果.json").write_text("{broken", encoding="utf-8")
    later = report(plan, evidence, out, now=RUN + dt.timedelta(days=14))
    assert later.changes.previous == "2021-06-20_0930" and "无法读取" in later.changes.note


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        "null",
        '{"requirements": "x"}',
        '{"requirements": [{"id": "III-8-1-3", "findings": null}]}',
    ],
)
def test_a_previous_report_of_any_shape_is_said_not_fatal(plan, tmp_path, content):
    """Valid JSON of another shape (before: exit 3): the run goes on and says why it could not
    compare, in 变化.txt and on the page."""
    evidence, out = tree(tmp_path / "材料"), tmp_path / "报告"
    (out / "2021-06-13_0930").mkdir(parents=True)
    (out / "2021-06-13_0930" / "检查结果.json").write_text(content, encoding="utf-8")
    run = report(plan, evidence, out)
    changes = (run.folder / "变化.txt").read_text(encoding="utf-8")
    assert (
        changes.startswith("首次运行")
        and "2021-06-13_0930" in changes
        and "无法与它比较" in changes
    )
    assert "无法与它比较" in (run.folder / "检查结果.html").read_text(encoding="utf-8")


def test_a_failed_run_leaves_nothing(plan, tmp_path, monkeypatch):
    import cwm.report.workbook as module

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(module, "finding_rows", broken)
    out = tmp_path / "报告"
    with pytest.raises(RuntimeError):
        report(plan, tree(tmp_path / "材料"), out)
    assert list(out.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "umask"), reason="POSIX modes")
@pytest.mark.parametrize(
    ("umask", "file_mode", "dir_mode"), [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)]
)
def test_files_readable_by_colleagues(tmp_path, umask, file_mode, dir_mode):
    evidence = tree(tmp_path / "材料")
    out = tmp_path / "报告"
    code = (
        f"import os, sys; os.umask({umask}); from cwm.cli import main; "
        f"sys.exit(main(['report', {str(evidence)!r}, '-o', {str(out)!r}, '--no-cache']))"
    )
    subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=300)
    [folder] = out.iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == dir_mode
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {file_mode}
    replaced = tmp_path / "清单.html"
    replaced.write_text("old")
    replaced.chmod(0o664)
    code = (
        f"import os, sys; os.umask({umask}); from cwm.cli import main; "
        f"sys.exit(main(['checklist', '-o', {str(replaced)!r}]))"
    )
    subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=300)
    assert stat.S_IMODE(replaced.stat().st_mode) == 0o664  # a replaced file keeps its mode


def test_an_unwritable_report_folder_exits_2(tmp_path):
    from typer.testing import CliRunner

    from cwm.cli import app

    blocker = tmp_path / "文件"
    blocker.write_text("x")
    result = CliRunner().invoke(
        app, ["report", str(tree(tmp_path / "材料")), "-o", str(blocker / "报告")]
    )
    assert result.exit_code == 2 and "无法写入报告目录" in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_the_picture_report_prints_on_a4(plan, tmp_path):
    run = report(plan, tree(tmp_path / "材料"), tmp_path / "报告")
    printed = pages(print_pdf(run.folder / "检查结果.html", tmp_path))
    assert printed and all(right <= width for _, width, right in printed)
    assert "材料检查报告" in printed[0][0]


def test_the_check_is_what_the_report_holds(plan, tmp_path):
    run = report(plan, tree(tmp_path / "材料"), tmp_path / "报告")
    assert isinstance(run.checked, DueCheck) and run.checked.report.summary()["requirements"] == 21


def test_the_picture_report_shows_the_reference_day_it_was_given(plan, tmp_path):
    """`cwm report --date 2021-06-20` run on another day: the page names 2021-06-20."""
    run = report(plan, tree(tmp_path / "材料"), tmp_path / "报告")
    page = (run.folder / "检查结果.html").read_text(encoding="utf-8")
    assert DAY.isoformat() in page and DAY != dt.date.today()


def test_two_runs_of_the_same_minute_both_land(plan, tmp_path):
    """Two scheduled runs (or a colleague by hand) at the same minute into one report folder:
    two complete folders (before, the second lost its report: 文件夹不是空的)."""
    import threading

    evidence = tree(tmp_path / "材料")
    runs: list = []
    errors: list = []

    def one() -> None:
        try:
            runs.append(report(plan, evidence, tmp_path / "报告"))
        except Exception as exc:  # pragma: no cover - the failure this test is about
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    folders = sorted(p.name for p in (tmp_path / "报告").iterdir())
    assert folders == ["2021-06-20_0930", "2021-06-20_0930_2", "2021-06-20_0930_3"]
    assert all((tmp_path / "报告" / f / "检查结果.json").exists() for f in folders)


def test_a_killed_runs_partial_folder_is_removed_by_the_next(plan, tmp_path):
    import subprocess
    import sys

    out = tmp_path / "报告"
    out.mkdir()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = int(gone.stdout)
    left = out / f".2021-06-20_0900.partial-{dead}"
    left.mkdir()
    (left / "检查结果.json").write_text("{", encoding="utf-8")
    running = out / f".2021-06-20_0901.partial-{os.getppid()}-abc"  # a live process's
    running.mkdir()
    report(plan, tree(tmp_path / "材料"), out)
    assert not left.exists() and running.exists()


def test_an_unfinished_report_is_hidden_on_windows_too(plan, tmp_path, monkeypatch):
    """A leading dot does not hide a folder in Windows Explorer: the partial folder gets the
    hidden attribute before anything is written into it, and loses it only when finished,
    before the rename (which keeps attributes); an ``-o`` file's temporary likewise. The order
    is checked here; the Windows call itself (``fsutil.set_hidden``) runs only on Windows."""
    from cwm import fsutil
    from cwm.report import folder as report_folder

    calls = []

    def record(path, hidden):
        calls.append(
            (
                path.name,
                hidden,
                sorted(p.name for p in path.iterdir()) if path.is_dir() else path.stat().st_size,
            )
        )

    monkeypatch.setattr(fsutil, "set_hidden", record)
    monkeypatch.setattr(report_folder, "set_hidden", record)
    run = report(plan, tree(tmp_path / "材料"), tmp_path / "报告")
    (hide, hidden, before), (show, shown, after) = calls
    assert hide == show and hide.startswith(f".{run.folder.name}.partial-")
    assert (hidden, before, shown) == (True, [], False)
    assert after == sorted(p.name for p in run.folder.iterdir())  # shown when complete

    calls.clear()
    fsutil.atomic_write_bytes(tmp_path / "清单.csv", b"x" * 100)
    assert [(hidden, size) for _, hidden, size in calls] == [(True, 0), (False, 100)]
    assert calls[0][0] == calls[1][0] != "清单.csv"


def test_one_count_everywhere_and_a_total_row(plan, tmp_path):
    """III-28-1-1 belongs to two 科室: listed under each in the page and in 汇总, counted once in
    汇总's 合计 row, which equals the number of items."""
    from openpyxl import load_workbook

    from cwm.report.workbook import TOTAL_ROW

    run = report(plan, tree(tmp_path / "材料"), tmp_path / "报告")
    sheet = load_workbook(run.folder / "检查结果.xlsx")["汇总"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    total = rows[-1]
    assert total[0] == TOTAL_ROW and total[-1] == run.checked.report.summary()["requirements"]
    assert sum(r[-1] for r in rows[:-1]) == total[-1] + 1  # III-28-1-1 in two rows
    page = (run.folder / "检查结果.html").read_text(encoding="utf-8")
    assert page.count("III-28-1-1 城乡社区基层组织建设") == 2 and "共同负责" in page
    assert "各科室情况" in page


def test_items_in_the_plans_order(capsys):
    from cwm.cli import main

    assert main(["due", "--period", "2021Q2", "-f", "json"]) == 0
    ids = [i["id"] for i in json.loads(capsys.readouterr().out) if i["source"] == "tasks"]
    from cwm.plan.loader import load_plan

    plan_order = [i.id for _, i in load_plan().tasks.items()]
    assert ids == [i for i in plan_order if i in ids]  # III-7-3-1 … III-48-1-3, not text order


def test_the_workbook_is_set_up_to_print(plan, tmp_path):
    """A printed title (issuer, period, reference day), page numbers, the header row repeated,
    rows tall enough for their wrapped text."""
    from openpyxl import load_workbook

    run = report(plan, tree(tmp_path / "材料"), tmp_path / "报告")
    sheet = load_workbook(run.folder / "检查结果.xlsx")["问题清单"]
    assert "参考日 2021-06-20" in sheet.oddHeader.center.text
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"
    long_rows = [
        r for r in range(2, sheet.max_row + 1) if len(str(sheet.cell(r, 10).value or "")) > 40
    ]
    assert long_rows and all(sheet.row_dimensions[r].height for r in long_rows)
    header, first = sheet[1], sheet[2]
    assert all(c.font.bold and c.alignment.wrap_text for c in header)
    assert header[0].fill.fgColor.rgb.endswith("EEEEEE")
    texts = [c for c in first if isinstance(c.value, str) and c.value]
    assert texts and all(c.number_format == "@" and c.alignment.vertical == "top" for c in texts)
    assert not any(c.font.bold for c in first)  # the header's style did not leak into the rows


SOFFICE = soffice()  # the LibreOffice cwm import would run


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (libreoffice-calc-nogui)")
def test_the_workbook_prints_on_a4_landscape_at_9_points_or_more(plan, tmp_path):
    """Printed by LibreOffice: A4 landscape, every character at ≥ 9 pt, page numbers and the
    title on every page."""
    import subprocess

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    run = report(plan, tree(tmp_path / "材料"), tmp_path / "报告")
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(run.folder / "检查结果.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = pdfium.PdfDocument(tmp_path / "pdf" / "检查结果.pdf")
    pages = len(pdf)
    for number in range(pages):
        page = pdf[number]
        width, height = page.get_size()
        assert round(width) == 842 and round(height) == 595  # A4 landscape, in points
        text = page.get_textpage()
        sizes = [
            raw.FPDFText_GetFontSize(text, i)
            for i in range(text.count_chars())
            if not text.get_text_range(i, 1).isspace()
        ]
        assert min(sizes) >= 9, (number, min(sizes))
        content = text.get_text_range()
        assert f"第 {number + 1} 页 共 {pages} 页" in content and "参考日 2021-06-20" in content
        # a phone number, a date and a status are never cut over two lines
        whole = re.sub(r"\s*\n\s*", "", content)
        for word in re.findall(r"1[3-9]\d{9}|\d{4}-\d{2}-\d{2}|有警告|未达标", whole):
            assert word in content, (number, word)
    print(f"workbook: {pages} pages, smallest font {min(sizes):.1f} pt")


def test_the_text_and_the_workbook_are_grouped_by_department(plan, tmp_path):
    """Every output by 科室 in org.yaml's order, the plan's order within each; III-28-1-1
    (基层政权建设与社区治理科 and 社会组织管理与慈善事业促进科) written out once and named under
    the other 科室 in the text, under its first 科室 once in the workbook."""
    from openpyxl import load_workbook

    run = report(plan, tree(tmp_path / "材料"), tmp_path / "报告")
    units = list(plan.directory.units)
    text = (run.folder / "检查结果.txt").read_text(encoding="utf-8").splitlines()
    headings = [line[1 : line.index("】")] for line in text if line.startswith("【")]
    assert len(headings) >= 4 and headings == sorted(headings, key=units.index)
    shared = [line for line in text if line.startswith("III-28-1-1 ")]
    assert len(shared) == 2 and "共同负责，详见上文" in shared[1]
    assert "共同负责" not in shared[0]
    sheet = load_workbook(run.folder / "检查结果.xlsx")["问题清单"]
    firsts = [str(r[1]).split("、")[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(set(firsts)) >= 3 and firsts == sorted(firsts, key=units.index)
    summary = load_workbook(run.folder / "检查结果.xlsx")["汇总"]
    assert [r[0] for r in summary.iter_rows(min_row=2, values_only=True)][:-1] == headings
    html = (run.folder / "检查结果.html").read_text(encoding="utf-8")
    table = html[html.index("各科室情况") : html.index("</table>")]
    assert [u for u in units if f"<td>{u}</td>" in table] == headings  # one order everywhere
    assert sorted(headings, key=lambda u: table.index(f"<td>{u}</td>")) == headings
    ids = [r[2] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids.count("III-28-1-1") == len(
        [f for f in run.checked.report.result("III-28-1-1").findings if not f.reminder]
    )
