"""What an archive holds, by name only (its contents are never extracted or counted): .zip with
names as Windows writes them (GBK, without the UTF-8 flag), .rar through rarfile (headers only,
no unrar needed), .7z is named without being opened."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from cwm.formats.base import ReadError

_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class ArchiveFacts:
    names: tuple[str, ...]
    """The files it holds (folders left out), as their names were meant."""


def _zip_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")  # zipfile decoded the bytes as cp437
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def read_archive(path: Path) -> ArchiveFacts:
    suffix = path.suffix.lower()
    try:
        if suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                names = [_zip_name(i) for i in archive.infolist() if not i.is_dir()]
        elif suffix == ".rar":
            import rarfile

            with rarfile.RarFile(str(path)) as archive:
                names = [i.filename for i in archive.infolist() if not i.is_dir()]
        else:
            names = []
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ReadError(
            f"压缩包已损坏，无法列出其中的文件（{exc}）。", code="wrong-content"
        ) from None
    except Exception as exc:  # rarfile's own errors (encrypted headers, damaged)
        raise ReadError(f"压缩包无法打开（{type(exc).__name__}）。", code="wrong-content") from None
    return ArchiveFacts(tuple(names))
