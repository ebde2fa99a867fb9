"""文件：无法读取、内容与扩展名不符、已加密、不完整、文件名编码错误、不认识的文件类型。"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath
from typing import Iterator

from cwm.evidence.context import Context, Found
from cwm.formats import ReadError
from cwm.formats.archive import ArchiveFacts
from cwm.vocab import Trait

CODES = {
    "unreadable": ("error", "文件或文件夹无法读取（权限、损坏的链接等）。"),
    "wrong-content": (
        "error",
        "文件内容与扩展名不符，或文件已损坏（如把文本文件改名为 .docx）。",
        {Trait.PHOTO},
    ),
    "encrypted": ("error", "文件已加密，审核方无法打开。"),
    "truncated": ("error", "文件不完整（可能未复制完）。"),
    "doc-unreadable": (
        "info",
        "旧版 .doc/.wps 无法自动读取，需人工核对（或另存为 .docx）。",
        {Trait.NEEDS_PERSON},
    ),
    "table-manual": (
        "info",
        "表格格式无法自动读取（如旧版 .xls），需人工核对（或另存为 .xlsx）。",
        {Trait.NEEDS_PERSON},
    ),
    "bad-name": ("warning", "文件名含有无法识别的字符（编码错误）。"),
    "symlink-loop": ("warning", "循环的快捷方式/链接，已跳过。"),
    "unknown-type": ("warning", "不认识的文件类型，不计入任何材料。"),
    "archive": ("warning", "压缩包：其中的材料不计入，请解压后放入文件夹。"),
    "video": ("warning", "视频不计入申报材料；图片资料可用视频截屏。"),
    "empty": ("error", "空文件（0 字节）。"),
    "too-large": ("error", "文件超过读取上限（解压后大小、像素、文字量），可能已损坏，未读取。"),
    "link-outside": ("info", "链接（快捷方式）指向材料文件夹之外，不跟随、不读取。"),
    "report-folder": ("info", "cwm 写的检查报告文件夹不是材料，不检查。"),
    "link-inside": (
        "info",
        "链接（快捷方式）指向材料文件夹中的另一个文件夹：按实际位置检查一次，不重复计入。",
    ),
    "cache-busy": ("info", "读取结果的缓存正被另一个 cwm 占用：本次未使用缓存，结论相同。"),
    "format-mismatch": (
        "info",
        "文档的扩展名与内容不符（如 Word 97 文件名为 .docx）：按实际格式读取。",
    ),
    "special-file": ("warning", "不是普通文件（管道、设备、套接字），已跳过。"),
    "reference-files": ("info", "“参考”开头的子文件夹中的参考资料：列出，不检查、不计入。"),
}

_FORMAT_NAMES = {".doc": "Word 97–2003 文档（.doc）", ".docx": "Word 文档（.docx）", ".pdf": "PDF"}
_UNITS = {"image": "张图片", "document": "份文档", "table": "份表格", "video": "个视频"}
_MANUAL = {"doc-unreadable": "doc-unreadable", "manual": "table-manual"}


def archive_message(name: str, facts: ArchiveFacts | None) -> str:
    """“照片.zip 内有 5 张图片、1 份文档，压缩包中的材料不计入，请解压后放入本文件夹。”"""
    from cwm.evidence.kinds import kind_of

    counts = Counter(kind_of(PurePosixPath(n)) for n in (facts.names if facts else ()))
    held = "、".join(f"{counts[k]} {unit}" for k, unit in _UNITS.items() if counts[k])
    inside = f"内有 {held}，" if held else ""
    return f"{name} {inside}压缩包中的材料不计入，请解压后放入本文件夹。"


def check(ctx: Context) -> Iterator[Found]:
    folder = ctx.folder
    if folder is None:
        return
    for problem in folder.problems:
        yield Found(problem.code, problem.message, problem.rel)
    if folder.reference:
        names = "、".join(f.rel.rsplit("/", 1)[-1] for f in folder.reference)
        where = folder.reference[0].rel.rsplit("/", 1)[0]
        message = f"参考资料 {len(folder.reference)} 个文件（不检查、不计入）：{names}。"
        yield Found("reference-files", message, where)
    for file in folder.files:
        if file.kind == "other" and file.path.suffix.lower() == ".lnk":
            message = "Windows 快捷方式不会被跟随，不计入任何材料。请把材料本身放进文件夹。"
            yield Found("link-outside", message, file.rel)
            continue
        if file.kind == "video":
            message = "视频不计入申报材料；图片资料可用视频截屏（附件1 备注：网络截图、电视截屏）。"
            yield Found("video", message, file.rel)
            continue
        if file.kind == "other":
            suffix = file.path.suffix or "无扩展名"
            yield Found(
                "unknown-type",
                f"不认识的文件类型“{suffix}”，不计入任何材料。"
                "文档请用 .docx/.pdf，图片用 .jpg/.png，表格用 .xlsx/.csv。",
                file.rel,
            )
            continue
        result = ctx.reads.get(file.rel)
        if file.kind == "archive" and not isinstance(result, ReadError):
            yield Found("archive", archive_message(file.path.name, result), file.rel)
            continue
        if isinstance(result, ReadError):
            code = _MANUAL.get(result.code, result.code if result.code in CODES else "unreadable")
            yield Found(code, result.message, file.rel)
        elif (actual := getattr(result, "actual_format", None)) is not None:
            named = file.path.suffix.lower()
            yield Found(
                "format-mismatch",
                f"扩展名是 {named}，内容实为 {_FORMAT_NAMES.get(actual, actual)}："
                "已按实际格式读取。"
                f"提交前建议用 Word 或 WPS 打开后另存为 {named}。",
                file.rel,
            )
