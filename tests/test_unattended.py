"""`cwm init`, `cwm due --evidence`, and the unattended batch run: the shell script end to end,
plain output when piped, UTF-8 when redirected on a GBK console, nothing half-written."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cwm.cli import app
from cwm.printing.skeleton import init

from .builders import build_tree, docx_bytes, han_text, jpeg_bytes, run_check
from .test_check_cli import report, snapshot

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_init_creates_a_folder_and_note_per_item(plan, tmp_path):
    result = init(plan, tmp_path / "材料")
    # 21 items of 附件1, 7 sites, 8 liaison duties, 3 publicity duties
    assert len(result.created_folders) == 39 and len(result.created_notes) == 39
    folder = tmp_path / "材料" / "养老服务科" / "III-27-3-2 新建小区配套养老服务设施图片"
    note = (folder / "要求.txt").read_text(encoding="utf-8")
    assert "5张，5个不同小区，注明小区名称、服务功能" in note and "小区名称_服务功能.jpg" in note
    assert "曾平 13882985000" in note
    festival = next((tmp_path / "材料").rglob("III-10-1-1 */要求.txt")).read_text(encoding="utf-8")
    assert "每个节日建一个子文件夹（如 清明节/）" in festival
    site = tmp_path / "材料" / "实地点位" / "S-3 医院·公益宣传"
    assert (site / "整改前").is_dir() and (site / "整改后").is_dir()
    assert "cwm checklist --kind sites -f xlsx" in (site / "要求.txt").read_text(encoding="utf-8")
    led = tmp_path / "材料" / "宣传" / "PUB-2 LED滚动播放创文宣传标语"
    assert (led / "市老年大学").is_dir()
    liaison = (tmp_path / "材料/包联社区/L-6 参与社区志愿服务活动/要求.txt").read_text(
        encoding="utf-8"
    )
    assert "每月2次" in liaison and "日期、活动内容、地点、参加人数" in liaison


def test_init_twice_changes_nothing(plan, tmp_path):
    init(plan, tmp_path)
    (next(tmp_path.rglob("III-8-1-3 */要求.txt"))).write_text("我改过的说明", encoding="utf-8")
    before = snapshot(tmp_path)
    again = init(plan, tmp_path)
    assert again.created_folders == [] and again.created_notes == [] and len(again.existing) == 39
    assert snapshot(tmp_path) == before


def test_init_respects_folders_the_user_already_has(plan, tmp_path):
    build_tree(tmp_path, {"我的材料/iii-8-1-3 家风/报告.docx": docx_bytes("x")})
    result = init(plan, tmp_path, plan.directory.resolve("王慧文"))
    assert not any("III-8-1-3" in str(p) for p in result.created_folders)
    assert (tmp_path / "我的材料" / "iii-8-1-3 家风" / "要求.txt").exists()
    report_ = run_check(plan, tmp_path, "III-8-1-3")
    assert not [f for r in report_.requirements for f in r.findings if f.code == "folder-duplicate"]


def test_check_on_a_fresh_skeleton_reports_every_item_unmet(plan, tmp_path):
    init(plan, tmp_path)
    found = run_check(plan, tmp_path)
    statuses = {r.id: r.status for r in found.requirements}
    assert statuses.pop("III-46-2-2") == "manual"  # 部门评价: nothing to hand in
    assert set(statuses.values()) == {"missing"}
    messages = {
        r.id: [f.message for f in r.findings if f.severity == "error"] for r in found.requirements
    }
    assert any("0/3 张图片" in m for m in messages["III-7-3-1"])
    assert any(m.startswith("缺少说明报告") for m in messages["III-8-1-3"])
    assert not any("要求.txt" in (f.path or "") for r in found.requirements for f in r.findings)
    assert found.other_findings == []


def test_cli_init_reports_what_it_created(tmp_path):
    first = run("init", tmp_path / "材 料", "--dept", "养老")
    assert (
        first.exit_code == 0
        and first.stdout.count("新建文件夹") == 3
        and "新建 3 个文件夹" in first.stderr
    )
    second = run("init", tmp_path / "材 料", "--dept", "养老")
    assert (
        second.stdout == ""
        and "新建 0 个文件夹、0 份要求说明；已有 3 个文件夹保持不变" in second.stderr
    )


def test_due_with_evidence_shows_statuses_and_a_summary(tmp_path):
    build_tree(
        tmp_path,
        {
            "III-8-1-3 家风/报告.docx": report(600),  # pass
            "III-7-3-1 村规民约/报告.docx": report(300),  # fail: words, photos
        },
    )
    result = run("due", "--period", "2021Q1", "--date", "2021-03-01", "--evidence", tmp_path)
    assert result.exit_code == 0, result.output
    text = result.stdout
    # III-10-1-1: 春节 and 元宵节 fall in Q1, both 择优报送: nothing mandatory (issue 11)
    assert "本季度应交材料 4 项，已完成 1 项，1 项本期无必报（择优报送）。" in text
    assert "状态：已完成" in text and "状态：未达标" in text and "状态：缺失" in text
    assert "状态：本期无必报" in text
    # reasons one per line under 原因： (issue 15)
    assert "    原因：\n      字数 300，要求 500字左右（450–550）。\n" in text
    items = {
        i["id"]: i
        for i in json.loads(
            run("due", "--period", "2021Q1", "--evidence", tmp_path, "-f", "json").stdout
        )
    }
    assert items["III-8-1-3"]["status"] == "pass" and items["III-8-1-3"]["reasons"] == []
    assert items["III-10-1-1"]["status"] == "pass"
    assert "status" not in items["L-6"]  # liaison duties have no evidence folder


def write_cwm_wrapper(tmp_path: Path) -> Path:
    wrapper = tmp_path / "bin" / "cwm"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cwm "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return wrapper


@pytest.mark.skipif(sys.platform == "win32", reason="the POSIX script")
def test_batch_script_end_to_end_under_cron(tmp_path):
    """One line of cwm report, on paths with Chinese, spaces, ')' and '&', with cron's bare
    environment (no PATH to cwm: CWM names it)."""
    evidence = tmp_path / "共享 盘 (A&B)" / "创文 材料"
    build_tree(
        evidence,
        {
            "社会事务与儿童保障科/III-8-1-3 家风/报告.docx": report(600),
            "基层政权建设与社区治理科/III-7-3-1 村规民约/2021-04-04_市民政局_宣讲.jpg": jpeg_bytes(
                dt.date(2021, 4, 4)
            ),
        },
    )
    before = snapshot(evidence)
    reports = tmp_path / "报告 目录 (周一)&存档"
    cron = {
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "CWM": str(write_cwm_wrapper(tmp_path)),
        "PYTHONPATH": str(REPO),
        "CWM_CACHE_DIR": str(tmp_path / "cache"),
    }
    script = REPO / "examples" / "batch" / "check_all.sh"
    done = subprocess.run(
        ["sh", str(script), str(evidence), str(reports)],
        env=cron,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr  # the tree has errors: cwm report's exit code
    [folder] = list(reports.iterdir())
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [
            "提交清单.html",
            "检查结果.html",
            "检查结果.json",
            "检查结果.txt",
            "检查结果.xlsx",
            "变化.txt",
        ]
    )
    data = json.loads((folder / "检查结果.json").read_text(encoding="utf-8"))
    assert {r["id"]: r["status"] for r in data["requirements"]}["III-8-1-3"] == "pass"
    assert "III-7-3-1 核心价值观融入村规民约：未达标" in (folder / "检查结果.txt").read_text(
        encoding="utf-8"
    )
    assert snapshot(evidence) == before
    usage = subprocess.run(["sh", str(script)], env=cron, capture_output=True, text=True)
    assert usage.returncode == 2 and "用法" in usage.stderr


def cwm_process(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cwm", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_piped_output_is_plain_text(tmp_path):
    build_tree(tmp_path, {"III-8-1-3/报告.docx": docx_bytes(han_text(100))})
    for args in (
        ["due", "--period", "2021Q1"],
        ["duties", "养老"],
        ["check", str(tmp_path), "--dept", "养老"],
        ["validate"],
    ):
        done = cwm_process(*args, env={"FORCE_COLOR": "", "TERM": "xterm-256color"})
        assert b"\x1b[" not in done.stdout + done.stderr, args
        assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")


def test_redirected_output_on_a_gbk_console_is_utf8():
    done = cwm_process("checklist", "--kind", "sites", "-f", "md", env={"PYTHONIOENCODING": "gbk"})
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8")  # not GBK, and no UnicodeEncodeError on ☐
    assert "☐" in text and "实地点位自查表" in text


def test_an_interrupted_write_leaves_no_file(tmp_path, monkeypatch):
    build_tree(tmp_path / "ev", {"III-8-1-3/报告.docx": report(600)})

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    target = tmp_path / "out" / "报告.json"
    result = run("check", tmp_path / "ev", "-f", "json", "-o", target)
    assert result.exit_code == 130 and "已中断" in result.stderr
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.slow
def test_a_killed_run_leaves_no_partial_report(tmp_path):
    """SIGKILL in the middle of a run: the report file either exists whole or not at all."""
    import signal
    import time

    build_tree(
        tmp_path / "ev",
        {
            f"III-7-3-1/2021-04-0{i % 9 + 1}_市民政局_宣讲{i}.jpg": jpeg_bytes(
                dt.date(2021, 4, 4), seed=i
            )
            for i in range(40)
        },
    )
    target = tmp_path / "out" / "报告.json"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cwm",
            "check",
            str(tmp_path / "ev"),
            "--no-cache",
            "-f",
            "json",
            "-o",
            str(target),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.4)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode in (-signal.SIGKILL, 1)  # killed, or (on a fast machine) already done
    if target.exists():  # written whole by the rename, or not at all
        json.loads(target.read_text(encoding="utf-8"))
    visible = [p.name for p in (tmp_path / "out").iterdir()] if (tmp_path / "out").exists() else []
    assert visible in ([], ["报告.json"]) or all(
        n.startswith(".") for n in visible if n != "报告.json"
    )


# --- outputs that are not regular files ----------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX")
def test_output_to_a_device_a_fifo_and_a_link(tmp_path):
    """-o /dev/null (on a copy made with mknod, as root), a FIFO a script reads, a symlinked
    path: written in place — the device stays a device, the FIFO delivers, the link stays a link
    and its target gets the report."""
    import stat
    import threading

    from cwm.fsutil import atomic_write_bytes

    if os.geteuid() == 0:
        device = tmp_path / "null"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        atomic_write_bytes(device, b"report")
        assert stat.S_ISCHR(device.stat().st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    atomic_write_bytes(fifo, b"report")
    reader.join(timeout=10)
    assert received == [b"report"] and stat.S_ISFIFO(fifo.stat().st_mode)
    target = tmp_path / "真实报告.json"
    target.write_bytes(b"old")
    link = tmp_path / "最新报告.json"
    link.symlink_to(target)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


def test_the_note_opens_in_windows_notepad_and_the_old_one_is_still_no_evidence(tmp_path):
    """要求.txt in UTF-8 with a BOM and CRLF lines (any Notepad shows it right); a 要求.md left by
    an earlier cwm is still no evidence."""
    from cwm.cli import main

    assert main(["init", str(tmp_path / "材料"), "--dept", "养老"]) == 0
    note = next((tmp_path / "材料").rglob("III-27-3-2 */要求.txt")).read_bytes()
    assert note.startswith(b"\xef\xbb\xbf") and b"\r\n" in note and b"\r\r" not in note
    (next((tmp_path / "材料").rglob("III-27-3-2 *")) / "要求.md").write_text(
        "# 旧说明", encoding="utf-8"
    )
    from cwm.plan.loader import load_plan

    found = run_check(load_plan(), tmp_path / "材料", "III-27-3-2")
    assert not any("要求" in (f.path or "") for r in found.requirements for f in r.findings)


def test_templates_render_where_the_cache_cannot_be_written(tmp_path, monkeypatch):
    """A read-only profile or a cache path that is no folder: templates are compiled each run
    instead of cached, and the checklist is the same."""
    import cwm.printing.templating as templating
    from cwm.printing.templating import render_template

    context = {"title": "t", "items": []}
    monkeypatch.setenv("CWM_CACHE_DIR", str(tmp_path / "cache"))
    templating._environment.cache_clear()
    cached = render_template("x.j2", context, _dir(tmp_path))
    assert list((tmp_path / "cache" / "templates").iterdir())  # compiled once, kept
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("CWM_CACHE_DIR", str(tmp_path / "file" / "cache"))
    templating._environment.cache_clear()
    assert render_template("x.j2", context, _dir(tmp_path)) == cached
    templating._environment.cache_clear()


def _dir(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "x.j2").write_text("{{ title }}：{{ items|length }} 项\n", encoding="utf-8")
    return folder
