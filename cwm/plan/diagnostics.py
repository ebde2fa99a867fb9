"""Problems found in the plan data: where (file, line, column, key path) and what."""

from __future__ import annotations

from dataclasses import dataclass

from cwm.vocab import Severity

KeyPath = tuple[str | int, ...]


def format_path(path: KeyPath) -> str:
    """``("rows", 0, "items")`` -> ``rows[0].items`` (the key path users see)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One problem in one data file."""

    file: str
    """File name as the user knows it (``tasks.yaml``) or its full path."""
    message: str
    """Chinese explanation, including the fix where there is one."""
    severity: Severity = Severity.ERROR
    """An error or a warning (the data rules yield no info)."""
    line: int | None = None
    """1-based line of the offending node, where known."""
    column: int | None = None
    """1-based column."""
    path: KeyPath = ()
    """Key path inside the document."""
    code: str = ""
    """Rule code for consistency checks (``contact-heads-other-unit``…); empty for schema errors."""

    def format(self) -> str:
        """``file:line:col: 错误: [path] message`` — the form editors can jump to."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        level = self.severity.label
        key = f"（{format_path(self.path)}）" if self.path else ""
        code = f" [{self.code}]" if self.code else ""
        return f"{where}: {level}{code}: {self.message}{key}"

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": format_path(self.path),
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }
