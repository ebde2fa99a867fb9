"""文件夹：每个申报项须有且只有一个文件夹，名称以编号开头（如“III-27-3-2 新建小区养老设施”）。"""

from __future__ import annotations

from typing import Iterator

from cwm.evidence.context import Context, Found

CODES = {
    "folder-missing": (
        "error",
        "找不到申报项的文件夹。文件夹名以编号开头，可放在任意层级"
        "（如 养老服务科/III-27-3-2 新建小区养老设施/）。",
    ),
    "folder-duplicate": (
        "error",
        "同一编号有两个以上文件夹，程序不知道该检查哪一个。请合并为一个。",
    ),
    "unknown-id": (
        "error",
        "文件夹名以编号开头，但这个编号不是任何申报项的编号（提示最接近的编号）。",
    ),
    "title-folder": (
        "warning",
        "文件夹名像是某个申报项的名称，但不以编号开头：其中的材料不会被检查（提示应加的编号）。",
    ),
    "other-period": (
        "info",
        "按期间检查时，其他期间的文件夹（如“2021年第一季度”）不读取、不比较。",
    ),
    "stray-file": ("info", "文件不在任何申报项文件夹中，不会被检查。"),
    "partial-tree": (
        "info",
        "检查的是某个科室或申报项的文件夹：其中的照片没有与其他科室的材料比较是否重复"
        "（提示在材料总目录上检查的命令）。",
    ),
    "optional": ("info", "本期无必报内容（择优报送）：没有材料不算缺失，交了的照常检查。"),
    "unit-folder-typo": (
        "warning",
        "检查的文件夹名与某个科室的名称只差一两个字：按材料总目录检查了全部申报项"
        "（提示改名或 --dept）。",
    ),
}


def check(ctx: Context) -> Iterator[Found]:
    item = ctx.item
    nothing_to_hand_in = all(m.type == "evaluation" for m in ctx.materials)
    if ctx.requirement.optional and (ctx.folder is None or not ctx.folder.files):
        yield Found("optional", "本期无必报内容（择优报送）：没有材料不算缺失，交了的照常检查。")
    elif ctx.folder is None and not nothing_to_hand_in and not ctx.requirement.optional:
        guess = ctx.titled_folder
        hint = (
            f"“{guess}”像是它的材料，请把这个文件夹改名为以“{item.id}”开头。"
            if guess
            else f"请新建以“{item.id}”开头的文件夹并放入材料。"
        )
        yield Found("folder-missing", f"找不到 {item.id} 的文件夹（{item.title}）。{hint}")
    if ctx.duplicate_folders:
        paths = ctx.duplicate_folders
        message = f"{item.id} 有 {len(paths)} 个文件夹：{'；'.join(paths)}。请合并为一个。"
        yield Found("folder-duplicate", message, paths[0])
