"""The validated-plan cache: hit when nothing changed, rebuilt when a file changes or it is
garbage."""

from __future__ import annotations

import os

from cwm.plan import cache as plancache
from cwm.plan.loader import DATA_FILES, load_plan


def test_hit_after_an_unchanged_run(data_copy, settled):
    first = load_plan(data_copy)
    assert plancache.get(data_copy, DATA_FILES) is not None
    second = load_plan(data_copy)
    assert second.org is not first.org  # came from the cache (unpickled), not re-validated
    assert [i.id for _, i in second.tasks.items()] == [i.id for _, i in first.tasks.items()]


def test_miss_after_a_file_changes(edit, data_copy, settled):
    load_plan(data_copy)
    edit("tasks.yaml", "title: 15分钟生活圈", "title: 十五分钟生活圈")
    assert plancache.get(data_copy, DATA_FILES) is None
    plan = load_plan(data_copy)
    assert any(i.title == "十五分钟生活圈" for _, i in plan.tasks.items())


def test_garbage_cache_is_discarded(data_copy, settled):
    load_plan(data_copy)
    path = plancache._path(data_copy)
    path.write_bytes(b"\x00not a pickle")
    assert plancache.get(data_copy, DATA_FILES) is None
    assert load_plan(data_copy).tasks.plan_year == 2021
    assert plancache.get(data_copy, DATA_FILES) is not None  # rewritten


def test_unwritable_cache_dir_is_not_an_error(data_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CWM_CACHE_DIR", str(blocker / "sub"))
    assert load_plan(data_copy).tasks.plan_year == 2021


def test_cache_write_leaves_no_temporary_files(data_copy):
    load_plan(data_copy)
    leftovers = [n for n in os.listdir(plancache.cache_dir()) if n.endswith(".tmp")]
    assert leftovers == []


def test_data_edited_with_their_time_kept_are_read_again(data_copy, settled):
    """A data file changed with its size and modification time kept (``touch -r``, a sync tool)
    is validated again: never an old phone number from the cache."""
    load_plan(data_copy)
    path = data_copy / "tasks.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "15983230003" in text
    path.write_text(text.replace("15983230003", "15983230004"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    phones = {c.phone for row in load_plan(data_copy).tasks.rows for c in row.contacts}
    assert "15983230004" in phones and "15983230003" not in phones


def test_data_changed_just_now_are_not_stored(data_copy):
    """Data written in the last seconds could change again within the timestamp step: they are
    validated and used, not stored."""
    load_plan(data_copy)
    assert plancache.get(data_copy, DATA_FILES) is None
