"""cwm import: draft a data folder from next year's plan (a Word file)."""

from __future__ import annotations

from pathlib import Path

import typer

from cwm.commands.common import err, handles_errors, os_errors_as, out
from cwm.errors import EXIT_FINDINGS

SUMMARY = "从新方案（Word、WPS、Excel、网页、PDF）起草数据文件夹"
"""The line ``cwm --help`` shows for this command (short enough never to be cut)."""


@handles_errors
def import_(
    plan_files: list[Path] = typer.Argument(
        ...,
        metavar="方案",
        help=(
            "工作方案：.docx、.doc、.wps、.xlsx/.xls/.et（责任清单）、.html、PDF；"
            "正文和附件分成几个文件时，给出全部文件或存放它们的文件夹。"
        ),
        show_default=False,
    ),
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        help="要新建的数据文件夹（不存在或为空；不会覆盖任何文件）。",
        show_default=False,
    ),
) -> None:
    """从工作方案（正文及附件）起草一份数据文件夹（org、tasks、sites、grid.yaml）。

    方案可以是一个文件（Word .docx/.doc、WPS .wps、网页 .html、有文字层的 PDF），也可以是正文和附件
    分开的几个文件或一个文件夹（如 通知.docx 加 附件1责任清单.xlsx）。.doc/.wps 由 LibreOffice 转换
    （须已安装）。每个值后的注释写明它在原文中的位置；推断出的值和读不懂的句子标“待核对”，运行结束时逐条列出。
    退出码：0 全部读出；1 有待核对的地方；2 文件不是方案（或无法读取）。
    之后：按清单核对修改，cwm --data 文件夹 validate，cwm diff 旧文件夹 文件夹 查看变化。
    示例：cwm import 2022年创文工作方案.docx -o 2022/
          cwm import 收到的方案/ -o 2022/
    """
    from cwm.errors import UsageError
    from cwm.planimport import import_plan, write_draft

    for path in plan_files:
        if not path.exists():
            raise UsageError(f"方案文件“{path}”不存在。")
    draft = import_plan(plan_files)
    with os_errors_as(f"无法写入“{output}”"):
        problems = write_draft(draft, plan_files[0], output)
    reading = draft.reading
    if reading is not None and len(reading.files) > 1:
        out("读取了：" + "、".join(p.name for p in reading.files) + "\n")
    if reading is not None and reading.converted:
        out(
            "由 LibreOffice 转换为 .docx 后读取："
            + "、".join(p.name for p in reading.converted)
            + "\n"
        )
    if reading is not None and reading.skipped:
        out("未读取（不是方案的文件格式）：" + "、".join(p.name for p in reading.skipped) + "\n")
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
