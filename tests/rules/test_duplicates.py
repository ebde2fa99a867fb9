"""Rule module duplicates: photo-reused, photo-similar-elsewhere, photo-same-scene; near-duplicates
count once toward the photo count."""

from __future__ import annotations

import datetime as dt

from cwm.evidence.similarity import (
    SAME_PHOTO_MAX,
    SAME_SCENE_MAX,
    distance,
    group,
    groups_in_order,
)

from ..builders import build_tree, close_pairs, result_of, run_check, scene_jpeg

DAY = dt.date(2021, 4, 4)


def name(i, theme="宣讲"):
    return f"2021-04-04_市民政局_{theme}{i}.jpg"


def findings(result, code):
    return [f for f in result.findings if f.code == code]


def test_exact_copy_in_two_requirements_is_an_error_naming_both(plan, tmp_path):
    photo = scene_jpeg(1, taken=DAY)
    build_tree(
        tmp_path,
        {
            **{f"III-7-3-1/{name(i)}": scene_jpeg(10 + i, taken=DAY) for i in range(2)},
            f"III-7-3-1/{name(9)}": photo,
            f"III-70-2-1/2021-04-04_阳光协会_创建{0}.jpg": photo,
        },
    )
    report = run_check(plan, tmp_path, "III-7-3-1", "III-70-2-1")
    [here] = findings(result_of(report, "III-7-3-1"), "photo-reused")
    [there] = findings(result_of(report, "III-70-2-1"), "photo-reused")
    assert here.severity == "error" and "III-70-2-1" in here.message and "阳光协会" in here.message
    assert "III-7-3-1" in there.message and here.path.startswith("III-7-3-1/")


def test_resized_recompressed_copy_across_requirements_is_an_error(plan, tmp_path):
    build_tree(
        tmp_path,
        {
            f"III-7-3-1/{name(0)}": scene_jpeg(2, taken=DAY),
            "III-27-3-2/阳光小区_日间照料.jpg": scene_jpeg(2, "resized"),
        },
    )
    report = run_check(plan, tmp_path, "III-7-3-1", "III-27-3-2")
    assert findings(result_of(report, "III-27-3-2"), "photo-reused")


def test_another_shot_of_the_scene_across_requirements_is_a_warning(plan, tmp_path):
    build_tree(
        tmp_path,
        {
            f"III-7-3-1/{name(0)}": scene_jpeg(3, taken=DAY),
            "III-27-3-2/阳光小区_日间照料.jpg": scene_jpeg(3, "shifted"),
        },
    )
    report = run_check(plan, tmp_path, "III-7-3-1", "III-27-3-2")
    [warning] = findings(result_of(report, "III-27-3-2"), "photo-similar-elsewhere")
    assert warning.severity == "warning" and not findings(
        result_of(report, "III-27-3-2"), "photo-reused"
    )


def test_near_copy_within_one_requirement_counts_once(plan, tmp_path):
    files = {
        f"III-27-3-2/{n}_日间照料.jpg": scene_jpeg(20 + i)
        for i, n in enumerate(["甲小区", "乙小区", "丙小区", "丁小区"])
    }
    files["III-27-3-2/戊小区_助餐.jpg"] = scene_jpeg(20, "recompressed")  # 甲小区 again
    build_tree(tmp_path, files)
    result = result_of(run_check(plan, tmp_path, "III-27-3-2"), "III-27-3-2")
    [count] = findings(result, "photo-count")
    assert (
        count.message
        == "图片 5 张：2 张为同一场景，算 1 张；其余 3 张各算 1 张；有效 4 张，要求 5 张。"
    )
    [scene] = findings(result, "photo-same-scene")
    assert "甲小区_日间照料.jpg" in scene.message and "戊小区_助餐.jpg" in scene.message


def test_different_scenes_are_not_paired(plan, tmp_path):
    build_tree(tmp_path, {f"III-7-3-1/{name(i)}": scene_jpeg(40 + i, taken=DAY) for i in range(3)})
    build_tree(
        tmp_path,
        {
            f"III-70-2-1/2021-04-04_{o}_创建.jpg": scene_jpeg(50 + i, taken=DAY)
            for i, o in enumerate("甲乙丙丁")
        },
    )
    report = run_check(plan, tmp_path, "III-7-3-1", "III-70-2-1")
    for ident in ("III-7-3-1", "III-70-2-1"):
        result = result_of(report, ident)
        assert not [f for f in result.findings if f.code.startswith("photo-")], result.findings


