"""Rule module files: unreadable, wrong-content, encrypted, truncated, unknown types, bad names,
symlink loops, ignored files — findings, never crashes."""

from __future__ import annotations

import os
import sys

import pytest

from ..builders import (
    build_tree,
    codes,
    docx_bytes,
    han_text,
    jpeg_bytes,
    pdf_bytes,
    result_of,
    run_check,
)


def finding(result, code):
    return next(f for f in result.findings if f.code == code)


def test_text_file_renamed_docx_is_wrong_content(plan, tmp_path):
    build_tree(tmp_path, {"III-8-1-3/报告.docx": "这是文本，不是 Word"})
    result = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    assert finding(result, "wrong-content").path == "III-8-1-3/报告.docx"
    assert "report-missing" in codes(result) and result.status == "fail"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("空.docx", b"", "empty"),
        ("空.txt", b"", "empty"),
        ("截断.docx", docx_bytes("民政局" * 50)[:300], "wrong-content"),
        ("空.jpg", b"", "empty"),
        ("截断.jpg", jpeg_bytes()[:-200], "truncated"),
        ("空.pdf", b"", "empty"),
        ("截断.pdf", pdf_bytes("民政局")[:200], "wrong-content"),
        ("加密.pdf", pdf_bytes("民政局", encrypt="pw"), "encrypted"),
    ],
)
def test_corrupt_files_are_errors(plan, tmp_path, name, data, code):
    build_tree(tmp_path, {f"III-7-3-1/{name}": data})
    result = result_of(run_check(plan, tmp_path, "III-7-3-1"), "III-7-3-1")
    assert finding(result, code).path == f"III-7-3-1/{name}"
    assert finding(result, code).severity == "error"


def test_unknown_type_is_a_warning_and_ignored_files_are_not_evidence(plan, tmp_path):
    build_tree(
        tmp_path,
        {
            "III-8-1-3/报告.docx": docx_bytes(f"2021年{han_text(595)}"),
            "III-8-1-3/数据.xyz": b"\0\0",
            "III-8-1-3/~$报告.docx": b"lock",
            "III-8-1-3/Thumbs.db": b"x",
            "III-8-1-3/desktop.ini": b"x",
            "III-8-1-3/.DS_Store": b"x",
            "III-8-1-3/要求.txt": "# 要求",
        },
    )
    result = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    assert codes(result) == ["unknown-type"] and result.status == "warn"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names and links")
def test_undecodable_name_and_symlink_loop(plan, tmp_path):
    folder = tmp_path / "III-8-1-3"
    build_tree(tmp_path, {"III-8-1-3/报告.docx": docx_bytes(f"2021年{han_text(595)}")})
    os.symlink(tmp_path, folder / "回到上层")
    bad = os.fsencode(str(folder)) + b"/\xff\xfe.docx"
    with open(bad, "wb") as handle:
        handle.write(b"junk")
    result = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    assert {"symlink-loop", "bad-name", "wrong-content"} <= set(codes(result))
    assert any("\ufffd" in (f.path or "") for f in result.findings)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(plan, tmp_path):
    build_tree(tmp_path, {"III-8-1-3/报告.docx": docx_bytes("民政局")})
    path = tmp_path / "III-8-1-3" / "报告.docx"
    path.chmod(0)
    try:
        result = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    finally:
        path.chmod(0o644)
    assert "unreadable" in codes(result)
