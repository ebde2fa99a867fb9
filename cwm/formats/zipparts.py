"""Reading parts of zip-based files (.docx, .xlsx, .ofd) within the bounds of ``limits``: the
declared sizes are checked first, and the inflated stream is counted as it is read, since a
crafted file can declare a small size and inflate to gigabytes."""

from __future__ import annotations

import io
import zipfile
from typing import IO, Any

from cwm.formats.base import ReadError
from cwm.formats.limits import MAX_PART_BYTES, MAX_RATIO, RATIO_FROM, MiB, too_large


def _limit_message(name: str) -> str:
    return too_large(f"文件中的 {name} 解压后超过 {MAX_PART_BYTES // MiB} MB")


def check_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse an archive one of whose parts declares more than the bounds."""
    for info in archive.infolist():
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > RATIO_FROM and ratio > MAX_RATIO):
            raise ReadError(_limit_message(info.filename), code="too-large")


class _Counted(io.RawIOBase):
    """A part's inflated stream that raises ReadError past ``MAX_PART_BYTES``."""

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self.stream, self.name, self.seen = stream, name, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]  # the stubs want a WriteableBuffer; a bytearray is one
        data = self.stream.read(len(buffer))
        self.seen += len(data)
        if self.seen > MAX_PART_BYTES:
            raise ReadError(_limit_message(self.name), code="too-large")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.stream.close()
        super().close()


def open_part(archive: zipfile.ZipFile, name: str) -> IO[bytes]:
    """A bounded stream of one part (the caller parses it incrementally)."""
    check_sizes(archive)
    return io.BufferedReader(_Counted(archive.open(name), name), 1 * MiB)  # type: ignore[type-var]  # a RawIOBase the stubs do not accept


def parse_part(archive: zipfile.ZipFile, name: str, target: Any) -> Any:
    """One part fed to expat a block at a time with a parser ``target`` (no tree is built:
    memory stays flat however large the part); what ``target.close()`` returns."""
    from xml.etree import ElementTree as ET

    parser = ET.XMLParser(target=target)
    with open_part(archive, name) as stream:
        while block := stream.read(256 * 1024):
            parser.feed(block)
    return parser.close()
