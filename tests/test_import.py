"""`cwm import` against the built-in data: the 2021 plan as an office's Word file (merged cells, or
merged cells written out) imports to data equal to data/*.yaml on every field `cwm duties --all
--format json` shows, except the fields listed in ``DRAFTED`` — names and phrasings a person wrote
by hand in data/, which the importer drafts from the sentences (and says so in the YAML)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from cwm.cli import main
from cwm.plan.loader import load_plan
from cwm.planimport import import_plan, write_draft
from cwm.planimport.diff import duties_json, flatten

from .plan_docx import plan_docx

DRAFTED = {
    r"^title$": "事项名称：data/ 中是人写的简称，导入时由申报要求或原句摘出（YAML 注释注明，可改）",
    r"^materials\[\d\]\.others\[\d\]\.role$": "其他单位的分工：由原句摘出",
    r"^materials\[\d\]\.manual$": "人工核对事项：由原句摘出",
    r"^materials\[\d\]\.metrics\[\d\]\.(name|numerator|denominator|wording)$": (
        "数据表格的列名：须与实际表格一致，导入后列入待核对清单"
    ),
    r"^standards\[\d\]\.figures\[\d\]\.label$": "点位标准中数量的说明：由原句摘出",
}
"""Fields (JSON paths of a duty) that the importer drafts rather than reproduces, and why."""
EXACT_SOURCES = ("tasks", "sites", "liaison", "grid", "publicity")


def _drafted(field: str) -> bool:
    return any(re.search(pattern, field) for pattern in DRAFTED)


@pytest.fixture(scope="module", params=["merged", "written-out"])
def imported(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    source = plan_docx(folder / "方案.docx", merged=request.param == "merged")
    draft = import_plan(source)
    problems = write_draft(draft, source, folder / "2021")
    return draft, problems, folder / "2021"


def agreement(built_in: Path, imported_dir: Path) -> tuple[Counter, Counter, list[str]]:
    """(fields compared, fields equal) per ``source.field``, and the differences outside
    ``DRAFTED``."""
    before = duties_json(load_plan(built_in, use_cache=False))
    after = duties_json(load_plan(imported_dir, use_cache=False))
    compared, equal, wrong = Counter(), Counter(), []
    assert sorted(before) == sorted(after), set(before) ^ set(after)
    for ident, duty in before.items():
        left, right = flatten(duty), flatten(after[ident])
        for field in set(left) | set(right):
            if field in ("summary",):
                continue
            key = f"{duty['source']}.{field.split('.')[0].split('[')[0]}"
            compared[key] += 1
            if left.get(field) == right.get(field):
                equal[key] += 1
            elif not _drafted(field):
                wrong.append(f"{ident} {field}: {left.get(field)!r} != {right.get(field)!r}")
    return compared, equal, wrong


def test_the_2021_plan_imports_to_the_built_in_data(imported, plan, capsys):
    draft, problems, folder = imported
    assert problems == []  # cwm validate: no errors
    compared, equal, wrong = agreement(plan.data_dir, folder)
    with capsys.disabled():
        print(f"\n{folder.parent.name}: agreement with data/ (fields equal / compared)")
        for key in sorted(compared):
            mark = "" if equal[key] == compared[key] else "  (drafted: see DRAFTED)"
            print(f"  {key:28} {equal[key]:4}/{compared[key]:<4}{mark}")
    assert wrong == []


def test_every_exact_field_agrees_in_full(imported, plan):
    """100% on the 21 items' materials, departments, contacts and collection, and on sites,
    liaison and grid (their drafted names aside)."""
    _, _, folder = imported
    compared, equal, _ = agreement(plan.data_dir, folder)
    for key in ("materials", "departments", "contacts", "collection"):
        assert compared[f"tasks.{key}"] > 0
    exact = [k for k in compared if k.split(".")[1] in ("departments", "contacts", "collection")]
    assert all(equal[k] == compared[k] for k in exact), {k: (equal[k], compared[k]) for k in exact}
    for source in ("grid",):
        keys = [k for k in compared if k.startswith(source + ".")]
        assert all(equal[k] == compared[k] for k in keys)


def test_the_review_list_of_the_2021_plan(imported):
    draft, _, _ = imported
    assert [r.where for r in draft.review] == ["附件1 第5行 ③"] + ["单位"] * 4
    # the four names read as another unit's short or long name (市救助站 for 市救助管理站…)
    assert [r.text for r in draft.review[1:]] == [
        "局机关党办",
        "市救助站",
        "市精神病院",
        "资阳市精神病医院",
    ]
    assert all("别名" in r.why for r in draft.review[1:])
    assert "实际的列名" in draft.review[0].why


def test_every_value_says_where_it_came_from(imported):
    _, _, folder = imported
    tasks = (folder / "tasks.yaml").read_text(encoding="utf-8")
    assert "- id: III-27-1-4  # 附件1 第6行 ④" in tasks
    assert "# 待核对：表格的分子、分母按原文摘出" in tasks
    assert "- id: L-6  # 附件3 包联内容（三）" in (folder / "grid.yaml").read_text(encoding="utf-8")


def test_the_imported_plan_is_used_as_the_built_in_one(imported, capsys):
    """`due` gives the same items and deadlines for 2021Q2 from either data folder."""
    _, _, folder = imported

    def due(*data: str) -> list[tuple[str, str]]:
        assert main([*data, "due", "--period", "2021Q2", "-f", "json"]) == 0
        import json

        return sorted((i["id"], i["due"]) for i in json.loads(capsys.readouterr().out))

    assert due("--data", str(folder)) == due()


# --- the command --------------------------------------------------------------------------------


def test_cli_lists_what_to_check_and_exits_1(tmp_path, capsys):
    source = plan_docx(tmp_path / "方案.docx")
    code = main(["import", str(source), "-o", str(tmp_path / "2021")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "5 处需要人工核对" in out and "附件1 第5行 ③" in out and "已作为它的别名" in out
    assert sorted(p.name for p in (tmp_path / "2021").iterdir()) == [
        "grid.yaml",
        "org.yaml",
        "sites.yaml",
        "tasks.yaml",
    ]
    assert main(["--data", str(tmp_path / "2021"), "validate"]) == 0


def test_never_overwrites(tmp_path, capsys):
    source = plan_docx(tmp_path / "方案.docx")
    (tmp_path / "已有").mkdir()
    (tmp_path / "已有" / "tasks.yaml").write_text("原来的", encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "已有")]) == 2
    assert "不覆盖" in capsys.readouterr().err
    assert (tmp_path / "已有" / "tasks.yaml").read_text(encoding="utf-8") == "原来的"


def _docx_without_tables(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("关于做好某项工作的通知")
    document.add_paragraph("附件1")
    document.add_paragraph("没有表格。")
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        pytest.param(  # LibreOffice, where installed, is started on it (1 s): CI's slow job
            "方案.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "另存为 .docx",
            marks=pytest.mark.slow,
        ),
        ("方案.pdf", b"%PDF-1.4\n%...", "PDF"),
        ("方案.docx", b"PK\x03\x04 not really a zip", "不是 Word 文档"),
        ("方案.docx", b"", "不是 Word 文档"),
        ("方案.docx", None, "没有找到对标责任清单"),
    ],
)
def test_a_file_that_is_not_a_plan_exits_2_and_says_why(tmp_path, capsys, name, content, words):
    path = tmp_path / name
    if content is None:
        _docx_without_tables(path)
    else:
        path.write_bytes(content)
    code = main(["import", str(path), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and words in err and name in err, err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_a_word_97_file_without_libreoffice_names_the_two_fixes(tmp_path, capsys, monkeypatch):
    """A .doc written by LibreOffice (tests/fixtures/real) on a PC without LibreOffice: exit 2,
    the message says to install it or to save the file as .docx."""
    real = Path(__file__).parent / "fixtures" / "real"
    doc = next(real.glob("*.doc"), None)
    if doc is None:
        pytest.skip("no .doc among the real fixtures")
    monkeypatch.setenv("CWM_SOFFICE", str(tmp_path / "没有这个程序"))
    assert main(["import", str(doc), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "LibreOffice" in err and "另存为" in err and doc.name in err


# --- a plan cwm has not seen: another bureau, another wording -------------------------------------


def test_another_bureaus_plan_imports_to_its_expectation(tmp_path, capsys):
    import json

    from .plan_docx import other_plan_docx

    expected = json.loads(
        (Path(__file__).parent / "fixtures" / "plans" / "教体局2022.expected.json").read_text(
            encoding="utf-8"
        )
    )
    source = other_plan_docx(tmp_path / "教体局2022年方案.docx")
    draft = import_plan(source)
    assert write_draft(draft, source, tmp_path / "2022") == []
    plan = load_plan(tmp_path / "2022", use_cache=False)
    duties = duties_json(plan)
    compared = equal = 0
    wrong = []
    for ident, fields in expected["duties"].items():
        assert ident in duties, ident
        actual = flatten(duties[ident])
        for field, value in flatten(fields).items():
            compared += 1
            if actual.get(field) == value:
                equal += 1
            else:
                wrong.append(f"{ident} {field}: expected {value!r}, got {actual.get(field)!r}")
    with capsys.disabled():
        print(f"\n教体局2022: {equal}/{compared} expected fields agree")
    assert wrong == []
    assert sorted(duties) == sorted(expected["duties"])
    info = plan.org.plan
    assert {k: str(getattr(info, k)) for k in expected["org"]["plan"]} == {
        k: str(v) for k, v in expected["org"]["plan"].items()
    }
    group = plan.org.leading_group
    assert {k: getattr(group, k) for k in expected["org"]["leading_group"]} == expected["org"][
        "leading_group"
    ]
    assert {u.name: u.head for u in plan.org.units if u.name in expected["org"]["heads"]} == (
        expected["org"]["heads"]
    )
    deadline = plan.tasks.rules.deadline
    assert (deadline.rule, deadline.day) == tuple(expected["deadline"].values())
    assert [r.where for r in draft.review] == expected["review"]


def test_a_bomb_is_refused_before_it_is_read(tmp_path, capsys):
    """A .docx whose document part inflates past the bound (a plan's is about 1 MB): exit 2,
    nothing parsed."""
    import zipfile

    path = tmp_path / "方案.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", b"<w:document>" + b" " * (21 * 2**20) + b"</w:document>"
        )
    assert main(["import", str(path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "MB" in err and "Traceback" not in err
