"""cwm init: the evidence folder skeleton, one folder per 科室 and requirement item."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cwm.commands import options as opt
from cwm.commands.common import ask_folder, err, handles_errors, load, os_errors_as, out

SUMMARY = "建立材料文件夹骨架（每个申报项一个文件夹）"
"""The line ``cwm --help`` shows for this command (short enough never to be cut)."""


@handles_errors
def init(
    directory: Optional[Path] = typer.Argument(
        None,
        metavar="[文件夹]",
        help="要建立的材料文件夹（不存在则新建）。不写时（双击 建立材料文件夹.bat）"
        "请把文件夹拖到窗口里。",
        show_default=False,
    ),
    dept: Optional[str] = opt.DEPT,
    template_dir: Optional[Path] = opt.TEMPLATE_DIR,
) -> None:
    """建立材料文件夹骨架：每个科室一个文件夹，每个申报项一个“编号 事项”文件夹，
    内有说明应放什么的 要求.txt。

    不会覆盖或删除任何文件：已有的文件夹（在任意层级）和 要求.txt 保持原样，再次运行只补上缺少的。
    示例：cwm init 材料/；cwm init 材料/ --dept 养老。
    """
    from cwm.printing.skeleton import init as make_skeleton

    if directory is None:
        directory = ask_folder("cwm init 材料/")
    plan, target = load(dept)
    with os_errors_as(f"无法在“{directory}”中建立文件夹"):
        result = make_skeleton(plan, directory, target, template_dir)
    for folder in result.created_folders:
        out(f"新建文件夹 {folder}\n")
    for note in result.created_notes:
        out(f"新建说明   {note}\n")
    kept = len(result.existing)
    err(
        f"新建 {len(result.created_folders)} 个文件夹、"
        f"{len(result.created_notes)} 份要求说明；已有 {kept} 个文件夹保持不变。"
    )
