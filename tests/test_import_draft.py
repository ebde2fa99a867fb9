"""The draft's YAML scalars: written as PyYAML writes them (its fast path for plain Chinese text
checked against PyYAML itself), and read back as the same value."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from cwm.plan.yamlio import load_yaml
from cwm.planimport.draft import scalar

DATA = Path(__file__).resolve().parents[1] / "data"

POOL = (
    "创文明城市，（）：、。；“”《》【】　\u00a0\u2028\u2029\ufeff\u0085😀"
    "abcXYZ0123456789 -_./()%+:#,[]{}&*!|>'\"@`?=~<\t\n"
)
"""Characters a plan's text holds, and every one YAML treats specially."""
BREAKS = "\n\x85\u2028\u2029"
"""YAML's line breaks: a value holding one is written over several lines, as PyYAML does."""


def _safe_dump(value: str) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, width=10**9)
    return text.removesuffix("\n").removesuffix("\n...")


def _strings(node: object) -> list[str]:
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _strings(k) + _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [node] if isinstance(node, str) else []


def _samples() -> list[str]:
    rnd = random.Random(2021)
    made = ["".join(rnd.choice(POOL) for _ in range(rnd.randint(1, 12))) for _ in range(2000)]
    written = [
        "创文",
        "III-7-3-1",
        "每季度1次",
        "第1.5条",
        "民政局/基层科",
        "占比80%",
        "（一）组织领导",
        "2021-06-30",
        "是",
        "yes",
        "null",
        "~",
        "创文: 要求",
        "创文 #注",
        "创文,材料",
        "创文\u3000材料",
        "\u3000创文",
        "创文\u2028材料",
        "\ufeff创文",
        "创文 ",
        "",
    ]
    plan = [s for f in DATA.glob("*.yaml") for s in _strings(load_yaml(f).data)]
    return written + plan + made


def test_strings_are_written_as_pyyaml_writes_them() -> None:
    samples = _samples()
    wrong = [s for s in samples if scalar(s) != _safe_dump(s)]
    assert not wrong, wrong[:5]
    one_line = [s for s in samples if not any(c in s for c in BREAKS)]
    read = yaml.load("\n".join(f"- {scalar(s)}" for s in one_line), Loader=yaml.CSafeLoader)
    assert read == one_line