def test_distances_behind_the_thresholds():
    from io import BytesIO

    from PIL import Image

    from cwm.formats.imagehash import dhash

    def h(data):
        return dhash(Image.open(BytesIO(data)))

    base = h(scene_jpeg(7))
    assert distance(base, h(scene_jpeg(7, "recompressed"))) <= SAME_PHOTO_MAX
    assert distance(base, h(scene_jpeg(7, "resized"))) <= SAME_PHOTO_MAX
    assert SAME_PHOTO_MAX < distance(base, h(scene_jpeg(7, "shifted"))) <= SAME_SCENE_MAX
    unrelated = [distance(base, h(scene_jpeg(100 + s))) for s in range(20)]
    assert min(unrelated) > SAME_SCENE_MAX


def scenes(items):
    """(key, hash) items grouped by scene (≤ 8 bits, transitively), as one owner's photos."""
    return groups_in_order([key for key, _ in items], group([value for _, value in items]).scene)


def _clustered_hashes(n: int, seed: int) -> list[int]:
    """Realistic crowding: clusters of near-copies (0–6 bits apart) and unrelated photos."""
    import random

    rnd = random.Random(seed)
    out: list[int] = []
    while len(out) < n:
        centre = rnd.getrandbits(64)
        for _ in range(rnd.choice([1, 1, 2, 5, 10])):
            value = centre
            for bit in rnd.sample(range(64), rnd.randrange(7)):
                value ^= 1 << bit
            out.append(value)
    return out[:n]


def test_the_pair_search_finds_exactly_the_brute_force_pairs():
    hashes = _clustered_hashes(2000, seed=5)
    items = list(enumerate(hashes))
    found = {(a, b, d) for a, b, d in close_pairs(items)}
    brute = {  # Hamming distance written out: the reference does not call the code it checks
        (a, b, d)
        for a, ha in items
        for b, hb in items[a + 1 :]
        if (d := (ha ^ hb).bit_count()) <= SAME_SCENE_MAX
    }
    assert found == brute and len(brute) > 1000


def test_groups_are_the_transitive_closure_of_the_pairs():
    hashes = _clustered_hashes(600, seed=9) + [0, 0, 0]  # and three identical
    items = list(enumerate(hashes))
    groups = scenes(items)
    root = {key: n for n, members in enumerate(groups) for key in members}
    for a, b, _ in close_pairs(items):
        assert root[a] == root[b]
    assert sum(len(g) for g in groups) == len(items) and root[600] == root[602]


def test_each_owners_groups_from_the_one_search_equal_grouping_its_photos_alone():
    """One pair search over every requirement's photos gives each requirement the scenes it
    would get from its own photos alone (the photo count relies on them); photos without an
    owner (supporting material) are compared but in no owner's groups."""
    import random

    hashes = _clustered_hashes(1500, seed=11) + [7, 7, 7, 7]  # identical ones across owners
    rnd = random.Random(3)
    owners = [rnd.choice(["A", "B", "C", None]) for _ in hashes[:-4]] + ["A", "B", "A", None]
    local = group(hashes, owners).local
    for owner in ("A", "B", "C"):
        mine = [n for n, o in enumerate(owners) if o == owner]
        together = groups_in_order(mine, [local[n] for n in mine])
        alone = scenes([(n, hashes[n]) for n in mine])
        assert together == alone and any(len(g) > 1 for g in alone)
    assert all(local[n] == n for n, o in enumerate(owners) if o is None)


def test_ninety_shots_of_one_scene_give_at_most_ninety_findings(plan, tmp_path):
    """30 shots (brightness varied slightly) in each of three requirements: one finding per
    photo naming its group, not one per pair (5,403 before)."""
    import io

    from PIL import ImageEnhance

    from ..builders import scene_image

    image = scene_image(77, (320, 240))
    files = {}
    for n in range(90):
        buffer = io.BytesIO()
        ImageEnhance.Brightness(image).enhance(0.9 + n / 450).save(buffer, "JPEG", quality=85)
        folder = ("III-7-3-1", "III-70-2-1", "III-27-3-2")[n % 3]
        files[f"{folder}/2021-04-04_单位{n}_活动{n}.jpg"] = buffer.getvalue()
    build_tree(tmp_path, files)
    report = run_check(plan, tmp_path, "III-7-3-1", "III-70-2-1", "III-27-3-2")
    duplicates = [
        f
        for r in report.requirements
        for f in r.findings
        if f.code in ("photo-reused", "photo-similar-elsewhere", "photo-same-scene")
    ]
    assert 3 <= len(duplicates) <= 90
    reused = [f for f in duplicates if f.code == "photo-reused"]
    assert reused and all("等 60 张" in f.message for f in reused)
