"""The rule registry: one small unit per rule, with an id, a severity, a description and examples."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from zongjie.finding import Finding, Severity
from zongjie.lint.config import LintConfig
from zongjie.lint.document import Block, Document, Section, Sentence, sentences
from zongjie.lint.factset import FactSet
from zongjie.text.numbers import Quantity, extract


@dataclass(frozen=True)
class Example:
    """`text` is a section body (of section `kind`), or a whole draft when `whole`; tests run every one."""

    text: str
    fires: bool
    kind: str = "review"
    facts: bool = False  # lint against fixtures/property-full.yaml
    whole: bool = False


@dataclass
class Context:
    doc: Document
    facts: FactSet | None
    config: LintConfig
    whole: bool  # a whole draft (lint_markdown) rather than one section body (lint_section)

    def __post_init__(self) -> None:
        spans = [(s.blocks[0].start if s.blocks else 0, s) for s in self.doc.sections]
        spans.sort(key=lambda x: x[0])
        self._starts = [x[0] for x in spans]
        self._sections = [x[1] for x in spans]
        self._numbers: dict[int, list[Quantity]] = {}
        self._sentences: dict[int, list[Sentence]] = {}

    def sentences(self, block: Block) -> list[Sentence]:
        key = id(block)
        if key not in self._sentences:
            self._sentences[key] = sentences(block)
        return self._sentences[key]

    def numbers(self, block: Block) -> list[Quantity]:
        """Numbers in one block, extracted once per run and shared by every rule."""
        key = id(block)
        if key not in self._numbers:
            at = block.start
            self._numbers[key] = [
                Quantity(q.value, q.unit, q.start + at, q.end + at, q.raw, q.kind, q.in_range, q.hedge)
                for q in extract(block.text)
            ]
        return self._numbers[key]

    def section_at(self, offset: int) -> Section | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self._sections[i] if i >= 0 else None

    def finding(
        self,
        rule: Rule,
        message: str,
        offset: int | None = None,
        excerpt: str | None = None,
        *,
        section: str | None = None,
        suggestion: str | None = None,
        facts_gap: bool = False,
    ) -> Finding:
        line = column = None
        if offset is not None:
            line, column = self.doc.position(offset)
            if section is None:
                found = self.section_at(offset)
                section = found.id if found else None
        if excerpt is not None and len(excerpt) > 40:
            excerpt = excerpt[:38] + "……"
        return Finding(
            rule=rule.id,
            severity=rule.severity,
            message=message,
            section=section,
            line=line,
            column=column,
            excerpt=excerpt.strip() if excerpt else excerpt,
            suggestion=suggestion,
            facts_gap=facts_gap,
        )


Check = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str
    check: Check
    needs_facts: bool = False
    whole_only: bool = False  # only meaningful on a whole draft (missing-section, section-order)
    fixable: bool = False
    examples: tuple[Example, ...] = ()


REGISTRY: dict[str, Rule] = {}


def rule(
    id: str,
    severity: Severity,
    description: str,
    *,
    examples: Iterable[Example] = (),
    needs_facts: bool = False,
    whole_only: bool = False,
    fixable: bool = False,
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if id in REGISTRY:
            raise ValueError(f"duplicate lint rule {id}")
        REGISTRY[id] = Rule(
            id, severity, description, check, needs_facts, whole_only, fixable, tuple(examples)
        )
        return check

    return register


def this(id: str) -> Rule:
    return REGISTRY[id]
