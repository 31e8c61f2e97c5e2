"""Every lint rule, registered on import. `REGISTRY` maps rule id → Rule (in the order `--list-rules` shows)."""

from __future__ import annotations

from zongjie.lint.rules import claims, fidelity, punctuation, roles, structure, style, subject
from zongjie.lint.rules.base import REGISTRY, Context, Example, Rule

__all__ = [
    "REGISTRY",
    "Context",
    "Example",
    "Rule",
    "claims",
    "fidelity",
    "punctuation",
    "roles",
    "structure",
    "style",
    "subject",
]
