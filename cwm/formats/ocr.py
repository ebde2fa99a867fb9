"""Text in images, for the optional extra ``pip install "cwm[ocr]"``: RapidOCR (Apache-2.0) on
ONNX Runtime, with the PP-OCR models that ship inside its wheel — nothing is downloaded at run
time, so it works on an offline office PC. Without the extra (or with ``--no-ocr``, which sets
``CWM_NO_OCR``) ``enabled()`` is False and nothing here is imported.

The engine loads once per process (about 1.7 s on a 2-core machine) and reads about an A4 page
at 150 dpi in 2 s. Images are bounded: the longer side is scaled down to ``MAX_SIDE`` pixels
before recognition.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
from dataclasses import dataclass
from typing import Any, Iterator

OFF_ENV = "CWM_NO_OCR"
"""Set (by ``--no-ocr``): no recognition even where the extra is installed."""
PACKAGES = ("rapidocr", "onnxruntime")
MAX_SIDE = 2400
"""Pixels of an image's longer side given to the engine (an A4 page at 200 dpi is 2339)."""
MAX_PAGES = 3
"""Pages of a scanned document recognised: the first page holds the 文号; a few more give the
words a report is counted by."""
PAGE_DPI = 150


@dataclass(frozen=True)
class Line:
    text: str
    box: tuple[float, float, float, float]
    """(left, top, right, bottom) in the image's pixels."""
    score: float


@functools.cache
def installed() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in PACKAGES)


def enabled() -> bool:
    """Whether recognition runs: the extra is installed and ``--no-ocr`` was not given."""
    return not os.environ.get(OFF_ENV) and installed()


def state() -> str:
    """What the readers' cache version records: results read with OCR differ from without."""
    if not enabled():
        return "ocr:off"
    from importlib.metadata import version

    return "ocr:" + ",".join(f"{name}={version(name)}" for name in PACKAGES)


@functools.cache
def _engine() -> Any:
    with _quiet():
        from rapidocr import RapidOCR

        return RapidOCR()


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """The engine logs each model it loads at INFO: not for the user's screen."""
    import logging

    before = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(before)


def recognise(image: Any) -> list[Line]:
    """The lines of text in a PIL image, top to bottom."""
    import numpy

    image = image.convert("RGB")
    scale = min(1.0, MAX_SIDE / max(image.size))
    if scale < 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)))
    engine = _engine()
    with _quiet():
        result = engine(numpy.asarray(image))
    texts = getattr(result, "txts", None) or ()
    boxes = getattr(result, "boxes", None)
    scores = getattr(result, "scores", None) or ()
    lines = []
    for at, text in enumerate(texts):
        points = boxes[at] if boxes is not None else [[0, 0], [0, 0]]
        xs = [float(p[0]) / scale for p in points]
        ys = [float(p[1]) / scale for p in points]
        score = float(scores[at]) if at < len(scores) else 0.0
        lines.append(Line(str(text), (min(xs), min(ys), max(xs), max(ys)), score))
    return sorted(lines, key=lambda line: (round(line.box[1] / 12), line.box[0]))


def page_text(lines: list[Line]) -> str:
    """Recognised lines as a page's text: lines on one height joined, one per line."""
    out: list[str] = []
    last_top = None
    for line in lines:
        if last_top is not None and abs(line.box[1] - last_top) < 12 and out:
            out[-1] += line.text
        else:
            out.append(line.text)
        last_top = line.box[1]
    return "\n".join(out)


def recognised_pictures(archive: Any, names: list[str]) -> Any:
    """A Word file whose pages are pictures (scans pasted in), an OFD whose pages are images:
    the first ``MAX_PAGES`` pictures recognised, each a page, within the zip bounds of the other
    readers."""
    from cwm.formats.base import DocumentText
    from cwm.formats.image import upright
    from cwm.formats.zipparts import open_part

    pages: list[str] = []
    for name in names[:MAX_PAGES]:
        try:
            with open_part(archive, name) as stream:
                image = upright(stream, "RGB", MAX_SIDE)
            if image is not None:  # else a picture that is no image (an EMF, a damaged one)
                pages.append(page_text(recognise(image)))
        except Exception:  # a part beyond the zip bounds, a picture the engine cannot take
            continue
    text = "\n".join(pages)
    first = len(pages[0]) if pages else 0
    return DocumentText(text, first, scanned=True, recognised=not DocumentText.is_scan(text))


SCREEN = "screen"
"""Read the whole image (a screenshot: its date, title and media name may stand anywhere)."""
STAMP = "stamp"
"""Read a photo's bands where 水印相机 apps stamp the date (the bottom third, the top fifth);
the whole photo only when they hold no date."""
STAMP_SIDE = 1600
"""A photo is decoded at about this longer side for its stamp (a JPEG at 1/2…1/8 scale)."""


def image_lines(path: Any, part: str) -> tuple[str, ...]:
    """The recognised lines of the image at ``path`` (``SCREEN`` or ``STAMP``), top to bottom;
    () for an image that cannot be opened or is beyond the readers' pixel bound."""
    from cwm.dates import find_date
    from cwm.formats.image import upright

    image = upright(path, "RGB", MAX_SIDE if part == SCREEN else STAMP_SIDE)
    if image is None:
        return ()
    if part == SCREEN:
        return tuple(line.text for line in recognise(image))
    width, height = image.size
    bands = [(0, round(height * 0.65), width, height), (0, 0, width, round(height * 0.2))]
    found: list[str] = []
    for box in bands:
        found += [line.text for line in recognise(image.crop(box))]
        if any(find_date(text) for text in found):
            return tuple(found)
    return tuple(line.text for line in recognise(image))
