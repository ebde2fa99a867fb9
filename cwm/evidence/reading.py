"""Reading evidence files: the one place that opens them (read only), through the per-file
cache and a process pool."""

from __future__ import annotations

from typing import Any, Callable

from .readers import ReadError
from .scan import EvidenceFile

Progress = Callable[..., None]
"""``progress(0, total)`` once, then ``progress(n)`` as ``n`` more files are done."""

_NOT_CACHED = frozenset({"unreadable"})
"""Read errors that may go away without the file changing (permissions): read again next time."""


def read_file(file: EvidenceFile) -> Any:
    """What the rules need of one file; a ReadError (returned, not raised) if it cannot be read."""
    from .readers import read_document
    from .readers.image import read_photo
    from .readers.table import read_table

    try:
        if file.kind == "document":
            return read_document(file.path)
        if file.kind == "image":
            return read_photo(file.path)
        if file.kind == "table":
            return read_table(file.path)
    except ReadError as exc:
        return exc
    except PermissionError:
        return ReadError("没有读取权限。请检查文件权限。")
    except OSError as exc:
        return ReadError(f"无法读取文件：{exc.strerror or exc}。")
    return None


def read_files(
    files: list[EvidenceFile], cache: Any = None, jobs: int = 1, progress: Progress | None = None
) -> dict[str, Any]:
    """Read every file once: cached results first, the rest in ``jobs`` processes (PDFium is not
    thread-safe, and processes use both cores). ``progress(n)`` is called as files are done."""
    hits, keys = cache.get_many(files) if cache is not None else ({}, {})
    results: dict[str, Any] = dict(hits)
    if progress and hits:
        progress(len(hits))
    misses = [f for f in files if f.rel not in hits]
    if jobs > 1 and len(misses) >= 2 * jobs:
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, min(4, len(misses) // (jobs * 8)))  # small chunks: no core idles at the end
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for file, result in zip(misses, pool.map(read_file, misses, chunksize=chunk)):
                results[file.rel] = result
                if progress:
                    progress(1)
    else:
        for file in misses:
            results[file.rel] = read_file(file)
            if progress:
                progress(1)
    if cache is not None:
        cache.put_many(
            (keys[f.rel], results[f.rel])
            for f in misses
            if f.rel in keys and not _transient(results[f.rel])
        )
    return results


def _transient(result: Any) -> bool:
    return isinstance(result, ReadError) and result.code in _NOT_CACHED
