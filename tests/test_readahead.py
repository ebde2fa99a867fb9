"""Read-ahead (``cwm.evidence.readahead``): the next files asked for in order, never more than
the window ahead of the results, stopped however the run ends, and nothing read that is not
in the list."""

from __future__ import annotations

import os
import time

import pytest

from cwm.evidence import readahead
from cwm.evidence.reading import read_files
from cwm.evidence.scan import scan


def _wait_for(condition, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


needs_fadvise = pytest.mark.skipif(
    not hasattr(os, "posix_fadvise"), reason="read-ahead asks the OS by posix_fadvise (Linux)"
)


@needs_fadvise
def test_stays_within_the_window_of_results(tmp_path, monkeypatch):
    loaded = []
    monkeypatch.setattr(readahead, "_load", lambda path: loaded.append(path.name))
    paths = [tmp_path / f"{n}.jpg" for n in range(6)]
    ahead = readahead.ReadAhead(paths, window=2)
    ahead.start()
    _wait_for(lambda: len(loaded) == 2)
    time.sleep(0.1)
    assert loaded == ["0.jpg", "1.jpg"]  # two ahead of no results, in order
    ahead.done()
    _wait_for(lambda: len(loaded) == 3)
    assert loaded == ["0.jpg", "1.jpg", "2.jpg"]
    ahead.stop()  # the thread waiting for room ends
    ahead._thread.join(2)
    assert not ahead._thread.is_alive()
    assert len(loaded) == 3


@needs_fadvise
def test_context_stops_the_thread_when_the_run_fails(tmp_path, monkeypatch):
    monkeypatch.setattr(readahead, "_load", lambda path: None)
    with pytest.raises(KeyboardInterrupt):
        with readahead.reading_ahead([tmp_path / f"{n}" for n in range(100)]) as ahead:
            raise KeyboardInterrupt
    ahead._thread.join(2)
    assert not ahead._thread.is_alive()


@needs_fadvise
def test_load_is_best_effort(tmp_path):
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"x" * 3_000_000)
    before = photo.read_bytes()
    readahead._load(photo)
    readahead._load(tmp_path / "gone.jpg")  # missing: skipped, no error
    (tmp_path / "folder.jpg").mkdir()
    readahead._load(tmp_path / "folder.jpg")
    assert photo.read_bytes() == before


def test_nothing_is_read_ahead_where_the_os_cannot_be_asked(tmp_path, monkeypatch):
    """Windows, macOS: no thread, nothing read twice (over a share that does not keep it)."""
    monkeypatch.delattr(os, "posix_fadvise", raising=False)
    loaded = []
    monkeypatch.setattr(readahead, "_load", lambda path: loaded.append(path))
    with readahead.reading_ahead([tmp_path / f"{n}" for n in range(5)]) as ahead:
        ahead.done()
    assert not ahead._thread.is_alive() and loaded == []
    readahead._load(tmp_path / "gone.jpg")  # and the loader itself is a no-op: no error


def test_a_check_reads_ahead_only_the_files_it_reads_in_order(tmp_path, monkeypatch):
    from tests.builders import docx_bytes

    folder = tmp_path / "材料" / "III-8-1-3 报告"
    folder.mkdir(parents=True)
    for n in range(5):
        (folder / f"报告{n}.docx").write_bytes(docx_bytes("投入资金300万元。" * (n + 1)))
    asked = []
    real = readahead._load
    monkeypatch.setattr(readahead, "_load", lambda path: asked.append(path) or real(path))
    found = scan(tmp_path / "材料", {"III-8-1-3": "报告"})
    files = [f for folder in found.folders.values() for f in folder.files]
    assert len(files) == 5
    results = read_files(files, jobs=1)
    # best effort: the thread may not have reached every file when the last result came
    assert set(asked) <= {f.path for f in files}
    assert asked == sorted(asked, key=[f.path for f in files].index)  # in reading order
    assert all(not isinstance(r, Exception) for r in results.values())
