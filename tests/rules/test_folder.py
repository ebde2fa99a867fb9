"""Rule module folder: folder-missing, folder-duplicate; and how folders are found."""

from __future__ import annotations

from ..builders import build_tree, codes, docx_bytes, han_text, result_of, run_check


def report(n=600):
    lead = "2021年投入资金300万元，建成12个站点。出台政策，建立制度，纳入考核，加强督导。"
    from cwm.formats.wordcount import word_count

    return docx_bytes(lead + han_text(n - word_count(lead)))


def test_missing_folder_is_an_error_and_status_missing(plan, tmp_path):
    result = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    assert result.status == "missing" and codes(result) == ["folder-missing"]
    assert "III-8-1-3" in result.findings[0].message


def test_folders_at_any_depth_with_free_text_and_folded_forms(plan, tmp_path):
    build_tree(
        tmp_path,
        {
            "社会事务与儿童保障科/2021/Ⅲ－8－1－3 家风家教/报告.docx": report(),
            "养老服务科/iii-27-3-1_养老设施/报告.docx": report(800),
        },
    )
    found = run_check(plan, tmp_path, "III-8-1-3", "III-27-3-1")
    assert result_of(found, "III-8-1-3").folder == "社会事务与儿童保障科/2021/Ⅲ－8－1－3 家风家教"
    assert result_of(found, "III-27-3-1").status == "pass"


def test_folders_numbered_to_sort_them(plan, tmp_path):
    """Offices number their folders to keep them in order (01_, 1、, （3）, 一、): the id after
    the number is the folder's id; a year before it is no number of that kind."""
    build_tree(
        tmp_path,
        {
            "01_III-8-1-3 家风家教/报告.docx": report(),
            "2、III-27-3-1 养老设施/报告.docx": report(800),
            "（3）III-10-2-1 地名文化/报告.docx": report(800),
        },
    )
    found = run_check(plan, tmp_path, "III-8-1-3", "III-27-3-1", "III-10-2-1")
    assert result_of(found, "III-8-1-3").folder == "01_III-8-1-3 家风家教"
    assert result_of(found, "III-27-3-1").folder == "2、III-27-3-1 养老设施"
    assert result_of(found, "III-10-2-1").folder == "（3）III-10-2-1 地名文化"


def test_iii_7_never_matches_iii_70(plan, tmp_path):
    build_tree(tmp_path, {"III-70-2-1 社会组织/报告.docx": report()})
    found = run_check(plan, tmp_path, "III-7-3-1", "III-70-2-1")
    assert result_of(found, "III-7-3-1").status == "missing"
    assert result_of(found, "III-70-2-1").folder == "III-70-2-1 社会组织"


def test_id_followed_directly_by_text_and_every_dash(plan, tmp_path):
    """People type the id and the title without a space, or with the plan's own dash."""
    build_tree(
        tmp_path,
        {"III-27-3-3养老服务体系/报告.docx": report(800), "Ⅲ—8—1—3 家风/报告.docx": report()},
    )
    found = run_check(plan, tmp_path, "III-27-3-3", "III-8-1-3")
    assert result_of(found, "III-27-3-3").folder == "III-27-3-3养老服务体系"
    assert result_of(found, "III-8-1-3").folder == "Ⅲ—8—1—3 家风"


def test_an_id_that_goes_on_is_another_id(plan, tmp_path):
    """III-8-1-31 is not III-8-1-3: an unknown id, with the nearest ids suggested."""
    build_tree(tmp_path, {"III-8-1-31 家风/报告.docx": report()})
    found = run_check(plan, tmp_path, "III-8-1-3")
    assert result_of(found, "III-8-1-3").status == "missing"
    [unknown] = [f for f in found.other_findings if f.code == "unknown-id"]
    assert unknown.severity == "error" and "III-8-1-3 " in unknown.message


def test_a_mistyped_id_suggests_the_nearest_by_id_and_title(plan, tmp_path):
    build_tree(tmp_path, {"养老服务科/III-27-3-4 养老服务体系/报告.docx": report(800)})
    found = run_check(plan, tmp_path, "III-27-3-3")
    [unknown] = [f for f in found.other_findings if f.code == "unknown-id"]
    assert unknown.path == "养老服务科/III-27-3-4 养老服务体系"
    assert "是否应为 III-27-3-3 养老服务体系和综合监管制度" in unknown.message


def test_pointed_at_one_requirement_folder(plan, tmp_path):
    folder = build_tree(tmp_path / "III-8-1-3 家风家教", {"报告.docx": report()})
    result = result_of(run_check(plan, folder, "III-8-1-3"), "III-8-1-3")
    assert result.folder == "." and result.status == "pass"


def test_reference_subfolder_is_listed_not_judged(plan, tmp_path):
    build_tree(
        tmp_path,
        {"III-8-1-3/报告.docx": report(), "III-8-1-3/参考资料/初稿.docx": report(200)},
    )
    result = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    assert result.status == "pass"
    [listed] = [f for f in result.findings if f.code == "reference-files"]
    assert listed.path == "III-8-1-3/参考资料" and "初稿.docx" in listed.message


def test_two_folders_for_one_id_name_both(plan, tmp_path):
    build_tree(
        tmp_path, {"a/III-8-1-3 一/报告.docx": report(), "b/III-8-1-3 二/报告.docx": report()}
    )
    result = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    duplicate = next(f for f in result.findings if f.code == "folder-duplicate")
    assert (
        duplicate.severity == "error"
        and "a/III-8-1-3 一" in duplicate.message
        and "b/III-8-1-3 二" in duplicate.message
    )
    assert result.status == "fail"


def test_stray_files_are_info(plan, tmp_path):
    build_tree(tmp_path, {"说明.docx": report(), "III-8-1-3/报告.docx": report()})
    found = run_check(plan, tmp_path, "III-8-1-3")
    [stray] = found.other_findings
    assert (stray.code, stray.severity, stray.path) == ("stray-file", "info", "说明.docx")
