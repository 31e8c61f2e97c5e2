"""Orchestration: facts → plan → writer → lint → workspace → assemble. Sections run concurrently and each
is saved as soon as it is done, so an interrupted draft resumes where it stopped."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zongjie.errors import WorkspaceError, ZongjieError
from zongjie.facts.commitments import outcomes
from zongjie.facts.gaps import implausible
from zongjie.facts.load import load as load_facts
from zongjie.facts.model import Facts
from zongjie.finding import Finding
from zongjie.lint.api import lint_markdown, lint_section
from zongjie.plan import SectionTask, build_plan
from zongjie.workspace.assemble import assemble, section_text
from zongjie.workspace.edits import EditsTaken, draft_edited, split_back
from zongjie.workspace.lock import workspace_lock
from zongjie.workspace.store import (
    Endpoint,
    SectionRecord,
    State,
    Workspace,
    atomic_write,
    section_file_name,
    sha256,
)
from zongjie.writer.base import REASK, SectionDraft, Usage, Writer

# on_event(section_id, what): what is "start", "done", "kept", "edited" or "failed"
EventSink = Callable[[str, str], None]
# on_tokens(section_id, tokens so far, seconds): a model's answer streaming in, so a slow model is seen alive
TokenSink = Callable[[str, int, float], None]
# A section to write: its task, its file, and whether to ask afresh (regen; a section the model failed on)
# instead of replaying the response cache.
Todo = tuple[SectionTask, str, bool]


def _quiet(section_id: str, what: str) -> None:
    return None


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
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def usage(self) -> Usage:
        """This run's model usage: sections kept from an earlier run cost nothing now."""
        return _total(r.usage for r in self.state.sections if r.id in self.generated)


def _record(
    task: SectionTask, draft: SectionDraft, file: str, content_sha: str, hint: str | None
) -> SectionRecord:
    return SectionRecord(
        id=task.id,
        file=file,
        heading=task.heading,
        level=task.level,
        group=task.group,
        task_digest=task.digest(),
        content_sha256=content_sha,
        writer=draft.writer,
        prompt_version=draft.prompt_version,
        status=draft.status,
        hint=hint,
        fact_ids=draft.fact_ids,
        findings=draft.findings,
        usage=draft.usage,
        attempts=draft.attempts,
        sentences=draft.sentences,
        generated_at=dt.datetime.now().isoformat(timespec="seconds"),
    )


async def _generate(
    ws: Workspace,
    task: SectionTask,
    file: str,
    writer: Writer,
    hint: str | None,
    fresh: bool,
    on_tokens: TokenSink | None,
) -> SectionRecord:
    def progress(tokens: int, seconds: float) -> None:
        if on_tokens is not None:
            on_tokens(task.id, tokens, seconds)

    draft = await writer.write(task, hint=hint, fresh=fresh, progress=progress)
    # The pipeline lints the final text itself, whatever the writer reported, so report.json is uniform;
    # only the writer's own verdicts (llm-fallback, llm-invalid) are kept from what it reported.
    draft.findings = lint_section(task, draft.body) + _writer_verdicts(draft.findings)
    content = section_text(task.level, task.heading, draft.body)
    content_sha = ws.write_section(file, content)
    return _record(task, draft, file, content_sha, hint)


def _writer_verdicts(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule.startswith("llm-")]


def _section_file(state: State, task: SectionTask, index: int) -> str:
    rec = state.record(task.id)
    return rec.file if rec else section_file_name(index, task.id)


async def _run_tasks(
    ws: Workspace,
    state: State,
    todo: list[Todo],
    writer: Writer,
    jobs: int,
    on_event: EventSink,
    hint: str | None = None,
    on_tokens: TokenSink | None = None,
) -> list[str]:
    # A writer that holds connections (the model's HTTP client) is open for this run only.
    async with contextlib.AsyncExitStack() as stack:
        if isinstance(writer, contextlib.AbstractAsyncContextManager):
            await stack.enter_async_context(writer)
        return await _run_open(ws, state, todo, writer, jobs, on_event, hint, on_tokens)


