"""The check report as plain text for people (the JSON form is ``CheckReport.as_json``)."""

from __future__ import annotations

from .engine import SEVERITY_LABELS, STATUS_LABELS, CheckReport


def render_text(report: CheckReport) -> str:
    summary = report.summary()
    counts = "，".join(f"{STATUS_LABELS[s]} {summary[s]}" for s in STATUS_LABELS if summary[s])
    lines = [
        f"检查 {report.root}：{summary['requirements']} 项申报要求——{counts}；"
        f"错误 {summary['errors']} 个，警告 {summary['warnings']} 个。",
        "",
    ]
    for result in report.requirements:
        folder = f"（{result.folder}）" if result.folder else ""
        lines.append(f"{result.id} {result.title}：{STATUS_LABELS[result.status]}{folder}")
        manual = [
            f.message.removeprefix("人工核对：")
            for f in result.findings
            if f.code == "manual-check"
        ]
        for finding in result.findings:
            if finding.code == "manual-check":
                continue
            where = f"  ← {finding.path}" if finding.path and finding.path != result.folder else ""
            lines.append(
                f"  {SEVERITY_LABELS[finding.severity]} [{finding.code}] {finding.message}{where}"
            )
        if manual:
            lines.append(f"  人工核对：{'；'.join(manual)}")
        lines.append("")
    if report.other_findings:
        lines.append("其他：")
        for finding in report.other_findings:
            lines.append(
                f"  {SEVERITY_LABELS[finding.severity]} [{finding.code}] {finding.message}  ← {finding.path}"
            )
        lines.append("")
    return "\n".join(lines)
