"""Per-file results (text and word count, photo facts and hash, table cells) cached across runs.

Keyed by the file's absolute path, size and modification time, and by the readers' version: a
changed file is read again. Stored in SQLite in the user's cache directory, never in the
evidence tree; SQLite makes each write atomic and lets two batch runs on one machine share the
cache safely (one writer at a time, readers never see half a row).

A cache another process holds locked (“database is locked/busy” after ``BUSY_TIMEOUT``) is not a
broken cache: this run goes on without it and says so (``note``), and nothing of the other
process is touched. Only a file SQLite reports as no database or malformed is set aside (renamed,
never deleted: a process that still has it open keeps writing to its own copy) and rebuilt. Any
cache failure only costs speed.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
from pathlib import Path
from typing import Any, Iterable

READERS_VERSION = 15
"""Bump when a reader's output changes, so old results are not used."""
BUSY_TIMEOUT = 5.0
"""Seconds to wait for another process's write before going on without the cache."""
BUSY_NOTE = "读取结果的缓存正被另一个 cwm 占用，本次未使用缓存（结论相同，只是读得慢一些）。"


def _busy(exc: BaseException) -> bool:
    """“database is locked” / “database is busy”: another process is writing, not damage."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _key(path: Path, stat: os.stat_result, namespace: str = "") -> str:
    """The walk gives absolute paths: no ``resolve()`` (a system call per path component) on a
    warm run, where the key is most of the work."""
    # the path as bytes: a name with undecodable bytes still makes a valid (UTF-8) key
    return in_namespace(f"|{os.fsencode(path).hex()}|{stat.st_size}|{stat.st_mtime_ns}", namespace)


def in_namespace(key: str, namespace: str) -> str:
    """The key of another kind of result (``namespace``) of the file version ``key`` names."""
    version = f"{READERS_VERSION}{'/' + namespace if namespace else ''}"
    return version + key[key.index("|") :]


class FileCache:
    def __init__(self, location: Path) -> None:
        self.location = location
        self._db: sqlite3.Connection | None = None
        self.note: str | None = None
        """Why this run went on without the cache (another process holds it), if it did."""
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
        if isinstance(exc, OSError):
            return None
        return self._recreate()

    def _open(self) -> sqlite3.Connection:
        self.location.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.location, timeout=BUSY_TIMEOUT)
        db.execute("PRAGMA journal_mode=WAL")
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
        for file in files:
            try:
                keys[file.rel] = _key(file.path, file.path.stat(), namespace)
            except OSError:
                continue
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

    def put_many(self, rows: Iterable[tuple[str, Any]]) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)",
                    ((key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) for key, value in rows),
                )
        except sqlite3.DatabaseError as exc:
            self._db = self._failed(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def default_location() -> Path:
    from cwm.fsutil import cache_dir

    return cache_dir() / "files.sqlite"
