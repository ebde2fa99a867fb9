"""A cache of the validated plan, so that reading commands start fast.

Validating the plan means parsing YAML and importing Pydantic (~0.2 s); a command like
``cwm due`` answers in a fraction of that when the same data validated before. The cache lives
in the user's cache directory (``CWM_CACHE_DIR`` overrides it), one file per data directory,
keyed by each data file's version (``fsutil.file_version``: a file edited with its time kept, or
replaced, is read again) and by cwm's own code; data changed in the last seconds are validated
but not stored (``fsutil.is_racy``, as for the file cache). A missing, stale or corrupt cache is
simply rebuilt; writing it is atomic and failures to write are ignored.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import Any

from cwm.fsutil import atomic_write_bytes, cache_dir, file_version, is_racy

FORMAT = 1


def _code_stamp() -> tuple:
    """Changes whenever the model code does, so old pickles are never read by new classes."""
    from cwm import __version__
    from cwm.plan import models

    stat = os.stat(models.__file__)
    return (FORMAT, __version__, sys.version_info[:2], stat.st_size, stat.st_mtime_ns)


def _key(data_dir: Path, files: tuple[str, ...]) -> tuple:
    stamps = []
    for name in files:
        stat = os.stat(data_dir / name)
        stamps.append((name, *file_version(stat)))
    return (_code_stamp(), str(data_dir.resolve()), tuple(stamps))


def _settled(data_dir: Path, files: tuple[str, ...]) -> bool:
    import time

    now = time.time()
    return not any(is_racy(os.stat(data_dir / name), now) for name in files)


def _path(data_dir: Path) -> Path:
    # one file per data directory; the key inside tells whether it is current
    # (crc32, not hashlib: importing hashlib costs a few ms on every run)
    digest = zlib.crc32(str(data_dir.resolve()).encode("utf-8"))
    return cache_dir() / f"plan-{digest:08x}.pickle"


def get(data_dir: Path, files: tuple[str, ...]) -> dict[str, Any] | None:
    """The cached models of ``data_dir`` if nothing changed since they were stored, else None."""
    try:
        key = _key(data_dir, files)
        with open(_path(data_dir), "rb") as handle:
            stored_key, payload = pickle.load(handle)
    except Exception:  # missing, unreadable, corrupt or written by other code: rebuild
        return None
    return payload if stored_key == key else None


def put(data_dir: Path, files: tuple[str, ...], payload: dict[str, Any]) -> None:
    """Store validated models; a cache that cannot be written is not an error."""
    try:
        if not _settled(data_dir, files):
            return
        atomic_write_bytes(
            _path(data_dir), pickle.dumps((_key(data_dir, files), payload), pickle.HIGHEST_PROTOCOL)
        )
    except OSError:
        pass
