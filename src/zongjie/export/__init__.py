"""Export of a workspace's draft.md (hand edits included) to .docx (公文 layout), one-file .html, or .md."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from zongjie.errors import BadInput, WorkspaceError, ZongjieError
from zongjie.export.fonts import FontLookup, find_cjk_font
from zongjie.finding import Finding
from zongjie.redact import redact

Format = Literal["docx", "html", "md"]
FORMATS: tuple[str, ...] = get_args(Format)


if TYPE_CHECKING:
    from zongjie.facts.model import Facts
    from zongjie.workspace.store import State, Workspace


@dataclass
class ExportResult:
    path: Path
    warnings: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # lint findings of the exported draft
    backup: Path | None = None  # the earlier file at `path`, kept because it was not zongjie's last export
    charts: int = 0
    comments: int = 0  # findings attached to the .docx as Word comments (--comments)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]


class ExportRefused(ZongjieError):
    """--strict and the draft still has error findings: exit 1, nothing written."""

    exit_code = 1

    def __init__(self, findings: list[Finding]) -> None:
        errors = [f for f in findings if f.is_error]
        super().__init__(f"draft.md has {len(errors)} error finding(s); fix them or export without --strict")
        self.findings = findings


def _markdown(text: str, signoff: list[str]) -> str:
    text = text.rstrip("\n") + "\n"
    return text + ("\n" + "\n\n".join(signoff) + "\n" if signoff else "")


def export_workspace(
    ws_dir: Path,
    fmt: Format,
    out: Path | None,
    *,
    charts: bool = True,
    strict: bool = False,
    comments: bool = False,
    font_lookup: FontLookup = find_cjk_font,
) -> ExportResult:
    """Exports DIR/draft.md as the user sees it, with the facts for tables, charts, 落款 and date.

    Raises BadInput (bad format, output onto the draft), WorkspaceError (not a workspace, no draft.md),
    ExportRefused (strict with error findings), WorkspaceBusy (another run is writing the workspace)."""
    from zongjie.workspace.lock import workspace_lock
    from zongjie.workspace.store import Workspace

    if fmt not in FORMATS:
        raise BadInput(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if comments and fmt != "docx":
        raise BadInput("--comments puts the findings in a Word file as 批注: use it with --format docx")
    ws = Workspace(ws_dir)
    ws.require()  # before the lock: nothing is made in a folder that is not a workspace
    with workspace_lock(ws_dir, command="export"):
        return _export(ws, fmt, out, charts=charts, strict=strict, comments=comments, font_lookup=font_lookup)


def _export(
    ws: Workspace,
    fmt: Format,
    out: Path | None,
    *,
    charts: bool,
    strict: bool,
    comments: bool,
    font_lookup: FontLookup,
) -> ExportResult:
    from zongjie.export import output
    from zongjie.export.document import build
    from zongjie.facts.load import load as load_facts
    from zongjie.lint.api import lint_markdown

    ws_dir = ws.root
    state = ws.load_state()
    if not ws.draft_path.is_file():
        raise WorkspaceError(
            f"{ws.draft_path} is missing; run `zongjie draft` (or `zongjie regen`) to rebuild it"
        )
    raw = ws.read_draft()
    stale = _stale_draft(ws, state, raw)
    text = redact(_printable(raw))  # what the export holds: no control characters, no secrets
    facts = _printable_facts(load_facts(ws.facts_path(state)))
    if text != redact(raw):
        stale.append(f"{ws.draft_path.name}: control characters (e.g. ESC, BEL) left out of the export")
    findings = lint_markdown(text, facts)
    if strict and any(f.is_error for f in findings):
        raise ExportRefused(findings)

    doc = build(text, facts, charts=charts and fmt != "md", font_lookup=font_lookup)
    # The default target is inside the workspace, so it must not be a link leading out of it.
    target = out if out is not None else ws.path(f"{output.safe_name(doc.title)}.{fmt}", "export file")
    if target.resolve() == ws.draft_path.resolve():
        raise BadInput(f"{target} is the draft itself; choose another -o file")
    if target.is_dir():
        raise BadInput(f"{target} is a directory; give a file name with -o")
    if fmt == "docx":
        from zongjie.export.word import render_docx
        from zongjie.plan import build_plan

        headings = {t.id: t.heading for t in build_plan(facts)} if comments else {}
        data = render_docx(doc, comments=findings if comments else None, headings=headings)
    elif fmt == "html":
        from zongjie.export.webpage import render_html

        data = render_html(doc).encode("utf-8")
    else:
        data = _markdown(text, doc.signoff).encode("utf-8")
    backup = output.save(ws_dir, target, data)
    return ExportResult(
        path=target,
        warnings=stale + doc.warnings,
        findings=findings,
        backup=backup,
        charts=doc.charts,
        comments=len(findings) if comments and fmt == "docx" else 0,
    )


# Characters XML 1.0 cannot hold (Word's format is XML; lxml refuses them): C0 controls but tab and newlines.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _printable(text: str) -> str:
    return _CONTROL.sub("", text)


def _printable_facts(facts: Facts) -> Facts:
    """The facts with control characters removed from every text (organisation, metric names, …)."""

    def clean(value: object) -> object:
        if isinstance(value, str):
            return _printable(value)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    data = facts.model_dump(exclude_unset=True)
    cleaned = clean(data)
    return facts if cleaned == data else type(facts).model_validate(cleaned)


def _stale_draft(ws: Workspace, state: State, text: str) -> list[str]:
    """draft.md is exported as the user sees it; but if section files were edited after the last assembly
    (and draft.md itself was not), those edits are not in it — say so rather than export silently."""
    from zongjie.workspace.assemble import assemble
    from zongjie.workspace.store import sha256

    if sha256(text) != state.draft_sha256 or assemble(ws, state.sections) == text:
        return []
    return [
        f"section files changed since {ws.draft_path.name} was assembled; run `zongjie assemble {ws.root}` to include them"
    ]


__all__ = ["FORMATS", "ExportRefused", "ExportResult", "Format", "export_workspace"]
