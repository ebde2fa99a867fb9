"""cwm count: Word's 字数 of documents, and what was read of tables."""

from __future__ import annotations

from pathlib import Path

import typer

from cwm.commands import options as opt
from cwm.commands.common import err, handles_errors, out
from cwm.errors import EXIT_USAGE
from cwm.output import Format

SUMMARY = "文档字数（与 Word 字数统计一致）"
"""The line ``cwm --help`` shows for this command (short enough never to be cut)."""


@handles_errors
def count(
    files: list[Path] = typer.Argument(
        ...,
        metavar="文件或文件夹...",
        help="要统计的文档或表格（.docx、.pdf、.ofd、.doc、.wps、.txt、.md；.xlsx、.xls、.et、.ods、.csv），"
        "或文件夹（统计其中全部文档和表格）。",
        show_default=False,
    ),
    fmt: Format = opt.FORMAT,
) -> None:
    """统计文档字数，口径与 Word“字数统计”一致：字数、纯汉字数、字符数（不计空格）；
    表格给出读到的行数和单元格数。

    每个中日韩文字和全角标点算 1 个字，连续的英文字母、数字算 1 个字（“Python 3.11”= 2）。
    """
    from cwm.errors import UsageError
    from cwm.evidence import COUNT_COLUMNS as COLUMNS
    from cwm.evidence import count_paths, totals
    from cwm.output import tabulate

    for path in files:
        if not path.exists():
            raise UsageError(f"{path}：文件或文件夹不存在。")
    rows = count_paths(files)
    if not rows:
        err(
            "没有找到文档或表格（.docx、.pdf、.ofd、.doc、.wps、.txt、.md、.xlsx、.xls、.et、.ods、.csv）。"
        )
        return
    if len(rows) > 1:
        rows.append(totals(rows))
    out(tabulate(fmt, COLUMNS, rows, [r.as_json() for r in rows], header=True))
    bad = [r for r in rows if r.unreadable]
    if bad:
        err("\n".join(f"{r.file}：{r.note}" for r in bad))
        raise typer.Exit(EXIT_USAGE)
