"""A linter finding: what a rule reports, in the shape `zongjie lint --format json` prints."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Severity = Literal["error", "warning", "info"]


class Finding(BaseModel):
    rule: str
    severity: Severity
    message: str
    section: str | None = None  # section id (or heading text for hand-written drafts)
    line: int | None = None  # 1-based, in the file linted
    column: int | None = None  # 1-based
    excerpt: str | None = None
    suggestion: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
