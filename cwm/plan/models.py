"""The plan's data model: dataclasses for the four data files (org, tasks, sites, grid).

The classes import nothing heavy, so commands that only read a validated (cached) plan start
fast. Pydantic validates them at the boundary (``plan.read_plan``): the Annotated metadata below
are its constraints, ``__pydantic_config__`` forbids unknown keys, and the ``Strict*`` aliases
refuse coercion (a phone number written without quotes is an int, and an error). Rules that
relate several fields live in ``datarules.py``, with the other checks of the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, dataclass, field, fields
from typing import Annotated, Any, Iterator, Literal, TypeVar, Union

_M = TypeVar("_M")

# ---------------------------------------------------------------------------------------------
# Constraint markers understood by Pydantic (its hook is called only when validating)


class _Strict:
    """No coercion: an int is not a str, "5" is not an int."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema["strict"] = True
        return schema


class Check:
    """Constraints for Pydantic, set on the core schema: ``Check(gt=0)``, ``Check(min_length=1)``,
    ``Check(pattern=r"...")``, ``Check(ge=1, le=12)`` (the keys of pydantic-core's int, float,
    str and list schemas)."""

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.update(self.constraints)
        return schema


class TaggedBy:
    """A union told apart by the value of ``key`` (e.g. a material's ``type``)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Discriminator

        return handler.generate_schema(Annotated[source, Discriminator(self.key)])


_STRICT = _Strict()
Int = Annotated[int, _STRICT]
Bool = Annotated[bool, _STRICT]
Number = Annotated[float, _STRICT]
Date = Annotated[dt.date, _STRICT]
Text = Annotated[str, _STRICT, Check(min_length=1)]
NAME_PATTERN = r"^\S+$"
REQUIREMENT_ID_PATTERN = r"^(I|II|III)(-\d+){2,4}$"
"""The two patterns the importer fills placeholders by (``planimport.placeholders``)."""
Name = Annotated[str, _STRICT, Check(pattern=NAME_PATTERN)]
"""A person's or unit's name: no spaces (the source pads 林  俐; the data write 林俐)."""
Phone = Annotated[str, _STRICT, Check(pattern=r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
"""A mainland mobile (11 digits from 13…19) or a landline with area code."""
RequirementId = Annotated[str, _STRICT, Check(pattern=REQUIREMENT_ID_PATTERN)]
Positive = Annotated[int, _STRICT, Check(gt=0)]
Percent = Annotated[float, _STRICT, Check(gt=0, le=100)]
Fraction = Annotated[float, _STRICT, Check(gt=0, lt=1)]

MaterialType = Literal[
    "report", "photos", "screenshot", "document", "table", "evaluation", "ledger"
]
Collection = Literal["monthly", "quarterly", "half_yearly", "yearly"]
"""附件1's 收集类型: 季度收集 / 半年收集."""
Cadence = Literal["monthly", "quarterly", "half_yearly", "yearly", "ongoing"]
"""附件3's and the body's recurring duties: 每月 / 每季度 / 每半年 / 每年 / 常态化."""
PlannedTime = Literal["全年", "长期", "按时间节点"]
UnitKind = Literal["bureau", "section", "institution", "partner"]

_CONFIG = {"extra": "forbid"}


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    """The ``__init__`` of every model, shared: positional then keyword arguments in field
    order, defaults and default factories as the fields declare them."""
    fields = self.__dataclass_fields__
    if len(args) > len(fields):
        raise TypeError(f"{type(self).__name__}: too many positional arguments")
    for value, name in zip(args, fields):
        if name in kwargs:
            raise TypeError(f"{type(self).__name__}: {name} given twice")
        kwargs[name] = value
    unknown = set(kwargs) - set(fields)
    if unknown:
        raise TypeError(f"{type(self).__name__}: unknown fields {sorted(unknown)}")
    for name, spec in fields.items():
        if name in kwargs:
            value = kwargs[name]
        elif spec.default is not MISSING:
            value = spec.default
        elif spec.default_factory is not MISSING:
            value = spec.default_factory()
        else:
            raise TypeError(f"{type(self).__name__}: missing {name}")
        self.__dict__[name] = value


