"""Rule module manual: manual-check items and 部门评价."""

from __future__ import annotations

from ..builders import build_tree, jpeg_bytes, result_of, run_check


def test_evaluation_needs_no_folder(plan, tmp_path):
    result = result_of(run_check(plan, tmp_path, "III-46-2-2"), "III-46-2-2")
    assert result.status == "manual"
    assert [f.code for f in result.findings] == [
        "evaluation"
    ]  # no folder-missing: nothing to hand in


def test_evaluation_with_a_folder_is_manual(plan, tmp_path):
    (tmp_path / "III-46-2-2 地名管理").mkdir()
    result = result_of(run_check(plan, tmp_path, "III-46-2-2"), "III-46-2-2")
    assert result.status == "manual"


def test_manual_items_of_the_requirement_and_the_notes(plan, tmp_path):
    import datetime as dt

    build_tree(
        tmp_path,
        {f"III-27-1-4/中心{i}_x.jpg": jpeg_bytes(dt.date(2021, 5, 1), seed=i) for i in range(2)},
    )
    result = result_of(run_check(plan, tmp_path, "III-27-1-4"), "III-27-1-4")
    manual = [f.message for f in result.findings if f.code == "manual-check"]
    assert "人工核对：1张体现中心名称" in manual
    assert any("20人以上" in m for m in manual)
    assert all(f.severity == "info" for f in result.findings if f.code == "manual-check")
