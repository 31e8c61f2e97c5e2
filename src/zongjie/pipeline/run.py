"""The commands a workspace runs: draft (all sections, keeping what is still good and what was edited by
hand), regen (one section), reassemble and import_edits (take edits in, rebuild draft.md)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from zongjie.errors import WorkspaceError, ZongjieError
from zongjie.facts.gaps import implausible
from zongjie.facts.load import load as load_facts
from zongjie.facts.model import Facts
from zongjie.pipeline.report import RunResult, finish_run
from zongjie.pipeline.sections import (
    EventSink,
    Todo,
    TokenSink,
    order,
    quiet,
    relint,
    run_tasks,
    section_file,
)
from zongjie.plan import SectionTask, build_plan
from zongjie.workspace.edits import EditsTaken, draft_edited, split_back
from zongjie.workspace.lock import workspace_lock
from zongjie.workspace.store import Endpoint, State, Workspace, sha256
from zongjie.writer.base import REASK, Writer


def draft(
    facts_path: Path,
    out: Path,
    writer: Writer,
    *,
    jobs: int = 4,
    endpoint: Endpoint | None = None,
    on_event: EventSink = quiet,
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
            relint(ws, rec, task)  # kept as the user wrote it, but checked against today's facts
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
            todo.append((task, section_file(state, task, index), again))
    try:
        result.generated = asyncio.run(
            run_tasks(ws, state, todo, writer, jobs, on_event, on_tokens=on_tokens)
        )
    except ZongjieError as exc:
        if exc.exit_code == 2:
            # A rejected key or bad config: a new workspace is removed, an existing one keeps its state
            # (and the model it records) as it was.
            if fresh:
                _undo(ws, existed)
            raise
        order(state, tasks)
        ws.save_state(state)
        raise
    state.endpoint = endpoint  # recorded only once the model has written this run's sections
    order(state, tasks)
    ws.save_state(state)
    finish_run(result, facts)
    return result


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
    on_event: EventSink = quiet,
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
    file = section_file(state, task, index)
    # regen asks the model again: replaying the cache would return the very text the user wants redone.
    result.generated = asyncio.run(
        run_tasks(ws, state, [(task, file, True)], writer, 1, on_event, hint=hint, on_tokens=on_tokens)
    )
    order(state, tasks)
    finish_run(result, facts)
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
        text = relint(ws, rec, task) if task is not None else ws.read_section(rec)
        if text is None:
            result.missing.append(rec.file)
    finish_run(result, facts)
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
