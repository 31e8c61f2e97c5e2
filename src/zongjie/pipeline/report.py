"""A run's result and what it leaves: draft.md assembled from the section files and linted whole, and
report.json (per section, totals, last year's plans measured)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zongjie.facts.commitments import outcomes
from zongjie.facts.gaps import stated_record
from zongjie.facts.model import Facts
from zongjie.finding import Finding
from zongjie.lint.api import lint_markdown
from zongjie.workspace.assemble import assemble
from zongjie.workspace.edits import EditsTaken
from zongjie.workspace.store import State, Workspace, atomic_write
from zongjie.writer.base import Usage


@dataclass
class RunResult:
    workspace: Workspace
    state: State
    generated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)  # hand-edited sections left as they are
    backups: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # section files deleted by hand (left out of draft.md)
    stale: list[str] = field(default_factory=list)  # hand-edited section files whose facts changed since
    edits: EditsTaken | None = None  # a hand-edited draft.md (or an imported .docx) split back into sections
    doubts: list[str] = field(default_factory=list)  # probably wrong figures (facts.gaps)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.state.sections for f in r.findings] + self.state.findings

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def gaps(self) -> list[Finding]:
        """Sections the facts have no material for (亮点, 团队, 经验): warnings, each listed once by `draft`."""
        return [f for f in self.findings if f.facts_gap and f.rule == "missing-section" and not f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def usage(self) -> Usage:
        """This run's model usage: sections kept from an earlier run cost nothing now."""
        return total_usage(r.usage for r in self.state.sections if r.id in self.generated)


def finish(ws: Workspace, state: State, facts: Facts) -> Path | None:
    """Assembles draft.md from the section files, lints the whole draft, writes report.json."""
    text = assemble(ws, state.sections)
    backup = ws.write_draft(state, text)
    state.findings = [
        f for f in lint_markdown(text, facts) if f.section is None or f.rule == "missing-section"
    ]
    ws.save_state(state)
    write_report(ws, state, facts)
    return backup


def finish_run(result: RunResult, facts: Facts) -> None:
    backup = finish(result.workspace, result.state, facts)
    if backup:
        result.backups.append(backup)


def total_usage(usages: Iterable[Usage]) -> Usage:
    total = Usage()
    for u in usages:
        total = total + u
    return total


def write_report(ws: Workspace, state: State, facts: Facts | None = None) -> None:
    """report.json: per section as recorded (each with the usage of the run that wrote it), totals, and the
    result code computed for each of last year's plans carried into the facts (`commitments`)."""
    total = total_usage(r.usage for r in state.sections)
    sections = [
        {
            "id": r.id,
            "title": r.heading,
            "file": r.file,
            "status": r.status,
            "writer": r.writer,
            "prompt_version": r.prompt_version,
            "attempts": r.attempts,
            "findings": [f.model_dump(exclude_none=True) for f in r.findings],
            "usage": r.usage.model_dump(),
            **({"sentences": r.sentences.model_dump()} if r.sentences else {}),
        }
        for r in state.sections
    ]
    findings = [f for r in state.sections for f in r.findings] + state.findings
    report = {
        "facts": state.facts_path,
        "endpoint": state.endpoint.model_dump() if state.endpoint else None,
        "sections": sections,
        "document_findings": [f.model_dump(exclude_none=True) for f in state.findings],
        "commitments": [o.model_dump() for o in outcomes(facts)] if facts is not None else [],
        # Changes the clerk stated in words (下降一成), with how they were read: no previous figure backs them.
        "stated_changes": stated_record(facts) if facts is not None else [],
        "totals": {
            "sections": len(sections),
            "errors": sum(f.is_error for f in findings),
            "warnings": sum(f.severity == "warning" for f in findings),
            "fallback": sum(r.status == "fallback" for r in state.sections),
            "repaired": sum(r.status == "repaired" for r in state.sections),
            "flagged": sum(r.status == "flagged" for r in state.sections),
            "spliced": sum(r.status == "spliced" for r in state.sections),
            "usage": total.model_dump(),
        },
    }
    atomic_write(ws.report_path, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
