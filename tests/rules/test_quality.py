"""Photo quality (rules/quality.py): blurred, too small, squeezed by a messenger, a screenshot
where a 现场照片 is asked for — each planted in a real file beside its near miss."""

from __future__ import annotations

import datetime as dt
import functools
import io
from pathlib import Path

import pytest

from cwm.formats.image import register_heif

from ..builders import build_tree, result_of, run_check, scene_image

REAL = Path(__file__).parent.parent / "fixtures" / "real"
NAME = "III-7-3-1 村规民约/2021-04-0{n}_市民政局_宣讲{n}.{ext}"


@functools.lru_cache(maxsize=64)  # bytes, immutable: each picture drawn once per worker
def picture(
    size: tuple[int, int] = (1024, 768),
    seed: int = 1,
    fmt: str = "JPEG",
    quality: int = 92,
    camera: bool = True,
    blur: float = 0,
) -> bytes:
    """A sharp photo-like picture (``scene_image``), blurred by ``blur`` × its long side if
    asked, saved with a phone's EXIF (make, model, time taken) unless ``camera`` is false."""
    from PIL import Image, ImageFilter

    image = scene_image(seed, size)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur * max(size)))
    # a PNG compressed lightly: the same pixels, drawn in a fraction of the time
    options = {"quality": quality} if fmt == "JPEG" else {"compress_level": 1}
    if camera:
        exif = Image.Exif()
        exif[271], exif[272] = "Xiaomi", "MI 10"
        exif.get_ifd(0x8769)[36867] = "2021:04:04 10:00:00"
        options["exif"] = exif
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def quality_findings(plan, root: Path, ident: str = "III-7-3-1") -> dict[str, list[str]]:
    """File name -> the quality codes found on it."""
    found: dict[str, list[str]] = {}
    for f in result_of(run_check(plan, root, ident), ident).findings:
        if f.code.startswith("photo-") and f.code in QUALITY:
            found.setdefault(f.path.rsplit("/", 1)[-1], []).append(f.code)
    return found


QUALITY = {"photo-blurred", "photo-small", "photo-messenger", "photo-screenshot"}


def tree(tmp_path: Path, *photos: bytes, ext: str = "jpg") -> Path:
    files = {NAME.format(n=n, ext=ext): data for n, data in enumerate(photos, 1)}
    return build_tree(tmp_path, files)


def test_a_blurred_photo_is_warned_with_its_figure_its_sharp_original_is_not(plan, tmp_path):
    root = tree(tmp_path, picture(), picture(seed=2, blur=0.01))
    assert quality_findings(plan, root) == {"2021-04-02_市民政局_宣讲2.jpg": ["photo-blurred"]}
    result = result_of(run_check(plan, root, "III-7-3-1"), "III-7-3-1")
    (finding,) = [f for f in result.findings if f.code == "photo-blurred"]
    assert (
        finding.message.startswith("照片模糊（模糊度 0.") and "达到 0.5 即提示" in finding.message
    )


def test_a_real_phone_photo_with_a_blurred_background_is_sharp(plan, tmp_path):
    """An iPhone's close-up of a flower against bokeh: in focus where it matters."""
    from PIL import Image, ImageFilter, ImageOps

    register_heif()
    data = (REAL / "iphone.heic").read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
        exif = image.getexif().tobytes()
    shaken = io.BytesIO()
    upright.filter(ImageFilter.GaussianBlur(0.006 * max(upright.size))).save(
        shaken, "JPEG", quality=90, exif=exif
    )
    root = build_tree(
        tmp_path,
        {
            "III-7-3-1 村规民约/2021-04-04_市民政局_宣讲.heic": data,
            "III-7-3-1 村规民约/2021-04-05_市民政局_宣讲.jpg": shaken.getvalue(),
        },
    )
    assert quality_findings(plan, root) == {"2021-04-05_市民政局_宣讲.jpg": ["photo-blurred"]}


