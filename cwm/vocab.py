"""The words of cwm's verdicts, each defined once as a type.

``Severity`` of a finding (evidence rules and data rules alike), ``Status`` of a requirement item
after a check, and ``Trait``, what a rule code is besides its severity. Their Chinese labels are
in ``labels`` (a severity's, ``Severity.label``, here: the plan's own checks use it); nothing else
spells these values. They are ``StrEnum``: JSON shows the plain value
(``"error"``), and the value read back from a previous report's JSON compares equal.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How much a finding weighs: an error fails the item, a warning does not, info only
    informs."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """错误, 警告, 提示."""
        return _SEVERITY_LABELS[self]


_SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


class Area(StrEnum):
    """The folders of the evidence tree that hold the loops' evidence (the checker finds them at
    any depth; ``cwm init`` makes them; the report's workbook has a sheet of each)."""

    SITES = "实地点位"
    LIAISON = "包联社区"
    PUBLICITY = "宣传"


OP_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
"""A threshold's comparison as it is printed (≥13%)."""


class Status(StrEnum):
    """The checker's verdict on one requirement item (``cwm check``, ``due --evidence``, the
    checklists and the report)."""

    PASS = "pass"
    """Nothing below."""
    WARN = "warn"
    """Warnings only: may be submitted."""
    FAIL = "fail"
    """Any error."""
    MISSING = "missing"
    """Errors, and no folder or no evidence file at all."""
    MANUAL = "manual"
    """Something only a person can judge (a scan, a 部门评价, an unreadable .doc)."""


DONE = frozenset({Status.PASS, Status.WARN})
"""Statuses that count as handed in (a warning does not block a submission)."""


class Trait(StrEnum):
    """What a rule code is besides its severity, declared with the code on its rule (never
    listed elsewhere)."""

    NEEDS_PERSON = "needs-person"
    """A person must look: the item's status is ``manual`` unless an error or warning decides
    it."""
    PHOTO = "photo"
    """About a photo: the report shows the photo's thumbnail beside the finding."""
    REMINDER = "reminder"
    """A reminder of what a person must check (人工核对), not a problem of the folder: listed
    apart, once per item, and never a reason of a status."""


class HasTraits:
    """What a rule code and each finding of it say about their traits."""

    traits: frozenset[Trait]

    @property
    def needs_person(self) -> bool:
        return Trait.NEEDS_PERSON in self.traits

    @property
    def about_photo(self) -> bool:
        return Trait.PHOTO in self.traits

    @property
    def reminder(self) -> bool:
        return Trait.REMINDER in self.traits
