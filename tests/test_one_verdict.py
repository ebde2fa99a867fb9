"""One verdict, whoever runs it: the same photo in 养老服务科's III-27-3-2 and in 社会组织管理与慈善
事业促进科's III-70-2-1 is an error in both items, whichever way the folder is asked about —
the office's weekly report, an officer's own `check --dept … --quarter`, `due --evidence`,
`checklist --evidence` — because a period or --dept chooses what is judged, never what is
compared. Pointed at one 科室's folder, the check says plainly what it did not compare."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cwm.cli import main
from cwm.periods import Period
from cwm.printing import checklist as lists
from cwm.report.folder import write_report
from cwm.schedule.duecheck import check_due

from .builders import build_tree, scene_jpeg

DAY = dt.date(2021, 5, 20)
ELDER = "养老服务科/III-27-3-2 新建小区养老设施"
SOCIAL = "社会组织管理与慈善事业促进科/III-70-2-1 社会组织文明单位创建"
ITEMS = ("III-27-3-2", "III-70-2-1")


def photo(seed: int) -> bytes:
    return scene_jpeg(seed, taken=DAY, size=(400, 300))


@pytest.fixture()
def evidence(tmp_path: Path) -> Path:
    xiaoqu = [
        "阳光小区_助餐服务",
        "锦绣花园_日间照料",
        "滨江苑_康复护理",
        "南湖小区_文化娱乐",
        "和平里_助浴服务",
    ]
    units = ["阳光志愿者协会", "夕阳红服务社", "爱心慈善会", "邻里互助会"]
    files = {f"{ELDER}/{name}.jpg": photo(10 + i) for i, name in enumerate(xiaoqu)}
    files |= {f"{SOCIAL}/2021-05-20_{u}_敬老活动.jpg": photo(40 + i) for i, u in enumerate(units)}
    files[f"{SOCIAL}/2021-05-20_{units[0]}_敬老活动.jpg"] = photo(10)  # the 阳光小区 photo again
    build_tree(tmp_path / "材料", files)
    return tmp_path / "材料"


def statuses_of_json(args: list[str], capsys) -> dict[str, str]:
    main(args)
    data = json.loads(capsys.readouterr().out)
    rows = data["requirements"] if isinstance(data, dict) else data
    return {r["id"]: r["status"] for r in rows if r["id"] in ITEMS and "status" in r}


def test_every_way_of_asking_gives_the_same_status(plan, evidence, tmp_path, capsys):
    root = str(evidence)
    asked = {
        "check, whole tree": ["check", root, "-f", "json"],
        "check, the quarter": ["check", root, "--period", "2021Q2", "-f", "json"],
        "check --dept 养老 --quarter": [
            "check",
            root,
            "--dept",
            "养老",
            "--period",
            "2021Q2",
            "-f",
            "json",
        ],
        "check --dept 社会组织": [
            "check",
            root,
            "--dept",
            "社会组织",
            "--period",
            "2021Q2",
            "-f",
            "json",
        ],
    }
    seen = {way: statuses_of_json(args, capsys) for way, args in asked.items()}
    for dept in ("养老", "社会组织"):
        args = ["due", "--evidence", root, "--dept", dept, "--period", "2021Q2", "-f", "json"]
        seen[f"due --evidence --dept {dept}"] = statuses_of_json(args, capsys)
    window, today = Period.parse("2021Q2"), dt.date(2021, 6, 30)
    checked = check_due(plan, evidence, None, window, today, use_cache=False, jobs=1)
    context = lists.submission(plan, window, today, None, checked)
    seen["checklist --evidence"] = {
        row["id"]: row["result"]["status"]
        for unit in context["units"]
        for row in unit["items"]
        if row["id"] in ITEMS and row.get("result")
    }
    run = write_report(
        plan, evidence, tmp_path / "报告", None, window, today, use_cache=False, jobs=1
    )
    report = json.loads((run.folder / "检查结果.json").read_text(encoding="utf-8"))
    seen["report"] = {r["id"]: r["status"] for r in report["requirements"] if r["id"] in ITEMS}
    for way, statuses in seen.items():
        for ident in ITEMS:
            if ident in statuses:
                assert statuses[ident] == "fail", (way, ident, statuses)
    assert all(len(s) >= 1 for s in seen.values()), seen


def test_the_reuse_is_named_in_the_officers_own_run(evidence, capsys):
    main(["check", str(evidence), "--dept", "养老", "--period", "2021Q2", "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    [elder] = [r for r in data["requirements"] if r["id"] == "III-27-3-2"]
    reused = [f for f in elder["findings"] if f["code"] == "photo-reused"]
    assert reused and "III-70-2-1" in reused[0]["message"]


def test_a_sections_own_folder_says_what_was_not_compared(evidence, capsys):
    code = main(["check", str(evidence / "养老服务科"), "--period", "2021Q2", "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    notes = [f for f in data["other_findings"] if f["code"] == "partial-tree"]
    assert (
        notes and "没有与其他科室" in notes[0]["message"] and str(evidence) in notes[0]["message"]
    )
    assert code in (0, 1)


@pytest.mark.parametrize("name", ["养老服务科", "1.养老服务科", "02_养老服务科（上半年）"])
def test_a_sections_folder_named_with_a_number_or_a_note_is_its_section(tmp_path, name, capsys):
    """A 科室's folder checked alone gives its 科室's items, however the office numbered or
    annotated its name — never every 科室's items, most of them 缺失."""
    build_tree(tmp_path / "材料" / name, {"III-27-3-2 新建小区养老设施/说明.txt": "x"})
    main(["check", str(tmp_path / "材料" / name), "--period", "2021Q2", "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in data["requirements"]} == {"III-27-3-1", "III-27-3-2", "III-27-3-3"}
    notes = [f for f in data["other_findings"] if f["code"] == "partial-tree"]
    assert notes and str(tmp_path / "材料") in notes[0]["message"]
