"""cwm diff: what changed between two plans (data folders or Word files)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cwm.commands import options as opt
from cwm.commands.common import err, handles_errors, write_output
from cwm.output import Format

SUMMARY = "两份方案之间有什么变化"
"""The line ``cwm --help`` shows for this command (short enough never to be cut)."""


@handles_errors
def diff(
    old: Path = typer.Argument(
        ..., metavar="旧方案", help="数据文件夹，或方案的 Word 文件（.docx）。", show_default=False
    ),
    new: Path = typer.Argument(
        ..., metavar="新方案", help="数据文件夹，或方案的 Word 文件（.docx）。", show_default=False
    ),
    fmt: Format = opt.FORMAT,
    output: Optional[Path] = opt.OUTPUT,
) -> None:
    """今年的方案有什么变化：新增、删除的申报项和职责，字数、张数、注明事项、分组、必报节日、收集类型、
    联系人、包联周期、点位标准的变化，科室更名（算一处变化）。

    两边都可以是数据文件夹或方案的 Word 文件（.docx，当场导入后比较）。
    示例：cwm diff data/ 2022/；cwm diff 2021年方案.docx 2022年方案.docx -f xlsx -o 变化.xlsx。
    """
    from cwm.output import tabulate
    from cwm.planimport import load_any
    from cwm.planimport.diff import COLUMNS, KINDS
    from cwm.planimport.diff import diff as compare

    before, left = load_any(old)
    after, right = load_any(new)
    changes = compare(before, after)
    for path, places in ((old, left), (new, right)):
        if places:
            err(
                f"提示：{path.name} 是方案文件，按导入的草稿比较，"
                f"其中 {places} 处须人工核对（cwm import 可列出）。"
            )
    title = f"{old.name} → {new.name}：{len(changes)} 处变化"
    write_output(
        tabulate(fmt, COLUMNS, changes, [c.as_json() for c in changes], title=title), output
    )
    if fmt is not Format.json:
        from collections import Counter

        counts = Counter(change.kind for change in changes)
        summary = "，".join(f"{KINDS[k]} {n}" for k, n in counts.items()) or "没有变化"
        err(f"共 {len(changes)} 处变化：{summary}。")
