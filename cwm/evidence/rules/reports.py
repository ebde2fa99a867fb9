"""说明报告：字数（按 Word 的“字数”统计）、年份、数据支撑、举措种类。

- N字左右：偏差在 rules.word_bands.pass_within（默认 ±10%）以内合格；
  在 warn_within（默认 20%）以内为警告；超出为错误。N字以内：不超过 N 合格。
- 扫描版 PDF 没有文字层，无法计数：列为人工核对。
- 年份、数据、举措三项是启发式检查（按关键词），只给警告。
- 哪份是说明报告：文件名或子文件夹名写明了提供材料的单位（申报要求中的
  “市卫健委提供500字左右”“各责任单位提供500字左右”）的，是该单位的材料，按该单位的字数检查；
  同一份文档的不同格式（报告.docx 与 报告.pdf，或内容相同的副本）只检查一次；文件名表明是草稿
  （草稿、初稿、修改稿……）且另有正式稿的，不检查，提示移入“参考资料”子文件夹；
  其余每份都按说明报告检查，并在说明中写明是哪个文件。
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Any, Iterator

from cwm.dates import year_written
from cwm.evidence.captions import named_draft, strip_copy_suffix
from cwm.evidence.context import Context, Found
from cwm.labels import words as words_label
from cwm.vocab import Trait

OCR_MARGIN = 0.10
"""A recognised scan's word count is trusted to ±10% (the engine's character accuracy on
scans was measured 0.94–1.00): a target inside that margin is a person's to judge."""

CODES = {
    "report-missing": ("error", "缺少说明报告（文件夹中没有可读的文档）。"),
    "words-off": (
        "error",
        "字数与要求相差超过警告幅度，超过“N字以内”的上限，或少于“不少于N字”的下限。",
    ),
    "report-parts": (
        "info",
        "说明报告分成几个文件（（一）（二）、（上）（下）、_1 _2）：合在一起按一份检查。",
    ),
    "words-near": ("warning", "字数略偏离“N字左右”（在合格幅度与警告幅度之间）。"),
    "report-scan": ("info", "扫描版 PDF（无文字层），请人工核对字数。", {Trait.NEEDS_PERSON}),
    "report-ocr-words": (
        "warning",
        "扫描件的字数由文字识别估算，与要求的差距在识别误差（10%）以内：请人工核对。",
        {Trait.NEEDS_PERSON},
    ),
    "report-year": ("warning", "报告中没有出现方案年度（启发式）。"),
    "report-figures": ("warning", "报告中未见数据（启发式）。"),
    "report-measures": ("warning", "报告中的举措种类少于要求（按关键词判断，启发式）。"),
    "report-draft": ("warning", "与正式稿放在一起的草稿：不检查，请移入“参考资料”子文件夹。"),
    "report-same": ("info", "同一份文档的不同格式（或内容相同的副本），只检查一次。"),
    "report-contribution": ("info", "其他单位提供的材料，按该单位的字数要求检查。"),
}

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def band_text(about: int, fraction: float) -> str:
    return f"{round(about * (1 - fraction))}–{round(about * (1 + fraction))}"


def judge_words(count: int, target: Any, bands: Any) -> tuple[str, str] | None:
    """(code, message) when ``count`` misses the word ``target``, else None."""
    wanted = words_label(target)
    if target.at_least is not None:
        if count < target.at_least:
            return (
                "words-off",
                f"字数 {count}，少于要求的 {wanted}。请补充到 {target.at_least} 字以上。",
            )
        return None
    if target.at_most is not None:
        if count > target.at_most:
            return (
                "words-off",
                f"字数 {count}，超过要求的 {wanted}。请删减到 {target.at_most} 字以内。",
            )
        return None
    off = abs(count - target.about) / target.about
    ok_range = band_text(target.about, bands.pass_within)
    if off <= bands.pass_within:
        return None
    if off <= bands.warn_within:
        return "words-near", f"字数 {count}，要求 {wanted}（{ok_range}），略有偏离。"
    return "words-off", f"字数 {count}，要求 {wanted}（{ok_range}）。"


def measure_kinds(text: str, kinds: dict[str, list[str]]) -> list[str]:
    return [kind for kind, words in kinds.items() if any(w in text for w in words)]


HEURISTIC = "（按关键词粗略判断，仅供参考）"


def judge_content(text: str, material: Any, ctx: Context) -> Iterator[tuple[str, str]]:
    """(code, message) of the heuristic content checks: the plan year, figures, measures."""
    rules = ctx.tasks.rules
    year = str(ctx.year)
    if material.mentions_year and not year_written(text, ctx.year):
        yield "report-year", f"报告中没有出现“{year}”年{HEURISTIC}。要求说明 {year} 年的情况。"
    if material.needs_figures:
        numbers = (m for m in _NUMBER.finditer(text) if m.group() != year)
        if len(list(islice(numbers, 2))) < 2:  # stops at the second number
            yield "report-figures", f"报告中几乎没有数字，要求有数据支撑{HEURISTIC}。"
    if material.min_measures:
        found = measure_kinds(text, rules.measure_kinds)
        if len(found) < material.min_measures:
            have = "、".join(found) or "无"
            kinds = "、".join(rules.measure_kinds)
            yield (
                "report-measures",
                (
                    f"只看到 {len(found)} 类举措（{have}），要求 {material.min_measures} 项以上；"
                    f"可从{kinds}等方面说明{HEURISTIC}。"
                ),
            )


