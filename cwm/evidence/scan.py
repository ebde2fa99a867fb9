"""The one folder walker: find requirement folders by id at any depth, classify files, and
report what cannot be walked (symlink loops, unreadable folders, undecodable names).

A requirement's folder is a folder whose name is its id, alone or followed by a separator
(space, ``_``, ``-``, ``.``, ``（``) and free text. Names are compared after NFKC (``Ⅲ-27-3-2``,
``III－27－3－2``) and case folding; the longest matching id wins, so ``III-7-…`` never claims a
folder of ``III-70-…``. Everything below a requirement folder belongs to it; its first-level
subfolders name groups (a festival, a site, a 小区).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .captions import CAPTION_FILES

DOCUMENTS = frozenset({".docx", ".doc", ".wps", ".pdf", ".txt", ".md"})
IMAGES = frozenset({".jpg", ".jpeg", ".png", ".heic", ".webp", ".bmp"})
TABLES = frozenset({".xlsx", ".xls", ".csv"})
NOTES_FILE = "要求.md"
"""The note ``cwm init`` writes into each requirement folder: never evidence."""
IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store", NOTES_FILE.casefold()})


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in DOCUMENTS:
        return "document"
    if suffix in IMAGES:
        return "image"
    if suffix in TABLES:
        return "table"
    return "other"


def is_ignored(name: str) -> bool:
    """Office lock files, system files, resource forks and cwm's own notes."""
    return name.startswith("~$") or name.startswith("._") or name.casefold() in IGNORED_NAMES


def fold(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold()


def display(path: Path) -> str:
    """A path as users see it; undecodable bytes shown as U+FFFD."""
    text = path.as_posix()
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def has_bad_bytes(name: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in name)


@dataclass
class EvidenceFile:
    path: Path
    rel: str
    """Path relative to the scanned root, with / separators (for messages and JSON)."""
    kind: str
    group: str | None = None
    """The first-level subfolder inside the requirement folder, if any."""


@dataclass
class TreeProblem:
    code: str
    message: str
    rel: str


@dataclass
class RequirementFolder:
    id: str
    path: Path
    rel: str
    files: list[EvidenceFile] = field(default_factory=list)
    caption_files: list[Path] = field(default_factory=list)
    problems: list[TreeProblem] = field(default_factory=list)


@dataclass
class Scan:
    root: Path
    folders: dict[str, RequirementFolder] = field(default_factory=dict)
    duplicates: dict[str, list[str]] = field(default_factory=dict)
    """Requirement ids found in more than one folder: every folder's path."""
    stray: list[EvidenceFile] = field(default_factory=list)
    problems: list[TreeProblem] = field(default_factory=list)
    """Problems outside any requirement folder."""


class IdMatcher:
    def __init__(self, ids: list[str]) -> None:
        folded = sorted(((fold(i), i) for i in ids), key=lambda pair: -len(pair[0]))
        self._patterns = [(re.compile(re.escape(f) + r"(?:$|[\s_\-.(（])"), i) for f, i in folded]

    def match(self, name: str) -> str | None:
        folded = fold(name)
        for pattern, ident in self._patterns:
            if pattern.match(folded):
                return ident
        return None


@dataclass
class _Level:
    """One folder being listed: its remaining entries, the requirement folder it belongs to
    (None above any), and its group (the first-level subfolder inside a requirement folder)."""

    entries: Iterator[os.DirEntry]
    folder: RequirementFolder | None
    group: str | None


class _Walker:
    """An iterative, depth-first walk in name order (any depth; no recursion)."""

    def __init__(self, root: Path, ids: list[str]) -> None:
        self.root = root
        self.matcher = IdMatcher(ids)
        self.result = Scan(root)
        self.seen_dirs: set[tuple[int, int]] = set()
        self.stack: list[_Level] = []

    def rel_of(self, path: Path) -> str:
        try:
            return display(path.relative_to(self.root))
        except ValueError:
            return display(path)

    def problem(
        self, folder: RequirementFolder | None, code: str, message: str, path: Path
    ) -> None:
        sink = folder.problems if folder else self.result.problems
        sink.append(TreeProblem(code, message, self.rel_of(path)))

    def enter(self, directory: Path, folder: RequirementFolder | None, group: str | None) -> None:
        """List ``directory`` (once: a link back to a listed folder is a loop)."""
        try:
            stat = directory.stat()
        except OSError as exc:
            message = f"无法进入文件夹：{exc.strerror or exc}。请检查权限。"
            self.problem(folder, "unreadable", message, directory)
            return
        key = (stat.st_dev, stat.st_ino)
        if key in self.seen_dirs:
            message = "链接指向已检查过的文件夹（循环链接），已跳过。"
            self.problem(folder, "symlink-loop", message, directory)
            return
        self.seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            message = f"无法列出文件夹内容：{exc.strerror or exc}。请检查权限。"
            self.problem(folder, "unreadable", message, directory)
            return
        self.stack.append(_Level(iter(entries), folder, group))

    def walk(self) -> Scan:
        self.enter(self.root, None, None)
        while self.stack:
            level = self.stack[-1]
            entry = next(level.entries, None)
            if entry is None:
                self.stack.pop()
            else:
                self.visit(entry, level.folder, level.group)
        return self.result

    def visit(
        self, entry: os.DirEntry, folder: RequirementFolder | None, group: str | None
    ) -> None:
        path, name = Path(entry.path), entry.name
        if is_ignored(name):
            return
        if has_bad_bytes(name):
            self.problem(
                folder, "bad-name", "文件名含有无法识别的字符（编码错误），请重命名。", path
            )
        try:
            is_dir = entry.is_dir()  # follows symlinks
            is_file = entry.is_file()
        except OSError:
            is_dir = is_file = False
        if entry.is_symlink() and not (is_dir or is_file):
            self.problem(folder, "unreadable", "链接指向的文件不存在或无法访问。", path)
        elif is_dir:
            self.visit_dir(path, name, folder, group)
        elif is_file:
            self.visit_file(path, name, folder, group)

    def visit_dir(
        self, path: Path, name: str, folder: RequirementFolder | None, group: str | None
    ) -> None:
        if folder is not None:
            self.enter(path, folder, group if group is not None else name)
            return
        ident = self.matcher.match(name)
        if ident is None:
            self.enter(path, None, None)
            return
        found = RequirementFolder(ident, path, self.rel_of(path))
        folders = self.result.folders
        if ident in folders:  # still walked, for loops and stray problems
            self.result.duplicates.setdefault(ident, [folders[ident].rel]).append(found.rel)
        else:
            folders[ident] = found
        self.enter(path, found, None)

    def visit_file(
        self, path: Path, name: str, folder: RequirementFolder | None, group: str | None
    ) -> None:
        if folder is not None and name.casefold() in CAPTION_FILES:
            folder.caption_files.append(path)
            return
        item = EvidenceFile(path, self.rel_of(path), kind_of(path), group)
        if folder is None:
            self.result.stray.append(item)
        else:
            folder.files.append(item)


def scan(root: Path, ids: list[str]) -> Scan:
    """Walk ``root`` (read only) and sort what it holds under the requirement ids."""
    return _Walker(root, ids).walk()
