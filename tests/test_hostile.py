"""Hostile inputs: one bad file never costs the run.

Each case builds a file or tree the nightly batch could meet — bombs, Strict OOXML, links out
of the tree, a very deep tree, FIFOs, unreadable files, control characters in names, broken
YAML — and asserts that ``cwm check`` finishes with a complete report naming the file (exit 0
or 1, never 3), within the memory bound, with the evidence untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from .builders import (
    build_tree,
    docx_bytes,
    han_text,
    jpeg_bytes,
    million_row_xlsx,
    result_of,
    run_check,
    xlsx_bytes,
)
from .test_check_cli import snapshot

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, FIFOs and users")
MEMORY_BOUND_MB = 300


def cwm(
    *args: object, timeout: float = 120, prefix: tuple[str, ...] = ()
) -> tuple[int, str, str, int]:
    """Run ``cwm`` in a fresh process: (exit code, stdout, stderr, peak memory in MB of cwm and
    its workers, measured by a parent that runs nothing else). ``prefix``: a command to run
    cwm under (setpriv, to take from root its right to read every file)."""
    code = (
        "import resource, subprocess, sys, json\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
        "print(json.dumps([p.returncode, p.stdout, p.stderr, peak]))\n"
    )
    command = [sys.executable, "-c", code, *prefix, sys.executable, "-m", "cwm", *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    returncode, out, err, peak = json.loads(done.stdout)
    return returncode, out, err, peak


def findings(report: dict) -> list[dict]:
    every = [f for r in report["requirements"] for f in r["findings"]]
    return every + report["other_findings"]


def good_report() -> bytes:
    return docx_bytes("2021年" + han_text(595))


# --- bombs and bounds ----------------------------------------------------------------------


def zip_bomb_docx(path: Path, megabytes: int) -> None:
    """A .docx whose document.xml inflates to ``megabytes`` MB of empty paragraphs."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f"<w:document {w}><w:body>".encode())
            chunk = b"<w:p/>" * 100_000
            for _ in range(megabytes * 2**20 // len(chunk)):
                part.write(chunk)
            part.write(b"</w:body></w:document>")


def huge_png(path: Path, width: int, height: int) -> None:
    """A PNG whose header declares ``width`` × ``height`` pixels (a few hundred bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1000)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def strict_xlsx(path: Path) -> None:
    """An .xlsx in Strict Open XML (what Excel's “Strict” save option writes): the transitional
    namespaces replaced by the strict ones."""
    plain = xlsx_bytes([["常住人口", 1000000], ["注册志愿者人数", 140000]])
    source = zipfile.ZipFile(__import__("io").BytesIO(plain))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = (
                source.read(info)
                .replace(
                    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
                )
                .replace(
                    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                    b"http://purl.oclc.org/ooxml/officeDocument/relationships",
                )
            )
            out.writestr(info, data)


@pytest.mark.slow  # in CI's slow job: keeps the README's test run short
def test_bombs_and_odd_files_are_findings_within_the_memory_bound(tmp_path):
    root = tmp_path / "ev"
    build_tree(root, {"III-8-1-3 家风/报告.docx": good_report()})
    zip_bomb_docx(root / "III-8-1-3 家风" / "炸弹.docx", 300)
    build_tree(root, {"III-27-3-2/阳光小区_助餐.jpg": jpeg_bytes(dt.date(2021, 4, 4))})
    huge_png(root / "III-27-3-2" / "锦绣花园_日间照料.png", 30000, 30000)
    strict_xlsx(root / "III-15-2-3.xlsx")  # stray: not read
    (root / "III-15-2-3").mkdir()
    strict_xlsx(root / "III-15-2-3" / "数据.xlsx")
    (root / "III-8-1-3 家风" / "空白.txt").write_bytes(b"")
    before = snapshot(root)
    started = time.monotonic()
    code, out, err, peak = cwm("check", root, "-f", "json", "--no-cache", "--jobs", "2")
    elapsed = time.monotonic() - started
    assert code == 1, err
    report = json.loads(out)
    by_path = {f["path"]: f for f in findings(report)}
    assert by_path["III-8-1-3 家风/炸弹.docx"]["code"] == "too-large"
    assert "解压后超过 200 MB" in by_path["III-8-1-3 家风/炸弹.docx"]["message"]
    assert by_path["III-27-3-2/锦绣花园_日间照料.png"]["code"] == "too-large"
    assert "30000×30000" in by_path["III-27-3-2/锦绣花园_日间照料.png"]["message"]
    assert by_path["III-15-2-3/数据.xlsx"]["severity"] == "error"  # named, not a crash
    assert by_path["III-8-1-3 家风/空白.txt"]["code"] == "empty"
    assert "Warning" not in err and "site-packages" not in err
    assert peak < MEMORY_BOUND_MB, f"peak {peak} MB"
    assert snapshot(root) == before
    print(f"bombs: {elapsed:.1f} s, peak {peak} MB")


def huge_ofd(path: Path, megabytes: int) -> None:
    """An OFD whose one page's Content.xml holds ``megabytes`` MB of short TextObjects, stored
    (not deflated: a compression ratio no bomb check would refuse)."""
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(
            "OFD.xml",
            f"<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
            "</ofd:DocBody></ofd:OFD>",
        )
        archive.writestr(
            "Doc_0/Document.xml",
            f"<ofd:Document {ns}><ofd:Pages>"
            '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        )
        with archive.open("Doc_0/Pages/Page_0/Content.xml", "w", force_zip64=True) as part:
            part.write(f"<ofd:Page {ns}><ofd:Content><ofd:Layer>".encode())
            line = (
                '<ofd:TextObject><ofd:TextCode X="0">创建文明城市</ofd:TextCode></ofd:TextObject>'
            )
            chunk = line.encode() * 10_000
            for _ in range(megabytes * 2**20 // len(chunk)):
                part.write(chunk)
            part.write(b"</ofd:Layer></ofd:Content></ofd:Page>")


def one_run_docx(path: Path, megabytes: int) -> None:
    """A .docx whose one paragraph is a single w:t run of ``megabytes`` MB of text (stored)."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f"<w:document {w}><w:body><w:p><w:r><w:t>".encode())
            chunk = "文明".encode() * 100_000
            for _ in range(megabytes * 2**20 // len(chunk)):
                part.write(chunk)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")


@pytest.mark.slow
def test_a_huge_ofd_page_and_a_huge_docx_run_stop_at_the_text_limit(tmp_path):
    """Parsed as they stream, with the text limit applied while parsing: an OFD page of 190 MB
    (a tree of it took ~1.2 GB) and a .docx whose one text run is 190 MB (~420 MB joined)."""
    root = tmp_path / "ev" / "III-8-1-3 家风"
    root.mkdir(parents=True)
    huge_ofd(root / "正式发文.ofd", 190)
    one_run_docx(root / "报告.docx", 190)
    started = time.monotonic()
    code, out, err, peak = cwm("check", root.parent, "-f", "json", "--no-cache", "--jobs", "1")
    elapsed = time.monotonic() - started
    by_path = {f["path"]: f for f in findings(json.loads(out))}
    for name in ("正式发文.ofd", "报告.docx"):
        finding = by_path[f"III-8-1-3 家风/{name}"]
        assert finding["code"] == "too-large" and "2,000,000 个字符" in finding["message"], name
    assert peak < 150, f"peak {peak} MB"
    print(f"huge OFD page and docx run: {elapsed:.1f} s, peak {peak} MB")


@pytest.mark.slow  # in CI's slow job: keeps the README's test run short
def test_a_large_csv_is_read_only_as_far_as_needed(tmp_path):
    root = tmp_path / "ev" / "III-15-2-3"
    root.mkdir(parents=True)
    head = "常住人口,1000000\r\n注册志愿者人数,140000\r\n有志愿服务时间记录的志愿者人数,80000\r\n"
    with open(root / "数据.csv", "w", encoding="utf-8") as handle:
        handle.write(head)
        line = "备注," + "x" * 200 + "\r\n"
        handle.write(line * (120 * 2**20 // len(line)))
    code, out, err, peak = cwm(
        "check", root.parent, "-f", "json", "--no-cache", "--period", "2021H1"
    )
    result = next(r for r in json.loads(out)["requirements"] if r["id"] == "III-15-2-3")
    assert result["status"] == "pass", result
    assert peak < 100, f"peak {peak} MB"


# --- the tree is the boundary ---------------------------------------------------------------


@POSIX
def test_links_out_of_the_tree_are_not_followed(tmp_path):
    root = build_tree(tmp_path / "ev", {"III-8-1-3/报告.docx": good_report()})
    os.symlink("/etc", root / "III-8-1-3" / "系统")
    os.symlink("/", root / "根目录")
    os.symlink("/etc/passwd", root / "III-8-1-3" / "密码.txt")
    started = time.monotonic()
    code, out, err, _ = cwm("check", root, "-f", "json", "--no-cache", timeout=60)
    assert time.monotonic() - started < 30
    report = json.loads(out)
    links = {f["path"]: f for f in findings(report) if f["code"] == "link-outside"}
    assert set(links) == {"III-8-1-3/系统", "根目录", "III-8-1-3/密码.txt"}
    assert all(f["severity"] == "info" for f in links.values())
    assert "passwd" not in out.replace("密码.txt", "") and "/etc" not in out


@POSIX
@pytest.mark.parametrize(
    "link",
    [
        "00 快捷方式",  # sorts first, names no item: the real folder was then a “loop”, 缺失
        "0 III-8-1-3 快捷方式",  # sorts before the folder it points to
        "III-8-1-3 家风家教（链接）",  # names the same item: no second folder of it
        "养老服务科/III-8-1-3 的链接",  # elsewhere in the tree, deeper
    ],
)
def test_a_folder_reached_twice_is_judged_once_at_its_real_place(tmp_path, link):
    """A link (a symlink, a Windows junction) to a folder of the tree, whatever sorts first:
    the folder is walked and judged where it really is — its report is found (before: the link
    claimed the folder, the real one was skipped as a loop and the item was 缺失) — never as two
    folders of one item; the link is named, with where it leads."""
    root = build_tree(tmp_path / "ev", {"III-8-1-3 家风家教/报告.docx": good_report()})
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(root / "III-8-1-3 家风家教", root / link)
    code, out, err, _ = cwm("check", root, "-f", "json", "--no-cache", timeout=60)
    report = json.loads(out)
    item = next(r for r in report["requirements"] if r["id"] == "III-8-1-3")
    assert item["status"] == "pass", item
    assert item["folder"] == "III-8-1-3 家风家教"
    linked = [f for f in findings(report) if f["code"] == "link-inside"]
    assert [f["path"] for f in linked] == [link]
    assert "III-8-1-3 家风家教" in linked[0]["message"]
    assert not [f for f in findings(report) if f["code"] in ("duplicate-folder", "symlink-loop")]


def test_a_very_deep_tree(tmp_path):
    top = tmp_path / "ev" / "III-8-1-3"
    top.mkdir(parents=True)
    deep = top
    try:
        for _ in range(1200):  # os.makedirs recurses; so did the old walk
            deep = deep / "d"
            deep.mkdir()
        (deep / "报告.docx").write_bytes(good_report())
        from cwm.plan.loader import load_plan

        result = result_of(run_check(load_plan(), tmp_path / "ev", "III-8-1-3"), "III-8-1-3")
        assert result.status == "pass"
    finally:  # shutil.rmtree (pytest's clean-up) recurses too: take the tree down from below
        (deep / "报告.docx").unlink(missing_ok=True)
        while deep != top:
            deep.rmdir()
            deep = deep.parent


@POSIX
def test_a_path_beyond_the_system_limit_is_named_as_too_long(tmp_path, plan):
    """Folders of long Chinese names nested past PATH_MAX (4,096 bytes): the folder is named, as
    too long, with the fix — never blamed on permissions; the rest of the tree is checked."""
    root = tmp_path / "材料"
    build_tree(root, {"III-8-1-3 家风/报告.docx": good_report()})
    name = "很长的文件夹名字" * 10  # 240 bytes, within NAME_MAX
    made, fd = [], os.open(root, os.O_RDONLY)
    try:
        for _ in range(20):  # made relative to an open folder: the full path is too long
            os.mkdir(name, dir_fd=fd)
            made.append(fd)
            fd = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.mkdir("III-27-3-1 养老", dir_fd=fd)
        report = run_check(plan, root, "III-8-1-3", "III-27-3-1")
        [problem] = [f for f in report.other_findings if f.code == "unreadable"]
        assert "路径太长" in problem.message and "缩短上层文件夹的名称" in problem.message
        assert "权限" not in problem.message and problem.path.startswith(name)
        assert result_of(report, "III-8-1-3").status == "pass"
    finally:  # take it down from below, relative to the open folders
        os.rmdir("III-27-3-1 养老", dir_fd=fd)
        os.close(fd)
        while made:
            parent = made.pop()
            os.rmdir(name, dir_fd=parent)
            os.close(parent)


def test_os_errors_say_what_to_do():
    import errno

    from cwm.errors import os_problem

    assert os_problem(PermissionError(errno.EACCES, "x")) == "没有权限。请检查路径和权限。"
    too_long = os_problem(OSError(errno.ENAMETOOLONG, "x"))
    assert too_long.startswith("路径太长。") and "权限" not in too_long
    # Windows says a path beyond MAX_PATH is not found (errno ENOENT): it is too long
    deep = "C:\\材料\\" + "很长的文件夹名字\\" * 30
    for winerror, name in ((206, "C:\\a"), (3, deep)):
        exc = FileNotFoundError(errno.ENOENT, "The system cannot find the path", name)
        exc.winerror = winerror  # set by Windows; a plain attribute here
        assert os_problem(exc) == too_long
    missing = FileNotFoundError(errno.ENOENT, "not found", "C:\\材料")
    missing.winerror = 3  # a short path not found is not found
    assert os_problem(missing) == "文件或文件夹不存在。请检查路径是否写对。"


@POSIX
def test_fifos_are_skipped_never_opened(tmp_path):
    root = build_tree(tmp_path / "ev", {"III-8-1-3/报告.docx": good_report()})
    os.mkfifo(root / "III-8-1-3" / "管道.docx")
    code, out, err, _ = cwm("check", root, "-f", "json", "--no-cache", timeout=60)
    [fifo] = [f for f in findings(json.loads(out)) if f["path"] == "III-8-1-3/管道.docx"]
    assert fifo["code"] == "special-file"


@POSIX
def test_control_characters_in_names_are_escaped_in_text(tmp_path):
    root = build_tree(tmp_path / "ev", {"III-8-1-3/报告.docx": good_report()})
    (root / "III-8-1-3" / "坏\x1b[31m名\n字.xyz").write_bytes(b"x")
    code, out, err, _ = cwm("check", root, "--no-cache")
    assert "\x1b" not in out and "坏\\x1b[31m名\\x0a字.xyz" in out


# --- errors say what they are ---------------------------------------------------------------


NO_READ_ALL = ("setpriv", "--bounding-set=-dac_override,-dac_read_search")
"""root without the capabilities that let it read any file."""


@POSIX
@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv"),
    reason="root with setpriv: runs cwm as a root that may not read every file",
)
def test_no_permission_is_said_and_never_cached(tmp_path):
    """A file the user may not read is “没有读取权限” (not “damaged”), and once it is readable
    the next run reads it: the first answer was not cached."""
    root = build_tree(tmp_path / "ev", {"III-8-1-3/报告.docx": good_report()})
    report = root / "III-8-1-3" / "报告.docx"
    report.chmod(0)
    try:
        code, out, err, _ = cwm("check", root, "-f", "json", prefix=NO_READ_ALL)
        [finding] = [f for f in findings(json.loads(out)) if f["path"] == "III-8-1-3/报告.docx"]
        assert finding["code"] == "unreadable" and "没有读取权限" in finding["message"]
    finally:
        report.chmod(0o644)
    code, out, err, _ = cwm("check", root, "-f", "json", prefix=NO_READ_ALL)
    result = next(r for r in json.loads(out)["requirements"] if r["id"] == "III-8-1-3")
    assert result["status"] == "pass"


# --- no orphans -----------------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.add(int(entry.name))
    return out


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_workers_end_with_the_run(tmp_path, how):
    # PNGs, decoded whole (a JPEG is read at 1/8 scale: 60 of them took 0.3 s, so the signal
    # could land while cwm was already exiting): the run lasts ~1.5 s after its workers start
    build_tree(
        tmp_path / "ev",
        {
            f"III-7-3-1/2021-04-0{i % 9 + 1}_市民政局_宣讲{i}.png": jpeg_bytes(
                dt.date(2021, 4, 4), size=(2400, 1800), seed=i, fmt="PNG"
            )
            for i in range(40)
        },
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "cwm", "check", str(tmp_path / "ev"), "--no-cache", "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 20
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers |= _children(process.pid)
        time.sleep(0.05)
    if process.poll() is not None:
        pytest.skip("the run finished before its workers could be seen")
    process.send_signal(how)
    process.wait(timeout=60)  # a loaded machine may take a while to deliver the signal
    time.sleep(1.0)
    assert _alive(workers) == set(), f"workers left after {how.name}"
    if how == signal.SIGTERM:
        assert process.returncode == 130


# --- broken data files ----------------------------------------------------------------------

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("text", "line", "words", "bomb"),
    [
        ("plan_year: 2021\nx: 2021-02-30\n", 2, "日期“2021-02-30”不存在", False),
        ("base: &b {a: 1}\nplan_year:\n  <<: *b\n", 3, "合并键", False),
        ("plan_year: !foo 2021\n", 1, "不认识的 YAML 标签“!foo”", False),
        ("plan_year: !!int abc\n", 1, "无法按 int 读取", False),
        ("plan_year: &x [*x]\n", 1, "锚点和别名", True),
        (LAUGHS, 2, "锚点和别名", True),
        ("plan_year: 2021\n" + "x: " + "[" * 100 + "]" * 100 + "\n", 2, "嵌套超过", True),
    ],
    ids=["bad-date", "merge-key", "tag", "int-tag", "recursive-alias", "billion-laughs", "deep"],
)
def test_every_yaml_problem_is_placed(data_copy, capsys, text, line, words, bomb):
    """Each problem named with its line; the files built to exhaust memory or the stack (an
    alias of itself, a billion laughs, deep nesting) in a fresh process, its peak measured."""
    (data_copy / "tasks.yaml").write_text(text, encoding="utf-8")
    if bomb:
        code, out, err, peak = cwm("--data", data_copy, "validate", timeout=60)
        assert peak < MEMORY_BOUND_MB
    else:
        from cwm.cli import main

        code = main(["--data", str(data_copy), "validate"])
        out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert f"tasks.yaml:{line}:" in out and words in out, out
    assert "Traceback" not in err


def test_not_utf8_and_a_folder_for_a_file(data_copy):
    (data_copy / "grid.yaml").write_bytes("grid: 网格".encode("gbk"))
    (data_copy / "sites.yaml").unlink()
    (data_copy / "sites.yaml").mkdir()
    code, out, err, _ = cwm("--data", data_copy, "validate")
    assert code == 2 and "不是 UTF-8 编码" in out and "应为文件，实为文件夹 sites.yaml" in out


def test_a_data_file_beyond_the_bound_is_refused_by_size(data_copy):
    """A data folder of 10,000 tasks (or the wrong file named tasks.yaml) would take ~500 MB:
    past 2 MB a data file is refused before it is parsed, naming the file (exit 2)."""
    tasks = data_copy / "tasks.yaml"
    original = tasks.read_text(encoding="utf-8")
    tasks.write_text(original + "# 填充\n" * 300_000, encoding="utf-8")  # ~2.4 MB, valid YAML
    code, out, err, peak = cwm("--data", data_copy, "validate")
    assert code == 2 and "tasks.yaml" in out and "超过数据文件的上限 2 MB" in out
    assert peak < 100, f"peak {peak} MB"


# --- names a shared drive can hold ------------------------------------------------------------


@pytest.mark.slow  # in CI's slow job: keeps the README's test run short
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX byte names")
def test_any_name_any_output(tmp_path):
    """Control characters (ESC, newline, tab) and bytes that are not UTF-8 (a share mounted
    without the right charset), also in the evidence root's own name: every output is written,
    the names escaped the same way everywhere, never exit 3 (before: exit 3, no report)."""
    import json as json_module

    root = os.fsencode(tmp_path) + b"/\xc9\xfa\xbb\xee"  # GBK bytes: not UTF-8
    folder = root + b"/III-8-1-3"
    os.makedirs(folder)
    for name in (b"\x1b[31m\xe6\x8a\xa5\xe5\x91\x8a.docx", b"\xb1\xa8\xb8\xe6.docx", b"a\nb.docx"):
        with open(folder + b"/" + name, "wb") as handle:
            handle.write(docx_bytes(han_text(600)))
    out = os.fsencode(tmp_path) + b"/out"
    runs = {
        "report": ["report", root, "-o", out + b"/\xb1\xa8", "--period", "2021Q2"],
        "json": ["check", root, "-f", "json", "-o", out + b"/c.json", "--period", "2021Q2"],
        "xlsx": ["check", root, "-f", "xlsx", "-o", out + b"/c.xlsx", "--period", "2021Q2"],
        "text": ["check", root, "--period", "2021Q2"],
        "due": ["due", "--evidence", root, "--period", "2021Q2", "-f", "json"],
        "checklist": ["checklist", "--evidence", root, "-o", out + b"/c.html"],
    }
    for what, args in runs.items():
        done = subprocess.run(
            [sys.executable, "-m", "cwm", *args], capture_output=True, timeout=120
        )
        stderr = done.stderr.decode("utf-8", "replace")
        assert done.returncode in (0, 1), (what, done.returncode, stderr)
        assert "内部错误" not in stderr, (what, stderr)
    data = json_module.loads(open(out + b"/c.json", encoding="utf-8").read())
    paths = [f["path"] for r in data["requirements"] for f in r["findings"] if f["path"]]
    assert any("\\x1b[31m" in p for p in paths) and any("\\x0a" in p for p in paths)
    assert any("\ufffd" in p for p in paths)


def test_a_huge_png_is_refused_from_its_header(tmp_path):
    """A 30000×30000 PNG: refused by the size its header declares, before EXIF is read (which
    makes Pillow load a PNG whole: ~900 MB before)."""
    root = tmp_path / "ev"
    (root / "III-27-3-2").mkdir(parents=True)
    huge_png(root / "III-27-3-2" / "锦绣花园_日间照料.png", 30000, 30000)
    code, out, err, peak = cwm("check", root, "-f", "json", "--no-cache", "--jobs", "1")
    by_path = {f["path"]: f for f in findings(json.loads(out))}
    assert by_path["III-27-3-2/锦绣花园_日间照料.png"]["code"] == "too-large"
    assert peak < 150, f"peak {peak} MB"
    print(f"huge PNG: peak {peak} MB")


@pytest.mark.slow  # in CI's slow job: keeps the README's test run short
def test_a_million_row_sheet_is_refused_before_it_is_loaded(tmp_path):
    root = tmp_path / "ev" / "III-15-2-3"
    root.mkdir(parents=True)
    million_row_xlsx(root / "明细.xlsx")
    code, out, err, peak = cwm("check", root.parent, "-f", "json", "--no-cache", "--jobs", "1")
    by_path = {f["path"]: f for f in findings(json.loads(out))}
    assert by_path["III-15-2-3/明细.xlsx"]["code"] == "too-large"
    assert "只需汇总数据" in by_path["III-15-2-3/明细.xlsx"]["message"]
    assert peak < 150, f"peak {peak} MB"
    print(f"million rows: peak {peak} MB")


@pytest.mark.parametrize("made_by", ["openpyxl", "LibreOffice"])
def test_a_sheet_spanning_millions_of_empty_cells_is_refused_before_it_is_loaded(tmp_path, made_by):
    """One value typed at IV65536 (or an .xls whose DIMENSIONS declares 65,536 × 256, as a 42 KB
    file of Apache POI's corpus does): the reader would hold 16.7 million cells (~550 MB).
    Refused from the sheet's references before loading, with the fix; a table of the usual
    width and length beside it is read."""
    import openpyxl

    root = tmp_path / "ev" / "III-15-2-3"
    root.mkdir(parents=True)
    if made_by == "openpyxl":
        book = openpyxl.Workbook()
        book.active["A1"], book.active["B1"], book.active["IV65536"] = "指标", "数值", "x"
        book.save(root / "宽表.xlsx")
        wide = "III-15-2-3/宽表.xlsx"
    else:
        shutil.copy2(Path(__file__).parent / "fixtures" / "real" / "宽表.xls", root / "宽表.xls")
        wide = "III-15-2-3/宽表.xls"
    fine = openpyxl.Workbook()
    for row in range(1, 400):
        for column in range(1, 14):
            fine.active.cell(row, column, f"{row}-{column}")
    fine.save(root / "台账.xlsx")
    code, out, err, peak = cwm("check", root.parent, "-f", "json", "--no-cache", "--jobs", "1")
    by_path = {f["path"]: f for f in findings(json.loads(out))}
    assert by_path[wide]["code"] == "too-large"
    assert "65536 行 × 256 列" in by_path[wide]["message"]
    assert "删去表格下方和右侧多余的行列" in by_path[wide]["message"]
    assert "III-15-2-3/台账.xlsx" not in by_path or by_path["III-15-2-3/台账.xlsx"]["code"] != (
        "too-large"
    )
    assert peak < 150, f"peak {peak} MB"


# --- outputs and signals --------------------------------------------------------------------


def _cwm_command() -> list[str]:
    """The installed ``cwm`` of this environment, else ``python -m cwm`` (the same entry)."""
    script = shutil.which("cwm", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "cwm"]


def _small_tree(root: Path) -> Path:
    return build_tree(
        root,
        {
            "III-8-1-3/报告.docx": good_report(),
            "III-7-3-1/说明.docx": docx_bytes("2021年" + han_text(100)),
        },
    )


@POSIX
def test_closed_standard_streams_still_write_the_files_and_the_verdict(tmp_path):
    """A scheduler or a windowed build with no stdin, stdout or stderr: the report is written
    whole and the exit code is the verdict (before: a traceback on the missing stream, exit 1
    and no report)."""
    root = _small_tree(tmp_path / "ev")
    out = tmp_path / "报告"
    code = subprocess.run(
        [*_cwm_command(), "report", str(root), "-o", str(out), "--period", "2021Q2"],
        stdin=subprocess.DEVNULL,
        pass_fds=(),
        preexec_fn=lambda: [os.close(fd) for fd in (0, 1, 2)],
        env={**os.environ, "CWM_CACHE_DIR": str(tmp_path / "cache")},
        timeout=120,
    ).returncode
    assert code == 1  # III-7-3-1's report is short: the verdict, not a crash
    (report,) = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert {"检查结果.json", "检查结果.xlsx"} <= {p.name for p in report.iterdir()}


@POSIX
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_reader_that_stops_reading_leaves_the_verdict(tmp_path, fmt):
    """``cwm check … | head -1``: the exit code is still 1 (errors found), never 0, and no
    traceback (before: 0, as if the folder passed)."""
    root = _small_tree(tmp_path / "ev")
    for n in range(500):  # a warning each, long names: more output than a pipe holds (64 KB)
        (root / "III-8-1-3" / f"{'未知的文件' * 9}{n:04d}.xyz").write_text("x", encoding="utf-8")
    process = subprocess.Popen(
        [*_cwm_command(), "check", str(root), "-f", fmt, "--period", "2021Q2", "--no-cache"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "CWM_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert process.stdout is not None and process.stderr is not None
    if fmt == "json":
        process.stdout.read(20)  # `| head -c 20`: read a little, then go
    process.stdout.close()  # the reader is gone (for text: before the first line, `| true`)
    errors = process.stderr.read().decode("utf-8", "replace")
    assert process.wait(timeout=120) == 1 and "Traceback" not in errors


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_stop_signals_at_random_moments_end_the_run_cleanly(tmp_path):
    """SIGTERM and SIGINT at random moments of a report run (starting, reading in workers,
    writing), many times: each run ends within 5 s, with its verdict or 130, no traceback, no
    worker left and no half-written report (before: some runs hung on the pool's queue, workers
    printed KeyboardInterrupt tracebacks)."""
    import random

    build_tree(
        tmp_path / "ev",
        {
            f"III-7-3-1/2021-04-0{i % 9 + 1}_市民政局_宣讲{i}.png": jpeg_bytes(
                dt.date(2021, 4, 4), size=(1600, 1200), seed=i, fmt="PNG"
            )
            for i in range(24)
        }
        | {"III-8-1-3/报告.docx": good_report()},
    )
    chance = random.Random(20211231)
    outcomes = []
    for attempt in range(24):
        how = (signal.SIGTERM, signal.SIGINT)[attempt % 2]
        out = tmp_path / f"报告{attempt}"
        process = subprocess.Popen(
            [
                *_cwm_command(),
                "report",
                str(tmp_path / "ev"),
                "-o",
                str(out),
                "--no-cache",
                "--jobs",
                "2",
                "--period",
                "2021Q2",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "CWM_CACHE_DIR": str(tmp_path / "cache")},
        )
        seen: set[int] = set()
        deadline = time.monotonic() + chance.uniform(0.05, 2.5)
        while time.monotonic() < deadline and process.poll() is None:
            seen |= _children(process.pid)
            time.sleep(0.02)
        process.send_signal(how)
        sent = time.monotonic()
        try:
            code = process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail(f"attempt {attempt}: still running 5 s after {how.name}")
        assert time.monotonic() - sent < 5
        errors = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        assert "Traceback" not in errors, errors
        # 1: done before the signal; 130: stopped; -signal: it came while Python was ending
        # the process (handlers are reset then), after the report was whole
        assert code in (1, 130, -how), (attempt, code, errors)
        time.sleep(0.3)
        assert _alive(seen) == set(), f"attempt {attempt}: workers left"
        if out.exists():
            visible = [p for p in out.iterdir() if not p.name.startswith(".")]
            for folder in visible:  # a report folder appears whole or not at all
                assert {"检查结果.json", "检查结果.xlsx"} <= {p.name for p in folder.iterdir()}
        outcomes.append(code)
    assert 130 in outcomes  # the signals did land during runs


def test_real_workbooks_of_a_public_corpus_are_findings_within_the_memory_bound(tmp_path):
    """Files of Apache POI's corpus beside the LibreOffice-written ones: the 42 KB .xls that
    declares 65,536 × 256 cells is refused before loading (it took 1.1 GB), the
    password-protected .xls says so (it was a “wrong content” before), the real tables read."""
    real = Path(__file__).parent / "fixtures" / "real"
    root = tmp_path / "ev" / "III-15-2-3"
    root.mkdir(parents=True)
    for path in [*(real / "poi").glob("*.xls"), *real.glob("志愿者数据.*")]:
        shutil.copy2(path, root / path.name)
    code, out, err, peak = cwm("check", root.parent, "-f", "json", "--no-cache", "--jobs", "1")
    by_path = {f["path"]: f for f in findings(json.loads(out))}
    assert by_path["III-15-2-3/51535.xls"]["code"] == "too-large"
    assert by_path["III-15-2-3/password.xls"]["code"] == "encrypted"
    tables = [f for p, f in by_path.items() if p and p.startswith("III-15-2-3/志愿者数据")]
    assert not [f for f in tables if f["code"] in ("too-large", "encrypted", "wrong-content")]
    assert peak < 300, f"peak {peak} MB"
