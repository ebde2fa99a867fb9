"""Rule module documents: document-count, document-number."""

from __future__ import annotations

from ..builders import build_tree, codes, docx_bytes, pdf_bytes, result_of, run_check


def check(plan, tmp_path, files):
    build_tree(tmp_path, files)
    return result_of(run_check(plan, tmp_path, "III-27-1-3"), "III-27-1-3")


def test_document_with_a_number_passes(plan, tmp_path):
    result = check(
        plan,
        tmp_path,
        {
            "III-27-1-3/孤儿供养标准.pdf": pdf_bytes(
                "资民发〔2021〕25号 关于提高孤儿基本生活保障标准的通知"
            )
        },
    )
    assert codes(result) == [] and result.status == "pass"


def test_number_forms(plan, tmp_path):
    for i, text in enumerate(
        ["资府办发(2020) 28号 通知", "川民发［2021］3号", "资民发【2021】12 号"]
    ):
        assert codes(check(plan, tmp_path / str(i), {"III-27-1-3/文.docx": docx_bytes(text)})) == []


def test_no_document_number_on_the_first_page_is_a_warning(plan, tmp_path):
    result = check(
        plan, tmp_path, {"III-27-1-3/说明.docx": docx_bytes("关于孤儿供养工作的情况说明")}
    )
    assert codes(result) == ["document-number"] and result.status == "warn"


def test_no_document_is_an_error(plan, tmp_path):
    result = check(plan, tmp_path, {"III-27-1-3/照片.jpg": b""})
    assert "document-count" in codes(result)
    assert "正式发文 0 份，要求 1 份以上" in next(
        f.message for f in result.findings if f.code == "document-count"
    )
