"""Pydantic models of the four data files (org, tasks, sites, grid).

Strict: unknown keys are rejected, types are not coerced (a phone number written without quotes
is an int, and an error), enumerations are closed. The YAML comments at the top of each file in
``data/`` are the editor's manual; the docstrings here are the programmer's.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Iterator, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# ---------------------------------------------------------------------------------------------
# Reusable field types

Text = Annotated[str, StringConstraints(min_length=1)]
Name = Annotated[str, StringConstraints(pattern=r"^\S+$")]
"""A person's or unit's name: no spaces (the source pads 林  俐; the data write 林俐)."""
Phone = Annotated[str, StringConstraints(pattern=r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
"""A mainland mobile (11 digits from 13…19) or a landline with area code."""
RequirementId = Annotated[str, StringConstraints(pattern=r"^(I|II|III)(-\d+){2,4}$")]
Percent = Annotated[float, Field(gt=0, le=100)]

MaterialType = Literal["report", "photos", "screenshot", "document", "table", "evaluation"]
Collection = Literal["quarterly", "half_yearly"]
"""附件1's 收集类型: 季度收集 / 半年收集."""
Cadence = Literal["monthly", "quarterly", "half_yearly", "yearly", "ongoing"]
"""附件3's and the body's recurring duties: 每月 / 每季度 / 每半年 / 每年 / 常态化."""
PlannedTime = Literal["全年", "长期", "按时间节点"]
UnitKind = Literal["bureau", "section", "institution", "partner"]

MATERIAL_TYPES: tuple[str, ...] = MaterialType.__args__  # type: ignore[attr-defined]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


# ---------------------------------------------------------------------------------------------
# org.yaml


class WorkArea(Model):
    """One of the body's 工作任务 (（一）…（四）), verbatim, and the data file that details it."""

    title: Text
    see: Literal["org.yaml", "tasks.yaml", "sites.yaml", "grid.yaml"]
    text: Text


class PlanInfo(Model):
    title: Text
    document_number: Text
    issuer: Text
    issued: dt.date
    year: int
    goal: Text
    work: list[WorkArea] = []


class Unit(Model):
    """A unit: the bureau, a 科室/办, a 直属事业单位, or a partner named in 附件4."""

    name: Name
    kind: UnitKind
    aliases: list[Name] = []
    head: Name | None = None


class LeadingGroup(Model):
    name: Text
    office: Text
    leader: Name
    deputies: list[Name]
    members: list[Name]


class Person(Model):
    name: Name
    unit: Text | None = None
    title: Text | None = None


class Publicity(Model):
    """A standing duty from the body's（三）宣传问卷工作."""

    id: Annotated[str, StringConstraints(pattern=r"^PUB-\d+$")]
    title: Text
    departments: Annotated[list[Text], Field(min_length=1)]
    cadence: Cadence
    text: Text


class Org(Model):
    plan: PlanInfo
    units: Annotated[list[Unit], Field(min_length=1)]
    leading_group: LeadingGroup
    people: list[Person]
    publicity: list[Publicity] = []


# ---------------------------------------------------------------------------------------------
# tasks.yaml (附件1)


class WordTarget(Model):
    """``{about: N}`` for N字左右, ``{at_most: N}`` for N字以内."""

    about: Annotated[int, Field(gt=0)] | None = None
    at_most: Annotated[int, Field(gt=0)] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> "WordTarget":
        if (self.about is None) == (self.at_most is None):
            raise ValueError("字数要求须且只须写 about（N字左右）或 at_most（N字以内）之一")
        return self

    @property
    def number(self) -> int:
        return self.about if self.about is not None else self.at_most  # type: ignore[return-value]


class OtherUnit(Model):
    """Another unit's part in the same item (who aggregates, their word count)."""

    unit: Text
    role: Text
    words: WordTarget | None = None


class MaterialBase(Model):
    text: Text
    """The source paragraph, verbatim."""
    collection: Collection | None = None
    """Overrides the item's collection for this material (III-70-2-1)."""
    others: list[OtherUnit] = []


class Report(MaterialBase):
    type: Literal["report"]
    words: WordTarget
    aggregates: bool = False
    """市民政局 writes the 汇总 (summary) report."""
    min_measures: Annotated[int, Field(gt=0)] | None = None
    needs_figures: bool = False
    mentions_year: bool = False


class Groups(Model):
    """How photos are grouped: per festival, per site, per distinct 小区/organization."""

    name: Text
    field: Text | None = None
    """The caption field that names the group (else subfolders name it)."""
    per_group: Annotated[int, Field(gt=0)] | None = None
    min_groups: Annotated[int, Field(gt=0)] | None = None
    required: list[Text] = []
    allowed: list[Text] = []


class Images(MaterialBase):
    type: Literal["photos", "screenshot"]
    count: Annotated[int, Field(gt=0)] | None = None
    caption: list[Text] = []
    date_field: Text | None = None
    groups: Groups | None = None
    min_forms: Annotated[int, Field(gt=0)] | None = None
    manual: list[Text] = []

    @model_validator(mode="after")
    def _consistent(self) -> "Images":
        if self.date_field is not None and self.date_field not in self.caption:
            raise ValueError(f"date_field“{self.date_field}”不在 caption 列出的字段中")
        if self.groups and self.groups.field and self.groups.field not in self.caption:
            raise ValueError(f"groups.field“{self.groups.field}”不在 caption 列出的字段中")
        if self.count is None and self.groups is None:
            raise ValueError("图片资料须写 count（张数）或 groups（分组要求）")
        return self


class Document(MaterialBase):
    type: Literal["document"]
    count: Annotated[int, Field(gt=0)] = 1
    manual: list[Text] = []