@dataclass(frozen=True)
class Candidate:
    """A readable document of the folder and what it is taken for."""

    file: Any
    document: Any
    contributor: str | None = None
    """The contributing unit it names (a contribution, judged against that unit's target)."""
    target: Any = None
    """The contribution's word target."""
    parts: tuple[str, ...] = ()
    """The files of a report handed in as parts (说明报告（一）, （二）…), judged as one."""


_FORMAT_ORDER = {".docx": 0, ".doc": 1, ".wps": 1, ".ofd": 2, ".pdf": 3}


def _names_in(file: Any, folder: Any) -> str:
    """The file's stem and the subfolders it sits in below the requirement folder."""
    below = file.rel if folder.rel == "." else file.rel[len(folder.rel) + 1 :]
    return below.rsplit(".", 1)[0] if "." in below.rsplit("/", 1)[-1] else below


def contributors(ctx: Context, material: Any) -> list[tuple[list[str], str, Any]]:
    """(names that mark a document as theirs, unit, word target) of the contributing units:
    the named unit (also without its 市/区 prefix), or for 各责任单位 each unit the requirement
    says it stands for."""
    out = []
    for other in material.others:
        if not other.contributes:
            continue
        if other.unit == "各责任单位":
            for names in ctx.requirement.responsible_units:
                out.append((list(names), names[0], other.words))
        else:
            short = (
                other.unit[1:] if other.unit[:1] in "市区县" and len(other.unit) > 3 else other.unit
            )
            out.append(([other.unit, short], other.unit, other.words))
    return out


class _Twins:
    """Finds a kept document that is the same as another: the same stem (``报告.docx`` and
    ``报告.pdf``, ``报告 - 副本.docx``), or the same text whitespace aside (exactly, or the same
    beginning and a length within 3%: a PDF export adds page numbers). Lookups by key, so a
    folder of many reports costs a few dictionary lookups per report, not a comparison with
    every other."""

    def __init__(self) -> None:
        self.by_stem: dict[str, Candidate] = {}
        self.by_text: dict[str, Candidate] = {}
        self.by_start: dict[str, list[tuple[int, Candidate]]] = {}

    @staticmethod
    def keys(c: Candidate) -> tuple[str, Any]:
        return strip_copy_suffix(c.file.path.stem).casefold(), c.document.fingerprint

    def find(self, c: Candidate) -> Candidate | None:
        stem, (length, start, digest) = self.keys(c)
        twin = self.by_stem.get(stem) or (self.by_text.get(digest) if length else None)
        if twin is None and length:
            for other_length, kept in self.by_start.get(start, ()):
                if abs(other_length - length) <= 0.03 * length:
                    return kept
        return twin

    def add(self, c: Candidate) -> None:
        stem, (length, start, digest) = self.keys(c)
        self.by_stem.setdefault(stem, c)
        if length:
            self.by_text.setdefault(digest, c)
            self.by_start.setdefault(start, []).append((length, c))


def _one_per_document(main: list[Candidate]) -> Iterator[Candidate | Found]:
    """One candidate per document: the .docx before its .pdf export, the original before its
    copy (``报告 - 副本``)."""
    twins = _Twins()

    def preference(c: Candidate) -> tuple:
        stem = c.file.path.stem
        is_copy = strip_copy_suffix(stem) != stem
        return (_FORMAT_ORDER.get(c.file.path.suffix.lower(), 4), is_copy, c.file.rel)

    for c in sorted(main, key=preference):
        twin = twins.find(c)
        if twin is None:
            twins.add(c)
            yield c
            continue
        name, other = c.file.path.name, twin.file.path.name
        yield Found("report-same", f"{name} 与 {other} 是同一份文档，只检查 {other}。", c.file.rel)


def _set_drafts_aside(main: list[Candidate], drafts: list[str]) -> Iterator[Candidate | Found]:
    """A document whose name marks it as a draft is set aside when a final is there too."""

    drafts_here = {id(c) for c in main if named_draft(c.file.path.stem, drafts)}
    has_final = len(drafts_here) < len(main)
    for c in main:
        if id(c) not in drafts_here or not has_final:
            yield c
            continue
        message = (
            f"“{c.file.path.name}”的文件名表明是草稿，已不作为说明报告检查；"
            "请移入本文件夹下的“参考资料”子文件夹。"
        )
        yield Found("report-draft", message, c.file.rel)


_PART = re.compile(
    r"^(?P<base>.+?)\s*(?:[（(](?:[一二三四五六七八九十]|上|中|下|\d{1,2})[)）]"
    r"|[_\-－]\s*\d{1,2}|之[一二三四五六七八九])$"
)


