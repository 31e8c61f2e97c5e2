from __future__ import annotations

from functools import cache
from pathlib import Path

from zongjie.facts.load import load
from zongjie.facts.model import Facts
from zongjie.finding import Finding
from zongjie.lint.api import lint_markdown, run
from zongjie.lint.config import LintConfig
from zongjie.lint.document import Document
from zongjie.lint.factset import FactSet
from zongjie.lint.rules import Example

ROOT = Path(__file__).resolve().parents[2]


@cache
def fixture_facts() -> Facts:
    return load(ROOT / "fixtures" / "property-full.yaml")


def run_example(rule_id: str, ex: Example) -> list[Finding]:
    facts = fixture_facts() if ex.facts else None
    if ex.whole:
        found = lint_markdown(ex.text, facts)
    else:
        kind = "review" if ex.kind.startswith("review") else ex.kind
        doc = Document(ex.text, single=(ex.kind, kind))
        found = run(doc, FactSet.from_facts(facts) if facts else None, LintConfig(), whole=False)
    return [f for f in found if f.rule == rule_id]
