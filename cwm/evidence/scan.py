"""The one folder walker: find requirement folders by id at any depth, classify files, and
report what cannot be walked (symlink loops, unreadable folders, undecodable names).

A requirement's folder is a folder whose name begins with its id, followed by anything but
another digit of an id (``III-27-3-2 新建小区/``, ``III-27-3-3养老服务体系/``). Names are compared
after NFKC (``Ⅲ-27-3-2``, ``III－27－3－2``), with every dash the plan and keyboards produce read
as ``-`` (``Ⅲ—27—3—3``) and case folded; the longest matching id wins, so ``III-7-…`` never
claims a folder of ``III-70-…``. The scanned root may itself be a requirement's folder. A folder
whose name begins like an id that matches no requirement is a problem naming the nearest ids.

Everything below a requirement folder belongs to it; its first-level subfolders may name groups
(a festival). A first-level subfolder whose name begins with 参考 holds supporting material
(drafts, sources): its files are listed apart and never judged or counted.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping

from cwm.errors import os_problem
from cwm.evidence.captions import is_caption_file
from cwm.evidence.ids import IdMatcher
from cwm.evidence.kinds import kind_of
from cwm.fsutil import locked_file

NOTES_FILE = "要求.txt"
"""The note ``cwm init`` writes into each requirement folder: never evidence."""
OLD_NOTES_FILE = "要求.md"
"""The note's name before: a .txt opens on a double-click in Windows, a .md does not."""
IGNORED_NAMES = frozenset(
    {"thumbs.db", "desktop.ini", ".ds_store", NOTES_FILE.casefold(), OLD_NOTES_FILE.casefold()}
)


_LEFTOVERS = re.compile(r"^(?:\._|~WRL\d*\.tmp$)|\.tmp$", re.IGNORECASE)
"""What Office, WPS and LibreOffice leave beside a file while it is being saved (~WRL0001.tmp,
*.tmp) and macOS resource forks (._照片.jpg); their lock files (~$报告.docx, .~lock.报告.docx#)
are ``locked_file``'s."""


def is_ignored(name: str) -> bool:
    """Office lock and temporary files, system files, resource forks and cwm's own notes: never
    evidence, never counted, never warned about."""
    return (
        bool(_LEFTOVERS.search(name))
        or locked_file(name) is not None
        or name.casefold() in IGNORED_NAMES
    )


REFERENCE_PREFIX = "参考"

REPORT_JSON = "检查结果.json"
"""What every report folder ``cwm report`` writes holds (beside its web page and workbook)."""
REPORT_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}_\d{4}(?:_\d+)?$")
"""How ``cwm report`` names a report folder: the run's date and time (``2021-06-20_0930``)."""
REPORTS_SUFFIX = "_检查结果"
"""``cwm report``'s default folder for the reports of ``材料/``: ``材料_检查结果/``."""


def is_report_folder(path: Path, name: str) -> bool:
    """A folder ``cwm report`` wrote — a dated report, or the folder of them beside an evidence
    folder — is never evidence, wherever it was put (a report folder named ``III-27-3-2 …_检查结果``
    would otherwise be a second folder of that item)."""
    if REPORT_FOLDER.match(name):
        return (path / REPORT_JSON).is_file()
    if name.endswith(REPORTS_SUFFIX):
        try:
            with os.scandir(path) as entries:
                return any(
                    e.is_dir()
                    and REPORT_FOLDER.match(e.name)
                    and os.path.isfile(os.path.join(e.path, REPORT_JSON))
                    for e in entries
                )
        except OSError:
            return False
    return False


def display(path: Path) -> str:
    """A path as users see it; undecodable bytes shown as U+FFFD."""
    text = path.as_posix()
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_BAD_BYTE = re.compile("[\udc80-\udcff]")
"""What ``os.fsdecode`` makes of a byte that is not UTF-8 (surrogateescape)."""


def has_bad_bytes(name: str) -> bool:
    return _BAD_BYTE.search(name) is not None


@dataclass
class EvidenceFile:
    path: Path
    rel: str
    """Path relative to the scanned root, with / separators (for messages and JSON)."""
    kind: str
    group: str | None = None
    """The first-level subfolder inside the requirement folder, if any."""
    reference: bool = False
    """Inside a 参考… subfolder: supporting material, never judged or counted."""


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
    """The evidence: every file of the folder but supporting material and caption files."""
    reference: list[EvidenceFile] = field(default_factory=list)
    """Files in 参考… subfolders."""
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
    by_title: dict[str, str] = field(default_factory=dict)
    """Requirement id -> a folder named like its title but without its id (not checked)."""