def _join_parts(main: list[Candidate]) -> list[Candidate]:
    """Documents whose names differ only by a part mark (说明报告（一）/（二）, （上）/（下）,
    _1/_2, 之一/之二) are one report in parts: one candidate, its words those of all parts."""
    from cwm.formats import DocumentText

    groups: dict[str, list[Candidate]] = {}
    for c in main:
        match = _PART.match(c.file.path.stem)
        if match and not c.document.scanned:
            groups.setdefault(match.group("base").strip(), []).append(c)
    bases = {c.file.path.stem for c in main}
    out: list[Candidate] = []
    joined: set[int] = set()
    for base, parts in groups.items():
        if len(parts) < 2 or base in bases:
            continue
        parts.sort(key=lambda c: c.file.rel)
        text = "\n".join(c.document.text for c in parts)
        document = DocumentText(text, parts[0].document.first_page_end)
        out.append(Candidate(parts[0].file, document, parts=tuple(c.file.path.name for c in parts)))
        joined |= {id(c) for c in parts}
    return out + [c for c in main if id(c) not in joined]


def sort_documents(ctx: Context, material: Any) -> Iterator[Candidate | Found]:
    """Which document is the report: contributions, one document in several formats, drafts.
    Yields the candidates to judge, and findings on the documents set aside."""
    assert ctx.folder is not None
    marks = contributors(ctx, material)
    main: list[Candidate] = []
    for file, document in ctx.read("document"):
        names = _names_in(file, ctx.folder)
        unit = next(((u, w) for words, u, w in marks if any(n in names for n in words)), None)
        if unit:
            yield Candidate(file, document, unit[0], unit[1])
        else:
            main.append(Candidate(file, document))
    distinct = []
    for out in _one_per_document(main):
        if isinstance(out, Found):
            yield out
        else:
            distinct.append(out)
    drafts = ctx.tasks.rules.captions.draft_words
    kept = [c for c in _set_drafts_aside(sorted(distinct, key=lambda c: c.file.rel), drafts)]
    yield from (c for c in kept if isinstance(c, Found))
    yield from _join_parts([c for c in kept if isinstance(c, Candidate)])


def judge(ctx: Context, material: Any, candidate: Candidate, named: bool) -> Iterator[Found]:
    """The word count against the report's (or the contribution's) target, and the content."""
    file, document = candidate.file, candidate.document
    if document.scanned and not document.recognised:
        message = "扫描件，请人工核对字数（PDF 中没有可提取的文字）。"
        yield Found("report-scan", message, file.rel)
        return
    target = candidate.target or material.words
    if document.recognised:  # OCR: a count within its margin is never a fail
        words, bands = document.words, ctx.tasks.rules.word_bands
        verdict = judge_words(words, target, bands)
        margin = round(words * OCR_MARGIN)
        if verdict and not all(
            judge_words(n, target, bands) for n in (words - margin, words + margin)
        ):
            message = (
                f"扫描件，文字识别估算约 {words} 字（识别误差约 ±{margin} 字），要求"
                f"{words_label(target)}：差距在误差以内，请人工核对。"
            )
            yield Found("report-ocr-words", message, file.rel)
            return
        if verdict:
            yield Found(verdict[0], f"扫描件，按文字识别：{verdict[1]}", file.rel)
            return
    prefix = f"{file.path.name}：" if named else ""
    if candidate.parts:
        prefix = f"说明报告分 {len(candidate.parts)} 个部分（{'、'.join(candidate.parts)}），合计"
        if not judge_words(document.words, target, ctx.tasks.rules.word_bands):
            message = f"{prefix}字数 {document.words}，按一份报告检查。"
            yield Found("report-parts", message, file.rel)
    if candidate.contributor:
        prefix = f"{file.path.name} 是{candidate.contributor}提供的材料（{words_label(target)}）："
    verdict = judge_words(document.words, target, ctx.tasks.rules.word_bands)
    if verdict:
        yield Found(verdict[0], prefix + verdict[1], file.rel)
    if candidate.contributor:
        if not verdict:
            message = f"{prefix}字数符合要求。"
            yield Found("report-contribution", message, file.rel)
        return
    for code, message in judge_content(document.text, material, ctx):
        yield Found(code, prefix + message, file.rel)


def check(ctx: Context) -> Iterator[Found]:
    for material in ctx.materials:
        if material.type != "report" or ctx.folder is None:
            continue
        sorted_out = list(sort_documents(ctx, material))
        candidates = [c for c in sorted_out if isinstance(c, Candidate)]
        yield from (f for f in sorted_out if isinstance(f, Found))
        reports = [c for c in candidates if not c.contributor]
        if not reports and not ctx.requirement.optional:
            unreadable = "（文件夹中的文档都无法读取，见上）" if ctx.files("document") else ""
            wanted = words_label(material.words)
            yield Found(
                "report-missing",
                f"缺少说明报告{unreadable}：需要 {wanted}的说明报告（.docx、"
                ".pdf、.doc、.wps、.txt）。",
                ctx.folder.rel,
            )
        for candidate in candidates:
            yield from judge(ctx, material, candidate, named=len(reports) > 1)
