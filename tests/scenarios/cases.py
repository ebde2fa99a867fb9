"""Situations from real offices, each with the verdict a 文明办 reviewer would give.

A scenario is a folder (files built by ``tests/builders.py``), the options of the check, and per
requirement item the status and the error/warning codes expected — exactly, so a new finding
shows up as a failure to look at. ``notes`` lists info codes that must be there too. Adding a
scenario is adding one ``Scenario(...)`` below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..builders import Content, csv_bytes, docx_bytes, han_text, pdf_bytes, scene_jpeg, xlsx_bytes

APRIL = dt.date(2021, 4, 10)
REAL_DOC = Path(__file__).parent.parent / "fixtures" / "real" / "说明报告.doc"
"""A .doc written by LibreOffice (tests/fixtures/real/README.md)."""
LEAD = "2021年投入资金300万元，建成12个站点。出台政策，建立制度，纳入考核，加强督导。"


def report(n: int, lead: str = LEAD) -> Callable[[Path], None]:
    """A .docx of ``n`` words (Word's count) with the year, figures and five kinds of measure,
    written when the scenario's folder is built (not at collection, in every test worker)."""

    def write(path: Path) -> None:
        from cwm.formats.wordcount import word_count

        path.write_bytes(docx_bytes(lead + han_text(n - word_count(lead))))

    return write


def photo(
    seed: int, taken: dt.date | None = APRIL, variant: str = "original"
) -> Callable[[Path], None]:
    """A photo as a phone's is seen (1024×768), drawn when the scenario's folder is built —
    not when the cases are collected, in every test worker."""

    def write(path: Path) -> None:
        path.write_bytes(scene_jpeg(seed, variant, taken=taken, size=(1024, 768)))

    return write


XIAOQU = ["阳光小区", "锦绣花园", "滨江苑", "南湖小区", "和平里"]
SERVICES = ["助餐服务", "日间照料", "康复护理", "文化娱乐", "助浴服务"]


def xiaoqu_photos(folder: str, names: list[str] | None = None, seed: int = 100) -> dict:
    names = names or [f"{x}_{s}.jpg" for x, s in zip(XIAOQU, SERVICES)]
    return {f"{folder}/{name}": photo(seed + i) for i, name in enumerate(names)}


CAMERA_NAMES = [
    "IMG_20210512_093102.jpg",
    "DSC_0029.jpg",
    "微信图片_20210603152233.jpg",
    "mmexport_1622700000000.jpg",
    "Screenshot_20210605_101010.jpg",
]


def festival(folder: str, name: str, seed: int, day: dt.date, n: int = 3) -> dict:
    return {
        f"{folder}/{name}/{day.isoformat()}_市民政局_{name}活动{i}.jpg": photo(seed + i, day)
        for i in range(n)
    }


@dataclass
class Scenario:
    name: str
    story: str
    """What the office did, in a line."""
    files: dict[str, Content] | Callable[[], dict[str, Content]]
    expect: dict[str, tuple[str, set[str]]]
    """Requirement id -> (status, the error and warning codes expected, exactly)."""
    period: str | None = None
    date: str = "2021-06-20"
    dept: str | None = None
    root: str = ""
    """A subfolder of the tree to point the check at (a unit's or a requirement's folder)."""
    notes: dict[str, set[str]] = field(default_factory=dict)
    """Requirement id (or ``other``) -> info codes that must be present."""
    other: set[str] = field(default_factory=set)
    """Error and warning codes expected outside any requirement folder, exactly."""
    only: set[str] | None = None
    """When given: exactly these requirement items are in the report."""


CSV_CAPTIONS = csv_bytes(
    [["文件名", "小区名称", "服务功能"]]
    + [[n, x, s] for n, x, s in zip(CAMERA_NAMES, XIAOQU, SERVICES)]
)

SCENARIOS = [
    # --- photos straight from phones and cameras ---------------------------------------------
    Scenario(
        "camera-names",
        "五张照片直接从手机、相机、微信导出，未改名",
        xiaoqu_photos("III-27-3-2 新建小区养老设施", CAMERA_NAMES),
        {"III-27-3-2": ("fail", {"caption-missing", "photo-count"})},
    ),
    Scenario(
        "captioned-five-xiaoqu",
        "五张照片按“小区名称_服务功能”命名，五个不同小区",
        xiaoqu_photos("III-27-3-2 新建小区养老设施"),
        {"III-27-3-2": ("pass", set())},
    ),
    Scenario(
        "generic-subfolder",
        "命名正确的照片放进了“照片”子文件夹",
        xiaoqu_photos("III-27-3-2 新建小区养老设施/照片"),
        {"III-27-3-2": ("pass", set())},
    ),
    Scenario(
        "new-folder-subfolder",
        "照片放在“新建文件夹”里",
        xiaoqu_photos("III-27-3-2/新建文件夹"),
        {"III-27-3-2": ("pass", set())},
    ),
    Scenario(
        "four-xiaoqu",
        "五张照片只来自四个小区",
        xiaoqu_photos(
            "III-27-3-2", [f"{x}_{s}.jpg" for x, s in zip(XIAOQU[:4] + XIAOQU[:1], SERVICES)]
        ),
        {"III-27-3-2": ("fail", {"photo-groups"})},
    ),
    Scenario(
        "csv-captions-for-camera-names",
        "照片未改名，另附 captions.csv 注明小区和功能",
        lambda: {
            **xiaoqu_photos("III-27-3-2", CAMERA_NAMES),
            "III-27-3-2/captions.csv": CSV_CAPTIONS,
        },
        {"III-27-3-2": ("pass", set())},
    ),
    Scenario(
        "xlsx-captions-for-camera-names",
        "照片未改名，另附 captions.xlsx",
        lambda: {
            **xiaoqu_photos("III-27-3-2", CAMERA_NAMES),
            "III-27-3-2/captions.xlsx": xlsx_bytes(
                [["文件名", "小区名称", "服务功能"]]
                + [[n, x, s] for n, x, s in zip(CAMERA_NAMES, XIAOQU, SERVICES)]
            ),
        },
        {"III-27-3-2": ("pass", set())},
    ),
    Scenario(
        "csv-with-extra-column",
        "captions.csv 多了一列“拍摄地点”（不是要求注明的事项，可能是写错了列名）",
        lambda: {
            **xiaoqu_photos("III-27-3-2", CAMERA_NAMES),
            "III-27-3-2/captions.csv": csv_bytes(
                [["文件名", "小区名称", "服务功能", "拍摄地点"]]
                + [[n, x, s, "无"] for n, x, s in zip(CAMERA_NAMES, XIAOQU, SERVICES)]
            ),
        },
        {"III-27-3-2": ("warn", {"caption-column"})},
    ),
    Scenario(
        "one-xiaoqu-spelled-two-ways",
        "5 张照片，其中“阳光小区”和“阳光小区（一期）”是同一个小区：审核只算 4 个不同小区",
        xiaoqu_photos(
            "III-27-3-2",
            ["阳光小区_助餐服务.jpg", "阳光小区（一期）_日间照料.jpg"]
            + [f"{x}_{s}.jpg" for x, s in zip(XIAOQU[2:], SERVICES[2:])],
        ),
        {"III-27-3-2": ("fail", {"photo-groups"})},
    ),
    Scenario(
        "function-in-brackets",
        "文件名写成“小区名称（服务功能）.jpg”：审核读得出小区和功能，只是建议改用 _",
        xiaoqu_photos("III-27-3-2", [f"{x}（{s}）.jpg" for x, s in zip(XIAOQU, SERVICES)]),
        {"III-27-3-2": ("pass", set())},
    ),
    Scenario(
        "table-with-number-and-remark",
        "照片说明.xlsx 有“序号”“备注”列（办公室的表都有），审核不看这些列",
        lambda: {
            **xiaoqu_photos("III-27-3-2", CAMERA_NAMES),
            "III-27-3-2/照片说明.xlsx": xlsx_bytes(
                [["序号", "文件名", "小区名称", "服务功能", "备注"]]
                + [
                    [i, n, x, s, ""]
                    for i, (n, x, s) in enumerate(zip(CAMERA_NAMES, XIAOQU, SERVICES), 1)
                ]
            ),
        },
        {"III-27-3-2": ("pass", set())},
    ),
    Scenario(
        "digits-as-service",
        "服务功能写成了序号",
        xiaoqu_photos("III-27-3-2", [f"{x}_{i:04d}.jpg" for i, x in enumerate(XIAOQU)]),
        {"III-27-3-2": ("fail", {"caption-missing", "photo-count"})},
    ),
    Scenario(
        "latin-xiaoqu-name",
        "小区名称写成拼音",
        xiaoqu_photos(
            "III-27-3-2",
            ["yangguang_助餐服务.jpg"] + [f"{x}_{s}.jpg" for x, s in zip(XIAOQU[1:], SERVICES[1:])],
        ),
        {"III-27-3-2": ("fail", {"caption-missing", "photo-count", "photo-groups"})},
    ),
    Scenario(
        "windows-copy-of-a-photo",
        "同一张照片复制了一份（“- 副本”），凑够五张",
        lambda: {
            **xiaoqu_photos("III-27-3-2", [f"{x}_{s}.jpg" for x, s in zip(XIAOQU[:4], SERVICES)]),
            "III-27-3-2/阳光小区_助餐服务 - 副本.jpg": photo(100),
        },
        {"III-27-3-2": ("fail", {"photo-count", "photo-groups", "photo-same-scene"})},
    ),
    Scenario(
        "second-shot-same-scene",
        "同一场景连拍两张，当作两张报送",
        lambda: {
            **xiaoqu_photos("III-27-3-2", [f"{x}_{s}.jpg" for x, s in zip(XIAOQU[:4], SERVICES)]),
            "III-27-3-2/和平里_助浴服务.jpg": photo(101, variant="shifted"),
        },
        {"III-27-3-2": ("fail", {"photo-count", "photo-same-scene"})},
    ),
    Scenario(
        "exif-2019-no-date-field",
        "五张照片中有一张是2019年拍的旧照片（说明中没有日期）",
        lambda: {
            **xiaoqu_photos("III-27-3-2", [f"{x}_{s}.jpg" for x, s in zip(XIAOQU[:4], SERVICES)]),
            "III-27-3-2/和平里_助浴服务.jpg": photo(140, dt.date(2019, 5, 1)),
        },
        {"III-27-3-2": ("warn", {"exif-date"})},
    ),
    # --- captioned activities -----------------------------------------------------------------
    Scenario(
        "village-rules-pass",
        "村规民约：500字报告和三张注明时间、主办单位、主题的照片",
        {
            "III-7-3-1 村规民约/报告.docx": report(500),
            **{
                f"III-7-3-1 村规民约/2021-04-1{i}_市民政局_村规民约宣讲{i}.jpg": photo(
                    200 + i, dt.date(2021, 4, 10 + i)
                )
                for i in range(3)
            },
        },
        {"III-7-3-1": ("pass", set())},
    ),
    Scenario(
        "exif-far-from-caption",
        "照片说明写4月，照片实际是6月拍的",
        {
            "III-7-3-1/报告.docx": report(500),
            **{
                f"III-7-3-1/2021-04-1{i}_市民政局_宣讲{i}.jpg": photo(210 + i, dt.date(2021, 6, 1))
                for i in range(3)
            },
        },
        {"III-7-3-1": ("warn", {"exif-date"})},
    ),
    Scenario(
        "caption-2020",
        "照片说明中的日期是去年的",
        {
            "III-7-3-1/报告.docx": report(500),
            **{
                f"III-7-3-1/2020-04-1{i}_市民政局_宣讲{i}.jpg": photo(
                    220 + i, dt.date(2020, 4, 10 + i)
                )
                for i in range(3)
            },
        },
        {"III-7-3-1": ("fail", {"caption-date", "exif-date"})},
    ),
    Scenario(
        "same-photo-two-requirements",
        "同一张照片既报了村规民约，又报了社会组织",
        {
            "III-7-3-1/报告.docx": report(500),
            **{f"III-7-3-1/2021-04-1{i}_市民政局_宣讲{i}.jpg": photo(230 + i) for i in range(3)},
            "III-70-2-1/2021-04-10_阳光志愿者协会_宣讲.jpg": photo(230),
        },
        {
            "III-7-3-1": ("fail", {"photo-reused"}),
            "III-70-2-1": (
                "fail",
                {"photo-reused", "photo-count", "photo-groups", "report-missing"},
            ),
        },
    ),
    Scenario(
        "reference-photo-elsewhere",
        "参考资料里的原图又作为另一项的材料",
        {
            **xiaoqu_photos("III-27-3-2"),
            "III-27-3-2/参考资料/原图.jpg": photo(300),
            "III-7-3-1/报告.docx": report(500),
            **{f"III-7-3-1/2021-04-1{i}_市民政局_宣讲{i}.jpg": photo(300 + i) for i in range(3)},
        },
        {"III-27-3-2": ("pass", set()), "III-7-3-1": ("warn", {"photo-similar-elsewhere"})},
        notes={"III-27-3-2": {"reference-files"}},
    ),
    # --- screenshots: 2021年以来 ------------------------------------------------------------------
    Scenario(
        "screenshot-2022-since-2021",
        "2022年上半年报送2022年的媒体报道截图（要求“2021年以来”）",
        {"I-8-5-3-2/2022-03-01_民政工作品牌_资阳日报.png": photo(400, None)},
        {"I-8-5-3-2": ("pass", set())},
        date="2022-06-20",
    ),
    Scenario(
        "screenshot-2020",
        "媒体报道是2020年的",
        {"I-8-5-3-2/2020-05-01_民政工作品牌_资阳日报.png": photo(401, None)},
        {"I-8-5-3-2": ("fail", {"caption-date"})},
    ),
    Scenario(
        "screenshot-not-renamed",
        "截图未改名",
        {"I-8-5-3-2/Screenshot_20210605_101010.png": photo(402, None)},
        {"I-8-5-3-2": ("fail", {"caption-missing", "photo-count"})},
    ),
    # --- which document is the report ---------------------------------------------------------
    Scenario(
        "report-with-pdf-export",
        "报告存了 .docx，又导出了 .pdf",
        {
            "III-8-1-3 家风/报告.docx": report(600),
            "III-8-1-3 家风/报告.pdf": pdf_bytes(LEAD + han_text(580)),
        },
        {"III-8-1-3": ("pass", set())},
        notes={"III-8-1-3": {"report-same"}},
    ),
    Scenario(
        "renamed-copy",
        "报告旁边有一份“- 副本”",
        {"III-8-1-3/报告.docx": report(600), "III-8-1-3/报告 - 副本.docx": report(600)},
        {"III-8-1-3": ("pass", set())},
        notes={"III-8-1-3": {"report-same"}},
    ),
    Scenario(
        "draft-beside-final",
        "定稿旁边留着初稿",
        {
            "III-8-1-3/家风家教说明报告.docx": report(600),
            "III-8-1-3/家风家教说明报告（初稿）.docx": report(300),
        },
        {"III-8-1-3": ("warn", {"report-draft"})},
    ),
    Scenario(
        "draft-in-reference",
        "初稿放进了“参考资料”",
        {"III-8-1-3/报告.docx": report(600), "III-8-1-3/参考资料/初稿.docx": report(300)},
        {"III-8-1-3": ("pass", set())},
        notes={"III-8-1-3": {"reference-files"}},
    ),
    Scenario(
        "two-different-reports",
        "放了两份不同的报告，其中一份太短",
        {
            "III-8-1-3/报告一.docx": report(600),
            "III-8-1-3/报告二.docx": report(300, "2021年另一份报告。"),
        },
        {"III-8-1-3": ("fail", {"words-off"})},
    ),
    Scenario(
        "contribution-wjw",
        "养老服务体系：汇总报告和市卫健委提供的500字材料",
        {
            "III-27-3-3 养老服务体系/汇总说明报告.docx": report(800),
            "III-27-3-3 养老服务体系/市卫健委说明报告.docx": report(500, "卫健委2021年工作。"),
        },
        {"III-27-3-3": ("pass", set())},
        notes={"III-27-3-3": {"report-contribution"}},
    ),
    Scenario(
        "contribution-in-subfolder",
        "市卫健委的材料放在“卫健委”子文件夹",
        {
            "III-27-3-3/汇总说明报告.docx": report(800),
            "III-27-3-3/卫健委/说明.docx": report(500, "卫健委2021年工作。"),
        },
        {"III-27-3-3": ("pass", set())},
        notes={"III-27-3-3": {"report-contribution"}},
    ),
    Scenario(
        "contribution-too-short",
        "市卫健委的材料只有300字",
        {
            "III-27-3-3/汇总说明报告.docx": report(800),
            "III-27-3-3/市卫健委.docx": report(300, "卫健委2021年工作。"),
        },
        {"III-27-3-3": ("fail", {"words-off"})},
    ),
    Scenario(
        "each-responsible-unit",
        "养老设施：汇总报告和市社会福利院提供的材料",
        {
            "III-27-3-1/汇总.docx": report(800),
            "III-27-3-1/市社会福利院材料.docx": report(500, "福利院2021年工作。"),
        },
        {"III-27-3-1": ("pass", set())},
        notes={"III-27-3-1": {"report-contribution"}},
    ),
    Scenario(
        "report-slightly-short",
        "报告530字，要求600字左右",
        {"III-8-1-3/报告.docx": report(530)},
        {"III-8-1-3": ("warn", {"words-near"})},
    ),
    Scenario(
        "scanned-report",
        "报告是扫描件",
        {"III-8-1-3/报告.pdf": pdf_bytes("x", scanned=True)},
        {"III-8-1-3": ("manual", set())},
    ),
    Scenario(
        "text-renamed-docx",
        "把记事本文件改名成了 .docx",
        {"III-8-1-3/报告.docx": "这是文本"},
        {"III-8-1-3": ("fail", {"wrong-content", "report-missing"})},
    ),
    Scenario(
        "lock-and-system-files",
        "Word 打开时留下的 ~$ 临时文件和 Thumbs.db",
        {
            "III-8-1-3/报告.docx": report(600),
            "III-8-1-3/~$报告.docx": "lock",
            "III-8-1-3/Thumbs.db": "x",
        },
        {"III-8-1-3": ("pass", set())},
    ),
    Scenario(
        "only-notes-file",
        "文件夹里只有 cwm init 写的 要求.txt",
        {"III-8-1-3/要求.txt": "# 要求"},
        {"III-8-1-3": ("missing", {"report-missing"})},
    ),
    # --- folders as people name them ----------------------------------------------------------
    Scenario(
        "no-separator",
        "文件夹名编号后直接跟文字",
        {"养老服务科/III-27-3-3养老服务体系/报告.docx": report(800)},
        {"III-27-3-3": ("pass", set())},
    ),
    Scenario(
        "plan-dash",
        "照抄方案里的破折号编号",
        {"Ⅲ—27—3—3 养老服务体系/报告.docx": report(800)},
        {"III-27-3-3": ("pass", set())},
    ),
    Scenario(
        "full-width",
        "全角编号、紧跟文字",
        {"Ⅲ－8－1－3家风家教/报告.docx": report(600)},
        {"III-8-1-3": ("pass", set())},
    ),
    Scenario(
        "mistyped-id",
        "编号打错了一位",
        {"III-27-3-4 养老服务体系/报告.docx": report(800)},
        {"III-27-3-3": ("missing", {"folder-missing"})},
        other={"unknown-id"},
    ),
    Scenario(
        "iii-7-vs-iii-70",
        "III-70 的文件夹不能算作 III-7",
        {"III-70-2-1 社会组织/报告.docx": report(600)},
        {"III-7-3-1": ("missing", {"folder-missing"})},
    ),
    Scenario(
        "two-folders-one-id",
        "同一编号建了两个文件夹",
        {"a/III-8-1-3 家风/报告.docx": report(600), "b/III-8-1-3 家风家教/报告.docx": report(600)},
        {"III-8-1-3": ("fail", {"folder-duplicate"})},
    ),
    Scenario(
        "pointed-at-requirement",
        "只检查一个申报项的文件夹",
        {"III-8-1-3 家风家教/报告.docx": report(600)},
        {"III-8-1-3": ("pass", set())},
        root="III-8-1-3 家风家教",
        only={"III-8-1-3"},
    ),
    Scenario(
        "pointed-at-unit",
        "只检查养老服务科的文件夹",
        {"养老服务科/III-27-3-3 养老服务体系/报告.docx": report(800)},
        {"III-27-3-3": ("pass", set()), "III-27-3-1": ("missing", {"folder-missing"})},
        root="养老服务科",
        only={"III-27-3-1", "III-27-3-2", "III-27-3-3"},
    ),
    # --- periods --------------------------------------------------------------------------------
    Scenario(
        "festival-q1-nothing-mandatory",
        "第一季度（春节、元宵节择优报送），没有交节日照片",
        {},
        {"III-10-1-1": ("pass", set())},
        period="2021Q1",
        date="2021-03-20",
        notes={"III-10-1-1": {"optional"}},
    ),
    Scenario(
        "festival-q2-qingming-missing",
        "第二季度只交了端午节照片，没有必报的清明节",
        festival("III-10-1-1 传统节日", "端午节", 500, dt.date(2021, 6, 14)),
        {"III-10-1-1": ("fail", {"photo-groups"})},
        period="2021Q2",
    ),
    Scenario(
        "festival-q2-subfolders",
        "第二季度：清明节、端午节各一个子文件夹，每个3张",
        lambda: {
            **festival("III-10-1-1", "清明节", 510, dt.date(2021, 4, 4)),
            **festival("III-10-1-1", "端午节", 520, dt.date(2021, 6, 14)),
        },
        {"III-10-1-1": ("pass", set())},
        period="2021Q2",
    ),
    Scenario(
        "festival-in-captions",
        "清明节照片放在“照片”子文件夹，节日写在活动主题里",
        {
            f"III-10-1-1/照片/2021-04-04_市民政局_清明祭扫{i}.jpg": photo(
                530 + i, dt.date(2021, 4, 4)
            )
            for i in range(3)
        },
        {"III-10-1-1": ("pass", set())},
        period="2021Q2",
    ),
    Scenario(
        "festival-q3-optional-incomplete",
        "第三季度自愿报了中秋节，但只有2张",
        festival("III-10-1-1", "中秋节", 540, dt.date(2021, 9, 21), n=2),
        {"III-10-1-1": ("fail", {"photo-groups"})},
        period="2021Q3",
        date="2021-09-25",
    ),
    Scenario(
        "dept-nothing-due",
        "养老服务科在第一季度没有到期的申报事项",
        {},
        {},
        period="2021Q1",
        date="2021-03-20",
        dept="养老",
        only=set(),
    ),
    # --- documents and tables -------------------------------------------------------------------
    Scenario(
        "official-document",
        "孤儿供养标准的正式发文",
        {
            "III-27-1-3/资阳市民政局关于调整孤儿基本生活保障标准的通知.pdf": pdf_bytes(
                "资民发〔2021〕12号 关于调整孤儿基本生活保障标准的通知" + han_text(200)
            )
        },
        {"III-27-1-3": ("pass", set())},
    ),
    Scenario(
        "document-without-number",
        "正式发文的首页没有文号",
        {"III-27-1-3/通知.docx": report(300)},
        {"III-27-1-3": ("warn", {"document-number"})},
    ),
    Scenario(
        "document-photographed",
        "正式发文用手机拍了两页交上来（IMG_ 开头，未改名），没有装文字识别",
        {
            "III-27-1-3/IMG_20210512_093102.jpg": photo(500),
            "III-27-1-3/IMG_20210512_093215.jpg": photo(501),
        },
        {"III-27-1-3": ("manual", set())},
        notes={"III-27-1-3": {"document-scan"}},
    ),
    Scenario(
        "volunteer-table-gbk-csv",
        "志愿者数据表是 Excel 另存的 GBK CSV",
        {
            "III-15-2-3/志愿者数据.csv": csv_bytes(
                [
                    ["常住人口", "注册志愿者人数", "有志愿服务时间记录的志愿者人数"],
                    ["100万", "14万", "8万"],
                ],
                encoding="gbk",
            )
        },
        {"III-15-2-3": ("pass", set())},
    ),
    Scenario(
        "volunteer-table-below-threshold",
        "有时间记录的志愿者正好一半（要求大于50%）",
        {
            "III-15-2-3/数据.xlsx": xlsx_bytes(
                [
                    ["常住人口", 1000000],
                    ["注册志愿者人数", 140000],
                    ["有志愿服务时间记录的志愿者人数", 70000],
                ]
            )
        },
        {"III-15-2-3": ("fail", {"table-metric"})},
    ),
    # --- round 2: folders, captions and dates as a second round of offices makes them ------------
    Scenario(
        "same-photo-in-two-sections-officers-run",
        "同一张照片既在养老服务科的 III-27-3-2，又在社会组织科的 III-70-2-1；养老服务科按季度自查",
        lambda: {
            **xiaoqu_photos("养老服务科/III-27-3-2 新建小区养老设施"),
            **{
                f"社会组织管理与慈善事业促进科/III-70-2-1/2021-04-1{i}_{u}_文明单位创建.jpg": photo(
                    300 + i
                )
                for i, u in enumerate(["阳光志愿者协会", "夕阳红服务社", "爱心慈善会"])
            },
            "社会组织管理与慈善事业促进科/III-70-2-1/2021-04-13_邻里互助会_文明单位创建.jpg": photo(
                100
            ),
        },
        {"III-27-3-2": ("fail", {"photo-reused"})},
        period="2021Q2",
        dept="养老",
    ),
    Scenario(
        "section-folder-only",
        "养老服务科只检查自己的文件夹：照片没有与其他科室比较，给出提示",
        lambda: xiaoqu_photos("养老服务科/III-27-3-2 新建小区养老设施"),
        {"III-27-3-2": ("pass", set())},
        period="2021Q2",
        root="养老服务科",
        notes={"other": {"partial-tree"}},
    ),
    Scenario(
        "captions-with-spaces",
        "照片说明用空格分隔（阳光小区 助餐服务.jpg）：读出，提示改为 _",
        xiaoqu_photos("III-27-3-2", [f"{x} {s}.jpg" for x, s in zip(XIAOQU, SERVICES)]),
        {"III-27-3-2": ("pass", set())},
        notes={"III-27-3-2": {"caption-shape"}},
    ),
    Scenario(
        "captions-with-enumeration-commas",
        "照片说明用顿号分隔（阳光小区、助餐服务.jpg）",
        xiaoqu_photos("III-27-3-2", [f"{x}、{s}.jpg" for x, s in zip(XIAOQU, SERVICES)]),
        {"III-27-3-2": ("pass", set())},
        notes={"III-27-3-2": {"caption-shape"}},
    ),
    Scenario(
        "captions-with-full-width-underscore",
        "照片说明用全角下划线（阳光小区＿助餐服务.jpg）",
        xiaoqu_photos("III-27-3-2", [f"{x}＿{s}.jpg" for x, s in zip(XIAOQU, SERVICES)]),
        {"III-27-3-2": ("pass", set())},
    ),
    Scenario(
        "captions-with-dashes-and-a-date",
        "活动照片用短横分隔，日期里也有短横（2021-04-11-市民政局-宣讲.jpg）",
        {
            f"III-7-3-1/2021-04-1{i}-市民政局-村规民约宣讲{i}.jpg": photo(
                210 + i, dt.date(2021, 4, 10 + i)
            )
            for i in range(1, 4)
        },
        {"III-7-3-1": ("fail", {"report-missing"})},
        notes={"III-7-3-1": {"caption-shape"}},
    ),
    Scenario(
        "caption-only-a-name-near-miss",
        "照片只写了小区名称（阳光小区.jpg），没有服务功能：仍不算",
        xiaoqu_photos("III-27-3-2", [f"{x}.jpg" for x in XIAOQU]),
        {"III-27-3-2": ("fail", {"caption-missing", "photo-count"})},
    ),
    Scenario(
        "chinese-numeral-dates",
        "日期写成二〇二一年四月十一日",
        {
            "III-7-3-1/报告.docx": report(500),
            **{
                f"III-7-3-1/二〇二一年四月十{d}日_市民政局_村规民约宣讲{i}.jpg": photo(
                    220 + i, dt.date(2021, 4, 10 + i)
                )
                for i, d in enumerate(["一", "二", "三"], 1)
            },
        },
        {"III-7-3-1": ("pass", set())},
    ),
    Scenario(
        "month-day-dates",
        "日期只写月日（4月11日、4.12），年份取方案年度",
        {
            "III-7-3-1/报告.docx": report(500),
            "III-7-3-1/4月11日_市民政局_村规民约宣讲1.jpg": photo(230, dt.date(2021, 4, 11)),
            "III-7-3-1/4.12_市民政局_村规民约宣讲2.jpg": photo(231, dt.date(2021, 4, 12)),
            "III-7-3-1/4月13日_市民政局_村规民约宣讲3.jpg": photo(232, dt.date(2021, 4, 13)),
        },
        {"III-7-3-1": ("pass", set())},
    ),
    Scenario(
        "a-month-as-the-date",
        "日期只写到月（2021年4月）",
        {
            "III-7-3-1/报告.docx": report(500),
            **{
                f"III-7-3-1/2021年4月_市民政局_村规民约宣讲{i}.jpg": photo(
                    240 + i, dt.date(2021, 4, 10 + i)
                )
                for i in range(1, 4)
            },
        },
        {"III-7-3-1": ("pass", set())},
    ),
    Scenario(
        "last-years-photo-near-miss",
        "三张中有一张说明写的是去年（2020年4月11日）：仍不算",
        {
            "III-7-3-1/报告.docx": report(500),
            "III-7-3-1/2020年4月11日_市民政局_村规民约宣讲1.jpg": photo(250, dt.date(2020, 4, 11)),
            "III-7-3-1/2021年4月12日_市民政局_村规民约宣讲2.jpg": photo(251, dt.date(2021, 4, 12)),
            "III-7-3-1/2021年4月13日_市民政局_村规民约宣讲3.jpg": photo(252, dt.date(2021, 4, 13)),
        },
        {"III-7-3-1": ("fail", {"caption-date", "exif-date"})},
    ),
    Scenario(
        "report-year-in-chinese-numerals",
        "报告写“二〇二一年以来”，没有阿拉伯数字的年份",
        {
            "III-8-1-3 家风家教/报告.docx": report(
                600,
                "二〇二一年以来，投入资金300万元，建成12个站点。出台政策，建立制度，纳入考核，加强督导。",
            )
        },
        {"III-8-1-3": ("pass", set())},
        period="2021Q2",
    ),
    Scenario(
        "youth-is-not-spring-festival",
        "照片名里有“青春”二字，放在春节以外的节日文件夹：不是春节",
        lambda: {
            **festival("III-10-1-1 传统节日", "清明节", 400, dt.date(2021, 4, 4)),
            **{
                f"III-10-1-1 传统节日/端午节/2021-06-14_市民政局_青春端午活动{i}.jpg": photo(
                    410 + i, dt.date(2021, 6, 14)
                )
                for i in range(3)
            },
        },
        {"III-10-1-1": ("pass", set())},
        period="2021Q2",
    ),
    Scenario(
        "festival-photo-far-from-the-festival",
        "清明节文件夹里有一张6月的照片",
        lambda: {
            **festival("III-10-1-1 传统节日", "清明节", 420, dt.date(2021, 4, 4), n=2),
            "III-10-1-1 传统节日/清明节/2021-06-01_市民政局_清明节活动9.jpg": photo(
                429, dt.date(2021, 6, 1)
            ),
        },
        {"III-10-1-1": ("warn", {"festival-date"})},
        period="2021Q2",
    ),
    Scenario(
        "report-in-two-parts",
        "说明报告分成（一）（二）两个文件，合计约800字",
        {
            "III-27-3-1 养老服务设施/说明报告（一）.docx": report(400),
            "III-27-3-1 养老服务设施/说明报告（二）.docx": docx_bytes(han_text(400)),
        },
        {"III-27-3-1": ("pass", set())},
        period="2021Q2",
        notes={"III-27-3-1": {"report-parts"}},
    ),
    Scenario(
        "report-in-parts-still-short-near-miss",
        "说明报告分上、下两篇，合计只有500字（要求800字左右）",
        {
            "III-27-3-1/说明报告（上）.docx": report(300),
            "III-27-3-1/说明报告（下）.docx": docx_bytes(han_text(200)),
        },
        {"III-27-3-1": ("fail", {"words-off"})},
        period="2021Q2",
    ),
    Scenario(
        "office-leftovers",
        "文件夹里有 Word、WPS、LibreOffice 打开文件时留下的临时文件",
        {
            "III-8-1-3/报告.docx": report(600),
            "III-8-1-3/~$报告.docx": b"\x00lock",
            "III-8-1-3/.~lock.报告.docx#": "lock",
            "III-8-1-3/~WRL0001.tmp": b"\x00",
            "III-8-1-3/保存中.tmp": b"\x00",
            "III-8-1-3/Thumbs.db": b"\x00",
        },
        {"III-8-1-3": ("pass", set())},
        period="2021Q2",
    ),
    Scenario(
        "document-number-in-other-brackets",
        "正式发文的发文字号用了﹝﹞括号",
        {
            "III-27-1-3 孤儿供养标准/关于调整孤儿基本生活保障标准的通知.docx": docx_bytes(
                "资阳市民政局文件", "资民发﹝2021﹞30号", "关于调整孤儿基本生活保障标准的通知"
            )
        },
        {"III-27-1-3": ("pass", set())},
        period="2021Q2",
    ),
    Scenario(
        "document-without-number-near-miss",
        "“正式发文”其实是一份工作总结，首页没有发文字号",
        {"III-27-1-3/工作总结.docx": docx_bytes("2021年孤儿保障工作总结", han_text(300))},
        {"III-27-1-3": ("warn", {"document-number"})},
        period="2021Q2",
    ),
    Scenario(
        "word-97-named-docx",
        "Word 97 格式的报告被改名为 .docx（LibreOffice 写的真实 .doc）",
        lambda: {"III-8-1-3/说明报告.docx": REAL_DOC.read_bytes()},
        {"III-8-1-3": ("fail", {"words-off"})},
        period="2021Q2",
        notes={"III-8-1-3": {"format-mismatch"}},
    ),
    Scenario(
        "docx-named-doc",
        "Word 2007 格式的报告被改名为 .doc",
        {"III-8-1-3/说明报告.doc": report(600)},
        {"III-8-1-3": ("pass", set())},
        period="2021Q2",
        notes={"III-8-1-3": {"format-mismatch"}},
    ),
    Scenario(
        "text-named-docx-near-miss",
        "文本文件被改名为 .docx：仍不是 Word 文档",
        {"III-8-1-3/说明报告.docx": "这不是Word文件".encode("utf-8")},
        {"III-8-1-3": ("fail", {"wrong-content", "report-missing"})},
        period="2021Q2",
    ),
    Scenario(
        "captions-xlsx-with-a-title-row",
        "captions.xlsx 第一行是标题，文件名没写扩展名、大小写不一",
        lambda: {
            **xiaoqu_photos("III-27-3-2", [n.replace(".jpg", ".JPG") for n in CAMERA_NAMES]),
            "III-27-3-2/captions.xlsx": xlsx_bytes(
                [["新建小区养老服务设施照片说明", "", ""], ["文件名", "小区名称", "服务功能"]]
                + [
                    [n.rsplit(".", 1)[0].lower(), x, s]
                    for n, x, s in zip(CAMERA_NAMES, XIAOQU, SERVICES)
                ]
            ),
        },
        {"III-27-3-2": ("pass", set())},
    ),
    Scenario(
        "captions-csv-missing-a-photo-near-miss",
        "captions.csv 漏写了一张照片：那张仍没有说明",
        lambda: {
            **xiaoqu_photos("III-27-3-2", CAMERA_NAMES),
            "III-27-3-2/captions.csv": csv_bytes(
                [["文件名", "小区名称", "服务功能"]]
                + [[n, x, s] for n, x, s in zip(CAMERA_NAMES[:4], XIAOQU, SERVICES)]
            ),
        },
        {"III-27-3-2": ("fail", {"caption-missing", "photo-count", "photo-groups"})},
    ),
    Scenario(
        "government-table-with-counties",
        "统计表有标题行、两层表头、各区县分行和“全市”行，数值带“万”和千分位",
        {
            "III-15-2-3 志愿服务/志愿服务统计表.xlsx": xlsx_bytes(
                [
                    ["资阳市2021年志愿服务情况统计表", "", "", ""],
                    ["区县", "人口", "志愿者情况", ""],
                    ["", "常住人口（人）", "注册志愿者人数", "有志愿服务时间记录的志愿者人数"],
                    ["雁江区", "1,000,000", "14万", "8万"],
                    ["安岳县", "1,305,000", "17.5万人", "9.5万"],
                    ["全市", "2,305,000", "31.5万", "17.5万"],
                ]
            )
        },
        {"III-15-2-3": ("pass", set())},
        period="2021Q2",
    ),
    Scenario(
        "government-table-city-row-short-near-miss",
        "统计表“合计”行的注册志愿者只有常住人口的12%",
        {
            "III-15-2-3/统计表.xlsx": xlsx_bytes(
                [
                    ["区县", "常住人口", "注册志愿者人数", "有志愿服务时间记录的志愿者人数"],
                    ["雁江区", "1000000", "120000", "70000"],
                    ["安岳县", "1305000", "160000", "90000"],
                    ["合计", "2305000", "280000", "160000"],
                ]
            )
        },
        {"III-15-2-3": ("fail", {"table-metric"})},
        period="2021Q2",
    ),
    Scenario(
        "table-under-another-header-says-what-it-found",
        "表格只有“志愿者人数”一列：说明读到了哪些项目",
        {"III-15-2-3/统计表.xlsx": xlsx_bytes([["常住人口", "志愿者人数"], ["2305000", "315000"]])},
        {"III-15-2-3": ("fail", {"table-metric"})},
        period="2021Q2",
    ),
    Scenario(
        "folder-named-by-title-only",
        "文件夹只写了事项名称（新建小区养老设施/），没有编号",
        lambda: xiaoqu_photos("养老服务科/新建小区养老设施"),
        {"III-27-3-2": ("missing", {"folder-missing"})},
        period="2021Q2",
        dept="养老",
        other={"title-folder"},
    ),
    Scenario(
        "section-folders-are-not-titles-near-miss",
        "按科室分的文件夹（养老服务科/）不会被当成缺编号的事项文件夹",
        lambda: xiaoqu_photos("养老服务科/III-27-3-2 新建小区养老设施"),
        {"III-27-3-2": ("pass", set())},
        period="2021Q2",
        dept="养老",
    ),
    Scenario(
        "period-folders-side-by-side",
        "按季度分文件夹（2021年第一季度/、第二季度/），两个季度各有一套 III-7-3-1；检查第二季度",
        lambda: {
            "2021年第一季度/III-7-3-1/报告.docx": report(500),
            **{
                f"2021年第一季度/III-7-3-1/2021-03-1{i}_市民政局_村规民约宣讲{i}.jpg": photo(
                    500 + i, dt.date(2021, 3, 10 + i)
                )
                for i in range(1, 4)
            },
            "第二季度/III-7-3-1/报告.docx": report(500),
            **{
                f"第二季度/III-7-3-1/2021-04-1{i}_市民政局_村规民约宣讲{i}.jpg": photo(
                    500 + i, dt.date(2021, 4, 10 + i)
                )
                for i in range(1, 4)
            },
        },
        {"III-7-3-1": ("pass", set())},
        period="2021Q2",
        notes={"other": {"other-period"}},
    ),
    Scenario(
        "month-span-folder",
        "季度文件夹写成“4-6月”",
        lambda: {
            "1-3月/III-8-1-3/报告.docx": report(300),
            "4-6月/III-8-1-3/报告.docx": report(600),
        },
        {"III-8-1-3": ("pass", set())},
        period="2021Q2",
    ),
    Scenario(
        "two-sections-same-period-near-miss",
        "同一季度里两个科室文件夹下各有一个 III-8-1-3：仍是重复，列出两处",
        lambda: {
            "第二季度/社会事务与儿童保障科/III-8-1-3/报告.docx": report(600),
            "第二季度/养老服务科/III-8-1-3/报告.docx": report(600),
        },
        {"III-8-1-3": ("fail", {"folder-duplicate"})},
        period="2021Q2",
    ),
]
