"""The facts file: its model, loading with line-aware errors, and the figures code derives from it."""

from zongjie.facts.model import (
    Case,
    Facts,
    Function,
    Highlight,
    Metric,
    Plan,
    PlanTarget,
    Problem,
    Report,
    Summary,
    Team,
)

__all__ = [
    "Case",
    "Facts",
    "Function",
    "Highlight",
    "Metric",
    "Plan",
    "PlanTarget",
    "Problem",
    "Report",
    "Summary",
    "Team",
]
