"""Writing files safely: whole or not at all.

Batch runs on a shared drive may be interrupted or run twice at once; a reader must never see a
half-written report or cache. Write to a temporary file in the same folder, then rename over the
target (atomic on POSIX and on Windows/NTFS via os.replace).
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Where cwm keeps its caches: ``CWM_CACHE_DIR``, else the user's cache directory
    (platformdirs: ~/.cache/cwm, %LOCALAPPDATA%\\cwm\\Cache…). Never the evidence tree."""
    configured = os.environ.get("CWM_CACHE_DIR")
    if configured:
        return Path(configured)
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
    file keeps its own)."""
    import tempfile

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = normal_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp makes 0600: nobody else could read the report
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
