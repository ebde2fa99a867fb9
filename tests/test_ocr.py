"""Text in scans, with the ``cwm[ocr]`` extra (skipped without it, or without a Chinese font to
draw the test scans with): a 红头文件 scanned at 150 and 200 dpi, turned and speckled, with a red
seal, gives its 文号; a scan without one says so; --no-ocr leaves scans to a person as before;
a scanned 说明报告 is counted with its margin. Slow: the engine loads in seconds and reads a page
in about two (CI installs the extra and runs them)."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from cwm.cli import main
from cwm.formats import ocr

from .builders import han_text, ofd_bytes
from .test_checklist import CHROMIUM

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not ocr.installed(), reason='the OCR extra is not installed (pip install ".[ocr]")'
    ),
    pytest.mark.skipif(not FONT.exists(), reason="no Chinese font to draw a scan with"),
]


def scan_pdf(
    path: Path,
    lines: list[str],
    *,
    dpi: int = 150,
    header: str | None = None,
    number: str | None = None,
    angle: float = 0.8,
    seed: int = 1,
    photographed: bool = False,
) -> Path:
    """An A4 page as a scanner makes it: an image only (no text layer), the red header, the
    文号 under it, the body, a red seal, turned by ``angle`` degrees, with speckles;
    ``photographed``: as a phone photographs it instead — a JPEG of the page on a grey desk,
    under uneven light."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = round(8.27 * dpi), round(11.69 * dpi)
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    unit = dpi / 150
    body = ImageFont.truetype(str(FONT), round(22 * unit))
    y = round(150 * unit)
    if header:
        big = ImageFont.truetype(str(FONT), round(52 * unit))
        draw.text((width // 2, y), header, fill=(200, 20, 20), font=big, anchor="mm")
        y += round(90 * unit)
        draw.line((round(120 * unit), y, width - round(120 * unit), y), fill=(200, 20, 20), width=3)
        y += round(40 * unit)
    if number:
        draw.text((width // 2, y), number, fill="black", font=body, anchor="mm")
        y += round(70 * unit)
    for line in lines:
        draw.text((round(140 * unit), y), line, fill="black", font=body)
        y += round(40 * unit)
    seal = round(140 * unit)
    cx, cy = width - round(330 * unit), y + round(60 * unit)
    draw.ellipse((cx - seal, cy - seal, cx + seal, cy + seal), outline=(220, 30, 30), width=5)
    random.seed(seed)
    for _ in range(width * height // 400):
        draw.point((random.randrange(width), random.randrange(height)), fill=(90, 90, 90))
    page = page.rotate(angle, expand=False, fillcolor="white")
    buffer = io.BytesIO()
    if photographed:
        from PIL import ImageChops

        desk = Image.new("RGB", (width + 160, height + 200), (110, 105, 100))
        desk.paste(page, (80, 90))
        light = Image.linear_gradient("L").resize(desk.size).point(lambda v: 215 + v // 6)
        desk = ImageChops.multiply(desk, Image.merge("RGB", [light] * 3))
        desk.save(buffer, "JPEG", quality=85)
    else:
        page.save(buffer, "PDF", resolution=dpi)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


def check(tmp_path: Path, capsys, *options: str) -> dict:
    code = main([*options, "check", str(tmp_path / "材料"), "-f", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code in (0, 1)
    return {r["id"]: r for r in out["requirements"]}


def _lines(text: str, width: int = 34) -> list[str]:
    return [text[at : at + width] for at in range(0, len(text), width)]


@pytest.fixture(autouse=True)
def _fresh_cache(tmp_path, monkeypatch):
    """Each test its own read cache: on and off recognition must not share results."""
    from cwm.evidence import cache

    monkeypatch.setenv("CWM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(ocr.OFF_ENV, "")  # --no-ocr sets it for the process: undone after
    cache.readers_version.cache_clear()
    yield
    cache.readers_version.cache_clear()


@pytest.mark.parametrize("dpi", [150, 200])
@pytest.mark.parametrize("number", ["资民发〔2021〕25号", "资府办发〔2020〕28号"])
def test_a_scanned_red_header_document_gives_its_number(tmp_path, capsys, dpi, number):
    folder = tmp_path / "材料" / "III-27-1-3 孤儿供养标准"
    body = ["关于调整孤儿基本生活保障标准的通知", "各县（区）民政局：", *_lines(han_text(200))]
    scan_pdf(folder / "发文扫描件.pdf", body, dpi=dpi, header="资阳市民政局文件", number=number)
    result = check(tmp_path, capsys)["III-27-1-3"]
    found = {f["code"]: f["message"] for f in result["findings"]}
    assert "document-ocr" in found and number in found["document-ocr"], found
    assert "document-number" not in found and "document-scan" not in found


@pytest.mark.parametrize("pages", [["发文.jpg"], ["发文_1.jpg", "发文_2.jpg"]])
def test_a_photographed_document_gives_its_number(tmp_path, capsys, pages):
    """A 红头文件 photographed with a phone (a JPEG per page): its first page read for the 文号;
    the second page, without one, is no second document."""
    folder = tmp_path / "材料" / "III-27-1-3 孤儿供养标准"
    body = ["关于调整孤儿基本生活保障标准的通知", "各县（区）民政局：", *_lines(han_text(120))]
    number = "资民发〔2021〕25号"
    for n, name in enumerate(pages):
        first = n == 0
        scan_pdf(
            folder / name,
            body if first else _lines(han_text(300, n)),
            dpi=150,
            header="资阳市民政局文件" if first else None,
            number=number if first else None,
            photographed=True,
            seed=n,
        )
    result = check(tmp_path, capsys)["III-27-1-3"]
    found = {f["code"]: f["message"] for f in result["findings"] if f["code"] != "manual-check"}
    assert set(found) == {"document-ocr"}, found
    assert number in found["document-ocr"] and result["status"] == "pass"


def test_a_photographed_page_without_a_number_says_so(tmp_path, capsys):
    folder = tmp_path / "材料" / "III-27-1-3 孤儿供养标准"
    lines = ["关于孤儿供养情况的说明", *_lines(han_text(150))]
    scan_pdf(folder / "情况说明.jpg", lines, photographed=True)
    findings = check(tmp_path, capsys)["III-27-1-3"]["findings"]
    found = {f["code"]: f["message"] for f in findings if f["code"] != "manual-check"}
    assert set(found) == {"document-number"} and "图片" in found["document-number"], found


def test_a_scan_without_a_number_says_so(tmp_path, capsys):
    folder = tmp_path / "材料" / "III-27-1-3 孤儿供养标准"
    scan_pdf(folder / "情况说明.pdf", ["关于孤儿供养情况的说明", *_lines(han_text(150))])
    found = {f["code"]: f["message"] for f in check(tmp_path, capsys)["III-27-1-3"]["findings"]}
    assert "document-number" in found and "扫描件" in found["document-number"], found


def test_no_ocr_leaves_the_scan_to_a_person(tmp_path, capsys):
    folder = tmp_path / "材料" / "III-27-1-3 孤儿供养标准"
    scan_pdf(
        folder / "发文.pdf",
        ["通知", *_lines(han_text(80))],
        header="资阳市民政局文件",
        number="资民发〔2021〕25号",
    )
    found = {f["code"] for f in check(tmp_path, capsys, "--no-ocr")["III-27-1-3"]["findings"]}
    assert "document-scan" in found and "document-ocr" not in found


@pytest.mark.parametrize(("chars", "codes"), [(600, set()), (200, {"words-off"})])
def test_a_scanned_report_is_counted_with_its_margin(tmp_path, capsys, chars, codes):
    """III-8-1-3 asks 600字左右: a scan of about 600 characters passes (or is left to a person
    inside the engine's margin); a scan of 200 is too short whatever the margin."""
    folder = tmp_path / "材料" / "III-8-1-3 家风家教"
    text = "市民政局2021年加强青年婚恋观家庭观教育" + han_text(chars - 20)
    scan_pdf(folder / "说明报告.pdf", _lines(text))  # one page holds about 30 lines
    found = {f["code"] for f in check(tmp_path, capsys)["III-8-1-3"]["findings"]}
    assert "report-scan" not in found
    assert codes <= found and ("words-off" in found) == bool(codes), found


# --- 媒体报道截图 and 水印相机 photos -------------------------------------------------------------


def screenshot(path: Path, lines: list[tuple[str, int]], size: tuple[int, int]) -> Path:
    """A news page as a phone or a desktop shows it: (text, font size) lines on white, an app
    bar above, an image block between."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, size[0], 90), fill=(235, 235, 235))
    draw.text((30, 30), "返回", fill="black", font=ImageFont.truetype(str(FONT), 30))
    y = 130
    for text, points in lines:
        font = ImageFont.truetype(str(FONT), points)
        draw.text((40, y), text, fill="black", font=font)
        y += points * 2
        if y > size[1] * 0.35 and y < size[1] * 0.35 + points * 2:
            draw.rectangle((40, y, size[0] - 40, y + 200), fill=(120, 160, 200))
            y += 230
    path.parent.mkdir(parents=True, exist_ok=True)
    page.save(path, quality=92)
    return path


NEWS = [
    ("市民政局开展关爱留守儿童", 44),
    ("志愿服务活动", 44),
    ("2021-05-12 10:23  来源：资阳日报", 28),
    ("5月12日，市民政局组织志愿者走进雁江区", 30),
    ("为留守儿童送去学习用品。", 30),
]


@pytest.mark.parametrize("size", [(1080, 2340), (1920, 1080)])
def test_a_news_screenshot_shows_its_date_title_and_media(tmp_path, capsys, size):
    folder = tmp_path / "材料" / "I-8-5-3-2 宣传报道"
    screenshot(folder / "Screenshot_001.jpg", NEWS, size)
    found = {f["code"]: f["message"] for f in check(tmp_path, capsys)["I-8-5-3-2"]["findings"]}
    assert "screenshot-read" in found and "资阳日报" in found["screenshot-read"], found
    assert "2021-05-12" in found["screenshot-read"]
    assert "screenshot-fields" not in found


@pytest.mark.parametrize(
    ("drop", "missing"),
    [(2, "刊发时间"), (None, None)],
)
def test_a_screenshot_without_its_date_is_a_warning(tmp_path, capsys, drop, missing):
    folder = tmp_path / "材料" / "I-8-5-3-2 宣传报道"
    lines = [line for at, line in enumerate(NEWS) if at != drop]
    if drop is not None:
        lines.insert(2, ("来源：资阳日报", 28))
    screenshot(folder / "截图.jpg", lines, (1080, 2340))
    found = {f["code"]: f["message"] for f in check(tmp_path, capsys)["I-8-5-3-2"]["findings"]}
    if missing:
        assert "screenshot-fields" in found and missing in found["screenshot-fields"], found
    else:
        assert "screenshot-fields" not in found, found


def stamped_photo(path: Path, stamp: str | None, seed: int = 3, size=(4000, 3000)) -> Path:
    """A camera-sized photo (no EXIF), with a 水印相机 stamp at the bottom left: the date and
    time large, the place under it, white on the picture with a dark band behind."""
    from PIL import ImageDraw, ImageFont

    from .builders import scene_image

    image = scene_image(seed, size)
    if stamp:
        draw = ImageDraw.Draw(image)
        big = ImageFont.truetype(str(FONT), size[0] // 28)
        small = ImageFont.truetype(str(FONT), size[0] // 50)
        x, y = size[0] // 30, size[1] - size[1] // 6
        draw.rectangle((x - 20, y - 20, x + size[0] // 2, y + size[1] // 8), fill=(40, 40, 40))
        draw.text((x, y), stamp, fill="white", font=big)
        draw.text((x, y + size[0] // 22), "资阳市·雁江区莲台街道", fill="white", font=small)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=90)
    return path


@pytest.mark.parametrize(
    ("stamp", "warned"),
    [
        ("2021-05-12 09:30", False),
        ("2021-03-02 15:10", True),
        ("2020.05.12 09:30", True),
        (None, False),
    ],
)
def test_a_stamped_date_outside_the_period_is_a_warning(tmp_path, capsys, stamp, warned):
    """III-7-3-1 collects photos quarterly: checked for 2021Q2, a stamp of May passes, one of
    March or of last year is a warning, a photo without a stamp says nothing."""
    folder = tmp_path / "材料" / "III-7-3-1 融入日常生活"
    stamped_photo(folder / "IMG_0001.jpg", stamp)
    code = main(["check", str(tmp_path / "材料"), "--period", "2021Q2", "-f", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code in (0, 1)
    result = next(r for r in out["requirements"] if r["id"] == "III-7-3-1")
    codes = [f["code"] for f in result["findings"]]
    assert ("stamp-date" in codes) == warned, result["findings"]


def test_a_scan_pasted_into_word_gives_its_number(tmp_path, capsys):
    """The page picture of a Word file with no typed text is recognised as a scan's page."""
    import docx
    import pypdfium2 as pdfium
    from docx.shared import Mm

    folder = tmp_path / "材料" / "III-27-1-3 孤儿供养标准"
    pdf = scan_pdf(
        tmp_path / "页.pdf",
        ["关于调整孤儿基本生活保障标准的通知", *_lines(han_text(120))],
        header="资阳市民政局文件",
        number="资民发〔2021〕25号",
    )
    page = pdfium.PdfDocument(str(pdf))[0].render(scale=150 / 72).to_pil()
    page.convert("RGB").save(tmp_path / "页.jpg", quality=85)
    document = docx.Document()
    document.add_picture(str(tmp_path / "页.jpg"), width=Mm(170))
    folder.mkdir(parents=True)
    document.save(str(folder / "发文.docx"))
    found = {f["code"]: f["message"] for f in check(tmp_path, capsys)["III-27-1-3"]["findings"]}
    assert "document-ocr" in found and "资民发〔2021〕25号" in found["document-ocr"], found


@pytest.mark.parametrize(
    ("stamp", "warned"), [("2021-05-20 08:15", False), ("2021-01-08 16:40", True)]
)
def test_a_stamp_on_a_real_camera_photo_at_wechat_size(tmp_path, capsys, stamp, warned):
    """A real camera photo (tests/fixtures/real, ianare/exif-samples) as WeChat sends it: 1280 px
    on its longer side, no EXIF, with a 水印相机 stamp — the date read, judged against 2021Q2."""
    from PIL import Image, ImageDraw, ImageFont

    real = Path(__file__).parent / "fixtures" / "real" / "orientation_1.jpg"
    with Image.open(real) as image:
        photo = image.convert("RGB").resize((1280, 960))
    draw = ImageDraw.Draw(photo)
    draw.text(
        (40, 840),
        stamp,
        fill="white",
        font=ImageFont.truetype(str(FONT), 48),
        stroke_width=2,
        stroke_fill="black",
    )
    folder = tmp_path / "材料" / "III-7-3-1 融入日常生活"
    folder.mkdir(parents=True)
    photo.save(folder / "mmexport1621487700000.jpg", quality=85)  # WeChat's name: no date in it
    code = main(["check", str(tmp_path / "材料"), "--period", "2021Q2", "-f", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code in (0, 1)
    result = next(r for r in out["requirements"] if r["id"] == "III-7-3-1")
    assert ("stamp-date" in [f["code"] for f in result["findings"]]) == warned, result["findings"]


def test_an_ofd_of_scanned_pages_gives_its_number(tmp_path, capsys):
    """An OFD whose page is an image (a scanner's 版式 export): its picture is recognised."""
    import pypdfium2 as pdfium

    pdf = scan_pdf(
        tmp_path / "页.pdf",
        ["关于调整孤儿基本生活保障标准的通知"],
        header="资阳市民政局文件",
        number="资民发〔2021〕25号",
    )
    picture = io.BytesIO()
    pdfium.PdfDocument(str(pdf))[0].render(scale=150 / 72).to_pil().convert("RGB").save(
        picture, "JPEG", quality=85
    )
    folder = tmp_path / "材料" / "III-27-1-3 孤儿供养标准"
    folder.mkdir(parents=True)
    (folder / "发文.ofd").write_bytes(ofd_bytes("", picture=picture.getvalue()))
    found = {f["code"]: f["message"] for f in check(tmp_path, capsys)["III-27-1-3"]["findings"]}
    assert "document-ocr" in found and "资民发〔2021〕25号" in found["document-ocr"], found


NEWS_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
body {{ font-family: "WenQuanYi Micro Hei", sans-serif; margin: 0; background: #fff; }}
.bar {{ background: #c00; color: #fff; padding: 12px 24px; font-size: 22px; }}
h1 {{ font-size: 34px; margin: 28px 24px 12px; line-height: 1.4; }}
.meta {{ color: #666; font-size: 18px; margin: 0 24px 20px; }}
p {{ font-size: 20px; margin: 0 24px 14px; line-height: 1.7; }}
.pic {{ height: 220px; background: #7aa; margin: 10px 24px; }}
</style></head><body><div class="bar">{masthead}</div><h1>{title}</h1>
<div class="meta">{byline}</div><div class="pic"></div>
<p>6月10日，市民政局联合雁江区莲台街道开展“我们的节日·端午”主题活动，志愿者为社区老人送去粽子。</p>
<p>活动中，工作人员向居民宣讲文明行为促进条例，发放创文知识手册200余份。</p></body></html>"""


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize(
    ("width", "byline", "missing"),
    [
        (1280, "2021-06-11 09:12　来源：资阳日报", None),
        (412, "资阳新闻网　2021年6月11日", None),
        (412, "编辑：王敏　阅读 1.2万", "刊发时间"),
    ],
)
def test_a_page_rendered_by_chromium(tmp_path, capsys, width, byline, missing):
    """News pages rendered by a real browser at desktop and phone widths, screenshotted."""
    import subprocess

    page = tmp_path / "news.html"
    page.write_text(
        NEWS_PAGE.format(
            masthead="资阳日报 数字报",
            title="市民政局开展端午节关爱老人志愿服务活动",
            byline=byline,
        ),
        encoding="utf-8",
    )
    folder = tmp_path / "材料" / "I-8-5-3-2 宣传报道"
    folder.mkdir(parents=True)
    shot = folder / "截屏.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={width},900",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    found = {f["code"]: f["message"] for f in check(tmp_path, capsys)["I-8-5-3-2"]["findings"]}
    if missing:
        assert "screenshot-fields" in found and missing in found["screenshot-fields"], found
    else:
        assert "screenshot-read" in found and "2021-06-11" in found["screenshot-read"], found
