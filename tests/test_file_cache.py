"""The per-file cache: hits on an unchanged re-run, misses after a change, survives garbage."""

from __future__ import annotations

import datetime as dt
import os

from cwm.evidence import reading
from cwm.evidence.cache import FileCache

from .builders import (
    build_tree,
    docx_bytes,
    han_text,
    requirements,
    result_of,
    run_check,
    scene_jpeg,
)


def counting_reads(monkeypatch):
    calls = []
    original = reading.read_file

    def counted(file, **options):
        calls.append(file.rel)
        return original(file, **options)

    monkeypatch.setattr(reading, "read_file", counted)
    return calls


def check(plan, root, cache):
    from cwm.evidence.engine import check_tree

    selection = requirements(plan, "III-7-3-1", "III-8-1-3")
    return check_tree(plan.tasks, root, selection, cache=cache, jobs=1)


def tree(root):
    return build_tree(
        root,
        {
            "III-8-1-3/报告.docx": docx_bytes("2021年" + han_text(595)),
            "III-7-3-1/2021-04-04_市民政局_宣讲.jpg": scene_jpeg(1, taken=dt.date(2021, 4, 4)),
        },
    )


def test_hit_after_an_unchanged_rerun(plan, tmp_path, monkeypatch):
    root = tree(tmp_path / "ev")
    cache = FileCache(tmp_path / "c" / "files.sqlite")
    calls = counting_reads(monkeypatch)
    first = check(plan, root, cache)
    assert len(calls) == 2
    second = check(plan, root, cache)
    assert len(calls) == 2  # nothing read again
    assert [r.as_json() for r in first.requirements] == [r.as_json() for r in second.requirements]


def test_miss_after_a_file_changes(plan, tmp_path, monkeypatch):
    root = tree(tmp_path / "ev")
    cache = FileCache(tmp_path / "c" / "files.sqlite")
    calls = counting_reads(monkeypatch)
    check(plan, root, cache)
    report = root / "III-8-1-3" / "报告.docx"
    report.write_bytes(docx_bytes("2021年" + han_text(300)))
    stat = report.stat()
    os.utime(report, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    result = check(plan, root, cache)
    assert calls[-1] == "III-8-1-3/报告.docx" and len(calls) == 3
    assert result_of(result, "III-8-1-3").status == "fail"


def test_a_report_decodes_each_photo_once(plan, tmp_path, monkeypatch):
    """``cwm report`` reads with ``thumbnails``: each photo's picture is made by the read that
    takes its facts (one decode), so the report's thumbnails are cache hits; the facts, and so
    the verdicts, are a check's. A cache a check filled has no pictures: they are made then."""
    from cwm.evidence.engine import check_tree
    from cwm.evidence.scan import EvidenceFile

    root = tree(tmp_path / "ev")
    photo = "III-7-3-1/2021-04-04_市民政局_宣讲.jpg"
    files = [EvidenceFile(root / photo, photo, "image")]
    selection = requirements(plan, "III-7-3-1", "III-8-1-3")
    made = []
    original = reading._thumbnail_of
    monkeypatch.setattr(reading, "_thumbnail_of", lambda f: made.append(f.rel) or original(f))

    report_cache = FileCache(tmp_path / "r" / "files.sqlite")
    calls = counting_reads(monkeypatch)
    reported = check_tree(plan.tasks, root, selection, cache=report_cache, jobs=1, thumbnails=True)
    pictures = reading.thumbnails(files, report_cache)
    assert len(calls) == 2 and made == []  # read once, no second decode for the picture
    assert pictures[photo].startswith("data:image/jpeg;base64,")

    check_cache = FileCache(tmp_path / "c" / "files.sqlite")
    checked = check_tree(plan.tasks, root, selection, cache=check_cache, jobs=1)
    assert reported.as_json() == checked.as_json()
    assert reading.thumbnails(files, check_cache)[photo] == pictures[photo]
    assert made == [photo]


def test_garbage_cache_file_is_discarded(plan, tmp_path):
    location = tmp_path / "c" / "files.sqlite"
    location.parent.mkdir()
    location.write_bytes(b"this is not a database" * 100)
    cache = FileCache(location)
    report = check(plan, tree(tmp_path / "ev"), cache)
    assert result_of(report, "III-8-1-3").status == "pass"
    cache.close()
    assert FileCache(location).get_many([])[0] == {}


def test_unusable_cache_location_only_costs_speed(plan, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = FileCache(blocker / "sub" / "files.sqlite")
    assert result_of(check(plan, tree(tmp_path / "ev"), cache), "III-8-1-3").status == "pass"


def test_parallel_reading_gives_the_same_report(plan, tmp_path):
    root = tree(tmp_path / "ev")
    build_tree(
        root,
        {f"III-7-3-1/2021-04-0{i}_市民政局_宣讲{i}.jpg": scene_jpeg(10 + i) for i in range(1, 8)},
    )
    from cwm.evidence.engine import check_tree

    selection = requirements(plan)
    one = check_tree(plan.tasks, root, selection, jobs=1)
    two = check_tree(plan.tasks, root, selection, jobs=2)
    assert one.as_json() == two.as_json()


def test_the_cache_is_never_written_into_the_evidence_tree(plan, tmp_path):
    root = tree(tmp_path / "ev")
    before = sorted(p.name for p in root.rglob("*"))
    run_check(plan, root)
    assert sorted(p.name for p in root.rglob("*")) == before


HOLDER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=5, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT OR REPLACE INTO results (key, value) VALUES ('other', x'00')")
print("ready", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
"""


def test_a_cache_another_process_is_writing_is_left_alone(tmp_path, monkeypatch):
    """Another process holds a write transaction: this run goes on without the cache, says so,
    and the other process's row is there after it commits (before: the live file was deleted)."""
    import sqlite3
    import subprocess
    import sys
    import time

    from cwm.evidence import cache as cache_module
    from cwm.evidence.cache import FileCache

    location = tmp_path / "files.sqlite"
    FileCache(location).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(location), "2"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "ready"
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.3)
    started = time.monotonic()
    cache = FileCache(location)
    cache.put_many([("mine", {"words": 1})])
    cache.close()
    assert time.monotonic() - started < 2 and cache.note and "另一个 cwm" in cache.note
    assert holder.wait(timeout=30) == 0
    db = sqlite3.connect(location)
    assert db.execute("SELECT count(*) FROM results WHERE key = 'other'").fetchone() == (1,)
    assert location.exists() and not (tmp_path / "files.sqlite.damaged").exists()


def test_a_damaged_cache_is_set_aside_and_rebuilt(tmp_path):
    from cwm.evidence.cache import FileCache

    location = tmp_path / "files.sqlite"
    location.write_bytes(b"this is not a database" * 100)
    cache = FileCache(location)
    cache.put_many([("k", 1)])
    hits, _ = cache.get_many([])
    cache.close()
    assert (tmp_path / "files.sqlite.damaged").read_bytes().startswith(b"this is not")
    assert cache.note is None
