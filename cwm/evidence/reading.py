"""Reading evidence files: the one place that opens them (read only), through the per-file
cache and a process pool.

One file never costs the run: whatever goes wrong while reading it — a damaged file, a bomb, a
bug in a library — becomes a ReadError on that file, and the run goes on. Worker processes end
with the run, however it ends (they watch their parent; the parent stops them on the way out).
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import signal
from pathlib import Path
from typing import Any, Callable, Iterator

from cwm.errors import os_error, signals_as_interrupt
from cwm.evidence.cache import in_namespace, stored_form
from cwm.evidence.readahead import reading_ahead
from cwm.evidence.scan import EvidenceFile
from cwm.formats import DocumentText, ReadError

_STOPPING = {
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
}
"""The signals that stop a run (Ctrl-C, a scheduler, a closed terminal)."""

OnProgress = Callable[..., None]
"""``progress(0, total)`` once, then ``progress(n)`` as ``n`` more files are done."""

CACHED_ERRORS = frozenset(
    {"wrong-content", "encrypted", "truncated", "too-large", "empty", "doc-unreadable", "manual"}
)
"""Read errors that say what the file's bytes are: cached like a result. Others (no permission,
an I/O error, an unexpected failure) may go away without the file changing: read again."""
THUMBNAILS = "thumbnail"
"""The cache's namespace of the report's photo pictures."""
STORE_BATCH = 200
"""Results (and report pictures) stored in the cache a transaction at a time, as they come."""
DEBUG_ENV = "CWM_DEBUG"
"""Set by ``cwm --debug``: read errors name the exception behind them."""


def _reader(kind: str) -> Callable[..., Any] | None:
    if kind == "document":
        from cwm.formats import read_document

        return read_document
    if kind == "image":
        from cwm.formats.image import read_photo

        return read_photo
    if kind == "table":
        from cwm.formats.table import read_table

        return read_table
    if kind == "archive":
        from cwm.formats.archive import read_archive

        return read_archive
    return None


def read_file(file: EvidenceFile, with_thumbnail: bool = False) -> Any:
    """What the rules need of one file; a ReadError (returned, never raised) if it cannot be
    read. Warnings of the libraries are kept off the user's screen. ``with_thumbnail``: a
    photo's facts carry its report picture, made from the same decode."""
    import warnings

    reader = _reader(file.kind)
    if reader is None:
        return None
    if with_thumbnail and file.kind == "image":
        reader = functools.partial(reader, with_thumbnail=True)
    try:
        with open(file.path, "rb") as handle:  # no permission: say so, not "damaged"
            if not handle.read(1):
                message = "文件是空的（0 字节），可能未保存好或未复制完整。请放入完整的文件。"
                return ReadError(message, code="empty")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = reader(file.path)
        if isinstance(result, DocumentText):
            result.words  # noqa: B018 - computed here, in the worker, and cached with the text
            result.fingerprint  # noqa: B018
            result.figures  # noqa: B018
        if getattr(result, "sheets", None):  # a table, or a document with tables
            result.pairs  # noqa: B018
        return result
    except ReadError as exc:
        return exc
    except PermissionError:
        return ReadError("没有读取权限，请检查文件权限（或请文件的主人共享读取权限）。")
    except OSError as exc:
        return ReadError(f"无法读取文件：{os_error(exc)}。")
    except (MemoryError, RecursionError):
        message = "文件结构过大或过深，无法读取，可能已损坏。请用原软件打开后重新保存。"
        return ReadError(message, code="too-large")
    except Exception as exc:  # a library's bug or an unusual file: a finding, not a crash
        detail = f"（{type(exc).__name__}: {exc}）" if os.environ.get(DEBUG_ENV) else ""
        return ReadError(
            f"无法读取这个文件{detail}：文件可能已损坏，或用了程序不支持的特殊格式。"
            "请用原软件打开后另存一份再放入。"
        )


