"""Writing sections: each planned section through the writer, linted, saved to its file and recorded in
state.json as soon as it is done, several at once (so an interrupted draft resumes where it stopped)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Callable

from zongjie.finding import Finding
from zongjie.lint.api import lint_section
from zongjie.plan import SectionTask
from zongjie.workspace.assemble import section_text
from zongjie.workspace.store import SectionRecord, State, Workspace, section_file_name, sha256
from zongjie.writer.base import SectionDraft, Writer

# on_event(section_id, what): what is "start", "done", "kept", "edited" or "failed"
EventSink = Callable[[str, str], None]
# on_tokens(section_id, tokens so far, seconds): a model's answer streaming in, so a slow model is seen alive
TokenSink = Callable[[str, int, float], None]
# A section to write: its task, its file, and whether to ask afresh (regen; a section the model failed on)
# instead of replaying the response cache.
Todo = tuple[SectionTask, str, bool]


def quiet(section_id: str, what: str) -> None:
    return None


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
    draft.findings = lint_section(task, draft.body) + writer_verdicts(draft.findings)
    content = section_text(task.level, task.heading, draft.body)
    content_sha = ws.write_section(file, content)
    return _record(task, draft, file, content_sha, hint)


def writer_verdicts(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule.startswith("llm-")]


def section_file(state: State, task: SectionTask, index: int) -> str:
    rec = state.record(task.id)
    return rec.file if rec else section_file_name(index, task.id)


async def run_tasks(
    ws: Workspace,
    state: State,
    todo: list[Todo],
    writer: Writer,
    jobs: int,
    on_event: EventSink,
    hint: str | None = None,
    on_tokens: TokenSink | None = None,
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

    # A writer that holds connections (the model's HTTP client) is open for this run only.
    async with contextlib.AsyncExitStack() as stack:
        if isinstance(writer, contextlib.AbstractAsyncContextManager):
            await stack.enter_async_context(writer)
        results = await asyncio.gather(*(one(*item) for item in todo), return_exceptions=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    if failures:
        raise failures[0]
    return done


def _replace_record(state: State, rec: SectionRecord) -> None:
    state.sections = [r for r in state.sections if r.id != rec.id] + [rec]


def order(state: State, tasks: list[SectionTask]) -> None:
    order = {t.id: i for i, t in enumerate(tasks)}
    state.sections = sorted((r for r in state.sections if r.id in order), key=lambda r: order[r.id])


def relint(ws: Workspace, rec: SectionRecord, task: SectionTask) -> str | None:
    """Lints a section file as it is on disk; returns its text (None if deleted). The writer's own verdicts
    (llm-fallback, llm-invalid) stay unless the user edited the file, which answers them."""
    text = ws.read_section(rec)
    if text is not None:
        kept = [] if sha256(text) != rec.content_sha256 else writer_verdicts(rec.findings)
        rec.findings = lint_section(task, _body_of(text, rec.level)) + kept
    return text


def _body_of(text: str, level: int) -> str:
    if level <= 1:
        return text if level == 0 else ""
    lines = text.splitlines()
    return "\n".join(lines[1:]).strip() if lines and lines[0].startswith("#") else text
