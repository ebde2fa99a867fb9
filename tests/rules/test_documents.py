"""Rule module documents: document-count, document-number."""

from __future__ import annotations

import pytest

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


def test_number_pattern_agrees_with_the_longer_form():
    """The pattern asks for one Han character before the bracket; the form it replaced asked
    for one to twelve (and ran ten times slower on a page of text). Both agree on whether a
    page has a number, on random pages built from the pieces of one."""
    import random
    import re

    from cwm.evidence.rules.documents import has_document_number

    longer = re.compile(
        r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d{1,4}\s*号"
    )
    choices = [
        ["", "关于", "a", "。", "\n", "资民发", "x资府办发", "一二三四五六七八九十一二三四"],
        ["", " ", "\u3000", "  "],
        ["〔", "(", "【", "［", "[", "<", ""],
        ["2021", "1999", "21", "2021 ", " 2020"],
        ["〕", "）", "】", "]", ">", ""],
        ["", " "],
        ["25", "1", "12345", "", "2 5"],
        ["号", " 号", "", "号文"],
    ]
    rnd = random.Random(5)
    pages = ["".join(rnd.choice(c) for c in choices) for _ in range(20000)]
    agreed = [has_document_number(p) == bool(longer.search(p)) for p in pages]
    assert all(agreed)
    assert 100 < sum(has_document_number(p) for p in pages) < 19900  # both outcomes occur


def _pasted_scan(path, text: str | None = None):
    """A Word file made the way offices send a scanned 正式发文: the page pasted in as a
    picture, no text typed."""
    import docx
    from docx.shared import Mm

    from ..builders import jpeg_bytes

    picture = path.with_suffix(".jpg")
    picture.write_bytes(jpeg_bytes())
    document = docx.Document()
    if text:
        document.add_paragraph(text)
    document.add_picture(str(picture), width=Mm(150))
    document.save(str(path))
    picture.unlink()
    return path


def test_a_word_file_of_a_pasted_scan_is_left_to_a_person(plan, tmp_path):
    """Without the OCR extra a scan pasted into Word is a scan (a person reads its 文号), not a
    document without a number; a Word file with typed text and a picture is read as text."""
    folder = tmp_path / "III-27-1-3"
    folder.mkdir()
    _pasted_scan(folder / "发文.docx")
    result = result_of(run_check(plan, tmp_path, "III-27-1-3"), "III-27-1-3")
    assert "document-scan" in codes(result) and "document-number" not in codes(result)
    _pasted_scan(folder / "发文.docx", "资民发〔2021〕25号 关于提高孤儿基本生活保障标准的通知")
    result = result_of(run_check(plan, tmp_path, "III-27-1-3"), "III-27-1-3")
    assert codes(result) == [] and result.status == "pass"


# --- a 正式发文 photographed or scanned to pictures ------------------------------------------


def _page(text: str = "资阳市民政局文件") -> bytes:
    """A page as a phone photographs it: white paper, a red header, black lines."""
    import io

    from PIL import Image, ImageDraw

    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((150, 120, 1090, 200), fill=(200, 20, 20))
    for top in range(400, 1500, 60):
        draw.line((150, top, 1090, top), fill="black", width=3)
    draw.text((160, 300), text, fill="black")
    out = io.BytesIO()
    page.save(out, "JPEG", quality=85)
    return out.getvalue()


def test_a_photographed_document_counts_and_is_left_to_a_person(plan, tmp_path):
    """A reviewer takes a photographed 红头文件 as the document: not 未达标 for want of a
    PDF; without the OCR extra its 文号 is for a person to see."""
    result = check(plan, tmp_path, {"III-27-1-3/关于调整孤儿基本生活保障标准的通知.jpg": _page()})
    assert codes(result) == ["document-scan"] and result.status == "manual"
    (finding,) = result.findings[:1]
    assert finding.path.endswith("通知.jpg") and "请人工核对发文字号" in finding.message


@pytest.fixture
def two_documents(edit):
    """The plan with III-27-1-3 asking for two 正式发文."""
    from cwm.plan.loader import load_plan

    old, new = (
        "            count: 1\n            text: 正式发文",
        "            count: 2\n            text: 正式发文",
    )
    return load_plan(edit("tasks.yaml", old, new))


def _pictures_checked(plan, root, names: list[str]):
    build_tree(root, {f"III-27-1-3/{name}": _page() for name in names})
    return result_of(run_check(plan, root, "III-27-1-3"), "III-27-1-3")


@pytest.mark.parametrize(
    "names",
    [
        ["通知_1.jpg", "通知_2.jpg", "通知_3.jpg"],
        ["通知（1）.jpg", "通知（2）.png"],
        ["通知 第1页.jpg", "通知 第2页.jpg"],
        ["通知-p1.jpg", "通知-P2.jpg"],
    ],
)
def test_pages_of_one_document_are_one_document(two_documents, tmp_path, names):
    """通知_1 … 通知_3 (and 通知（1）, 第2页, p3) are the pages of one document: a plan asking
    for two documents is not met by them."""
    result = _pictures_checked(two_documents, tmp_path, names)
    assert codes(result) == ["document-count", "document-scan"], names
    count = next(f for f in result.findings if f.code == "document-count")
    assert "正式发文 1 份，要求 2 份以上" in count.message
    scan = next(f for f in result.findings if f.code == "document-scan")
    assert scan.path.endswith(names[0]) and f"（{len(names)} 张）" in scan.message


@pytest.mark.parametrize(
    "names",
    [
        ["IMG_20210512_093102.jpg", "IMG_20210512_093215.jpg"],
        ["微信图片_20210603152233.jpg", "微信图片_20210603152301.jpg"],
        ["资民发〔2021〕25号.jpg", "资民发〔2021〕26号.jpg"],
        ["通知.jpg", "决定.jpg"],
    ],
)
def test_camera_names_and_document_numbers_are_no_page_numbers(two_documents, tmp_path, names):
    """Near misses: two pictures named by a camera, by their 文号 or by their titles are two
    documents, which meet a plan asking for two."""
    result = _pictures_checked(two_documents, tmp_path, names)
    assert codes(result) == ["document-scan", "document-scan"], names


def test_a_pdf_beside_a_photographed_page_makes_two(plan, tmp_path):
    result = check(
        plan,
        tmp_path,
        {
            "III-27-1-3/孤儿供养标准.pdf": pdf_bytes(
                "资民发〔2021〕25号 关于提高孤儿基本生活保障标准的通知"
            ),
            "III-27-1-3/附件.jpg": _page(),
        },
    )
    assert codes(result) == ["document-scan"]
    assert "document-count" not in codes(result)


def test_pictures_of_an_item_that_asks_for_pictures_are_not_pages(plan):
    """An item asking for 图片资料 (and one for 截图) keeps its pictures as photos, even when it
    also asks for a document; only a document-only item takes them as pages."""
    from cwm.evidence.rules.documents import takes_pages

    assert takes_pages({"document"}) and takes_pages({"document", "report"})
    assert not takes_pages({"document", "photos"}) and not takes_pages({"document", "screenshot"})
    assert not takes_pages({"photos"}) and not takes_pages({"report"})
