"""Unit and person names: the one place that says which unit a name in the data or on the
command line means.

The source calls one unit by several names (市救助站/市救助管理站, 市精神病院/市精神病医院) and
writes some 科室 with a second name in brackets (基层政权建设与社区治理科（区划地名科）). All of
these resolve to the canonical name in ``org.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Mapping

from cwm.errors import ResolveError
from cwm.plan.models import Org, Person, Unit

_BRACKETED = re.compile(r"^(.+?)\((.+)\)$")
_NOTE_STARTS = frozenset("([_-、.")
"""What may follow a unit's name in a folder's name before a note (normalized: （ is ()."""


def normalize(text: str) -> str:
    """Fold width and form (NFKC), drop all whitespace, fold case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


@dataclass(frozen=True)
class Target:
    """What a ``UNIT`` argument resolved to: a unit, or a person (with the units they head)."""

    kind: str
    """``unit`` or ``person``."""
    name: str
    """Canonical unit name, or the person's name."""
    units: tuple[str, ...]
    """Units whose duties belong to the target (a person: the units they head)."""

    @property
    def person(self) -> str | None:
        return self.name if self.kind == "person" else None


class Directory:
    """Index of units (names and aliases) and people of one ``org.yaml``."""

    def __init__(
        self,
        org: Org,
        more_people: Mapping[str, str] | None = None,
        ids: Mapping[str, str] | None = None,
    ) -> None:
        self.units: dict[str, Unit] = {u.name: u for u in org.units}
        self.people: dict[str, Person] = {p.name: p for p in org.people}
        self.roles: dict[str, str] = dict(more_people or {})
        """People named only in 附件4 (网格员, 城管队员…): name -> their role there."""
        self.ids: dict[str, str] = dict(ids or {})
        """Requirement id -> title, to suggest the id a mistyped one meant."""
        self._names: dict[str, str] = {}
        for unit in org.units:
            for name in (unit.name, *unit.aliases):
                self._names.setdefault(normalize(name), unit.name)
        self._heads: dict[str, list[str]] = {}
        for unit in org.units:
            if unit.head:
                self._heads.setdefault(unit.head, []).append(unit.name)

    def unit(self, text: str) -> str | None:
        """Canonical name of the unit ``text`` names (name, alias, or ``名称（别名）``),
        else None."""
        key = normalize(text)
        if key in self._names:
            return self._names[key]
        match = _BRACKETED.match(key)
        if match:
            first, second = (self._names.get(g) for g in match.groups())
            if first is not None and first == second:
                return first
        return None

    def unit_of_folder(self, name: str) -> str | None:
        """The unit a folder's name names: as ``unit`` does, or its name or alias followed by
        a note after a bracket or a separator (养老服务科（上半年）, 养老服务科_2021); the
        longest such name. (The number it was sorted by is the caller's to take off.)"""
        found = self.unit(name)
        if found is not None:
            return found
        key = normalize(name)
        notes = [
            (len(k), unit)
            for k, unit in self._names.items()
            if key.startswith(k) and key[len(k) : len(k) + 1] in _NOTE_STARTS
        ]
        return max(notes)[1] if notes else None

    def near_unit(self, name: str) -> str | None:
        """The unit a folder's name was likely meant to be, mistyped by a character or two
        (养老服物科, 养老服务): its canonical name, or None."""
        import difflib

        key = normalize(name)
        if len(key) < 3:
            return None
        best = max(
            (
                (difflib.SequenceMatcher(None, key, k).ratio(), unit)
                for k, unit in self._names.items()
            ),
            default=(0.0, ""),
        )
        return best[1] if best[0] >= 0.8 else None

    def units_of(self, names: Iterable[str]) -> tuple[str, ...]:
        """Canonical names of ``names`` in order, without repeats (unknown names kept as
        written)."""
        return tuple(dict.fromkeys(self.unit(name) or name for name in names))

    def person(self, name: str) -> Person | None:
        return self.people.get(re.sub(r"\s+", "", name))

    def headed_by(self, name: str) -> list[str]:
        """Units whose head is ``name``."""
        return list(self._heads.get(name, []))

    def person_label(self, name: str) -> str:
        person = self.people.get(name)
        title = person.title if person and person.title else self.roles.get(name)
        return f"{name}（{title}）" if title else name

    def resolve(self, query: str) -> Target:
        """Resolve a user's ``UNIT`` argument: canonical name, alias, unique fragment, or person.

        Raises ResolveError listing the candidates when the query matches nothing or several.
        """
        query = query.strip()
        if not query:
            raise ResolveError("单位名称为空。")
        unit = self.unit(query)
        if unit:
            return Target("unit", unit, (unit,))
        name = re.sub(r"\s+", "", query)
        if name in self.people or name in self.roles:
            return Target("person", name, tuple(self.headed_by(name)))
        key = normalize(query)
        units = sorted(
            {canonical for alias, canonical in self._names.items() if key in alias},
            key=list(self.units).index,
        )
        people = [p for p in [*self.people, *self.roles] if key in normalize(p)]
        if len(units) + len(people) == 1:
            if units:
                return Target("unit", units[0], (units[0],))
            return Target("person", people[0], tuple(self.headed_by(people[0])))
        if units or people:
            candidates = units + [self.person_label(p) for p in people]
            raise ResolveError(
                f"“{query}”可指多个单位或人员，请写得更具体：\n  " + "\n  ".join(candidates),
                candidates,
            )
        raise self._not_found(query)

    def _not_found(self, query: str) -> ResolveError:
        """Nothing matched: the nearest names (by spelling and shared characters), or the
        nearest requirement ids, else every unit."""
        import difflib

        key = normalize(query)
        if re.match(r"^(?:i{1,3}|iv|v)-\d", key) and self.ids:
            nearest = difflib.get_close_matches(
                query.strip().upper(), list(self.ids), n=2, cutoff=0.6
            )
            if nearest:
                listed = "、".join(f"{i} {self.ids[i]}" for i in nearest)
                return ResolveError(
                    f"“{query}”不是单位或人员。编号相近的申报项：{listed}。", nearest
                )

        # what a unit is called elsewhere (养老处 for 养老服务科): the kind of office at the end
        # of the query says nothing of which one
        core = re.sub(r"(?:处|科|室|办|股|局|中心|所|站|部)$", "", key)
        core = core if len(core) >= 2 else key

        def covered(name: str) -> float:
            """How much of the query the name holds, in order (养老科 in 养老服务科: all)."""
            blocks = difflib.SequenceMatcher(None, core, normalize(name)).get_matching_blocks()
            return sum(b.size for b in blocks) / max(len(core), 1)

        def one_off(name: str) -> bool:
            """A person's name with one character mistyped (曾萍 for 曾平)."""
            other = normalize(name)
            return len(other) == len(key) >= 2 and sum(a != b for a, b in zip(key, other)) == 1

        people = [*self.people, *self.roles]
        scored = [(covered(alias), canonical) for alias, canonical in self._names.items()]
        units = [c for score, c in sorted(scored, key=lambda s: -s[0]) if score >= 0.75]
        labels = list(
            dict.fromkeys(
                [self._unit_label(u) for u in units]
                + [self.person_label(p) for p in people if one_off(p)]
            )
        )[:3]
        if labels:
            return ResolveError(f"找不到“{query}”。是否指：{'、'.join(labels)}？", labels)
        candidates = list(self.units)
        return ResolveError(
            f"找不到单位或人员“{query}”。可用的单位有：\n  "
            + "\n  ".join(candidates)
            + "\n也可以写别名（如 区划地名科、市救助站）、"
            "名称中的一段（如 养老）或人员姓名（如 曾平）。",
            candidates,
        )

    def _unit_label(self, name: str) -> str:
        head = self.units[name].head if name in self.units else None
        return f"{name}（{head}）" if head else name
