"""The Windows batch files the office double-clicks (examples/batch/*.bat) and the parts of
cwm they lean on: the folders file (check_all.cfg as Notepad saves it), a folder typed or
dragged into the console, a report beside the evidence folder, the HTML opened in a browser.

No Windows here: the .bat files are checked the way cmd reads them (ASCII, CRLF, where cwm is
looked for, one `cwm report` per way in, exit codes, when they wait); everything they hand to
cwm runs here for real. What remains untested: cmd itself running them, the double-click
detection (%CMDCMDLINE%) and Explorer's drag and drop.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cwm.cli import main
from cwm.commands.batchcfg import clean_path, decode_text, read_folders_file
from cwm.errors import UsageError

from .builders import build_tree, jpeg_bytes
from .test_check_cli import report

REPO = Path(__file__).resolve().parent.parent
BATCH = REPO / "examples" / "batch"
FOLDERS = "\\\\fileserver\\创文\\材料 (2021)\n\\\\fileserver\\创文\\检查报告\n"


def small_tree(root: Path) -> Path:
    return build_tree(
        root,
        {
            "社会事务与儿童保障科/III-8-1-3 家风/报告.docx": report(600),
            "基层政权建设与社区治理科/III-7-3-1 村规民约/2021-04-04_市民政局_宣讲.jpg": jpeg_bytes(
                dt.date(2021, 4, 4)
            ),
        },
    )


@pytest.mark.parametrize(
    "raw",
    [
        FOLDERS.encode("utf-8"),
        b"\xef\xbb\xbf" + FOLDERS.encode("utf-8"),  # Notepad's "UTF-8 with BOM"
        FOLDERS.replace("\n", "\r\n").encode("gbk"),  # "ANSI" on a Chinese Windows
        FOLDERS.encode("utf-16"),  # "Unicode"
    ],
    ids=["utf-8", "utf-8-bom", "gbk-crlf", "utf-16"],
)
def test_a_cfg_reads_the_same_in_every_encoding_notepad_saves(raw):
    assert decode_text(raw).splitlines() == FOLDERS.splitlines()


def test_the_cfg_gives_two_folders_without_invisible_marks(tmp_path):
    cfg = tmp_path / "check_all.cfg"
    cfg.write_bytes(
        b"\xef\xbb\xbf# \xe6\xb3\xa8\xe9\x87\x8a\r\n\r\n"
        + ' "/共享盘/创文 材料/" \r\n报告\\\r\n第三行不用\r\n'.encode("utf-8")
    )
    evidence, reports = read_folders_file(cfg)
    assert evidence == Path("/共享盘/创文 材料")
    assert reports == tmp_path / "报告"  # relative to the cfg's own folder


def test_the_shipped_example_cfg_reads():
    evidence, reports = read_folders_file(BATCH / "check_all.cfg.example")
    assert evidence.name.endswith("材料") and reports.name.endswith("检查报告")


@pytest.mark.parametrize(
    "typed, expected",
    [
        ('"D:\\创文 材料\\"', "D:\\创文 材料"),
        ("  '/mnt/共享盘/材料/'  \n", "/mnt/共享盘/材料"),
        ("\ufeffD:\\材料", "D:\\材料"),
        ("D:\\", "D:\\"),
        ("/", "/"),
        ("\\\\fileserver\\创文\\材料\\", "\\\\fileserver\\创文\\材料"),
        ("\\\\fileserver\\创文\\", "\\\\fileserver\\创文\\"),  # a share's root
    ],
)
def test_a_path_typed_or_dragged_is_cleaned(typed, expected):
    assert clean_path(typed) == expected


def test_a_missing_or_short_cfg_says_what_to_write(tmp_path):
    with pytest.raises(UsageError) as missing:
        read_folders_file(tmp_path / "check_all.cfg")
    assert str((tmp_path / "check_all.cfg").resolve()) in missing.value.message  # the full path
    assert "第一行材料文件夹，第二行报告文件夹" in missing.value.message
    assert "example" not in missing.value.message  # there is none beside it
    (tmp_path / "check_all.cfg.example").write_text("# 示例\n", encoding="utf-8")
    with pytest.raises(UsageError) as beside:
        read_folders_file(tmp_path / "check_all.cfg")
    assert "把同一文件夹中的“check_all.cfg.example”复制一份，改名为“check_all.cfg”" in (
        beside.value.message
    )
    (tmp_path / "check_all.cfg").write_text("D:\\材料\n", encoding="gbk")
    with pytest.raises(UsageError) as short:
        read_folders_file(tmp_path / "check_all.cfg")
    assert "应有两行（现有 1 行）" in short.value.message


def test_notepads_cfg_txt_is_the_cfg(tmp_path):
    """Notepad saves “check_all.cfg” as check_all.cfg.txt (extensions hidden): it is read."""
    (tmp_path / "check_all.cfg.txt").write_text("材料\n检查报告\n", encoding="gbk")
    evidence, reports = read_folders_file(tmp_path / "check_all.cfg")
    assert (evidence, reports) == (tmp_path / "材料", tmp_path / "检查报告")


def test_report_reads_its_folders_from_a_gbk_cfg(tmp_path, capsys):
    evidence = small_tree(tmp_path / "共享 盘 (A&B)" / "创文 材料")
    cfg = tmp_path / "check_all.cfg"
    cfg.write_bytes(f"{evidence}/\r\n{tmp_path / '检查报告'}\r\n".encode("gbk"))
    assert main(["report", "--folders-from", str(cfg), "--no-cache"]) == 1
    [folder] = (tmp_path / "检查报告").iterdir()
    assert (folder / "检查结果.html").is_file()
    assert f"报告已写入 {folder}" in capsys.readouterr().out


@pytest.mark.parametrize("line", ["期间：2021", "2021", "期间: 2021年", "period=2021"])
def test_the_cfg_names_the_period_the_weekly_run_judges(tmp_path, capsys, line):
    """Years after the plan the scheduled run judges the plan's year, not this one (before:
    twelve “2026年1月：0 次” errors of the 2021 plan)."""
    evidence = small_tree(tmp_path / "材料")
    cfg = tmp_path / "check_all.cfg"
    cfg.write_bytes(f"{evidence}\r\n{tmp_path / '检查报告'}\r\n{line}\r\n".encode("gbk"))
    main(["report", "--folders-from", str(cfg), "--no-cache"])
    [folder] = (tmp_path / "检查报告").iterdir()
    page = (folder / "检查结果.html").read_text(encoding="utf-8")
    assert "期间：2021年" in page and "期间：2026" not in page
    assert "注意：所用的是" not in capsys.readouterr().err


def test_a_bad_period_in_the_cfg_names_the_file_and_line(tmp_path, capsys):
    evidence = small_tree(tmp_path / "材料")
    cfg = tmp_path / "check_all.cfg"
    cfg.write_text(f"{evidence}\n{tmp_path / '报告'}\n期间：明年\n", encoding="utf-8")
    assert main(["report", "--folders-from", str(cfg), "--no-cache"]) == 2
    assert f"“{cfg}”第三行的期间" in capsys.readouterr().err


def test_report_without_output_writes_beside_the_evidence_folder(tmp_path, capsys):
    evidence = small_tree(tmp_path / "材料")
    assert main(["report", str(evidence), "--no-cache"]) == 1
    [folder] = (tmp_path / "材料_检查结果").iterdir()
    assert (folder / "检查结果.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["材料", "材料_检查结果"]


def test_report_asks_for_the_folder_on_a_terminal(tmp_path, capsys, monkeypatch):
    """Double-clicked 检查材料.bat: the folder dragged into the window arrives quoted."""
    evidence = small_tree(tmp_path / "创文 材料")

    class Console(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Console(f'"{evidence}/"\n'))
    assert main(["report", "--no-cache"]) == 1
    output = capsys.readouterr().out
    assert "请把材料文件夹拖到这个窗口里" in output
    assert (tmp_path / "创文 材料_检查结果").is_dir()


def test_report_with_no_folder_and_no_terminal_explains_in_chinese(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["report"]) == 2
    assert "请给出材料文件夹" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX stand-in for the browser")
def test_report_open_shows_the_html_in_the_browser(tmp_path):
    """--open hands 检查结果.html to the browser (BROWSER names a stand-in that records it)."""
    evidence = small_tree(tmp_path / "材料")
    seen = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf %s "$1" > "{seen}"\n', encoding="utf-8")
    browser.chmod(0o755)
    done = subprocess.run(
        [sys.executable, "-m", "cwm", "report", str(evidence), "--open", "--no-cache"],
        env={**os.environ, "BROWSER": f"{browser} %s", "CWM_CACHE_DIR": str(tmp_path / "c")},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr.decode()
    [folder] = (tmp_path / "材料_检查结果").iterdir()
    assert seen.read_text(encoding="utf-8") == (folder / "检查结果.html").as_uri()
    data = json.loads((folder / "检查结果.json").read_text(encoding="utf-8"))
    assert data["requirements"]


def bat(name: str) -> str:
    raw = (BATCH / name).read_bytes()
    assert raw.isascii(), f"{name}: cmd reads it in the console's code page"
    assert raw.count(b"\r\n") == raw.count(b"\n") and raw.endswith(b"\r\n"), f"{name}: CRLF"
    return raw.decode("ascii")


def commands(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.lower().startswith("rem")]


BATS = ["check_all.bat", "检查材料.bat", "建立材料文件夹.bat"]


@pytest.mark.parametrize("name", BATS)
def test_a_bat_finds_cwm_beside_itself_then_cwm_then_path(name):
    lines = commands(bat(name))
    order = [
        lines.index('set "CWM_EXE=cwm"'),
        lines.index('if defined CWM set "CWM_EXE=%CWM%"'),
        lines.index('if exist "%~dp0cwm.exe" set "CWM_EXE=%~dp0cwm.exe"'),
    ]
    assert order == sorted(order)  # the last set wins: beside, then CWM, then PATH


@pytest.mark.parametrize("name", BATS)
def test_a_bat_leaves_the_code_page_and_passes_the_exit_code(name):
    text = bat(name)
    assert "chcp" not in "\n".join(commands(text)).lower()
    lines = commands(text)
    assert lines[-3:-1] == ['set "CODE=%ERRORLEVEL%"', lines[-2]] and lines[-1] == "exit /b %CODE%"
    assert "DisableDelayedExpansion" in text


def test_check_all_runs_one_report_per_way_in_and_waits_only_for_people():
    lines = commands(bat("check_all.bat"))
    calls = [line for line in lines if line.startswith('"%CWM_EXE%"')]
    assert calls == [
        '"%CWM_EXE%" report "%EVIDENCE%" --output "%REPORTS%"',
        '"%CWM_EXE%" report "%EVIDENCE%"',
        '"%CWM_EXE%" report --folders-from "%~dp0check_all.cfg"',
    ]
    assert 'if "%EVIDENCE:~-1%"=="\\" set "EVIDENCE=%EVIDENCE:~0,-1%"' in lines
    assert "if defined WAIT timeout /t 600" in lines  # never a bare pause: a scheduled task
    # the command line is compared, never echoed (a path with & in it), and a doubled quote
    # after /c is Explorer's double-click, not PowerShell's or a program's cmd /c "…"
    assert not any("echo(%CMDCMDLINE%" in line for line in lines)
    assert 'set "LINE=!CMDCMDLINE!"' in lines
    assert 'if not "!LINE: /c ""=!"=="!LINE!" (endlocal & set "WAIT=1") else endlocal' in lines
    assert not any(re.match(r"pause\b", line, re.I) for line in lines)
    assert any('if /i "%~1"=="/auto"' in line for line in lines)


def test_the_folder_drop_bat_opens_the_report_and_waits():
    lines = commands(bat("检查材料.bat"))
    calls = [line for line in lines if line.startswith('"%CWM_EXE%"')]
    assert calls == ['"%CWM_EXE%" report "%FOLDER%" --open', '"%CWM_EXE%" report --open']
    assert "pause" in lines


def test_the_init_bat_makes_the_skeleton_or_lets_cwm_ask():
    lines = commands(bat("建立材料文件夹.bat"))
    calls = [line for line in lines if line.startswith('"%CWM_EXE%"')]
    assert calls == ['"%CWM_EXE%" init "%FOLDER%"', '"%CWM_EXE%" init'] and "pause" in lines


def test_the_example_cfg_shows_right_in_any_notepad():
    """Old Notepad shows an LF file as one line, and reads a file without a BOM as ANSI."""
    raw = (BATCH / "check_all.cfg.example").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n") > 3
    assert "check_all.cfg.example -text" in (REPO / ".gitattributes").read_text(encoding="utf-8")


def test_the_portable_folder_gets_both_bat_files():
    source = (REPO / "tools" / "build_portable.py").read_text(encoding="utf-8")
    for name in ("检查材料.bat", "建立材料文件夹.bat", "check_all.bat", "check_all.cfg.example"):
        assert (BATCH / name).is_file() and f'"{name}"' in source
    attributes = (REPO / ".gitattributes").read_text(encoding="utf-8")
    assert "*.bat text eol=crlf" in attributes


def test_the_portable_folder_has_the_guide_as_a_web_page():
    spec = importlib.util.spec_from_file_location(
        "build_portable", REPO / "tools" / "build_portable.py"
    )
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    guide = (REPO / "docs" / "使用指南.md").read_text(encoding="utf-8")
    page = tool.guide_html(guide)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<title>材料文件夹怎么放——给科室同志的使用指南</title>" in page
    assert "<h2>三、照片</h2>" in page and "<strong><code>检查材料.bat</code></strong>" in page
    assert "## " not in page  # every heading rendered
    assert '.md"' not in page and 'href="参考' not in page  # no link out of the folder


def test_a_period_on_the_command_line_wins_over_the_cfgs(tmp_path):
    evidence = small_tree(tmp_path / "材料")
    cfg = tmp_path / "check_all.cfg"
    cfg.write_text(f"{evidence}\n{tmp_path / '报告'}\n期间：2021\n", encoding="utf-8")
    main(["report", "--folders-from", str(cfg), "--no-cache", "--period", "2021Q2"])
    [folder] = (tmp_path / "报告").iterdir()
    assert "期间：2021年第二季度" in (folder / "检查结果.html").read_text(encoding="utf-8")
