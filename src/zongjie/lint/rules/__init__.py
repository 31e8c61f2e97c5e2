"""Every lint rule, registered on import. `REGISTRY` maps rule id → Rule (in the order `--list-rules` shows:
figures against the facts first, then writing, claims, the skeleton, problems and plans)."""

from __future__ import annotations

# isort: off
from zongjie.lint.rules import fidelity, years, style, claims, punctuation, roles, structure, problems, plans
from zongjie.lint.rules import subject

# isort: on
from zongjie.lint.rules.base import REGISTRY, Context, Example, Rule

__all__ = [
    "REGISTRY",
    "Context",
    "Example",
    "Rule",
    "claims",
    "fidelity",
    "plans",
    "problems",
    "punctuation",
    "roles",
    "structure",
    "style",
    "subject",
    "years",
]
