"""The per-file cache: hits on an unchanged re-run, misses after a change, survives garbage."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from cwm.evidence import reading
from cwm.evidence.cache import FileCache, stored_form

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


def test_hit_after_an_unchanged_rerun(plan, tmp_path, monkeypatch, settled):
    root = tree(tmp_path / "ev")
    cache = FileCache(tmp_path / "c" / "files.sqlite")
    calls = counting_reads(monkeypatch)
    first = check(plan, root, cache)
    assert len(calls) == 2
    second = check(plan, root, cache)
    assert len(calls) == 2  # nothing read again
    assert [r.as_json() for r in first.requirements] == [r.as_json() for r in second.requirements]


def test_miss_after_a_file_changes(plan, tmp_path, monkeypatch, settled):
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


def test_a_report_decodes_each_photo_once(plan, tmp_path, monkeypatch, settled):
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


def test_parallel_reading_gives_the_same_report(plan, tmp_path, settled):
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
    # stored as the workers pickled them, read back warm: the same report
    cache = FileCache(tmp_path / "files.sqlite")
    cold = check_tree(plan.tasks, root, selection, cache=cache, jobs=2)
    stored = cache._db.execute("SELECT count(*) FROM results").fetchone()[0]
    warm = check_tree(plan.tasks, root, selection, cache=cache, jobs=2)
    assert stored >= 8 and cold.as_json() == warm.as_json() == one.as_json()


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


@pytest.mark.slow  # in CI's slow job: keeps the README's test run short
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
    cache.put_many([("mine", stored_form({"words": 1}))])
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
    cache.put_many([("k", stored_form(1))])
    hits, _ = cache.get_many([])
    cache.close()
    assert (tmp_path / "files.sqlite.damaged").read_bytes().startswith(b"this is not")
    assert cache.note is None


def test_content_changed_with_size_and_time_kept_is_read_again(
    plan, tmp_path, monkeypatch, settled
):
    """``touch -r`` or a sync tool: the same size and modification time, other content. The
    change time moves (and a file put in place by a rename is another inode): read again, and
    the verdict follows the new content (before: a cached 已达标 for a 300-字 report)."""
    root = tree(tmp_path / "ev")
    cache = FileCache(tmp_path / "c" / "files.sqlite")
    calls = counting_reads(monkeypatch)
    assert result_of(check(plan, root, cache), "III-8-1-3").status == "pass"
    report = root / "III-8-1-3" / "报告.docx"
    before = report.stat()
    shorter = docx_bytes("2021年" + han_text(300))
    shorter += b"\0" * (before.st_size - len(shorter))  # same size: a zip ignores trailing bytes
    assert len(shorter) == before.st_size
    report.write_bytes(shorter)
    os.utime(report, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    after = report.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert result_of(check(plan, root, cache), "III-8-1-3").status == "fail"
    assert calls.count("III-8-1-3/报告.docx") == 2


def test_a_file_replaced_within_the_timestamp_step_is_never_served_from_the_cache(
    plan, tmp_path, monkeypatch
):
    """A share that keeps 2-second timestamps: a file replaced by another of the same size
    within the same step has the same size and time. A file changed in the last seconds is read
    but not stored, so no later run can take the new file for the old (git's racily clean)."""
    from cwm import fsutil

    root = tree(tmp_path / "ev")
    cache = FileCache(tmp_path / "c" / "files.sqlite")
    calls = counting_reads(monkeypatch)
    check(plan, root, cache)  # every file was written just now: read, nothing stored
    check(plan, root, cache)
    assert len(calls) == 4, calls
    monkeypatch.setattr(fsutil, "RACY_SECONDS", 0.0)  # the files have settled
    check(plan, root, cache)
    check(plan, root, cache)
    assert len(calls) == 6, calls  # read once more, then served from the cache


def test_the_readers_version_is_derived_from_their_code(tmp_path):
    """Every module of cwm.formats is in the digest: changing a reader (an upgrade of cwm) never
    serves a result the old code made."""
    import hashlib

    from cwm.evidence.cache import reader_sources, readers_version

    sources = reader_sources()
    formats = sorted((Path(__file__).parent.parent / "cwm" / "formats").glob("*.py"))
    assert {p.name for p in formats} <= {p.name for p in sources}
    assert any(p.name == "reading.py" for p in sources)
    assert len(readers_version()) == 16

    def digest(paths):
        h = hashlib.blake2b(digest_size=8)
        for path in paths:
            h.update(path.name.encode())
            h.update(path.read_bytes())
        return h.hexdigest()

    copies = []
    for path in sources:
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    before = digest(copies)
    table = tmp_path / "table.py"
    table.write_bytes(table.read_bytes() + b"\n# a reader changed\n")
    assert digest(copies) != before


def test_a_read_only_cache_is_read_and_never_renamed(plan, tmp_path, monkeypatch, settled):
    """A cache the user may not write (read-only, or another user's): its results are used,
    nothing is stored, and the file is never set aside as damaged and rebuilt on every run."""
    import sqlite3
    import stat

    root = tree(tmp_path / "ev")
    location = tmp_path / "c" / "files.sqlite"
    warm = FileCache(location)
    check(plan, root, warm)
    warm.close()
    for path in location.parent.iterdir():
        path.chmod(stat.S_IRUSR)
    location.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
    if os.geteuid() == 0:  # root writes read-only files: SQLite says what it says to a user

        def refused(self):
            raise sqlite3.OperationalError("attempt to write a readonly database")

        monkeypatch.setattr(FileCache, "_open", refused)
    try:
        calls = counting_reads(monkeypatch)
        cache = FileCache(location)
        result = check(plan, root, cache)
        cache.close()
        assert cache.read_only and calls == []
        assert result_of(result, "III-8-1-3").status == "pass"
        names = [p.name for p in location.parent.iterdir()]
        assert "files.sqlite" in names and not [n for n in names if "damaged" in n], names
    finally:
        location.parent.chmod(stat.S_IRWXU)