class Metric(Model):
    """A ratio with a threshold: numerator / denominator ``op`` percent."""

    name: Text
    numerator: Text
    denominator: Text
    op: Literal[">=", ">", "<=", "<"]
    percent: Percent
    wording: Text
    """The source's words for the threshold (不少于…, 应大于…)."""


class Table(MaterialBase):
    type: Literal["table"]
    metrics: Annotated[list[Metric], Field(min_length=1)]


class Evaluation(MaterialBase):
    type: Literal["evaluation"]


Material = Annotated[Union[Report, Images, Document, Table, Evaluation], Field(discriminator="type")]


class Code(Model):
    code: Text
    name: Text


class Standard(Model):
    number: int
    text: Text


class Contact(Model):
    name: Name
    phone: Phone


class Item(Model):
    """A requirement item: one id, what to hand in, when."""

    id: RequirementId
    number: int | None = None
    title: Text
    requirement: Text
    materials: Annotated[list[Material], Field(min_length=1)]
    collection: Collection | None = None

    @model_validator(mode="after")
    def _every_material_has_a_collection(self) -> "Item":
        if self.collection is None and any(m.collection is None for m in self.materials):
            raise ValueError("缺少 collection（收集类型）：写在申报项上，或写在每一项材料上")
        return self

    def collection_of(self, material: MaterialBase) -> str:
        return material.collection or self.collection  # type: ignore[return-value]


class Row(Model):
    """One of 附件1's 19 table rows."""

    row: int
    project: Code
    indicator: Code
    content: Code | None = None
    standard: Standard
    items: Annotated[list[Item], Field(min_length=1)]
    plan: Text
    planned_time: PlannedTime
    departments: Annotated[list[Text], Field(min_length=1)]
    contacts: Annotated[list[Contact], Field(min_length=1)]


class WordBands(Model):
    pass_: Annotated[float, Field(alias="pass", gt=0, lt=1)]
    warn: Annotated[float, Field(gt=0, lt=1)]

    @model_validator(mode="after")
    def _ordered(self) -> "WordBands":
        if self.warn < self.pass_:
            raise ValueError("warn 须不小于 pass")
        return self


class DeadlineRule(Model):
    rule: Literal["period_end"] = "period_end"
    offset_days: int = 0


class Rules(Model):
    word_bands: WordBands
    deadline: DeadlineRule = DeadlineRule()


class Notes(Model):
    document: Text
    photos: Text
    report: Text
    table: Text
    consultation: Text


class Tasks(Model):
    plan_year: int
    rules: Rules
    notes: Notes
    manual_checks: dict[MaterialType, list[Text]] = {}
    rows: Annotated[list[Row], Field(min_length=1)]

    def items(self) -> Iterator[tuple[Row, Item]]:
        for row in self.rows:
            for item in row.items:
                yield row, item


# ---------------------------------------------------------------------------------------------
# sites.yaml (附件2)


class Figure(Model):
    label: Text
    value: int | float
    unit: Text
    min: bool = False


class SiteStandard(Model):
    number: int | None = None
    text: Text
    figures: list[Figure] = []


class Site(Model):
    id: Annotated[str, StringConstraints(pattern=r"^S-\d+$")]
    number: int
    name: Text
    indicator: Text
    standards: Annotated[list[SiteStandard], Field(min_length=1)]
    unit: Text
    contacts: Annotated[list[Contact], Field(min_length=1)]


class Sites(Model):
    sites: Annotated[list[Site], Field(min_length=1)]


# ---------------------------------------------------------------------------------------------
# grid.yaml (附件3 liaison, 附件4 grid)


class Target(Model):
    name: Text
    percent: Percent
    min: bool = False


class LiaisonDuty(Model):
    id: Annotated[str, StringConstraints(pattern=r"^L-\d+$")]
    section: Text
    title: Text
    cadence: Cadence
    count: Annotated[int, Field(gt=0)] | None = None
    count_word: Literal["次", "个"] = "次"
    """What ``count`` counts: 次 (times) or 个 (things, e.g. 示范小区)."""
    min: bool = False
    before_month: Annotated[int, Field(ge=1, le=12)] | None = None
    targets: list[Target] = []
    text: Text


class Liaison(Model):
    title: Text
    basis: Text
    community: Text
    departments: Annotated[list[Text], Field(min_length=1)]
    scope: Text
    goal: Text
    duties: Annotated[list[LiaisonDuty], Field(min_length=1)]
    requirements: list[Text] = []


class Leader(Model):
    name: Name
    title: Text


class GridRow(Model):
    id: Annotated[str, StringConstraints(pattern=r"^G-\d+$")]
    community: Text
    city_leader: Leader
    district_leader: Leader
    unit: Text
    unit_leader: Contact
    contact: Contact
    roads: Annotated[list[Text], Field(min_length=1)]
    compounds: Annotated[list[Text], Field(min_length=1)]
    grid_workers: list[Contact] = []
    city_managers: list[Contact] = []

    def people(self) -> Iterator[tuple[str, Contact]]:
        """Everyone with a phone in this row, with their role."""
        yield "包联单位分管领导", self.unit_leader
        yield "包联部门联系人", self.contact
        for c in self.grid_workers:
            yield "网格员", c
        for c in self.city_managers:
            yield "城管队员", c


class Grid(Model):
    liaison: Liaison
    grid: Annotated[list[GridRow], Field(min_length=1)]


FILE_MODELS: dict[str, type[Model]] = {
    "org.yaml": Org,
    "tasks.yaml": Tasks,
    "sites.yaml": Sites,
    "grid.yaml": Grid,
}
"""The four data files and the model each must satisfy."""