def test_too_small_below_800_pixels_on_the_long_side(plan, tmp_path):
    root = tree(tmp_path, picture((640, 480)), picture((800, 600), seed=2))
    assert quality_findings(plan, root) == {"2021-04-01_市民政局_宣讲1.jpg": ["photo-small"]}


def test_a_photo_squeezed_by_wechat_and_its_near_misses(plan, tmp_path):
    root = tree(
        tmp_path,
        picture((1280, 960), quality=80, camera=False),  # WeChat: 1280, q80, EXIF stripped
        picture((1280, 960), seed=2, quality=80),  # the camera's EXIF kept: a resized original
        picture((1280, 960), seed=3, quality=95, camera=False),  # saved at a high quality
        picture((1200, 900), seed=4, quality=80, camera=False),  # no messenger's size
    )
    assert quality_findings(plan, root) == {"2021-04-01_市民政局_宣讲1.jpg": ["photo-messenger"]}
    result = result_of(run_check(plan, root, "III-7-3-1"), "III-7-3-1")
    (finding,) = [f for f in result.findings if f.code == "photo-messenger"]
    assert finding.message.startswith("照片可能经微信压缩（1280×960，无拍摄信息），请使用原图")


@pytest.mark.parametrize(
    ("ident", "warned"),
    [
        ("III-7-3-1", True),  # “现场图片”
        ("III-27-1-4", True),  # “现场照片”
        ("I-8-5-3-2", False),  # 媒体报道截图
        ("III-70-2-1", False),  # 图片 with no 现场: the 备注 allows 网络截图、电视截屏、样报截屏
    ],
)
def test_a_screenshot_where_a_photo_on_site_is_asked(plan, tmp_path, ident, warned):
    name = {
        "III-7-3-1": "III-7-3-1 村规民约/2021-04-04_市民政局_宣讲.png",
        "III-27-1-4": "III-27-1-4 救助保护中心/市未成年人救助保护中心_大门.png",
        "I-8-5-3-2": "I-8-5-3-2 宣传报道/2021-04-04_民政工作品牌_资阳日报.png",
        "III-70-2-1": "III-70-2-1 社会组织/2021-04-04_阳光协会_敬老.png",
    }[ident]
    root = build_tree(tmp_path, {name: picture((1080, 2340), fmt="PNG", camera=False)})
    expected = {name.rsplit("/", 1)[-1]: ["photo-screenshot"]} if warned else {}
    assert quality_findings(plan, root, ident) == expected


def test_a_camera_photo_of_screen_size_is_no_screenshot(plan, tmp_path):
    root = tree(tmp_path, picture((1920, 1080)))
    assert quality_findings(plan, root) == {}


def test_the_figures_are_cached_with_the_hash(plan, tmp_path, settled):
    """A warm check decodes nothing: the quality figures come from the cache with the hash."""
    from cwm.evidence.cache import FileCache
    from cwm.evidence.reading import read_files
    from cwm.evidence.scan import EvidenceFile

    root = tree(tmp_path / "tree", picture(seed=5, blur=0.01))
    (path,) = root.rglob("*.jpg")
    files = [EvidenceFile(path, "p.jpg", "image")]
    cache = FileCache(tmp_path / "cache")
    first = read_files(files, cache)["p.jpg"]
    cache.close()
    cache = FileCache(tmp_path / "cache")
    hits, _ = cache.get_many(files)
    cache.close()
    assert hits["p.jpg"].blur == first.blur >= 0.5 and hits["p.jpg"].camera


def test_the_thresholds_are_data(plan, tmp_path, edit):
    data = edit("tasks.yaml", "    min_side: 800", "    min_side: 600")
    from cwm.plan.loader import load_plan

    lenient = load_plan(data)
    root = tree(tmp_path, picture((640, 480)))
    assert quality_findings(lenient, root) == {}
    assert dt.date  # noqa: B018 - keep the import for the builders' dates
