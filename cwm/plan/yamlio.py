"""Read YAML keeping where every node stands, and refusing duplicate keys.

PyYAML silently keeps the last of two equal keys; a plan file where that happens has lost a
row without anyone noticing. Here the composed node tree is turned into plain Python data by
hand so that each key path gets its (line, column), and a repeated key is a problem naming
both lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cwm.errors import os_problem
from cwm.plan.diagnostics import KeyPath, Problem
from cwm.vocab import Severity

try:  # the C parser composes the same nodes (with marks), several times faster
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


MAX_DATA_BYTES = 2 * 2**20
"""A data file's bound: ~60 times a bureau's plan (tasks.yaml of 21 items is 35 KB). Parsed
with every node's place kept, 2 MB of the densest YAML (short keys and values) take ~160 MB
and ~2 s; 4 MB took 307 MB and 4.3 s, a data folder of 10,000 tasks ~490 MB and 8 s."""


@dataclass
class YamlDocument:
    """A parsed file: the data, and the (line, col) of every key path, both 1-based."""

    file: str
    data: Any
    marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def locate(self, path: KeyPath) -> tuple[int | None, int | None, KeyPath]:
        """The mark of the longest prefix of ``path`` that exists, and that prefix."""
        best: KeyPath = ()
        current: KeyPath = ()
        for part in path:
            candidate = current + (part,)
            if candidate in self.marks:
                current = candidate
                best = current
            # parts absent from the document (a union tag, a missing key) are skipped
        line, col = self.marks.get(best, (None, None))
        return line, col, best

    def problem(
        self, path: KeyPath, message: str, severity: Severity = Severity.ERROR, code: str = ""
    ) -> Problem:
        line, col, _ = self.locate(path)
        return Problem(self.file, message, severity, line, col, path, code)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Parse ``path``. Syntax errors and duplicate keys come back as problems, never raised."""
    name = display_name or str(path)
    doc = YamlDocument(name, None)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_DATA_BYTES + 1)
    except OSError as exc:
        doc.problems.append(Problem(name, f"无法读取文件：{os_problem(exc)}"))
        return doc
    if len(raw) > MAX_DATA_BYTES:
        doc.problems.append(
            Problem(
                name,
                f"文件超过数据文件的上限 {MAX_DATA_BYTES // 2**20} MB（一份方案的数据通常不到 "
                "100 KB），未读取。请检查 --data 是否指错了文件夹，或把方案分成几个数据文件夹。",
            )
        )
        return doc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        doc.problems.append(
            Problem(
                name,
                f"文件不是 UTF-8 编码（第 {exc.start} 字节处无法解码）"
                "。请用 UTF-8 编码另存该文件。",
            )
        )
        return doc
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = exc.problem or exc.context or "语法错误"
        doc.problems.append(
            Problem(
                name, f"YAML 语法错误：{what}。请检查缩进、冒号和引号。", Severity.ERROR, line, col
            )
        )
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(name, f"YAML 语法错误：{exc}"))
        return doc
    try:
        doc.data = _Builder(loader, doc).build(node, ()) if node is not None else None
    finally:
        loader.dispose()
    return doc


MAX_DEPTH = 40
"""The plan data nest a few levels; deeper is a broken file (and would exhaust the stack)."""
MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"


class _Builder:
    """Turns composed nodes into plain data, keeping marks; every problem is placed, none
    raised. Anchors and aliases (``&``/``*``) are refused: the plan data need none, and an
    alias can point at its own parent or multiply a file a billion times."""

    def __init__(self, loader: Any, doc: YamlDocument) -> None:
        self.loader = loader
        self.doc = doc
        self.seen: set[int] = set()

    def problem(self, node: yaml.Node, message: str, path: KeyPath) -> None:
        self.doc.problems.append(
            Problem(self.doc.file, message, Severity.ERROR, *_mark(node), path)
        )

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        if id(node) in self.seen:
            self.problem(
                node, "数据文件中不能使用 YAML 锚点和别名（& 与 *）。请直接写出内容。", path
            )
            return None
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self.problem(node, f"嵌套超过 {MAX_DEPTH} 层，文件可能已损坏。", path)
            return None
        self.doc.marks[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        return self.scalar(node, path)

    def scalar(self, node: yaml.Node, path: KeyPath) -> Any:
        if node.tag == STR_TAG:  # most of a plan: its text, as the constructor would give it
            return node.value
        if node.tag.startswith("!") and not node.tag.startswith("!!"):
            self.problem(node, f"不认识的 YAML 标签“{node.tag}”。请去掉它，直接写值。", path)
            return None
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            what = getattr(exc, "problem", None) or str(exc)
            tag = node.tag.rsplit(":", 1)[-1]
            if tag == "timestamp":
                message = (
                    f"日期“{node.value}”不存在或写法不对（{what}）。"
                    "请写成 2021-06-30 这样的有效日期。"
                )
            else:
                message = f"值“{node.value}”无法按 {tag} 读取（{what}）。请改正，或加引号当作文字。"
            self.problem(node, message, path)
            return None

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                self.problem(
                    key_node, "数据文件中不能使用 YAML 合并键（<<）。请直接写出各个键。", path
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "键必须是简单文本。", path)
                continue
            key = self.scalar(key_node, path)
            if key is None:
                continue
            if key in seen:
                first_line = _mark(seen[key])[0]
                self.problem(
                    key_node,
                    f"重复的键“{key}”（第 {first_line} 行已有同名键）。"
                    "YAML 只会保留后一个，请删除或合并其中一个。",
                    path + (key,),
                )
                continue
            seen[key] = key_node
            out[key] = self.build(value_node, path + (key,))
        return out
