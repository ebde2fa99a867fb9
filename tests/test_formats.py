"""The files Chinese offices really produce: OFD, WPS/old Excel and ODF tables, iPhone HEIC,
rotated phone copies, archives, video, scans, Word 95, encrypted Office files.

Files written by real software live in ``tests/fixtures/real/`` (see its README) with what
independent tools read from them; the builders make the rest.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cwm.evidence.similarity import distance
from cwm.formats import read_document
from cwm.formats.image import read_photo
from cwm.formats.table import read_table
from cwm.formats.wordcount import count

from .builders import (
    build_tree,
    codes,
    compound_file,
    encrypted_ooxml_bytes,
    han_text,
    jpeg_bytes,
    ofd_bytes,
    pdf_bytes,
    result_of,
    run_check,
    word95_bytes,
    zip_bytes,
)
from .test_wordcount import reference_count

REAL = Path(__file__).parent / "fixtures" / "real"
EXPECTED = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))


def squeeze(text: str) -> str:
    return "".join(text.split())


# --- documents written by LibreOffice ---------------------------------------------------------


@pytest.mark.parametrize("name", ["说明报告.doc", "说明报告.docx"])
def test_documents_read_as_libreoffice_reads_them(name):
    theirs = EXPECTED[name]["text"]
    ours = read_document(REAL / name).text
    assert squeeze(ours) == squeeze(theirs)
    assert count(ours).words == reference_count(theirs) == 297


def test_the_pdf_export_counts_the_same_words():
    assert (
        count(read_document(REAL / "说明报告.pdf").text).words
        == count(read_document(REAL / "说明报告.docx").text).words
    )


@pytest.mark.parametrize("name", ["志愿者数据.xls", "志愿者数据.ods", "志愿者数据.xlsx"])
def test_tables_read_as_libreoffice_reads_them(name):
    assert read_table(REAL / name).rows == EXPECTED[name]["rows"]


def test_real_tables_pass_the_volunteer_thresholds(plan, tmp_path):
    for suffix in ("xls", "ods"):
        build_tree(
            tmp_path / suffix,
            {f"III-15-2-3/志愿者数据.{suffix}": (REAL / f"志愿者数据.{suffix}").read_bytes()},
        )
        result = result_of(run_check(plan, tmp_path / suffix, "III-15-2-3"), "III-15-2-3")
        assert result.status == "pass", result.findings


def test_a_wps_et_table_is_read_like_xls(plan, tmp_path):
    """WPS 表格 saves .et in the Excel 97 binary format: read by content, not by name."""
    build_tree(tmp_path, {"III-15-2-3/志愿者数据.et": (REAL / "志愿者数据.xls").read_bytes()})
    assert result_of(run_check(plan, tmp_path, "III-15-2-3"), "III-15-2-3").status == "pass"


def test_integers_stay_integers():
    assert ["常住人口（人）", "2305000"] in read_table(REAL / "志愿者数据.xlsx").rows


# --- photos -----------------------------------------------------------------------------------


def test_an_iphone_heic_is_read_like_a_jpeg():
    facts = read_photo(REAL / "iphone.heic")
    expected = EXPECTED["iphone.heic"]
    assert (facts.width, facts.height) == (expected["ImageWidth"], expected["ImageHeight"])
    assert facts.taken == dt.date(2021, 4, 11) and expected["DateTimeOriginal"].startswith(
        "2021:04:11"
    )
    assert facts.dhash is not None


def test_a_rotated_copy_is_the_same_photo():
    """The same picture saved with EXIF orientation 1, 6 and 8 (pixels stored turned)."""
    from PIL import Image

    from cwm.formats.imagehash import dhash

    hashes = [read_photo(REAL / f"orientation_{n}.jpg").dhash for n in (1, 6, 8)]
    assert all(distance(hashes[0], h) <= 2 for h in hashes)
    raw = [dhash(Image.open(REAL / f"orientation_{n}.jpg")) for n in (1, 6)]
    assert distance(*raw) > 8  # before the orientation is applied they look unrelated


def test_photo_types_come_from_the_bytes(plan, tmp_path):
    names = [
        "阳光小区_助餐.heic",
        "锦绣花园_照料.jpg",
        "滨江苑_康复.jpg",
        "南湖小区_文娱.jpg",
        "和平里_助浴.jpg",
    ]
    files = {
        f"III-27-3-2/{n}": jpeg_bytes(dt.date(2021, 4, 4), seed=i) for i, n in enumerate(names[1:])
    }
    files["III-27-3-2/阳光小区_助餐.heic"] = "这不是照片"
    build_tree(tmp_path / "a", files)
    result = result_of(run_check(plan, tmp_path / "a", "III-27-3-2"), "III-27-3-2")
    assert "wrong-content" in codes(result) and "photo-count" in codes(result)
    build_tree(
        tmp_path / "b",
        {**files, "III-27-3-2/阳光小区_助餐.heic": (REAL / "iphone.heic").read_bytes()},
    )
    result = result_of(run_check(plan, tmp_path / "b", "III-27-3-2"), "III-27-3-2")
    assert "photo-count" not in codes(result) and "wrong-content" not in codes(result)


# --- OFD ----------------------------------------------------------------------------------------


def test_ofd_text_in_page_order_and_the_number_on_page_one(tmp_path):
    path = tmp_path / "通知.ofd"
    path.write_bytes(
        ofd_bytes(
            "资民发〔2021〕25号 关于印发工作方案的通知" + han_text(100), "第二页" + han_text(50)
        )
    )
    document = read_document(path)
    assert document.first_page.startswith("资民发〔2021〕25号")
    assert document.text.index("关于印发") < document.text.index("第二页")
    assert count(document.text).words == reference_count(document.text)


def test_an_ofd_counts_as_official_document_and_report(plan, tmp_path):
    build_tree(
        tmp_path,
        {
            "III-27-1-3/孤儿基本生活保障标准.ofd": ofd_bytes(
                "资民发〔2021〕12号 关于调整孤儿基本生活保障标准的通知" + han_text(300)
            ),
            "III-8-1-3/报告.ofd": ofd_bytes("2021年" + han_text(300), han_text(295)),
        },
    )
    report = run_check(plan, tmp_path, "III-27-1-3", "III-8-1-3")
    assert result_of(report, "III-27-1-3").status == "pass"
    assert result_of(report, "III-8-1-3").status == "pass"


def test_an_ofd_missing_a_page_is_named(plan, tmp_path):
    build_tree(
        tmp_path, {"III-8-1-3/报告.ofd": ofd_bytes(han_text(300), han_text(300), drop_page=1)}
    )
    result = result_of(run_check(plan, tmp_path, "III-8-1-3"), "III-8-1-3")
    [damaged] = [f for f in result.findings if f.code == "wrong-content"]
    assert "OFD 文件不完整" in damaged.message and damaged.path == "III-8-1-3/报告.ofd"


# --- archives, video, scans, Word 95, encrypted -------------------------------------------------


def test_an_archive_says_what_it_holds(plan, tmp_path):
    photos = {f"照片/{i}.jpg": jpeg_bytes(seed=i) for i in range(5)}
    build_tree(
        tmp_path,
        {
            "III-27-3-2/照片.zip": zip_bytes(photos, gbk_names=True),
            "III-27-3-2/坏.rar": b"Rar!junk",
        },
    )
    result = result_of(run_check(plan, tmp_path, "III-27-3-2"), "III-27-3-2")
    [archive] = [f for f in result.findings if f.code == "archive"]
    assert archive.message == "照片.zip 内有 5 张图片，压缩包中的材料不计入，请解压后放入本文件夹。"
    assert archive.severity == "warning"
    assert any(f.code == "wrong-content" and f.path.endswith("坏.rar") for f in result.findings)
    count_finding = next(f for f in result.findings if f.code == "photo-count")
    assert "0" in count_finding.message


def test_a_video_gets_its_hint(plan, tmp_path):
    build_tree(tmp_path, {"III-7-3-1/活动.mp4": b"\0\0\0\x18ftypmp42", "III-7-3-1/现场.MOV": b"x"})
    result = result_of(run_check(plan, tmp_path, "III-7-3-1"), "III-7-3-1")
    videos = [f for f in result.findings if f.code == "video"]
    assert len(videos) == 2 and "视频截屏" in videos[0].message


def test_a_scanned_official_document_is_a_manual_item(plan, tmp_path):
    build_tree(tmp_path, {"III-27-1-3/通知.pdf": pdf_bytes("x", scanned=True)})
    result = result_of(run_check(plan, tmp_path, "III-27-1-3"), "III-27-1-3")
    assert result.status == "manual"
    [scan] = [f for f in result.findings if f.code == "document-scan"]
    assert "请人工核对发文字号" in scan.message


def test_word_95_and_encrypted_office_files_say_so(plan, tmp_path):
    build_tree(
        tmp_path,
        {
            "III-8-1-3/旧报告.doc": word95_bytes(),
            "III-8-1-3/加密.docx": encrypted_ooxml_bytes(),
            "III-15-2-3/加密.xlsx": encrypted_ooxml_bytes(),
            "III-8-1-3/加密2.doc": compound_file(
                {"EncryptedPackage": bytes(4096), "WordDocument": bytes(4096)}
            ),
        },
    )
    report = run_check(plan, tmp_path, "III-8-1-3", "III-15-2-3")
    by_name = {
        f.path.rsplit("/", 1)[-1]: f for r in report.requirements for f in r.findings if f.path
    }
    assert "Word 6.0/95 格式" in by_name["旧报告.doc"].message
    for name in ("加密.docx", "加密.xlsx", "加密2.doc"):
        assert by_name[name].code == "encrypted" and "去掉密码" in by_name[name].message


def test_count_on_a_table_says_rows_and_cells():
    from typer.testing import CliRunner

    from cwm.cli import app

    result = CliRunner().invoke(app, ["count", str(REAL / "志愿者数据.xls")])
    assert result.exit_code == 0, result.output
    assert "4 行" in result.stdout and "8 个单元格" in result.stdout


def test_a_thumbnail_is_small_upright_and_never_a_bomb(tmp_path):
    """The report's thumbnails: at most 240 px, turned as the camera's EXIF says (a phone held
    upright saves a landscape frame with orientation 6), palette images too; none for a
    picture beyond the pixel bound or a file that is not a picture."""
    import base64
    import io
    from dataclasses import replace

    from PIL import Image

    from cwm.formats.image import read_photo, thumbnail

    def size_of(uri: str) -> tuple[int, int]:
        assert uri.startswith("data:image/jpeg;base64,")
        with Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))) as image:
            return image.size

    upright = Image.open(io.BytesIO(jpeg_bytes(size=(1600, 1200))))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° to show
    upright.save(tmp_path / "竖拍.jpg", exif=exif)
    assert size_of(thumbnail(tmp_path / "竖拍.jpg")) == (180, 240)
    read = read_photo(tmp_path / "竖拍.jpg", with_thumbnail=True)  # the report's read: one decode
    assert size_of(read.thumbnail) == (180, 240)
    assert replace(read, thumbnail=None) == read_photo(tmp_path / "竖拍.jpg")
    Image.new("P", (500, 250)).save(tmp_path / "调色板.png")
    assert size_of(thumbnail(tmp_path / "调色板.png")) == (240, 120)
    (tmp_path / "不是照片.jpg").write_text("文字", encoding="utf-8")
    assert thumbnail(tmp_path / "不是照片.jpg") is None
    from .test_hostile import huge_png

    huge_png(tmp_path / "巨大.png", 30000, 30000)
    assert thumbnail(tmp_path / "巨大.png") is None


@pytest.mark.parametrize(
    "name, mode, options",
    [
        ("iphone.heic", None, {}),
        ("orientation_6.jpg", None, {}),
        ("灰度.jpg", "L", {}),
        ("印刷.jpg", "CMYK", {}),
        ("渐进.jpg", "RGB", {"progressive": True}),
        ("截图.png", "RGBA", {}),
    ],
)
def test_a_reports_read_judges_a_photo_as_a_checks_does(tmp_path, name, mode, options):
    """``cwm report`` reads a photo once for its facts and its picture (a JPEG decoded in
    colour): the facts — so every verdict — equal a check's, and the picture equals the one
    made apart for a photo a check had cached. Real files from a phone and a camera, and the
    JPEGs offices also get: greyscale, CMYK from print shops, progressive from the web."""
    import io
    from dataclasses import replace

    from PIL import Image

    from cwm.formats.image import thumbnail

    path = REAL / name
    if mode is not None:
        path = tmp_path / name
        photo = Image.open(io.BytesIO(jpeg_bytes(size=(1600, 1200)))).convert(mode)
        photo.save(path, **options)
    read = read_photo(path, with_thumbnail=True)
    assert read.thumbnail is not None and read.thumbnail == thumbnail(path)
    assert replace(read, thumbnail=None) == read_photo(path)
