"""``cwm count``: Word's 字数 of documents, and what was read of tables, for files and folders.

A folder is walked by the one walker (``scan``: links out of it are not followed) and every
document and table in it is counted; each file is read through ``reading.read_file``, so a bad
file is a row saying what is wrong, not an error for the whole command.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cwm.evidence.kinds import kind_of
from cwm.evidence.reading import read_file
from cwm.evidence.scan import EvidenceFile, scan
from cwm.formats import DocumentText, ReadError


@dataclass(frozen=True)
class Counted:
    file: str
    words: int | None = None
    han: int | None = None
    chars_no_spaces: int | None = None
    note: str = ""
    """扫描件, 表格：4 行，8 个单元格, or why the file could not be read."""
    unreadable: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "words": self.words,
            "han": self.han,
            "chars_no_spaces": self.chars_no_spaces,
            "note": self.note,
        }


COLUMNS = [
    ("文件", lambda r: r.file),
    ("字数", lambda r: r.words),
    ("纯汉字数", lambda r: r.han),
    ("字符数（不计空格）", lambda r: r.chars_no_spaces),
    ("备注", lambda r: r.note),
]
"""The table of ``cwm count``: one row per Counted."""


def count_file(file: EvidenceFile) -> Counted:
    result = read_file(file)
    if isinstance(result, ReadError):
        return Counted(file.rel, note=result.message, unreadable=True)
    if isinstance(result, DocumentText):
        if result.scanned:
            return Counted(file.rel, note="扫描件，无文字层")
        numbers = result.counts
        return Counted(file.rel, numbers.words, numbers.han, numbers.chars_no_spaces)
    if file.kind == "table":
        rows = [row for _, sheet in result.sheets for row in sheet]
        cells = sum(1 for row in rows for cell in row if cell.strip())
        sheets = f"{len(result.sheets)} 个工作表，" if len(result.sheets) > 1 else ""
        return Counted(file.rel, note=f"表格：{sheets}读取 {len(rows)} 行，{cells} 个单元格")
    return Counted(file.rel, note="不是文档或表格，未统计")


def count_paths(paths: list[Path]) -> list[Counted]:
    """One row per document or table named, or found in a folder named."""
    rows: list[Counted] = []
    for path in paths:
        if path.is_dir():
            found = [f for f in scan(path, {}).stray if f.kind in ("document", "table")]
            rows += [
                count_file(EvidenceFile(f.path, f"{path.as_posix()}/{f.rel}", f.kind))
                for f in found
            ]
        else:
            rows.append(count_file(EvidenceFile(path, path.as_posix(), kind_of(path))))
    return rows


def totals(rows: list[Counted]) -> Counted:
    def total(field: str) -> int:
        return sum(getattr(r, field) or 0 for r in rows)

    return Counted(
        f"合计（{len(rows)} 个文件）", total("words"), total("han"), total("chars_no_spaces")
    )
