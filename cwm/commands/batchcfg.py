"""The folders a batch file checks, as people write them: ``check_all.cfg`` and a pasted path.

The Windows batch files (examples/batch/) are ASCII and pass no Chinese text themselves: the
folders come from the command line, from ``check_all.cfg`` (read here, whatever encoding
Notepad saved it in) or from a path typed or dragged into the console (``clean_path``).
"""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

from cwm.errors import UsageError

MAX_CFG_BYTES = 64 * 1024
COMMENT_STARTS = ("#", ";", "rem ", "::")

CFG_FORMAT = (
    "用记事本写两行：第一行材料文件夹，第二行报告文件夹（如 \\\\fileserver\\创文\\材料 和 "
    "\\\\fileserver\\创文\\检查报告）；以 # 开头的行是注释。保存为 UTF-8 或 ANSI 均可。"
)


def decode_text(raw: bytes) -> str:
    """Text as Windows Notepad saves it: UTF-8 with or without BOM, UTF-16 ("Unicode"), or the
    ANSI code page of a Chinese Windows (GBK; read as GB18030, its superset)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def clean_path(text: str) -> str:
    """A path as typed, pasted or dragged into a console: no surrounding spaces or quotes, no
    BOM or invisible marks, no trailing separator (except a drive or share root)."""
    text = text.replace("\ufeff", "").replace("\u200b", "").strip().strip('"').strip("'").strip()
    while len(text) > 1 and text[-1] in "\\/" and not _is_root(text):
        text = text[:-1]
    return text


def _is_root(text: str) -> bool:
    if text in ("/", "\\"):
        return True
    windows = PureWindowsPath(text)
    return bool(windows.drive) and str(windows) in (windows.drive, windows.anchor)


def _lines(raw: bytes) -> list[str]:
    """The lines of a cfg that are neither blank nor comments, cleaned."""
    lines = []
    for line in decode_text(raw).splitlines():
        stripped = line.strip().replace("\ufeff", "")
        if stripped and not stripped.lower().startswith(COMMENT_STARTS):
            lines.append(clean_path(stripped))
    return lines


PERIOD_LABELS = ("期间：", "期间:", "期间", "period=", "period:")
"""What may stand before a cfg's period (its third line): 期间：2021Q2."""


def read_period(path: Path) -> str | None:
    """The period a ``check_all.cfg`` names on its third line (``期间：2021``, ``2021Q2``), so
    that the weekly run judges the plan's year and not this one; None when it names none."""
    notepad = path.with_name(path.name + ".txt")
    path = path if path.is_file() or not notepad.is_file() else notepad
    try:
        with path.open("rb") as handle:
            lines = _lines(handle.read(MAX_CFG_BYTES))
    except OSError:
        return None
    if len(lines) < 3:
        return None
    text = lines[2]
    for label in PERIOD_LABELS:
        if text.lower().startswith(label):
            return text[len(label) :].strip()
    return text


def read_folders_file(path: Path) -> tuple[Path, Path]:
    """(evidence folder, report folder) from a ``check_all.cfg``: the first two lines that are
    neither blank nor comments. A relative path is relative to the file's own folder."""
    notepad = path.with_name(path.name + ".txt")  # Notepad saves “check_all.cfg” as .cfg.txt
    if not path.is_file() and notepad.is_file():
        path = notepad
    if not path.is_file():
        example = path.with_name(path.name + ".example")
        copy = (
            f"可以把同一文件夹中的“{example.name}”复制一份，改名为“{path.name}”后修改。"
            if example.is_file()
            else ""
        )
        raise UsageError(
            f"没有给出材料文件夹，也没有找到“{path.resolve()}”。\n"
            f"请把材料文件夹和报告文件夹作为参数给出，或在“{path.name}”中{CFG_FORMAT}{copy}"
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CFG_BYTES + 1)
    except OSError as error:
        raise UsageError(f"无法读取“{path}”：{error.strerror or error}。") from None
    if len(raw) > MAX_CFG_BYTES:
        raise UsageError(f"“{path}”超过 64 KB，不像文件夹设置。请{CFG_FORMAT}")
    lines = _lines(raw)
    if len(lines) < 2:
        raise UsageError(f"“{path}”中应有两行（现有 {len(lines)} 行）。请{CFG_FORMAT}")
    evidence, reports = (Path(line) for line in lines[:2])
    base = path.parent
    return (
        evidence if evidence.is_absolute() else base / evidence,
        reports if reports.is_absolute() else base / reports,
    )