def model(cls: type[_M]) -> type[_M]:
    """Every model is a plain dataclass, to be treated as read-only, with one ``__init__``
    shared by all (``_init``): each method ``dataclass`` generates costs start-up time — about
    0.15 ms a class for ``__init__`` alone, and every command loads all models — and nothing
    compares or prints models (``to_json`` shows one). Pydantic validates them without calling
    ``__init__``."""
    made = dataclass(eq=False, repr=False, init=False)(cls)
    setattr(made, "__init__", _init)  # the shared constructor
    return made


def _list() -> Any:
    """An empty-list default (a model field may be named ``field``, so not ``field()`` inline)."""
    return field(default_factory=list)


def to_json(obj: Any, exclude: frozenset[str] = frozenset(), skip_empty: bool = False) -> Any:
    """A model as JSON-ready data (English keys as in the YAML); ``skip_empty`` leaves out
    fields that are None, false or an empty list."""
    if isinstance(obj, list):
        return [to_json(v, skip_empty=skip_empty) for v in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if not hasattr(obj, "__dataclass_fields__"):
        return obj
    out = {}
    for f in fields(obj):
        if f.name in exclude or f.name.startswith("_"):
            continue
        value = getattr(obj, f.name)
        if skip_empty and (value is None or value is False or value == []):
            continue
        out[f.name] = to_json(value, skip_empty=skip_empty)
    return out


# ---------------------------------------------------------------------------------------------
# org.yaml


@model
class WorkArea:
    """One of the body's 工作任务 (（一）…（四）), verbatim, and the data file that details it."""

    __pydantic_config__ = _CONFIG
    title: Text
    see: Literal["org.yaml", "tasks.yaml", "sites.yaml", "grid.yaml"]
    text: Text


@model
class PlanInfo:
    """The plan document itself: title, 文号, issuer, date, year, goal and the body's 工作任务."""

    __pydantic_config__ = _CONFIG
    title: Text
    document_number: Text
    issuer: Text
    issued: Date
    year: Int
    goal: Text
    work: list[WorkArea] = _list()


@model
class Unit:
    """A unit: the bureau, a 科室/办, a 直属事业单位, or a partner named in 附件4."""

    __pydantic_config__ = _CONFIG
    name: Name
    kind: UnitKind
    aliases: list[Name] = _list()
    head: Name | None = None


@model
class LeadingGroup:
    """The body's 市创建全国文明城市指导小组: leader, deputies, members, office."""

    __pydantic_config__ = _CONFIG
    name: Text
    office: Text
    leader: Name
    deputies: list[Name]
    members: list[Name]


@model
class Person:
    """A person named in the plan; ``unit`` and ``title`` only where the source gives them."""

    __pydantic_config__ = _CONFIG
    name: Name
    unit: Text | None = None
    title: Text | None = None


@model
class Routine:
    """How a 常态化 (standing) duty is shown in the evidence: at least ``count`` records every
    ``every``. The plan sets no number ("坚持常态化"); this is the bureau's reading of it, stated
    in the data, and a shortfall is a warning, never an error."""

    __pydantic_config__ = _CONFIG
    count: Positive = 1
    every: Literal["monthly", "quarterly", "half_yearly", "yearly"] = "quarterly"


def _routine() -> Any:
    return field(default_factory=Routine)


@model
class Publicity:
    """A standing duty from the body's（三）宣传问卷工作."""

    __pydantic_config__ = _CONFIG
    id: Annotated[str, _STRICT, Check(pattern=r"^PUB-\d+$")]
    title: Text
    departments: Annotated[list[Text], Check(min_length=1)]
    cadence: Cadence
    text: Text
    routine: Routine = _routine()
    """Photos each unit shows (per unit, every period) of a 常态化 duty."""


@model
class Org:
    """org.yaml: the plan, units, leading group, people and the body's publicity duties."""

    __pydantic_config__ = _CONFIG
    plan: PlanInfo
    units: Annotated[list[Unit], Check(min_length=1)]
    leading_group: LeadingGroup
    people: list[Person]
    publicity: list[Publicity] = _list()


# ---------------------------------------------------------------------------------------------
# tasks.yaml (附件1)


@model
class WordTarget:
    """``{about: N}`` for N字左右, ``{at_most: N}`` for N字以内, ``{at_least: N}`` for
    不少于N字 / N字以上 (exactly one: rule word-target)."""

    __pydantic_config__ = _CONFIG
    about: Positive | None = None
    at_most: Positive | None = None
    at_least: Positive | None = None

    @property
    def number(self) -> int:
        return next(n for n in (self.about, self.at_most, self.at_least) if n is not None)


@model
class OtherUnit:
    """Another unit's part in the same item (who aggregates, their word count)."""

    __pydantic_config__ = _CONFIG
    unit: Text
    role: Text
    words: WordTarget | None = None

    @property
    def contributes(self) -> bool:
        """The unit hands in its own part (提供…) with a word target, rather than summarising
        (汇总…) everyone's."""
        return self.words is not None and "汇总" not in self.role


# Every material has ``type``, ``text`` (the source paragraph, verbatim), ``collection`` (overrides
# the item's, as in III-70-2-1) and ``others`` (other units' parts).


@model
class Report:
    """说明报告: a word target, and what the report must show (measures, figures, the year)."""

    __pydantic_config__ = _CONFIG
    type: Literal["report"]
    text: Text
    words: WordTarget
    aggregates: Bool = False
    """市民政局 writes the 汇总 (summary) report."""
    min_measures: Positive | None = None
    needs_figures: Bool = False
    mentions_year: Bool = False
    collection: Collection | None = None
    others: list[OtherUnit] = _list()


@model
class Groups:
    """How photos are grouped: per festival, per site, per distinct 小区/organization."""

    __pydantic_config__ = _CONFIG
    name: Text
    field: Text | None = None
    """The caption field that names the group (else subfolders name it)."""
    per_group: Positive | None = None
    min_groups: Positive | None = None
    required: list[Text] = _list()
    allowed: list[Text] = _list()


@model
class Images:
    """图片资料 (photos) or 媒体报道截图 (screenshot)."""

    __pydantic_config__ = _CONFIG
    type: Literal["photos", "screenshot"]
    text: Text
    count: Positive | None = None
    at_least: Bool = False
    """The source says 不少于N张: shown as such (the checker reads every count as a minimum)."""
    count_max: Positive | None = None
    """N至M张: at most M (more is a warning)."""
    caption: list[Text] = _list()
    date_field: Text | None = None
    groups: Groups | None = None
    since: Int | None = None
    """“N年以来”: dates from 1 January of N up to the reference day (else: the plan year)."""
    manual: list[Text] = _list()
    collection: Collection | None = None
    others: list[OtherUnit] = _list()


@model
class Document:
    """正式发文: at least ``count`` official documents."""

    __pydantic_config__ = _CONFIG
    type: Literal["document"]
    text: Text
    count: Positive = 1
    manual: list[Text] = _list()
    collection: Collection | None = None
    others: list[OtherUnit] = _list()


@model
class Metric:
    """A ratio with a threshold: numerator / denominator ``op`` percent."""

    __pydantic_config__ = _CONFIG
    name: Text
    numerator: Text
    denominator: Text
    op: Literal[">=", ">", "<=", "<"]
    percent: Percent
    wording: Text
    """The source's words for the threshold (不少于…, 应大于…)."""


@model
class Table:
    """数据表格: metrics with thresholds."""

    __pydantic_config__ = _CONFIG
    type: Literal["table"]
    text: Text
    metrics: Annotated[list[Metric], Check(min_length=1)]
    collection: Collection | None = None
    others: list[OtherUnit] = _list()


@model
class Evaluation:
    """部门评价: evaluated by the province; nothing to hand in."""

    __pydantic_config__ = _CONFIG
    type: Literal["evaluation"]
    text: Text
    collection: Collection | None = None
    others: list[OtherUnit] = _list()


@model
class ActivityLedger:
    """台账 (工作台账, 活动台账): a table of activities, one dated row each; at least ``count``
    in each collection period (每季度不少于3次), counted as 附件3's 台账 are."""

    __pydantic_config__ = _CONFIG
    type: Literal["ledger"]
    text: Text
    count: Positive | None = None
    """Activities per collection period (None: the 台账 is asked for, no number)."""
    unit_word: Text = "次"
    """What is counted, as the plan says it (次, 条, 场)."""
    manual: list[Text] = _list()
    collection: Collection | None = None
    others: list[OtherUnit] = _list()


AnyMaterial = Union[Report, Images, Document, Table, Evaluation, ActivityLedger]
"""One material of a requirement item (``match`` on it with ``assert_never``: mypy then says
where a new material type must be handled)."""
Material = Annotated[AnyMaterial, TaggedBy("type")]


@model
class IndicatorCode:
    """An indicator level: code (Ⅰ-2, Ⅱ-4, Ⅲ-7, or 1/5 under Ⅰ-8) and name."""

    __pydantic_config__ = _CONFIG
    name: Text
    code: Annotated[str, _STRICT] = ""
    """Empty where the plan writes the level's name only."""


@model
class Standard:
    """测评标准 n): its number and text."""

    __pydantic_config__ = _CONFIG
    text: Text
    number: Int | None = None
    """``3)`` in ``3)把…``; a plan may not number its standards."""


@model
class Contact:
    """A person with a phone number, as a row of the source gives them."""

    __pydantic_config__ = _CONFIG
    name: Name
    phone: Phone | None = None
    """Absent where the plan gives a name only."""

    @property
    def label(self) -> str:
        """``廖鹏 13982991270``, or the name alone."""
        return f"{self.name} {self.phone}" if self.phone else self.name


@model
class Item:
    """A requirement item: one id, what to hand in, when."""

    __pydantic_config__ = _CONFIG
    id: RequirementId
    title: Text
    requirement: Text
    materials: Annotated[list[Material], Check(min_length=1)]
    number: Int | None = None
    collection: Collection | None = None
    """For all materials, unless a material says otherwise (rule item-collection)."""
    deadline: DeadlineRule | None = None
    """The item's own deadline where the plan gives one (每年11月底前, 6月20日前, 每季度末):
    instead of ``rules.deadline``."""

    def collection_of(self, material: Any) -> str:
        return material.collection or self.collection  # type: ignore[return-value]  # Pydantic has validated the value against the Literal


@model
class Row:
    """One of 附件1's 19 table rows."""

    __pydantic_config__ = _CONFIG
    row: Int
    items: Annotated[list[Item], Check(min_length=1)]
    departments: Annotated[list[Text], Check(min_length=1)]
    contacts: list[Contact] = _list()
    """The row's contact people (a plan may give none)."""
    partners: list[Text] = _list()
    """配合单位: units that help the departments (not cwm's units: other bureaus, 各区县…)."""
    project: IndicatorCode | None = None
    """测评项目, 指标, 测评内容: a plan's 责任清单 may give some of the three levels only."""
    indicator: IndicatorCode | None = None
    content: IndicatorCode | None = None
    standard: Standard | None = None
    """测评标准 (a 责任清单 without that column has none)."""
    plan: Text | None = None
    """计划开展工作内容 (a plan without that column has none)."""
    planned_time: PlannedTime | None = None

    def indicator_path(self) -> list[str]:
        """``["Ⅰ-2 …", "Ⅱ-4 …", "Ⅲ-7 …"]``: 测评项目, 指标名称 and (where there is one) 测评内容."""
        levels = (self.project, self.indicator, self.content)
        return [f"{level.code} {level.name}".strip() for level in levels if level is not None]

    @property
    def standard_line(self) -> str:
        """``3）把…`` as the checklists print it; empty without a 测评标准."""
        if self.standard is None:
            return ""
        number = self.standard.number
        return f"{number}）{self.standard.text}" if number is not None else self.standard.text


@model
class WordBands:
    """“N字左右”: off by at most ``pass_within`` passes, by at most ``warn_within`` warns, else
    fails."""

    __pydantic_config__ = _CONFIG
    pass_within: Fraction
    warn_within: Fraction


@model
class DeadlineRule:
    """When a collection period's materials are due: ``period_end`` its last day;
    ``last_month_day`` day ``day`` of its last month (每季度最后一个月20日前); ``next_month_day``
    day ``day`` of the month after it (次月5日前); plus ``offset_days``."""

    __pydantic_config__ = _CONFIG
    rule: Literal["period_end", "last_month_day", "next_month_day", "month_day"] = "period_end"
    day: Annotated[int, _STRICT, Check(ge=1, le=31)] | None = None
    month: Annotated[int, _STRICT, Check(ge=1, le=12)] | None = None
    """For ``month_day``: a fixed day of the period's year (每年11月底前: month 11, day 30)."""
    offset_days: Int = 0


FieldKind = Literal["date", "name", "text"]
"""What a caption field holds: a date, a proper name (Chinese text), or free text."""


@model
class CaptionRules:
    """What makes a photo caption mean something (the checker's rules, not the source's)."""

    __pydantic_config__ = _CONFIG
    field_kinds: dict[Text, FieldKind] = field(default_factory=dict)
    """Caption field -> its kind (活动时间: date, 小区名称: name, 服务功能: text…)."""
    device_names: list[Text] = _list()
    """Names cameras, phones and apps give files (IMG, DSC, 微信图片…): no caption."""
    draft_words: list[Text] = _list()
    """Words that mark a document's file name as a draft (草稿, 初稿…)."""


@model
class PhotoQuality:
    """When a photo gets a quality warning (the checker's rules, measured on real photos: see
    benchmarks/photo_quality.py)."""

    __pydantic_config__ = _CONFIG
    blurred: Annotated[float, _STRICT, Check(gt=0, le=1)] = 0.5
    """A blur figure (0 sharp … 1 flat, ``evidence.photoquality.blur``) at or above this."""
    min_side: Positive = 800
    """A long side below this many pixels is too small to be read on the platform."""
    messenger_sides: list[Positive] = _list()
    """Long sides messengers scale photos to (WeChat 1280, 1080…): with no camera EXIF and a
    JPEG quality at most ``messenger_quality``, a photo was likely sent through one."""
    messenger_quality: Annotated[int, _STRICT, Check(ge=1, le=100)] = 90
    screen_sides: list[list[Positive]] = _list()
    """Screen sizes (width, height, either way round) of phones and PCs: an image of one with no
    camera EXIF is likely a screenshot."""


@model
class Rules:
    """Bureau-adjustable rules: word bands, the deadline rule, the report's kinds of measure,
    what a caption must hold, when a photo's quality is warned about."""

    __pydantic_config__ = _CONFIG
    word_bands: WordBands
    deadline: DeadlineRule = field(default_factory=DeadlineRule)
    measure_kinds: dict[Text, list[Text]] = field(default_factory=dict)
    """Kind of measure -> keywords that show it (the checker's heuristic, 备注's 三种及以上举措)."""
    captions: CaptionRules = field(default_factory=CaptionRules)
    photo_quality: PhotoQuality = field(default_factory=PhotoQuality)


@model
class Notes:
    """附件1's 备注, verbatim."""

    __pydantic_config__ = _CONFIG
    document: Text
    photos: Text
    report: Text
    table: Text
    consultation: Text


@model
class Tasks:
    """tasks.yaml (附件1): rows, rules, notes, manual checks."""

    __pydantic_config__ = _CONFIG
    plan_year: Int
    rules: Rules
    notes: Notes
    rows: Annotated[list[Row], Check(min_length=1)]
    manual_checks: dict[MaterialType, list[Text]] = field(default_factory=dict)

    def items(self) -> Iterator[tuple[Row, Item]]:
        for row in self.rows:
            for item in row.items:
                yield row, item

    def titles(self) -> dict[str, str]:
        """Requirement id -> title: how folders are matched and mistyped ids answered."""
        return {item.id: item.title for _, item in self.items()}

    def manual_items(self, material: Any) -> list[str]:
        """What only a person can judge for ``material``: its own manual items, then 备注's for
        its kind (a screenshot is a photo there)."""
        kind: MaterialType = "photos" if material.type == "screenshot" else material.type
        return [*getattr(material, "manual", []), *self.manual_checks.get(kind, [])]


# ---------------------------------------------------------------------------------------------
# sites.yaml (附件2)


@model
class StandardFigure:
    """A number in a site standard (300米, 不少于5处…)."""

    __pydantic_config__ = _CONFIG
    label: Text
    value: Number
    unit: Text
    min: Bool = False


@model
class SiteStandard:
    """One numbered standard (（n）) of a site item."""

    __pydantic_config__ = _CONFIG
    text: Text
    number: Int | None = None
    figures: list[StandardFigure] = _list()


@model
class Site:
    """One of 附件2's site items."""

    __pydantic_config__ = _CONFIG
    id: Annotated[str, _STRICT, Check(pattern=r"^S-\d+$")]
    number: Int
    name: Text
    indicator: Text
    standards: Annotated[list[SiteStandard], Check(min_length=1)]
    unit: Text
    contacts: list[Contact] = _list()


@model
class Sites:
    """sites.yaml (附件2)."""

    __pydantic_config__ = _CONFIG
    sites: list[Site] = _list()
    """Empty for a plan without a 实地点位 list."""


# ---------------------------------------------------------------------------------------------
# grid.yaml (附件3 liaison, 附件4 grid)


@model
class RateTarget:
    """A percentage target (参与率98%, 满意率95%以上)."""

    __pydantic_config__ = _CONFIG
    name: Text
    percent: Percent
    min: Bool = False


@model
class LiaisonDuty:
    """A recurring duty of 附件3, with its cadence."""

    __pydantic_config__ = _CONFIG
    id: Annotated[str, _STRICT, Check(pattern=r"^L-\d+$")]
    section: Text
    title: Text
    cadence: Cadence
    text: Text
    count: Positive | None = None
    count_word: Literal["次", "个"] = "次"
    """What ``count`` counts: 次 (times) or 个 (things, e.g. 示范小区)."""
    min: Bool = False
    before_month: Annotated[int, _STRICT, Check(ge=1, le=12)] | None = None
    targets: list[RateTarget] = _list()


@model
class Liaison:
    """附件3: the liaison plan with its duties."""

    __pydantic_config__ = _CONFIG
    title: Text
    basis: Text
    community: Text
    departments: Annotated[list[Text], Check(min_length=1)]
    scope: Text
    goal: Text
    duties: Annotated[list[LiaisonDuty], Check(min_length=1)]
    routine: Routine = _routine()
    """Records a 常态化 liaison duty (L-1, L-5) shows every period."""
    with_institutions: Bool = False
    """“市民政局及直属事业单位包联”: the 直属事业单位 (kind institution in org.yaml) share the
    duties; the departments above lead."""
    requirements: list[Text] = _list()


@model
class Leader:
    """A city or district leader of 附件4 (name and title)."""

    __pydantic_config__ = _CONFIG
    name: Name
    title: Text


@model
class GridRow:
    """One row of 附件4: a unit's roads, compounds and people."""

    __pydantic_config__ = _CONFIG
    id: Annotated[str, _STRICT, Check(pattern=r"^G-\d+$")]
    community: Text
    city_leader: Leader
    district_leader: Leader
    unit: Text
    unit_leader: Contact
    contact: Contact
    roads: Annotated[list[Text], Check(min_length=1)]
    compounds: Annotated[list[Text], Check(min_length=1)]
    grid_workers: list[Contact] = _list()
    city_managers: list[Contact] = _list()

    def people(self) -> Iterator[tuple[str, Contact]]:
        """Everyone with a phone in this row, with their role."""
        yield "包联单位分管领导", self.unit_leader
        yield "包联部门联系人", self.contact
        for c in self.grid_workers:
            yield "网格员", c
        for c in self.city_managers:
            yield "城管队员", c


@model
class Grid:
    """grid.yaml: 附件3 (liaison) and 附件4 (grid)."""

    __pydantic_config__ = _CONFIG
    liaison: Liaison | None = None
    """None for a plan without a 包联 plan."""
    grid: list[GridRow] = _list()


FILE_MODELS: dict[str, type] = {
    "org.yaml": Org,
    "tasks.yaml": Tasks,
    "sites.yaml": Sites,
    "grid.yaml": Grid,
}
"""The four data files and the model each must satisfy."""
