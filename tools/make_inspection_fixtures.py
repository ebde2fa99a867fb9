"""Regenerates tests/fixtures/real/inspection/: a self-inspection sheet written by cwm, filled in
with openpyxl (S-3（2）不合格, 整改时限 2021-05-31; every other standard 合格), then opened and
re-saved by LibreOffice Calc as .xlsx, .xls and .ods — what an office's re-save does to it
(styles, validations, dates rewritten); and a liaison 活动台账 (April 2, May 1, June 2
activities, dates typed as dates) saved by Calc in the same three formats, and the same 台账 as a
Word table (a title and a 填表人 line around it, one date with its weekday, an empty cell, a
cell of two lines) saved by LibreOffice Writer as Word 97 (.doc) and Word 2007 (.docx). Needs
cwm installed and soffice on PATH (libreoffice-writer-nogui, libreoffice-calc-nogui):

    python tools/make_inspection_fixtures.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cwm.plan.loader import load_plan  # noqa: E402
from tests.builders import inspection_sheet, word_tables  # noqa: E402

FILLS = {("S-3", 2): {"检查结果": "不合格", "问题描述": "景观小品破损", "整改时限": "2021-05-31"}}
FILTERS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "xls": "xls:MS Excel 97", "ods": "ods"}
LEDGER = """日期,活动内容,地点,参加人数
2021-04-03,助老志愿服务,鸿丰社区,12
2021-04-17,环境整治,马巷子后街,15
2021-05-08,文明劝导,崇文街,9
2021-06-05,垃圾分类宣传,鸿丰小区,20
2021-06-19,关爱留守儿童,鸿丰社区,11
"""


WORD_LEDGER = [
    ["日期", "活动内容", "地点", "参加人数"],
    ["2021年4月3日（周六）", "助老志愿服务", "鸿丰社区", "12"],
    ["2021-04-17", "环境整治", "", "15"],
    ["2021.5.8", "文明劝导", "崇文街", "9"],
    ["2021-06-05", "垃圾分类宣传\n入户发放资料", "鸿丰小区", ""],
    ["2021-06-19", "关爱留守儿童", "鸿丰社区", "11"],
]
"""The same activities as ``LEDGER``, typed into a Word table as offices type them."""


def main() -> None:
    target = ROOT / "tests/fixtures/real/inspection"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        filled = Path(work) / "自查表.xlsx"
        filled.write_bytes(inspection_sheet(load_plan(), "2021-05-10", FILLS))
        ledger = Path(work) / "活动台账.csv"
        ledger.write_text(LEDGER, encoding="utf-8")
        for ext, filter_ in FILTERS.items():
            out = Path(work) / f"ledger-{ext}"
            command = ["soffice", "--headless", "--infilter=CSV:44,34,76,1", "--convert-to"]
            run = [*command, filter_, "--outdir", str(out), str(ledger)]
            subprocess.run(run, check=True, capture_output=True)
            (target / f"活动台账.{ext}").write_bytes((out / f"活动台账.{ext}").read_bytes())
            out = Path(work) / ext
            command = ["soffice", "--headless", "--convert-to", filter_, "--outdir", str(out)]
            subprocess.run(
                [*command, str(filled)],
                check=True,
                capture_output=True,
            )
            (target / f"自查表.{ext}").write_bytes((out / f"自查表.{ext}").read_bytes())
        word = Path(work) / "活动台账（Word）.docx"
        word.write_bytes(word_tables(WORD_LEDGER, title="包联社区活动台账", after="填表人：王五"))
        for filter_ in ("doc:MS Word 97", "docx:MS Word 2007 XML"):
            ext = filter_.split(":")[0]
            out = Path(work) / f"word-{ext}"
            command = ["soffice", "--headless", "--convert-to", filter_, "--outdir", str(out)]
            subprocess.run([*command, str(word)], check=True, capture_output=True)
            name = f"活动台账（Word）.{ext}"
            (target / name).write_bytes((out / name).read_bytes())
    print(f"written to {target}")


if __name__ == "__main__":
    main()
