"""A linter finding: what a rule reports, in the shape `zongjie lint --format json` prints. A base module:
drafts (writer), the workspace and export carry findings without depending on the linter."""

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
    # True when the gap is in the facts file itself (no cause given, no owner, no lessons): only the user can
    # fill it, so writers are never asked to "repair" it — that would invite invention.
    facts_gap: bool = False

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
