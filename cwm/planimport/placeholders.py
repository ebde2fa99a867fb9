"""The draft always loads: a required value the importer could not read becomes a marked
placeholder — listed for a person (``Draft.check``: ``# 待核对`` in the YAML and a line of the
review list) — never a file ``cwm validate`` refuses.

Each placeholder says it is one (``（原文未读出）``); the checker's verdicts on an item that
still carries one are not to be trusted, which is why every one is on the review list.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from cwm.plan.models import NAME_PATTERN, REQUIREMENT_ID_PATTERN
from cwm.planimport.draft import Draft, Review

FILE = "tasks.yaml"
UNREAD = "（原文未读出）"
NO_DEPARTMENT = "未读出责任科室"
_ID = re.compile(REQUIREMENT_ID_PATTERN)
_NAME = re.compile(NAME_PATTERN)


def tasks(rows: list[dict[str, Any]], draft: Draft) -> None:
    """Fill what 附件1's rows must have and the plan did not give readably."""
    seen: set[str] = set()
    for r, row in enumerate(rows):
        where = f"附件1 第{row['row']}行"
        path: tuple[str | int, ...] = ("rows", r)

        def mark(key: tuple[str | int, ...], text: str, why: str) -> None:
            draft.check(FILE, (*path, *key), where, text, f"{why}；已填占位值，请按原文改")

        levels = ("project", "indicator", "content")
        for level in levels:  # a level without its code or name is not one
            value = row.get(level)
            if value is not None and (not value.get("code") or not value.get("name")):
                if value.get("name") and not value.get("code"):
                    continue  # 测评项目 written without a code: kept, the id says so
                del row[level]
        if not any(row.get(level) for level in levels):
            row["content"] = {"code": "待核对", "name": UNREAD}
            mark(("content",), "", "没有读出测评项目、指标或测评内容")
        if row.get("standard") is not None and not row["standard"].get("text"):
            del row["standard"]
        row["departments"] = [d for d in row.get("departments", []) if _NAME.match(d)]
        if not row["departments"]:
            row["departments"] = [NO_DEPARTMENT]
            mark(("departments",), "", "没有读出责任科室")
        row["contacts"] = [c for c in row.get("contacts", []) if _NAME.match(c.get("name", ""))]
        for k, item in enumerate(row.get("items", [])):
            at: tuple[str | int, ...] = ("items", k)
            if not _ID.match(item.get("id", "")) or item["id"] in seen:
                item["id"] = _free_id(row["row"], k, seen)
                mark((*at, "id"), item.get("requirement", ""), "没有读出申报项的编号")
            seen.add(item["id"])
            for key in ("title", "requirement"):
                item[key] = item.get(key) or UNREAD
            if not item.get("materials"):
                item["materials"] = [{"type": "document", "count": 1, "text": UNREAD}]
                mark((*at, "materials"), item["requirement"], "没有读出要交的材料")
            for j, material in enumerate(item["materials"]):
                _material(material, lambda why, j=j: mark((*at, "materials", j), "", why))


def _free_id(row: int, item: int, seen: set[str]) -> str:
    ident = f"III-0-{row}-{item + 1}"
    while ident in seen:
        item += 1
        ident = f"III-0-{row}-{item + 1}"
    return ident


def _material(material: dict[str, Any], mark: Any) -> None:
    if material["type"] == "report" and "words" not in material:
        material["words"] = {"at_least": 1}
        mark("没有读出说明报告的字数")
    if material["type"] == "table" and not material.get("metrics"):
        material["metrics"] = [
            {
                "name": "待填写",
                "numerator": "待填写",
                "denominator": "待填写",
                "op": ">=",
                "percent": 100.0,
                "wording": UNREAD,
            }
        ]
        mark("没有读出数据表格的指标和阈值")
    if not material.get("text"):
        material["text"] = UNREAD


def org(data: dict[str, Any]) -> None:
    """Units without a usable name are dropped (a name read from an empty cell); people keep
    their unit only when it is one."""
    data["units"] = [u for u in data["units"] if u.get("name") and _NAME.match(u["name"])]
    for person in data.get("people", []):
        if person.get("unit") is not None and not person["unit"]:
            person.pop("unit")


def sites(data: dict[str, Any], draft: Draft) -> None:
    """A site row with an empty cell (a PDF's row broken over a page) gets placeholders; one
    that still does not load is left out and listed."""
    for n, site in enumerate(data.get("sites", [])):
        for key, label in (("name", "点位名称"), ("indicator", "指标名称"), ("unit", "责任单位")):
            if not str(site.get(key, "")).strip() or (key == "unit" and not _NAME.match(site[key])):
                site[key] = UNREAD if key != "unit" else "未读出责任单位"
                draft.check(
                    "sites.yaml", ("sites", n, key), f"附件2 第{n + 1}行", "", f"没有读出{label}"
                )
    data["sites"] = loadable("Site", data.get("sites", []), "附件2", draft)