def _watch_parent(parent: int) -> None:
    """Pool initializer: end this worker when the parent is gone (killed, crashed), and leave
    Ctrl-C to the parent, which stops the pool itself."""
    import threading
    import time

    # Ctrl-C and a scheduler's SIGTERM reach the whole process group: the parent stops the
    # pool (it kills its workers); a worker stopping by itself would only print a traceback
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # blocked by the parent while it started the pool
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


@contextlib.contextmanager
def _stopping_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP while the pool starts its workers (POSIX): a worker is
    born with them held, so none arriving before it ignores them prints a traceback; held in
    the parent, a signal is delivered when the block ends — late by a moment, never lost."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)


def _map_in_pool(function: Callable[[Any], Any], items: list[Any], jobs: int) -> Iterator[Any]:
    """``function`` over ``items`` in ``jobs`` worker processes, results in order. The workers
    end with cwm (killed, crashed, interrupted: terminated at once, not at the end)."""
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(4, len(items) // (jobs * 8)))  # small chunks: no core idles at the end
    with signals_as_interrupt():  # also when called without the CLI (which sets them for a run)
        pool = ProcessPoolExecutor(jobs, initializer=_watch_parent, initargs=(os.getpid(),))
        try:
            with _stopping_held():  # workers start with the signals held, then ignore them
                results = pool.map(function, items, chunksize=chunk)
            yield from results
            pool.shutdown()  # under the handlers: a signal while workers exit ends cwm as Ctrl-C
        except BaseException:  # interrupted or terminated: stop the workers now, not at the end
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _through_cache(
    files: list[EvidenceFile],
    make: Callable[[EvidenceFile], Any],
    cache: Any,
    jobs: int,
    namespace: str = "",
    progress: OnProgress | None = None,
    keep: Callable[[Any], bool] = lambda result: True,
    aside: Callable[[str | None, Any], Any] | None = None,
) -> dict[str, Any]:
    """Rel -> ``make(file)`` for every file: cached results first, the rest in ``jobs`` worker
    processes when there are enough of them, those ``keep`` accepts stored in the cache under
    ``namespace`` as they come. ``progress(n)`` is called as files are done; ``aside(key, result)``
    takes each made result as it comes (with the file's cache key) and gives what is kept."""
    hits, keys = cache.get_many(files, namespace) if cache is not None else ({}, {})
    results: dict[str, Any] = dict(hits)
    if progress and hits:
        progress(len(hits))
    misses = [f for f in files if f.rel not in hits]
    pooled = jobs > 1 and len(misses) >= 2 * jobs
    # from the workers, results come pickled as the cache stores them (unless ``aside`` changes
    # them), and they are stored as they come, in batches, while the workers read on: the main
    # process neither pickles them a second time nor writes them all after the pool
    as_stored = pooled and aside is None and cache is not None
    rows = _Rows(cache) if cache is not None else None
    with reading_ahead([f.path for f in misses]) as ahead:
        if pooled:
            made = _map_in_pool(
                functools.partial(_pickled, make) if as_stored else make, misses, jobs
            )
        else:
            made = map(make, misses)
        # the results first in zip: the pool is run to its end (shut down, handlers put back)
        for result, file in zip(made, misses):
            ahead.done()
            stored = None
            if as_stored:
                stored, result = result, pickle.loads(result)
            result = results[file.rel] = aside(keys.get(file.rel), result) if aside else result
            if progress:
                progress(1)
            if rows is not None and file.rel in keys and keep(result):
                rows.add(keys[file.rel], stored or stored_form(result))
    if rows is not None:
        rows.store()
    return results


class _Rows:
    """Rows for the cache as the reading makes them, stored ``STORE_BATCH`` to a transaction
    (never all held at once: 10,000 photos' report pictures are 60 MB)."""

    def __init__(self, cache: Any) -> None:
        self.cache = cache
        self.rows: list[tuple[str, bytes]] = []

    def add(self, key: str, stored: bytes) -> None:
        self.rows.append((key, stored))
        if len(self.rows) >= STORE_BATCH:
            self.store()

    def store(self) -> None:
        if self.rows:
            self.cache.put_many(self.rows)
            self.rows = []


def _pickled(make: Callable[[EvidenceFile], Any], file: EvidenceFile) -> bytes:
    """``make(file)`` as the cache stores it (in a worker)."""
    return stored_form(make(file))


def read_files(
    files: list[EvidenceFile],
    cache: Any = None,
    jobs: int = 1,
    progress: OnProgress | None = None,
    thumbnails: bool = False,
) -> dict[str, Any]:
    """Read every file once: cached results first, the rest in ``jobs`` processes (PDFium is not
    thread-safe, and processes use both cores). ``progress(n)`` is called as files are done.

    With ``thumbnails`` (``cwm report``) and a cache, each photo read here also gets its report
    picture from the same decode, stored in the cache where ``thumbnails()`` finds it: a cold
    report decodes each photo once. The facts returned (and cached) are the same either way."""
    if not thumbnails or cache is None:
        return _through_cache(files, read_file, cache, jobs, progress=progress, keep=_cacheable)
    pictures = _Rows(cache)
    make = functools.partial(read_file, with_thumbnail=True)

    def take(key: str | None, result: Any) -> Any:
        """A photo's report picture taken off its facts, to the cache under ``THUMBNAILS``."""
        from dataclasses import replace

        picture = getattr(result, "thumbnail", None)
        if picture is None:
            return result
        if key is not None:
            pictures.add(in_namespace(key, THUMBNAILS), stored_form(picture))
        return replace(result, thumbnail=None)

    try:
        return _through_cache(
            files, make, cache, jobs, progress=progress, keep=_cacheable, aside=take
        )
    finally:
        pictures.store()


def _cacheable(result: Any) -> bool:
    return not isinstance(result, ReadError) or result.code in CACHED_ERRORS


def _thumbnail_of(file: EvidenceFile) -> str | None:
    """A small JPEG of the photo as a data URI, or None (bounded like the image reader)."""
    from cwm.formats.image import thumbnail

    return thumbnail(file.path)


def thumbnails(files: list[EvidenceFile], cache: Any = None, jobs: int = 1) -> dict[str, Any]:
    """Rel -> the thumbnail of each photo (None where none can be made): cached with the file's
    other results (by ``read_files(thumbnails=True)`` or here), the rest made in ``jobs``
    processes."""
    return _through_cache(files, _thumbnail_of, cache, jobs, namespace=THUMBNAILS)


def _lines(part: str, file: EvidenceFile) -> tuple[str, ...]:
    from cwm.formats import ocr

    return ocr.image_lines(file.path, part)


def recognised(
    screens: list[EvidenceFile], stamps: list[EvidenceFile], cache: Any = None, jobs: int = 1
) -> dict[str, tuple[str, ...]]:
    """Rel -> the text lines recognised (the ``cwm[ocr]`` extra) in screenshots (the whole
    image) and in photos' stamps (their date bands); cached beside the files' reads, so a warm
    run recognises nothing. Empty when recognition is off."""
    from cwm.formats import ocr

    if not ocr.enabled() or not (screens or stamps):
        return {}
    out = {}
    for files, part in ((screens, ocr.SCREEN), (stamps, ocr.STAMP)):
        make = functools.partial(_lines, part)
        out.update(_through_cache(files, make, cache, jobs, namespace=f"ocr-{part}"))
    return out


def fingerprint(path: Path) -> str:
    """A file's content in a few bytes (its size and the digest of its first 64 KiB): the same
    after a rename or a move, another after an edit; "" for a folder or a file that cannot be
    read. How the 整改台账 knows a problem's file under its new name."""
    import hashlib

    try:
        with open(path, "rb") as handle:
            head = handle.read(65536)
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return ""
    return f"{size}:{hashlib.blake2b(head, digest_size=8).hexdigest()}"
