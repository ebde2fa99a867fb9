"""The report's workbook (``检查结果.xlsx``, also ``cwm check -f xlsx``): 问题清单 — one row per
finding with the 整改 columns the office fills, carried from the previous report
(``report_ledger``) —, 汇总 (科室 × status, with a 合计 row), a sheet for each of 实地点位,
包联社区 and 宣传, and 已销号."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Sequence

from cwm.evidence import RequirementResult, by_department, fingerprint
from cwm.labels import STATUS
from cwm.plan import Plan
from cwm.report.ledger import (
    CLOSED_SHEET,
    ID_COLUMN,
    PRINT_COLUMN,
    RESOLVED_COLUMN,
    Ledger,
    carry,
    closed_rows,
    renamed,
)
from cwm.schedule.duecheck import DueCheck
from cwm.schedule.sources import LOOPS, source_of

FINDING_HEADERS = (
    "序号",
    "科室",
    "编号",
    "指标名称",
    "联系人",
    "联系电话",
    "截止日期",
    "状态",
    "级别",
    "问题说明",
    "文件",
    "整改责任人",
    "整改时限",
    "整改情况",
    ID_COLUMN,
    PRINT_COLUMN,
)
"""The 问题清单's columns: the office fills 整改责任人, 整改时限 and 整改情况 (and adds its own);
问题编号 and 文件指纹 (hidden) carry them into the next report (``report.ledger``)."""


def results_by_unit(
    plan: Plan, checked: DueCheck, wanted: Any = None
) -> list[tuple[str, list[RequirementResult]]]:
    """The checked items (those ``wanted`` accepts) under each 科室, in org.yaml's order as in
    every output."""
    results = [r for r in checked.report.requirements if wanted is None or wanted(r)]
    return by_department(results, list(plan.directory.units))


def duties_by_id(plan: Plan) -> dict[str, Any]:
    """Id -> its duty (附件1 items, sites, liaison, publicity): contacts and source."""
    from cwm.schedule.duties import all_duties

    return {d.id: d for d in all_duties(plan)}


def finding_rows(plan: Plan, checked: DueCheck) -> list[list[Any]]:
    """One row per finding (manual items aside) for the workbook, grouped by 科室 (org.yaml
    order), in the plan's order within each; an item two 科室 share is under the first of them
    once (its 科室 cell names both: the filter finds it under either)."""
    dues = checked.due_dates()
    duties = duties_by_id(plan)
    root = Path(checked.report.root)
    prints: dict[str, str] = {}

    def print_of(rel: str) -> str:
        if rel and rel not in prints:
            prints[rel] = fingerprint(root / rel)
        return prints.get(rel, "")

    results = list({r.id: r for _, group in results_by_unit(plan, checked) for r in group}.values())
    rows: list[list[Any]] = []
    for result in results:
        duty = duties.get(result.id)
        contacts = duty.contacts if duty is not None else ()
        # one contact a line: two phone numbers never share a line (one would be cut in two)
        people = "\n".join(c.name for c in contacts)
        phones = "\n".join(c.phone or "" for c in contacts)
        for f in result.findings:
            if f.reminder:
                continue
            rows.append(
                [
                    len(rows) + 1,
                    "、".join(result.departments),
                    result.id,
                    result.title,
                    people,
                    phones,
                    dues.get(result.id, ""),
                    STATUS[result.status],
                    f.severity.label,
                    f.message,
                    f.path or "",
                    "",
                    "",
                    "",
                    f.key(result.id),
                    print_of(f.path or ""),
                ]
            )
    return rows


TOTAL_ROW = "合计（两个科室共同负责的事项只计一次）"


def summary_rows(plan: Plan, checked: DueCheck) -> list[list[Any]]:
    """科室 × status counts, 科室 in org.yaml's order as everywhere: an item two 科室 share
    counts in each one's row (it is each one's duty) and once in the 合计 row, which equals the
    number of items."""

    def row(name: str, results: list[RequirementResult]) -> list[Any]:
        counts = dict.fromkeys(STATUS, 0)
        for r in results:
            counts[r.status] += 1
        return [name, *counts.values(), len(results)]

    rows = [row(unit, results) for unit, results in results_by_unit(plan, checked)]
    return [*rows, row(TOTAL_ROW, checked.report.requirements)] if rows else rows


def findings_workbook(
    plan: Plan, checked: DueCheck, ledger: Ledger | None = None, today: dt.date | None = None
) -> bytes:
    """The workbook the office hands out: 问题清单 (a row per finding, 整改 columns to fill),
    汇总 (科室 × status), and a sheet for each of 实地点位, 包联社区 and 宣传 that has findings.
    With the previous report's ``ledger``: the office's notes carried over, and 已销号 (the
    problems gone since, resolved ``today``)."""
    from cwm.formats.xlsx import workbook

    ledger = ledger or Ledger()
    statuses = ["科室", *STATUS.values(), "合计"]

    found = finding_rows(plan, checked)
    at_id = FINDING_HEADERS.index(ID_COLUMN)
    current = {row[at_id] for row in found}
    moved = renamed(ledger, FINDING_HEADERS, found, current)
    headers, every = carry(ledger, FINDING_HEADERS, found, current)
    extra = len(headers) - len(FINDING_HEADERS)  # the office's own columns, before 问题编号
    # A4 landscape at ≥ 9 pt: an id (III-27-3-1), a phone number (11 digits), a date and a
    # status (有警告) each on one line; 问题编号 and 文件指纹 hidden
    widths: list[float] = [4, 10, 10, 11, 6, 11.5, 10, 7, 4, 26, 11, 7, 7, 8, *[8] * extra, 0, 0]
    sheets: list[tuple[str, Sequence[str], list[list[Any]], list[float]]] = [
        ("问题清单", headers, every, widths),
        ("汇总", statuses, summary_rows(plan, checked), [30, 8, 8, 8, 8, 8, 8]),
    ]
    source_by_id = {ident: source_of(duty) for ident, duty in duties_by_id(plan).items()}
    for source in LOOPS:  # 问题清单's rows of that part, numbered anew, on its area's sheet
        part = (row for row in every if source_by_id.get(row[2]) is source)
        rows = [[n, *row[1:]] for n, row in enumerate(part, 1)]
        if rows:
            sheets.append((str(source.area), headers, rows, widths))
    closed = closed_rows(ledger, headers, current | moved, today or dt.date.today())
    if closed:
        sheets.append((CLOSED_SHEET, (*headers, RESOLVED_COLUMN), closed, [*widths, 10]))
    taken = {s[0] for s in sheets}
    for name, rows in ledger.sheets:  # sheets the office added: carried whole
        if name not in taken and rows:
            sheets.append((name, tuple(rows[0]), rows[1:], [12] * len(rows[0])))
    return workbook(sheets, heading=f"{plan.org.plan.issuer}材料检查　{checked.heading}")