def liaison(data: dict[str, Any] | None, draft: Draft) -> dict[str, Any] | None:
    """附件3's plan with placeholders for what was not read; None (and a line of the review
    list) when it has no duties to keep."""
    if data is None:
        return None
    if not data.get("duties"):
        draft.review.append(_review("附件3", "没有读出包联工作的职责（包联内容），附件3 未导入"))
        return None
    for key, label in (
        ("title", "标题"),
        ("basis", "依据的文件"),
        ("community", "包联社区"),
        ("scope", "包联范围"),
        ("goal", "工作目标"),
    ):
        if not data.get(key):
            data[key] = UNREAD
            draft.check("grid.yaml", ("liaison", key), "附件3", "", f"没有读出{label}")
    if not data.get("departments"):
        data["departments"] = [NO_DEPARTMENT]
    return data


def loadable(model: str, rows: list[dict[str, Any]], where: str, draft: Draft) -> list[Any]:
    """The rows that validate as ``model`` (a class of ``cwm.plan.models``); each other one is
    left out and listed with what it lacks."""
    from pydantic import TypeAdapter, ValidationError

    from cwm.plan import models

    adapter: TypeAdapter[Any] = TypeAdapter(getattr(models, model))
    kept = []
    for n, row in enumerate(rows, 1):
        try:
            adapter.validate_python(row)
        except ValidationError as exc:
            fields = "、".join(
                dict.fromkeys(".".join(str(p) for p in e["loc"][:2]) for e in exc.errors())
            )
            draft.review.append(
                _review(f"{where} 第{n}行", f"读出的内容不完整（{fields}），此行未导入")
            )
            continue
        kept.append(row)
    return kept


def _review(where: str, why: str) -> Review:
    return Review(where, "", why)


def repair(draft: Draft, problems: list[Any]) -> bool:
    """The last resort after validation: what still does not load is taken out of the draft
    (an item, a row, a site, a grid row, a unit) and listed; a unit or person the rows name but
    the roster lacks is added and listed. Returns whether anything changed."""
    changed = False
    org = draft.files["org.yaml"]
    removals: list[tuple[str, tuple[str | int, ...]]] = []
    for problem in problems:
        path = tuple(problem.path)
        name = _file_name(problem.file)
        where = f"{name} {'.'.join(str(p) for p in path)}"
        listed = _ROSTERS.get(problem.code)
        if listed is not None and name != "org.yaml":
            key, word, entry = listed
            named = _get(draft.files[name], path)
            if isinstance(named, str) and _NAME.match(named):
                if all(e["name"] != named for e in org[key]):
                    org[key].append({"name": named, **entry})
                    draft.review.append(
                        _review(where, f"{word}“{named}”不在{word}名单中，已加入，请核对")
                    )
                    changed = True
                continue
        target = _removable(name, path)
        if target is not None and (name, target) not in removals:
            removals.append((name, target))
            draft.review.append(
                _review(where, f"读出的内容不能使用（{problem.message}），此处未导入，请按原文补写")
            )
    for name, target in sorted(removals, key=lambda r: r[1], reverse=True):
        _remove(draft, name, target)
        changed = True
    return changed


_ROSTERS = {
    "unknown-unit": ("units", "单位", {"kind": "section"}),
    "unknown-person": ("people", "人员", {}),
}
"""A data rule's code for a name the roster lacks -> (its list in org.yaml, its word, what a new
entry holds besides the name)."""


def _file_name(file: str) -> str:
    """A Problem's file may be a full path."""
    return PurePath(file).name


_REMOVABLE = {
    "tasks.yaml": (("rows", int, "items", int), ("rows", int)),
    "sites.yaml": (("sites", int),),
    "grid.yaml": (("grid", int), ("liaison",)),
    "org.yaml": (("publicity", int), ("people", int), ("units", int)),
}


def _removable(file: str, path: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    for shape in _REMOVABLE.get(file, ()):
        if len(path) >= len(shape) and all(
            (isinstance(p, int) if s is int else p == s) for p, s in zip(path, shape)
        ):
            return path[: len(shape)]
    return None


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _remove(draft: Draft, file: str, path: tuple[str | int, ...]) -> None:
    """Delete the element at ``path`` and move the notes of the elements after it up."""
    parent = _get(draft.files[file], path[:-1])
    last = path[-1]
    if isinstance(last, str):
        parent.pop(last, None)
    else:
        del parent[last]
        if len(path) == 4 and not parent:  # a row without items: the row goes too
            _remove(draft, file, path[:2])
            return
    for store in (draft.notes, draft.checks):
        moved = {}
        for (f, key), value in store.items():
            if f != file or key[: len(path) - 1] != path[:-1] or len(key) < len(path):
                moved[f, key] = value
                continue
            at = key[len(path) - 1]
            if at == last:
                continue
            if isinstance(last, int) and isinstance(at, int) and at > last:
                key = (*key[: len(path) - 1], at - 1, *key[len(path) :])
            moved[f, key] = value
        store.clear()
        store.update(moved)
