"""Word 97 (.doc) and WPS (.wps) plans, converted to .docx by LibreOffice when it is installed.

A binary Word file's tables do not say where merged cells are (cwm's own Word 97 reader, which
reads a 台账's plain grid, would misplace every merged 测评项目 cell of a 责任清单), so the plan is
converted by the one free program that lays them out as Word does: ``soffice --headless
--convert-to docx``, with a profile of its own (an office PC's open LibreOffice is not
disturbed), bounded in time. Without LibreOffice the message says how to save the file as .docx.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from cwm.planimport.document import Block, NotAPlan

CONVERT_SECONDS = 120
_NAMES = ("soffice", "libreoffice", "soffice.exe")
_WINDOWS = (
    Path(os.environ.get("ProgramFiles", r"C:\Program Files")) / "LibreOffice/program/soffice.exe",
)


def soffice() -> str | None:
    """LibreOffice's command, or None (``CWM_SOFFICE`` names it where it is not on PATH)."""
    named = os.environ.get("CWM_SOFFICE")
    if named:
        return named if Path(named).is_file() else None
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((str(p) for p in _WINDOWS if p.is_file()), None)


def read_blocks(path: Path, kind: str) -> list[Block]:
    """The blocks of the Word 97/WPS file at ``path`` (``kind`` names it in messages)."""
    from cwm.planimport.readers import docx

    program = soffice()
    if program is None:
        raise NotAPlan(
            f"{path.name} 是{kind}二进制格式：导入它需要 LibreOffice（免费，装好后 cwm 自动调用），"
            "或用 Word/WPS 打开后“另存为”.docx 再导入。"
        )
    with tempfile.TemporaryDirectory(prefix="cwm-convert-") as folder:
        work = Path(folder)
        source = work / f"plan{path.suffix.lower()}"
        shutil.copyfile(path, source)  # the user's name may hold characters soffice mangles
        profile = (work / "profile").as_uri()
        try:
            subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "docx:MS Word 2007 XML",
                    "--outdir",
                    str(work / "out"),
                    str(source),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=CONVERT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise NotAPlan(
                f"LibreOffice 转换 {path.name} 超过 {CONVERT_SECONDS} 秒未完成："
                "请用 Word/WPS 打开后另存为 .docx 再导入。"
            ) from None
        except OSError as exc:
            raise NotAPlan(f"无法运行 LibreOffice（{program}）：{exc}。") from None
        converted = work / "out" / "plan.docx"
        if not converted.is_file():
            raise NotAPlan(
                f"LibreOffice 无法打开 {path.name}（可能已损坏或加密）："
                "请用 Word/WPS 打开检查后另存为 .docx 再导入。"
            )
        return docx.read_blocks(converted, path.name)
