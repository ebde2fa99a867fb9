"""Per-file results (text and word count, photo facts and hash, table cells) cached across runs.

Keyed by the file's absolute path, size, modification time, change time and inode (file index on
Windows), and by the readers' code: a changed file is read again — also one whose content
changed with its size and modification time kept (``touch -r``, some sync tools: the change
time moves) or one replaced by another (a new inode). A file changed in the last
``fsutil.RACY_SECONDS`` is read but not stored: on a share that keeps 2-second timestamps it could
change again with the same size and time (git's “racily clean” rule). The readers' version is
a digest of the code that makes a cached result (``readers_version``), so a reader changed in
an upgrade never serves an old result. Stored in SQLite in the user's cache directory, never in
the evidence tree; SQLite makes each write atomic and lets two batch runs on one machine share
the cache safely (one writer at a time, readers never see half a row).

A cache another process holds locked (“database is locked/busy” after ``BUSY_TIMEOUT``) is not a
broken cache: this run goes on without it and says so (``note``), and nothing of the other
process is touched. A cache this user may not write (read-only, another user's) is read and
never written. Only a file SQLite reports as no database or malformed is set aside (renamed,
never deleted: a process that still has it open keeps writing to its own copy) and rebuilt. Any
cache failure only costs speed.
"""

from __future__ import annotations

import functools
import os
import pickle
import sqlite3
import time
from pathlib import Path
from typing import Any, Iterable

from cwm.fsutil import file_version, is_racy

READING_MODULES = ("cwm.evidence.reading", "cwm.evidence.kinds")
"""Modules outside ``cwm.formats`` whose code shapes a cached result (every module of
``cwm.formats`` does)."""
LIBRARIES = ("pypdfium2", "PIL", "pi_heif", "python_calamine", "olefile", "rarfile")
"""Libraries the readers' results come from (their import names): an upgrade of one (its files
rewritten) reads every file again."""
BUSY_TIMEOUT = 5.0
"""Seconds to wait for another process's write before going on without the cache."""
BUSY_NOTE = "读取结果的缓存正被另一个 cwm 占用，本次未使用缓存（结论相同，只是读得慢一些）。"


def _damaged(exc: BaseException) -> bool:
    """SQLite's word for a file that is no database or a broken one — the only case in which
    the file is set aside. A read-only file, one of another user, a full disk: not damage."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "encrypted" in text
    )


def _busy(exc: BaseException) -> bool:
    """“database is locked” / “database is busy”: another process is writing, not damage."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


@functools.cache
def readers_version() -> str:
    """A digest of the code that makes a cached result — every module of ``cwm.formats`` and the
    reading modules, byte for byte (their compiled code in a frozen build, which has no
    source) — and of the installed files of the libraries they use."""
    import hashlib
    import importlib.util

    digest = hashlib.blake2b(digest_size=8)
    sources = reader_sources()
    if sources:  # an installed package or a checkout: the code itself
        for path in sources:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    else:  # a frozen build: the compiled code the build carries
        for name, code in _frozen_code():
            digest.update(name.encode())
            digest.update(code)
    for library in LIBRARIES:
        found = importlib.util.find_spec(library)
        try:
            made = os.stat(found.origin) if found is not None and found.origin else None
        except OSError:
            made = None
        digest.update(f"{library}:{made and (made.st_size, made.st_mtime_ns)}".encode())
    from cwm.formats import ocr

    digest.update(ocr.state().encode())  # a scan read with OCR is not the scan read without
    return digest.hexdigest()


def reader_sources() -> list[Path]:
    """The source files of the code ``readers_version`` covers (none in a frozen build)."""
    import cwm.formats

    package = Path(cwm.formats.__file__).parent
    sources = sorted(package.glob("*.py"))
    if not sources:
        return []
    return sources + [
        package.parent / "evidence" / f"{m.rsplit('.', 1)[1]}.py" for m in READING_MODULES
    ]


def _frozen_code() -> list[tuple[str, bytes]]:
    import importlib.util
    import marshal
    import pkgutil

    import cwm.formats

    names = [f"cwm.formats.{m.name}" for m in pkgutil.iter_modules(cwm.formats.__path__)]
    out = []
    for name in sorted([*names, "cwm.formats", *READING_MODULES]):
        spec = importlib.util.find_spec(name)
        if (get_code := getattr(spec and spec.loader, "get_code", None)) is not None:
            out.append((name, marshal.dumps(get_code(name))))
    return out


