"""Writing files safely (whole or not at all), and names as every output shows them.

Batch runs on a shared drive may be interrupted or run twice at once; a reader must never see a
half-written report or cache. Write to a temporary file in the same folder, then rename over the
target (atomic on POSIX and on Windows/NTFS via os.replace).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from typing import Iterable

_LOCK_FILE = re.compile(r"^(?:~\$(?P<word>.*)|\.~lock\.(?P<office>.*)#)$", re.I | re.S)


def locked_file(name: str) -> str | None:
    """The file an office lock file stands for while it is open — ``~$检查结果.xlsx`` (Excel,
    Word, WPS), ``.~lock.检查结果.xlsx#`` (LibreOffice) -> ``检查结果.xlsx`` — or None for a name
    that is no lock file."""
    found = _LOCK_FILE.match(name)
    return None if found is None else found.group("word") or found.group("office") or ""


RACY_SECONDS = 3.0
"""A file changed less than this long ago may change again within the file system's timestamp
step (2 s on FAT and some shares) keeping its size and time: the caches read it but never store
it (git's “racily clean” rule)."""


def is_racy(stat: os.stat_result, now: float) -> bool:
    """Changed (or its metadata changed) too recently to be trusted in a cache."""
    return max(stat.st_mtime, stat.st_ctime) > now - RACY_SECONDS


def file_version(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What tells one version of a file from another for a cache: size, modification and change
    time, inode (a file edited with its time kept moves its change time; a replaced one has
    another inode)."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def cache_dir() -> Path:
    """Where cwm keeps its caches: ``CWM_CACHE_DIR``, else the user's cache directory
    (platformdirs: ~/.cache/cwm, %LOCALAPPDATA%\\cwm\\Cache…). Never the evidence tree."""
    configured = os.environ.get("CWM_CACHE_DIR")
    if configured:
        return Path(configured)
    if sys.platform.startswith("linux"):  # the XDG rule platformdirs applies, without its import
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        return Path(xdg or os.path.expanduser("~/.cache")) / "cwm"
    import platformdirs

    return Path(platformdirs.user_cache_dir("cwm", appauthor=False))


def normal_mode(directory: bool = False) -> int:
    """The permissions a plain ``open()`` (or ``mkdir``) gives under the current umask: 0644 and
    0755 under 022, so colleagues on a shared drive can read what cwm writes."""
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if directory else 0o666) & ~umask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, with normal permissions (a replaced
    file keeps its own). A path that is a device, a FIFO or a socket (``-o /dev/null``, a pipe a
    script reads) is written to directly, never replaced by a file; a symbolic link is followed:
    its target is written atomically and the link kept."""
    import stat
    import tempfile

    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        status = path.stat()
    except OSError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
        with open(path, "wb") as handle:  # a device or a pipe: there is nothing to rename over
            handle.write(data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = status.st_mode & 0o7777 if status is not None else normal_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    set_hidden(Path(tmp), True)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp makes 0600: nobody else could read the report
        set_hidden(Path(tmp), False)  # the replaced file takes the temporary's attributes
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


_HIDDEN = 0x2
"""FILE_ATTRIBUTE_HIDDEN."""


def set_hidden(path: Path, hidden: bool) -> None:
    """Hide (or show) a run's unfinished file or folder where a leading dot does not: on
    Windows, by the hidden attribute, which Explorer and a share's users respect. A rename keeps
    it, so it is cleared before the finished one takes its name. Failure only costs the hiding;
    elsewhere the dot hides it and nothing is done."""
    if os.name != "nt":
        return
    import ctypes

    try:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]  # WinDLL exists on Windows only (checked above)
        attributes = kernel32.GetFileAttributesW(str(path))
        if attributes == 0xFFFFFFFF:  # INVALID_FILE_ATTRIBUTES: gone, or no access
            return
        wanted = attributes | _HIDDEN if hidden else attributes & ~_HIDDEN
        if wanted != attributes:
            kernel32.SetFileAttributesW(str(path), wanted)
    except (AttributeError, OSError):
        return


def publish_folder(temporary: Path, out_dir: Path, names: Iterable[str]) -> Path:
    """Rename a finished folder to the first free name of ``names`` in ``out_dir``. The name is
    taken by the rename itself (it fails on a folder already there), so two runs at once both
    land. A folder ``set_hidden`` hid is shown first."""
    set_hidden(temporary, False)
    for name in names:
        target = out_dir / name
        if target.exists():
            continue
        try:
            os.rename(temporary, target)
            return target
        except OSError as exc:  # another run took the name between the look and the rename
            if not target.exists():
                raise exc
    raise OSError(f"{out_dir} 中同一分钟的报告文件夹太多")


_PARTIAL = re.compile(r"^\.(?P<name>.+)\.partial-(?P<pid>\d+)(?:-\w+)?$")


def _process_gone(pid: int, path: Path) -> bool:
    """Whether the run that was writing ``path`` has ended (on Windows, where a process cannot
    be probed safely, a partial folder a day old is taken as left behind)."""
    if os.name == "nt":
        import time

        try:
            return time.time() - path.stat().st_mtime > 24 * 3600
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def remove_partials(out_dir: Path) -> list[str]:
    """Remove the hidden ``.NAME.partial-PID-…`` folders of earlier runs that were killed (only
    this naming pattern, only when their process is gone). Returns their names."""
    removed: list[str] = []
    try:
        entries = list(out_dir.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _PARTIAL.match(entry.name)
        if match and int(match.group("pid")) != os.getpid() and entry.is_dir():
            if _process_gone(int(match.group("pid")), entry):
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry.name)
    return removed


CONTROL_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]}
"""Control characters (ESC, newline, tab) as every output shows them: ``\\x1b``."""
_CONTROL = re.compile("[" + "".join(map(chr, CONTROL_ESCAPES)) + "]")


def decodable(text: str) -> str:
    """Bytes a path could not decode (surrogates) as U+FFFD: writing or printing never fails on
    a name."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def shown(text: str) -> str:
    """A name or message as every output shows it: bytes a share could not decode (surrogates)
    as U+FFFD, control characters (ESC, newline, tab) as ``\\x1b``. Applied where findings are
    made, so text, JSON, the workbook and the web page say the same and none can fail on it."""
    text = decodable(text)
    # translate() looks up every character: only for the rare text that has one to escape
    return text.translate(CONTROL_ESCAPES) if _CONTROL.search(text) else text
