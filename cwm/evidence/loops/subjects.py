"""What the loop checks are given: one subject per duty, built by the caller
(``cwm.schedule.duecheck``) with the periods to judge already worked out — the checker knows no
periods or units — and the context a loop rule looks at (``LoopContext``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Union

if TYPE_CHECKING:
    from cwm.evidence.context import Elsewhere
    from cwm.evidence.loops.inspections import Inspection
    from cwm.evidence.scan import EvidenceFile, RequirementFolder


@dataclass(frozen=True)
class Span:
    """A period records are counted in: ``2021年5月``, 2021-05-01 to 2021-05-31."""

    label: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class SiteDuty:
    """A site of 附件2 (S-n): its standards, kept up to standard by self-inspections."""

    id: str
    title: str
    departments: tuple[str, ...]
    standards: tuple[tuple[int | None, str], ...]
    """(number, text) of each standard; the number is None where the source has none."""
    today: dt.date
    period: Span | None = None
    """The period judged: an inspection is expected in it. None: no period asked."""


@dataclass(frozen=True)
class ActivityDuty:
    """A liaison duty of 附件3 (L-n): activities counted in each span."""

    id: str
    title: str
    departments: tuple[str, ...]
    today: dt.date
    spans: tuple[Span, ...] = ()
    """The spans to count in (months of 每月2次, the halves of 每半年, 1 January to the
    deadline of 9月前), those of the judged period that have begun."""
    count: int | None = None
    """Activities (or distinct names) each span needs."""
    distinct: bool = False
    """Count distinct names (示范小区: 2 个) rather than activities (次)."""
    targets: tuple[tuple[str, float], ...] = ()
    """(name, minimum percent): 群众参与率 98, 满意率 95."""
    deadline: dt.date | None = None
    """When the targets must be met (10月前: 30 September)."""
    standing: bool = False
    """A 常态化 duty counted by the bureau's routine: a shortfall is a warning, not an error."""
    wording: str = ""
    """The duty's cadence as people read it (``每月2次``)."""
    judged_until: dt.date | None = None
    """The end of the judged period: a span not yet over that ends by then is due in it (a
    shortfall is a warning); one that ends later is only counted so far (information)."""


@dataclass(frozen=True)
class PublicityDuty:
    """A standing publicity duty (PUB-n): photos of each unit's 专栏 or LED in each span."""

    id: str
    title: str
    departments: tuple[str, ...]
    units: tuple[tuple[str, ...], ...]
    """Each unit's names: canonical first, then aliases (a subfolder may use any)."""
    today: dt.date
    spans: tuple[Span, ...] = ()
    count: int = 1
    wording: str = ""


Subject = Union[SiteDuty, ActivityDuty, PublicityDuty]
"""What the checker is given for one loop duty (built by ``cwm.schedule.sources``)."""


@dataclass
class LoopContext:
    """What a loop rule may look at for one duty."""

    duty: Subject
    folder: RequirementFolder | None
    """The duty's folder (``实地点位/S-3 医院/``, ``包联社区/L-6 志愿服务/``), if any."""
    reads: dict[str, Any]
    """Rel -> what the reader made of each file (``ReadError`` for one it could not read)."""
    inspections: list[Inspection] = field(default_factory=list)
    """Every self-inspection sheet of the tree, read once for all sites."""
    year: int | None = None
    elsewhere: Mapping[str, Elsewhere] = field(default_factory=dict)
    """Photo rel -> the same photo in another loop's folder or subfolder (``compare_photos``)."""

    def files(self, kind: str) -> list[EvidenceFile]:
        return [f for f in self.folder.files if f.kind == kind] if self.folder else []

    def tables(self) -> list[EvidenceFile]:
        """The folder's files with tables (``has_tables``)."""
        return [f for f in self.folder.files if has_tables(f)] if self.folder else []


def has_tables(file: EvidenceFile) -> bool:
    """A file whose tables the loops read as sheets: a table file, or a Word document (its
    tables, ``DocumentText.sheets``: a 台账, 自查表 or 问卷统计 kept in Word)."""
    return file.kind == "table" or file.path.suffix.lower() in WORD_SUFFIXES


WORD_SUFFIXES = (".docx", ".doc", ".wps")
"""Word documents, whose readers give their tables (.doc and WPS's .wps are Word 97 files)."""