def _key(path: Path, stat: os.stat_result, namespace: str = "") -> str:
    """The walk gives absolute paths: no ``resolve()`` (a system call per path component) on a
    warm run, where the key is most of the work."""
    # the path as bytes: a name with undecodable bytes still makes a valid (UTF-8) key
    version = "|".join(map(str, file_version(stat)))
    return in_namespace(f"|{os.fsencode(path).hex()}|{version}", namespace)


def in_namespace(key: str, namespace: str) -> str:
    """The key of another kind of result (``namespace``) of the file version ``key`` names."""
    version = f"{readers_version()}{'/' + namespace if namespace else ''}"
    return version + key[key.index("|") :]


class FileCache:
    def __init__(self, location: Path) -> None:
        self.location = location
        self._db: sqlite3.Connection | None = None
        self.note: str | None = None
        """Why this run went on without the cache (another process holds it), if it did."""
        self.read_only = False
        """The cache can be read but not written (a read-only file, or another user's): it
        serves what it holds and stores nothing."""
        try:
            self._db = self._open()
        except (sqlite3.DatabaseError, OSError) as exc:
            self._db = self._failed(exc)

    def _failed(self, exc: BaseException) -> sqlite3.Connection | None:
        """After an error: without the cache when it is busy; a fresh one when it is damaged."""
        if _busy(exc):
            if self._db is not None:
                self._db.close()
            self.note = BUSY_NOTE
            return None
        if _damaged(exc):
            return self._recreate()
        return self._open_read_only()

    def _open_read_only(self) -> sqlite3.Connection | None:
        """The cache as it is, for reading only (never renamed, never rebuilt); None when even
        that cannot be done."""
        if self._db is not None:
            self._db.close()
            self._db = None
        try:
            uri = self.location.resolve().as_uri() + "?mode=ro"
            db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT)
            db.execute("SELECT count(*) FROM results").fetchone()
        except (sqlite3.DatabaseError, OSError, ValueError):
            return None
        self.read_only = True
        return db

    def _open(self) -> sqlite3.Connection:
        self.location.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.location, timeout=BUSY_TIMEOUT)
        db.execute("PRAGMA journal_mode=WAL")
        # a cache: a power cut may lose the last run's rows (read again next time), never
        # corrupt the file (WAL); no wait for the disk at every commit
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        db.execute("SELECT count(*) FROM results").fetchone()  # fails on a corrupt file
        return db

    def _recreate(self) -> sqlite3.Connection | None:
        """Set the damaged file aside (with its -wal/-shm, so they are never applied to the new
        file) and start a new one."""
        if self._db is not None:
            self._db.close()
            self._db = None
        for suffix in ("", "-wal", "-shm"):
            try:
                os.replace(f"{self.location}{suffix}", f"{self.location}.damaged{suffix}")
            except OSError:
                pass
        try:
            return self._open()
        except (sqlite3.DatabaseError, OSError):
            return None  # no cache this run

    def get_many(
        self, files: Iterable[Any], namespace: str = ""
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """(results by rel for the hits, cache key by rel for every file that could be stat'ed);
        ``namespace`` keeps another kind of result of the same file apart (a thumbnail)."""
        keys: dict[str, str] = {}
        now = time.time()
        for file in files:
            try:
                stat = file.path.stat()
            except OSError:
                continue
            if not is_racy(stat, now):  # a racy file is read, and neither looked up nor stored
                keys[file.rel] = _key(file.path, stat, namespace)
        hits: dict[str, Any] = {}
        if self._db is None or not keys:
            return hits, keys
        by_key = {key: rel for rel, key in keys.items()}
        try:
            wanted = list(by_key)
            for start in range(0, len(wanted), 500):
                batch = wanted[start : start + 500]
                marks = ",".join("?" * len(batch))
                for key, value in self._db.execute(
                    f"SELECT key, value FROM results WHERE key IN ({marks})", batch
                ):
                    try:
                        hits[by_key[key]] = pickle.loads(value)
                    except Exception:  # a row from other code: read the file again
                        continue
        except sqlite3.DatabaseError as exc:
            self._db = self._failed(exc)
            return {}, keys
        return hits, keys

    def put_many(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """Store (key, ``stored_form(result)``) rows."""
        if self._db is None or self.read_only:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", rows
                )
        except sqlite3.DatabaseError as exc:
            self._db = self._failed(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def stored_form(result: Any) -> bytes:
    """A result as the cache stores it (made in the worker that read the file, so that the
    main process does not pickle it again)."""
    return pickle.dumps(result, pickle.HIGHEST_PROTOCOL)


def default_location() -> Path:
    from cwm.fsutil import cache_dir

    return cache_dir() / "files.sqlite"
