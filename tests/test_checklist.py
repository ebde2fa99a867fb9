"""`cwm checklist`: every kind rendered for several units and periods, the HTML parsed and, where
Chromium is installed (.ci/run installs it), printed to PDF: page count, no text beyond the page."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cwm.cli import app
from cwm.periods import Period
from cwm.printing import checklist as lists
from cwm.printing.templating import render_template

from .builders import build_tree, docx_bytes, han_text

runner = CliRunner()
TODAY = dt.date(2021, 5, 1)


class Outline(HTMLParser):
    """Collects headings, sections, text, and checks that tags nest."""

    VOID = {"meta", "br", "col", "link", "img", "hr", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.sections = 0
        self.h2: list[str] = []
        self.text: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag == "section":
            self.sections += 1
        if tag == "h2":
            self._in_h2 = True
            self.h2.append("")

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_h2:
            self.h2[-1] += data


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    assert parser.stack == []
    return parser


def test_submission_for_a_quarter_lists_every_unit_and_item(plan):
    html = render_template(
        "submission.html.j2", lists.submission(plan, Period.parse("2021Q2"), TODAY)
    )
    page = outline(html)
    text = "".join(page.text)
    assert page.h2 == [  # in org.yaml's order of units
        "养老服务科（负责人：曾平）　共 3 项",
        "基层政权建设与社区治理科（负责人：廖鹏）　共 7 项",
        "社会组织管理与慈善事业促进科（负责人：杨贵）　共 3 项",
        "社会事务与儿童保障科（负责人：王慧文）　共 9 项",
    ]
    from .test_data_fidelity import EXPECTED_IDS

    for ident in EXPECTED_IDS:
        assert ident in text
    assert "说明报告：800字左右（汇总），3项以上举措" in text
    assert "图片资料：5张，5个不同小区，注明小区名称、服务功能" in text
    assert "曾平" in text and "13882985000" in text
    assert "清明节 2021-04-04（必报）" in text
    assert "画面中要有20人以上" in text and "数据要一致" in text
    assert "2021-06-30" in text


def test_submission_for_a_unit_and_an_odd_quarter(plan):
    target = plan.directory.resolve("社会组织")
    text = "".join(
        outline(
            render_template(
                "submission.html.j2", lists.submission(plan, Period.parse("2021Q3"), TODAY, target)
            )
        ).text
    )
    assert "III-70-2-1" in text and "III-15-2-3" not in text  # only the quarterly photos are due
    assert (
        "图片资料：4张，4个不同社会组织" in text and "说明报告" not in text.split("附件1 备注")[0]
    )


def test_sites_sheet_has_every_standard(plan):
    html = render_template("sites.html.j2", lists.sites(plan, TODAY))
    text = "".join(outline(html).text)
    for site in plan.sites.sites:
        for standard in site.standards:
            assert standard.text in text
    assert text.count("检查日期：") == 7 and "市救助管理站" in text and "谌明全" in text


def test_sites_for_one_unit(plan):
    html = render_template(
        "sites.html.j2", lists.sites(plan, TODAY, plan.directory.resolve("市救助站"))
    )
    assert outline(html).sections == 2


def test_grid_sheet_and_liaison_calendar(plan):
    context = lists.grid(plan, 2021, TODAY)
    text = "".join(outline(render_template("grid.html.j2", context)).text)
    for row in plan.grid.grid:
        for road in row.roads:
            assert road in text
    months = {m["month"]: m["entries"] for m in context["months"]}
    assert all(
        any("参与社区志愿服务活动（2次）" in e for e in entries) for entries in months.values()
    )
    assert any("8月31日前" in e for e in months[8]) and any("9月30日前" in e for e in months[9])
    assert any("主要领导" in e for e in months[6]) and any("主要领导" in e for e in months[12])
    assert any("示范小区" in e for e in months[12])


def test_markdown_forms(plan):
    md = render_template("submission.md.j2", lists.submission(plan, Period.parse("2021Q1"), TODAY))
    assert "### III-8-1-3 青年婚恋观、家庭观教育" in md and "- [ ] 说明报告：600字左右" in md
    sites = render_template("sites.md.j2", lists.sites(plan, TODAY))
    assert "| （1） | 广泛刊播公益广告" in sites
    grid = render_template("grid.md.j2", lists.grid(plan, 2021, TODAY))
    assert "| 9月 |" in grid and "杨吉全 15308382866" in grid


def test_html_is_autoescaped(edit):
    from cwm.plan.loader import load_plan

    plan = load_plan(edit("tasks.yaml", "title: 15分钟生活圈", "title: <script>alert(1)</script>"))
    html = render_template(
        "submission.html.j2", lists.submission(plan, Period.parse("2021Q2"), TODAY)
    )
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_cli_writes_the_file_atomically(tmp_path):
    target = tmp_path / "清单.html"
    result = run("checklist", "--period", "2021Q2", "--dept", "养老", "-o", target)
    assert result.exit_code == 0, result.output
    assert "III-27-3-2" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["清单.html"]


def test_cli_with_evidence_shows_results(tmp_path):
    build_tree(tmp_path / "ev", {"III-8-1-3/报告.docx": docx_bytes(han_text(300))})
    result = run(
        "checklist",
        "--period",
        "2021Q1",
        "--dept",
        "王慧文",
        "--evidence",
        tmp_path / "ev",
        "-f",
        "md",
    )
    assert result.exit_code == 0, result.output
    assert (
        "检查结果：未达标" in result.stdout
        and "字数 300，要求 600字左右（540–660）" in result.stdout
    )
    # III-10-1-1 has no folder, but nothing is mandatory in Q1 (春节、元宵节: 择优报送)
    assert "本期无必报内容（择优报送）" in result.stdout


def test_template_override_and_broken_template(tmp_path):
    (tmp_path / "base.html.j2").write_text(
        (Path(__file__).parent.parent / "templates" / "base.html.j2")
        .read_text(encoding="utf-8")
        .replace(
            "{% block letterhead %}{{ issuer }}{% endblock %}",
            "{% block letterhead %}资阳市民政局办公室（自定义抬头）{% endblock %}",
        ),
        encoding="utf-8",
    )
    result = run("checklist", "--kind", "sites", "--template-dir", tmp_path)
    assert result.exit_code == 0 and "自定义抬头" in result.stdout
    (tmp_path / "sites.html.j2").write_text(
        "{% extends 'base.html.j2' %}\n{% block content %}\n{% for x in %}\n{% endblock %}\n",
        encoding="utf-8",
    )
    broken = run("checklist", "--kind", "sites", "--template-dir", tmp_path)
    assert broken.exit_code == 2 and "sites.html.j2" in broken.stderr and "第 3 行" in broken.stderr
    assert "Traceback" not in broken.output


# --- printing in Chromium ------------------------------------------------------------------

CHROMIUM = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
    None,
)


def print_pdf(html_path: Path, tmp_path: Path) -> Path:
    pdf = tmp_path / (html_path.stem + ".pdf")
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html_path.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf


def pages(pdf: Path) -> list[tuple[str, float, float]]:
    """(text, page width, rightmost character edge) per page."""
    import pypdfium2 as pdfium

    out = []
    document = pdfium.PdfDocument(str(pdf))
    for index in range(len(document)):
        page = document[index]
        width, _ = page.get_size()
        text = page.get_textpage()
        right = max((text.get_charbox(i)[2] for i in range(text.count_chars())), default=0.0)
        out.append((text.get_text_range(), width, right))
    return out


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize(
    ("kind", "args", "expected_pages"), [("sites", [], 7), ("grid", ["--period", "2021"], 5)]
)
def test_printed_sheets_page_per_sheet_within_the_page(tmp_path, kind, args, expected_pages):
    html = tmp_path / f"{kind}.html"
    assert run("checklist", "--kind", kind, *args, "-o", html).exit_code == 0
    printed = pages(print_pdf(html, tmp_path))
    assert len(printed) == expected_pages
    for text, width, right in printed:
        assert right <= width - 20, "text runs past the right margin"
        assert text.strip()


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_printed_submission_starts_each_unit_on_a_new_page(tmp_path):
    html = tmp_path / "submission.html"
    assert run("checklist", "--period", "2021Q2", "-o", html).exit_code == 0
    printed = pages(print_pdf(html, tmp_path))
    assert 4 <= len(printed) <= 12
    starts = []
    for unit in (
        "基层政权建设与社区治理科（负责人",
        "社会组织管理与慈善事业促进科（负责人",
        "养老服务科（负责人",
        "社会事务与儿童保障科（负责人",
    ):
        starts.append(
            next(
                i
                for i, (text, _, _) in enumerate(printed)
                if unit in text.replace("\r\n", "").replace("\n", "")
            )
        )
    assert len(set(starts)) == 4
    for text, width, right in printed:
        assert right <= width - 20
    # the table header repeats on a continued page
    continued = [
        text for i, (text, _, _) in enumerate(printed) if i not in starts and "III-" in text
    ]
    assert all("应交材料" in t for t in continued)


# --- print layout: golden Markdown, dates and phones never broken ---------------------------

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        (
            "submission-2021Q2-养老.md",
            ["--period", "2021Q2", "--date", "2021-06-20", "--dept", "养老"],
        ),
        (
            "sites-精神病医院.md",
            ["--kind", "sites", "--date", "2021-06-20", "--dept", "市精神病医院"],
        ),
    ],
)
def test_rendered_markdown_matches_its_golden_file(monkeypatch, name, args):
    """The rendered text as reviewed; CWM_UPDATE_GOLDEN=1 rewrites the files after a change."""
    import datetime as dt
    import os

    from cwm.printing import checklist

    monkeypatch.setattr(checklist, "PRINTED", dt.date(2021, 6, 21))
    result = run("checklist", *args, "-f", "md")
    assert result.exit_code == 0, result.output
    path = GOLDEN / name
    if os.environ.get("CWM_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
    assert "生成日期：2021-06-21　参考日：2021-06-20" in result.stdout
    assert "[" + "photo" not in result.stdout  # no rule codes in the words for people


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_printed_dates_and_phones_never_break(tmp_path):
    import re

    html = tmp_path / "清单.html"
    assert run("checklist", "--year", "--date", "2026-11-29", "-o", html).exit_code == 0
    source = html.read_text(encoding="utf-8")
    wanted = set(re.findall(r"\b20\d\d-\d\d-\d\d\b|\b1[3-9]\d{9}\b", source))
    text = "".join(t for t, _, _ in pages(print_pdf(html, tmp_path)))
    assert wanted and all(item in text for item in wanted), sorted(
        i for i in wanted if i not in text
    )
