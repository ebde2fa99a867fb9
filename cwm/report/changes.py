"""What changed since the office's previous report: the newest earlier report folder whose
检查结果.json can be read and has the shape of a check (anything else is said, never fatal), and
the findings new, solved and kept, matched by each finding's stable id."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from cwm.evidence import REPORT_FOLDER, RULES, finding_key
from cwm.evidence import REPORT_JSON as JSON_NAME
from cwm.labels import STATUS
from cwm.vocab import Trait

_REMINDERS = RULES.with_trait(Trait.REMINDER)
"""Reminder codes (人工核对) in a previous report's JSON: not findings to compare."""


@dataclass
class Changes:
    """What changed since the newest earlier report."""

    first: bool = True
    previous: str = ""
    new: list[dict[str, Any]] = field(default_factory=list)
    solved: list[dict[str, Any]] = field(default_factory=list)
    kept: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[dict[str, str]] = field(default_factory=list)
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        """The fields, whose lists hold plain JSON already (not walked, as ``asdict`` would)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def text(self) -> str:
        if self.first:
            why = f"（{self.note}）" if self.note else ""
            return f"首次运行：没有更早的报告可比{why}。\n"
        lines = [
            f"与上次报告（{self.previous}）相比：新增问题 {len(self.new)} 个，"
            f"已解决 {len(self.solved)} 个，仍存在 {len(self.kept)} 个。"
        ]
        if self.note:
            lines.append(self.note)
        if self.statuses:
            lines.append("状态变化：")
            lines += [
                f"  {c['id']} {c['title']}：{c['before']} → {c['after']}" for c in self.statuses
            ]
        for title, group in (("新增", self.new), ("已解决", self.solved)):
            if group:
                lines.append(f"{title}：")
                lines += [
                    f"  {f['requirement']} {f['message']}"
                    + (f"（{f['path']}）" if f.get("path") else "")
                    for f in group
                ]
        return "\n".join(lines) + "\n"


def _findings(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Problem id -> problem (with its requirement) of a report's JSON, old versions included
    (their ids are made from requirement, code and path as today's are). A problem is an error
    or a warning: information (参考资料 listed, 字数符合要求, a ratio reached) and reminders are
    no problems, new or solved."""
    out = {}
    for requirement in data.get("requirements", []):
        for f in requirement.get("findings", []):
            if f.get("code") in _REMINDERS or f.get("severity") == "info":
                continue
            ident = f.get("id") or finding_key(requirement.get("id"), f.get("code"), f.get("path"))
            out[ident] = {**f, "requirement": requirement.get("id")}
    return out


def shape_problem(data: Any) -> str | None:
    """Why a previous report's JSON cannot be compared with (valid JSON of another shape), or
    None: a dict whose requirements are objects with a list of findings that are objects."""
    if not isinstance(data, dict) or not isinstance(data.get("requirements"), list):
        return "内容不是 cwm 的检查结果"
    for requirement in data["requirements"]:
        if not isinstance(requirement, dict) or not isinstance(requirement.get("findings"), list):
            return "其中的申报项记录格式不对"
        if not all(isinstance(f, dict) for f in requirement["findings"]):
            return "其中的问题记录格式不对"
    return None


def compare(previous: dict[str, Any] | None, current: dict[str, Any], name: str = "") -> Changes:
    if previous is None:
        return Changes()
    before, after = _findings(previous), _findings(current)
    statuses_before = {r.get("id"): r.get("status") for r in previous.get("requirements", [])}
    changes = Changes(
        first=False,
        previous=name,
        new=[after[i] for i in after if i not in before],
        solved=[before[i] for i in before if i not in after],
        kept=[after[i] for i in after if i in before],
    )
    for r in current["requirements"]:
        was = statuses_before.get(r["id"])
        if was and was != r["status"]:
            changes.statuses.append(
                {
                    "id": r["id"],
                    "title": r["title"],
                    "before": STATUS.get(was, was),
                    "after": STATUS[r["status"]],
                }
            )
    if previous.get("version") != current.get("version"):
        changes.note = "（上次报告由另一版本的 cwm 生成，比较只到问题和状态。）"
    return changes


def newest_report(out_dir: Path) -> tuple[str, dict[str, Any] | None, str]:
    """(folder name, its JSON or None, why the newest could not be read) of the newest earlier
    report that can be read. Newest by what cwm wrote in it — its run number (``sequence``),
    then the time it was made — never by a folder name a PC's clock chose or an office
    renamed; folders without a JSON are said."""
    try:
        folders = [p for p in out_dir.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return "", None, ""
    found: list[tuple[tuple[int, str, str], str, dict[str, Any]]] = []
    why: list[str] = []
    for folder in folders:
        path = folder / JSON_NAME
        if not path.is_file():
            if REPORT_FOLDER.match(folder.name):
                why.append(f"报告 {folder.name} 中没有 {JSON_NAME}（可能被删除了），未与它比较")
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            why.append(
                f"报告 {folder.name} 的 {JSON_NAME} 无法读取（{type(exc).__name__}），未与它比较"
            )
            continue
        problem = shape_problem(data)
        if problem is not None:
            why.append(f"报告 {folder.name} {problem}，无法与它比较")
            continue
        order = (int(data.get("sequence") or 0), str(data.get("generated") or ""), folder.name)
        found.append((order, folder.name, data))
    if not found:
        return "", None, "；".join(why)
    _, name, data = max(found, key=lambda f: f[0])
    return name, data, "；".join(why)