async def _run_open(
    ws: Workspace,
    state: State,
    todo: list[Todo],
    writer: Writer,
    jobs: int,
    on_event: EventSink,
    hint: str | None,
    on_tokens: TokenSink | None,
) -> list[str]:
    gate = asyncio.Semaphore(jobs)
    lock = asyncio.Lock()
    done: list[str] = []

    async def one(task: SectionTask, file: str, fresh: bool) -> None:
        async with gate:
            on_event(task.id, "start")
            rec = await _generate(ws, task, file, writer, hint, fresh, on_tokens)
        async with lock:
            _replace_record(state, rec)
            ws.save_state(state)  # saved per section: a crash later loses nothing already written
            done.append(task.id)
        on_event(task.id, "done")

    results = await asyncio.gather(*(one(*item) for item in todo), return_exceptions=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    if failures:
        raise failures[0]
    return done


def _replace_record(state: State, rec: SectionRecord) -> None:
    state.sections = [r for r in state.sections if r.id != rec.id] + [rec]


def _order(state: State, tasks: list[SectionTask]) -> None:
    order = {t.id: i for i, t in enumerate(tasks)}
    state.sections = sorted((r for r in state.sections if r.id in order), key=lambda r: order[r.id])


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


def _finish(result: RunResult, facts: Facts) -> None:
    backup = finish(result.workspace, result.state, facts)
    if backup:
        result.backups.append(backup)


def _total(usages: Iterable[Usage]) -> Usage:
    total = Usage()
    for u in usages:
        total = total + u
    return total


def write_report(ws: Workspace, state: State, facts: Facts | None = None) -> None:
    """report.json: per section as recorded (each with the usage of the run that wrote it), totals, and the
    result code computed for each of last year's plans carried into the facts (`commitments`)."""
    total = _total(r.usage for r in state.sections)
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


def draft(
    facts_path: Path,
    out: Path,
    writer: Writer,
    *,
    jobs: int = 4,
    endpoint: Endpoint | None = None,
    on_event: EventSink = _quiet,
    on_tokens: TokenSink | None = None,
) -> RunResult:
    """Drafts every section into `out`. On an existing workspace: redoes only sections that are missing,
    stale (facts or writer changed) or unfinished; sections edited by hand are kept as they are."""
    facts = load_facts(facts_path)  # bad input fails here, before anything is written
    tasks = build_plan(facts)
    ws = Workspace(out)
    ws.check_usable()
    existed = out.exists()  # before the lock makes the folder: a folder we made is removed on failure
    with workspace_lock(out, command="draft"):
        ws.check_usable(locked=True)  # again: another run may have made the folder while we waited
        return _draft(facts_path, facts, tasks, ws, existed, writer, jobs, endpoint, on_event, on_tokens)


def _draft(
    facts_path: Path,
    facts: Facts,
    tasks: list[SectionTask],
    ws: Workspace,
    existed: bool,
    writer: Writer,
    jobs: int,
    endpoint: Endpoint | None,
    on_event: EventSink,
    on_tokens: TokenSink | None,
) -> RunResult:
    fresh = not ws.exists()
    state = (
        ws.load_state()
        if ws.exists()
        else State(facts_path=ws.relative_facts_path(facts_path), facts_sha256="")
    )
    state.facts_path = ws.relative_facts_path(facts_path)
    state.facts_sha256 = sha256(facts_path.read_text(encoding="utf-8"))
    result = RunResult(workspace=ws, state=state)
    _take_draft_edits(result)
    result.doubts = [f"{g.where}: {g.message}" for g in implausible(facts)]
    result.backups += _drop_stale(ws, state, {t.id for t in tasks})

    identity = writer.name
    todo: list[Todo] = []
    for index, task in enumerate(tasks):
        rec = state.record(task.id)
        if rec is not None and ws.edited(rec):
            result.edited.append(task.id)
            _relint(ws, rec, task)  # kept as the user wrote it, but checked against today's facts
            if rec.task_digest != task.digest():
                result.stale.append(rec.file)
            on_event(task.id, "edited")
        elif (
            rec is not None
            and ws.read_section(rec) is not None
            and rec.task_digest == task.digest()
            and rec.writer == identity
            and rec.status not in REASK  # a section the model failed on is asked again
        ):
            result.kept.append(task.id)
            on_event(task.id, "kept")
        else:
            again = rec is not None and rec.status in REASK  # its cached replies are the failures
            todo.append((task, _section_file(state, task, index), again))
    try:
        result.generated = asyncio.run(
            _run_tasks(ws, state, todo, writer, jobs, on_event, on_tokens=on_tokens)
        )
    except ZongjieError as exc:
        if exc.exit_code == 2:
            # A rejected key or bad config: a new workspace is removed, an existing one keeps its state
            # (and the model it records) as it was.
            if fresh:
                _undo(ws, existed)
            raise
        _order(state, tasks)
        ws.save_state(state)
        raise
    state.endpoint = endpoint  # recorded only once the model has written this run's sections
    _order(state, tasks)
    ws.save_state(state)
    _finish(result, facts)
    return result


def _relint(ws: Workspace, rec: SectionRecord, task: SectionTask) -> str | None:
    """Lints a section file as it is on disk; returns its text (None if deleted). The writer's own verdicts
    (llm-fallback, llm-invalid) stay unless the user edited the file, which answers them."""
    text = ws.read_section(rec)
    if text is not None:
        kept = [] if sha256(text) != rec.content_sha256 else _writer_verdicts(rec.findings)
        rec.findings = lint_section(task, _body_of(text, rec.level)) + kept
    return text


def _undo(ws: Workspace, existed: bool) -> None:
    shutil.rmtree(ws.root / "sections", ignore_errors=True)
    shutil.rmtree(ws.state_path.parent, ignore_errors=True)
    if not existed:
        shutil.rmtree(ws.root, ignore_errors=True)


def _drop_stale(ws: Workspace, state: State, planned: set[str]) -> list[Path]:
    """Sections no longer in the plan (their facts were removed) leave the draft; edited ones are backed up."""
    backups = []
    for rec in [r for r in state.sections if r.id not in planned]:
        path = ws.section_path(rec.file)
        if path.is_file():
            if ws.edited(rec):
                backups.append(ws.backup(path))
            ws.remove_section(rec.file)
        state.sections.remove(rec)
    return backups


def regen(
    out: Path,
    section_id: str,
    writer: Writer,
    *,
    hint: str | None = None,
    force: bool = False,
    on_event: EventSink = _quiet,
    on_tokens: TokenSink | None = None,
) -> RunResult:
    """Regenerates one section; every other section file stays byte-identical."""
    ws = Workspace(out)
    ws.require()  # before the lock: nothing is made in a folder that is not a workspace
    with workspace_lock(out, command="regen"):
        return _regen(ws, section_id, writer, hint, force, on_event, on_tokens)


def _regen(
    ws: Workspace,
    section_id: str,
    writer: Writer,
    hint: str | None,
    force: bool,
    on_event: EventSink,
    on_tokens: TokenSink | None,
) -> RunResult:
    state = ws.load_state()
    facts = load_facts(ws.facts_path(state))
    tasks = build_plan(facts)
    index, task = next(((i, t) for i, t in enumerate(tasks) if t.id == section_id), (-1, None))
    if task is None:
        known = ", ".join(t.id for t in tasks)
        raise WorkspaceError(f"no section {section_id!r} in this draft; sections: {known}")
    result = RunResult(workspace=ws, state=state)
    _take_draft_edits(result)
    rec = state.record(section_id)
    if rec is not None and ws.edited(rec):
        if not force:
            raise WorkspaceError(
                f"{rec.file} was edited by hand since it was generated; "
                "regenerating would replace your edits. Use --force to regenerate anyway (a backup is kept)"
            )
        result.backups.append(ws.backup(ws.section_path(rec.file)))
    file = _section_file(state, task, index)
    # regen asks the model again: replaying the cache would return the very text the user wants redone.
    result.generated = asyncio.run(
        _run_tasks(ws, state, [(task, file, True)], writer, 1, on_event, hint=hint, on_tokens=on_tokens)
    )
    _order(state, tasks)
    _finish(result, facts)
    return result


def reassemble(out: Path) -> RunResult:
    """Rebuilds draft.md from the section files as they are now (hand edits included) and re-lints."""
    ws = Workspace(out)
    ws.require()
    with workspace_lock(out, command="assemble"):
        return _reassemble(ws)


def _reassemble(ws: Workspace, edited: tuple[str, str] | None = None) -> RunResult:
    state = ws.load_state()
    facts = load_facts(ws.facts_path(state))
    tasks = {t.id: t for t in build_plan(facts)}
    result = RunResult(workspace=ws, state=state)
    _take_draft_edits(result)
    if edited is not None:  # an edited copy from elsewhere (a .docx read back): split after draft.md's own
        copy, source = edited
        taken = split_back(ws, state, copy, source)
        result.backups += taken.backups
        result.edits = _merge(result.edits, taken)
    for rec in state.sections:
        task = tasks.get(rec.id)
        text = _relint(ws, rec, task) if task is not None else ws.read_section(rec)
        if text is None:
            result.missing.append(rec.file)
    _finish(result, facts)
    return result


def import_edits(out: Path, markdown: str, source: str) -> RunResult:
    """Takes an edited copy of the draft (a .docx read back as Markdown) into the section files, then
    reassembles draft.md; every section whose text changed becomes a hand-edited section."""
    ws = Workspace(out)
    ws.require()
    with workspace_lock(out, command="import-edits"):
        return _reassemble(ws, (markdown, source))


def _take_draft_edits(result: RunResult) -> None:
    """A draft.md edited by hand is split back into its sections before anything else reads them."""
    ws, state = result.workspace, result.state
    if draft_edited(ws, state):
        result.edits = split_back(ws, state, ws.read_draft(), ws.draft_path.name)
        result.backups += result.edits.backups


def _merge(first: EditsTaken | None, second: EditsTaken) -> EditsTaken:
    if first is None:
        return second
    second.changed = sorted({*first.changed, *second.changed})
    second.unplaced = first.unplaced + second.unplaced
    second.gone = sorted({*first.gone, *second.gone})
    second.kept_in = second.kept_in or first.kept_in
    second.backups = first.backups + second.backups
    second.source = f"{first.source} and {second.source}"
    return second


def _body_of(text: str, level: int) -> str:
    if level <= 1:
        return text if level == 0 else ""
    lines = text.splitlines()
    return "\n".join(lines[1:]).strip() if lines and lines[0].startswith("#") else text
