"""cwm import: draft a data folder from next year's plan (a Word file)."""

from __future__ import annotations

from pathlib import Path

import typer

from cwm.commands.common import err, handles_errors, os_errors_as, out
from cwm.errors import EXIT_FINDINGS

SUMMARY = "从新方案的 Word 文件起草数据文件夹"
"""The line ``cwm --help`` shows for this command (short enough never to be cut)."""


@handles_errors
def import_(
    plan_file: Path = typer.Argument(
        ..., metavar="方案.docx", help="工作方案的 Word 文件（.docx）。", show_default=False
    ),
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        help="要新建的数据文件夹（不存在或为空；不会覆盖任何文件）。",
        show_default=False,
    ),
) -> None:
    """从工作方案的 Word 文件（含四个附件）起草一份数据文件夹（org、tasks、sites、grid.yaml）。

    每个值后的注释写明它在原文中的位置；读不懂的句子原样保留并标“待核对”，运行结束时逐条列出。
    退出码：0 全部读出；1 有待核对的地方；2 文件不是方案（或无法读取）。
    之后：按清单核对修改，cwm --data 文件夹 validate，cwm diff 旧文件夹 文件夹 查看变化。
    示例：cwm import 2022年创文工作方案.docx -o 2022/
    """
    from cwm.errors import UsageError
    from cwm.planimport import import_plan, write_draft

    if not plan_file.is_file():
        raise UsageError(f"方案文件“{plan_file}”不存在或不是文件。")
    draft = import_plan(plan_file)
    with os_errors_as(f"无法写入“{output}”"):
        problems = write_draft(draft, plan_file, output)
    out(f"已写入 {output}（org.yaml、tasks.yaml、sites.yaml、grid.yaml）。\n")
    review = [r.line() for r in draft.review] + [f"数据检查：{p}" for p in problems]
    if not review:
        err("全部读出，没有需要人工核对的地方。请运行 cwm --data 该文件夹 validate 确认。")
        return
    out(f"\n{len(review)} 处需要人工核对：\n")
    for n, line in enumerate(review, 1):
        out(f"{n}. {line}\n")
    err(
        f"请对照原文修改以上 {len(review)} 处（文件中标有“待核对”），"
        f"再运行 cwm --data {output} validate。"
    )
    raise typer.Exit(EXIT_FINDINGS)
