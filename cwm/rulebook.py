"""A registry of rules, shared by the evidence checker and the plan lint (``cwm validate``).

yamllint's style: a rule is a generator over one subject (a requirement's evidence, the loaded
plan) that yields small typed findings; it never prints and never decides a severity. Each rule
declares the codes it may yield with their severity and explanation; ``Rulebook.run`` stamps the
declared severity. The explanations and the rules' docstrings are the manual (`cwm rules`,
`cwm validate --rules`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, Iterator, Mapping, Protocol, TypeVar

from cwm.vocab import HasTraits, Severity, Trait

Declared = tuple[Severity | str, str] | tuple[Severity | str, str, "set[Trait]"]
"""How a rule module declares a code: ``(severity, explanation)`` or
``(severity, explanation, {traits})``."""


class Coded(Protocol):
    @property
    def code(self) -> str:
        """The rule code; may be left empty by a rule that declares a single code."""
        ...


S = TypeVar("S")
F = TypeVar("F", bound=Coded)


@dataclass(frozen=True)
class Code(HasTraits):
    code: str
    severity: Severity
    doc: str
    """One Chinese sentence: what the code means."""
    traits: frozenset[Trait] = frozenset()


@dataclass(frozen=True)
class Rule(Generic[S, F]):
    name: str
    doc: str
    """The rule's manual (its docstring, or its module's)."""
    codes: tuple[Code, ...]
    check: Callable[[S], Iterator[F]]


class Rulebook(Generic[S, F]):
    """Rules in registration order; every code declared once."""

    def __init__(self) -> None:
        self.rules: list[Rule[S, F]] = []
        self.codes: dict[str, Code] = {}

    def register(
        self, check: Callable[[S], Iterator[F]], codes: Mapping[str, Declared], doc: str
    ) -> None:
        declared = tuple(
            Code(code, Severity(spec[0]), spec[1], frozenset(spec[2] if len(spec) > 2 else ()))
            for code, spec in codes.items()
        )
        for code in declared:
            if code.code in self.codes:
                raise ValueError(f"rule code declared twice: {code.code}")
            self.codes[code.code] = code
        self.rules.append(Rule(check.__name__, doc.strip(), declared, check))

    def rule(self, code: str, severity: Severity | str) -> Callable[[Any], Any]:
        """Decorator for a rule with one code, explained by its docstring."""

        def register(check: Callable[[S], Iterator[F]]) -> Callable[[S], Iterator[F]]:
            # a Chinese docstring wrapped over lines reads as one sentence: join without spaces
            doc = "".join(line.strip() for line in (check.__doc__ or "").strip().splitlines())
            self.register(check, {code: (severity, doc)}, doc)
            return check

        return register

    def severity(self, code: str) -> Severity:
        return self.codes[code].severity

    def with_trait(self, trait: Trait) -> frozenset[str]:
        """The codes declared with ``trait``."""
        return frozenset(c.code for c in self.codes.values() if trait in c.traits)

    def run(self, subject: S) -> Iterator[tuple[Code, F]]:
        """Every finding of every rule on ``subject``, with its declared code."""
        for rule in self.rules:
            for found in rule.check(subject):
                name = found.code or (rule.codes[0].code if len(rule.codes) == 1 else "")
                yield self.codes[name], found
