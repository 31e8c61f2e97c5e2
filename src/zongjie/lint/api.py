"""Entry points the rest of zongjie calls. (Minimal for now: the rule registry replaces the body.)"""

from __future__ import annotations

import re

from zongjie.facts.model import Facts
from zongjie.lint.finding import Finding
from zongjie.plan.task import SectionTask

_PLACEHOLDER = re.compile(r"X{2,}|某某|【待补充】|202X|X月X日")


def lint_section(task: SectionTask, body: str) -> list[Finding]:
    """Findings for one section body against that section's facts (drives the LLM repair loop)."""
    return _placeholders(body, task.id)


def lint_markdown(text: str, facts: Facts | None = None) -> list[Finding]:
    """Findings for a whole Markdown draft, optionally against a facts file."""
    return _placeholders(text, None)


def _placeholders(text: str, section: str | None) -> list[Finding]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        for m in _PLACEHOLDER.finditer(line):
            out.append(
                Finding(rule="placeholder", severity="error", message="未填写的占位符", section=section,
                        line=n, column=m.start() + 1, excerpt=m.group())
            )
    return out