@dataclass
class _Level:
    """One folder being listed: its remaining entries, the requirement folder it belongs to
    (None above any), its group (the first-level subfolder inside a requirement folder), and
    whether it holds supporting material (参考…)."""

    entries: Iterator[os.DirEntry]
    folder: RequirementFolder | None
    group: str | None
    reference: bool = False


class _Walker:
    """An iterative, depth-first walk in name order (any depth; no recursion)."""

    def __init__(
        self,
        root: Path,
        titles: Mapping[str, str],
        keep: Callable[[str], bool] | None = None,
        more: Mapping[str, str] | None = None,
    ) -> None:
        self.keep = keep
        """A folder name -> whether to walk it (False: a folder of another period)."""
        self.root = Path(os.path.abspath(root))
        """Absolute (no system call): every file's path is absolute, a cache key as it is."""
        self.prefix = str(self.root).rstrip(os.sep) + os.sep
        self.matcher = IdMatcher(titles, more)
        self.result = Scan(root)
        self.seen_dirs: set[tuple[int, int]] = set()
        self.stack: list[_Level] = []
        self.real_root = os.path.realpath(root)

    def rel_of(self, path: Path) -> str:
        """The path below the root, with / (string work: the walk's paths start with it)."""
        text = str(path)
        if text.startswith(self.prefix):
            text = text[len(self.prefix) :]
        elif text == str(self.root):
            text = "."
        return display(Path(text)) if os.sep != "/" or has_bad_bytes(text) else text

    def problem(
        self, folder: RequirementFolder | None, code: str, message: str, path: Path
    ) -> None:
        sink = folder.problems if folder else self.result.problems
        sink.append(TreeProblem(code, message, self.rel_of(path)))

    def enter(self, directory: Path, level: _Level) -> None:
        """List ``directory`` (once: a link back to a listed folder is a loop) as ``level``."""
        try:
            stat = directory.stat()
        except OSError as exc:
            message = f"无法进入文件夹：{os_problem(exc)}"
            self.problem(level.folder, "unreadable", message, directory)
            return
        key = (stat.st_dev, stat.st_ino)
        if key in self.seen_dirs:
            message = "链接指向已检查过的文件夹（循环链接），已跳过。"
            self.problem(level.folder, "symlink-loop", message, directory)
            return
        self.seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            message = f"无法列出文件夹内容：{os_problem(exc)}"
            self.problem(level.folder, "unreadable", message, directory)
            return
        level.entries = iter(entries)
        self.stack.append(level)

    def walk(self) -> Scan:
        ident = self.matcher.match(self.root.resolve().name)
        top = None
        if ident is not None:  # pointed at one requirement's folder
            self.result.folders[ident] = top = RequirementFolder(ident, self.root, ".")
        self.enter(self.root, _Level(iter(()), top, None))
        while self.stack:
            level = self.stack[-1]
            entry = next(level.entries, None)
            if entry is None:
                self.stack.pop()
            else:
                self.visit(entry, level)
        return self.result

    def visit(self, entry: os.DirEntry, level: _Level) -> None:
        path, name = Path(entry.path), entry.name
        if is_ignored(name):
            return
        if has_bad_bytes(name):
            message = "文件名含有无法识别的字符（编码错误），请重命名。"
            self.problem(level.folder, "bad-name", message, path)
        if self.is_link(entry):
            real = os.path.realpath(entry.path)
            if not self.inside(real):
                message = (
                    "链接（快捷方式）指向材料文件夹之外，不跟随、不读取。请把材料本身放进文件夹。"
                )
                self.problem(level.folder, "link-outside", message, path)
                return
            if os.path.isdir(real):  # a folder of the tree: judged once, at its real place
                self.linked_folder(path, real, level)
                return
        try:
            is_dir = entry.is_dir()  # follows symlinks (inside the tree)
            is_file = entry.is_file()
        except OSError:
            is_dir = is_file = False
        if entry.is_symlink() and not (is_dir or is_file):
            self.problem(level.folder, "unreadable", "链接指向的文件不存在或无法访问。", path)
        elif is_dir:
            self.visit_dir(path, name, level)
        elif is_file:
            self.visit_file(path, name, level)
        else:  # a FIFO, a device, a socket: never opened
            message = "不是普通文件（管道、设备或套接字），已跳过。"
            self.problem(level.folder, "special-file", message, path)

    def linked_folder(self, path: Path, real: str, level: _Level) -> None:
        """A link to a folder of the tree is not followed: the folder is walked (and judged)
        where it really is, whichever of the two names sorts first; a link to a folder it is in
        is a loop."""
        parent = os.path.realpath(path.parent)
        if parent == real or parent.startswith(real.rstrip(os.sep) + os.sep):
            message = "链接指向它所在的上层文件夹（循环链接），已跳过。"
            self.problem(level.folder, "symlink-loop", message, path)
            return
        where = self.rel_of(Path(self.prefix + os.path.relpath(real, self.real_root)))
        message = (
            f"链接（快捷方式）指向材料文件夹中的“{where}”：按它的实际位置检查一次，不重复计入。"
        )
        self.problem(level.folder, "link-inside", message, path)

    @staticmethod
    def is_link(entry: os.DirEntry) -> bool:
        """A symbolic link, or a Windows junction."""
        junction = getattr(entry, "is_junction", None)  # Python 3.12+
        return entry.is_symlink() or bool(junction and junction())

    def inside(self, real: str) -> bool:
        return real == self.real_root or real.startswith(self.real_root.rstrip(os.sep) + os.sep)

    def visit_dir(self, path: Path, name: str, level: _Level) -> None:
        folder = level.folder
        if is_report_folder(path, name):
            message = f"“{name}”是 cwm 写的检查报告，不是材料，未检查。"
            self.problem(folder, "report-folder", message, path)
            return
        if self.keep is not None and not self.keep(name):
            message = f"“{name}”是其他期间的文件夹，本次按期间检查，未读取。"
            self.problem(folder, "other-period", message, path)
            return
        if folder is not None:
            first = level.group is None and not level.reference
            reference = level.reference or (first and name.strip().startswith(REFERENCE_PREFIX))
            group = level.group if level.group is not None else name
            self.enter(path, _Level(iter(()), folder, group, reference))
            return
        ident = self.matcher.match(name)
        if ident is None:
            written = self.matcher.unknown_id(name)
            if written is not None:
                self.unknown(path, name, written)
            else:
                self.titled(path, name)
            self.enter(path, _Level(iter(()), None, None))
            return
        found = RequirementFolder(ident, path, self.rel_of(path))
        folders = self.result.folders
        if ident in folders:  # still walked, for loops and stray problems
            self.result.duplicates.setdefault(ident, [folders[ident].rel]).append(found.rel)
        else:
            folders[ident] = found
        self.enter(path, _Level(iter(()), found, None))

    def unknown(self, path: Path, name: str, written: str) -> None:
        nearest = "、".join(f"{i} {self.matcher.titles[i]}" for i in self.matcher.nearest(name))
        message = (
            f"文件夹名开头的编号 {written} 不是任何申报项的编号，其中的材料不会被检查。"
            f"是否应为 {nearest}？请改正文件夹名。"
        )
        self.problem(None, "unknown-id", message, path)

    def titled(self, path: Path, name: str) -> None:
        """A folder named like an item's title but without its id: say which id it likely is."""
        ident = self.matcher.by_title(name)
        if ident is None:
            return
        rel = self.rel_of(path)
        self.result.by_title.setdefault(ident, rel)
        title = self.matcher.titles[ident]
        message = (
            f"文件夹“{name}”像是 {ident} {title} 的材料，但名称不以编号开头，其中的材料不会被检查。"
            f"请改名为“{ident} {name}”。"
        )
        self.problem(None, "title-folder", message, path)

    def visit_file(self, path: Path, name: str, level: _Level) -> None:
        folder = level.folder
        if folder is not None and is_caption_file(name) and not level.reference:
            folder.caption_files.append(path)
            return
        item = EvidenceFile(path, self.rel_of(path), kind_of(path), level.group, level.reference)
        if folder is None:
            self.result.stray.append(item)
        elif level.reference:
            folder.reference.append(item)
        else:
            folder.files.append(item)


def scan(
    root: Path,
    titles: Mapping[str, str],
    keep: Callable[[str], bool] | None = None,
    more: Mapping[str, str] | None = None,
) -> Scan:
    """Walk ``root`` (read only) and sort what it holds under the requirement ids
    (``titles``: id -> title, for suggesting the nearest ids; ``more``: other ids whose folders
    are found the same way — S-3, L-6 — but never suggested for a folder without an id).
    ``keep``, given a folder's name, says whether to walk it: the caller's way of leaving out
    other periods' folders (the scanner knows no periods)."""
    return _Walker(root, titles, keep, more).walk()
