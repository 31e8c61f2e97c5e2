"""`draft`, `regen`, `assemble`: the workspace commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from zongjie.cli.options import (
    BASE_URL,
    JOBS,
    MODEL,
    NO_CACHE,
    OFFLINE,
    ON_FAIL,
    PROVIDER,
    RPM,
    TIMEOUT,
    WAIT,
    report_year,
)
from zongjie.cli.output import SectionProgress, is_tty, print_findings, say
from zongjie.errors import BadInput

if TYPE_CHECKING:
    from zongjie.config import Settings
    from zongjie.pipeline import RunResult

NOTES_SUFFIXES = (".md", ".markdown", ".txt")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def _export_docx(out: Path) -> None:
    from zongjie.export import export_workspace

    exported = export_workspace(out, "docx", None)
    for warning in exported.warnings:
        say(f"warning: {warning}")
    typer.echo(f"docx: {exported.path}")


def _settings(workspace: Path, *, offline: bool, **flags: object) -> Settings:
    """Settings for a run on `workspace`. With no endpoint flag, the model that wrote the workspace is used
    again — but the API key goes only to an endpoint the user configured in this run (flag, environment,
    .env, their zongjie.toml): a recorded endpoint is reused with the key only when it is that one, and a
    local one without the key. A shared workspace cannot collect keys (workspace.endpoint decides)."""
    from zongjie.config import load_settings
    from zongjie.workspace.endpoint import choose
    from zongjie.workspace.store import Workspace

    endpoint = {k: flags.pop(k) for k in ("provider", "base_url", "model")}

    def load(**recorded: object) -> Settings:
        return load_settings(**{**endpoint, **recorded}, **flags)

    named = any(v is not None for v in endpoint.values())
    choice = choose(Workspace(workspace), load, named=named, offline=offline)
    recorded = choice.recorded
    if choice.kind == "recorded":
        say(
            f"writer: {choice.where} (recorded in the workspace and configured by you; "
            "--offline to draft without it)"
        )
    elif choice.kind == "yours" and choice.settings is not None and recorded is not None:
        say(
            f"writer: {choice.settings.model} at {choice.settings.base_url} (your configuration); the workspace "
            f"was drafted with {choice.where}, which is used again only if you name it: "
            f"--base-url {recorded.base_url} --model {recorded.model}"
        )
    elif choice.kind == "local":
        say(
            f"writer: {choice.where} (recorded in the workspace; a local server, so no API key is sent to it; "
            "--offline to draft without it)"
        )
    if choice.settings is None:
        assert recorded is not None
        raise BadInput(
            f"this workspace was drafted with {choice.where} (recorded in the workspace). zongjie sends your "
            f"API key only to an endpoint you name in this run: to use it again, add --base-url "
            f"{recorded.base_url} --model {recorded.model} (or set ZONGJIE_BASE_URL); to draft without a "
            "model, add --offline"
        )
    return choice.settings


def _say_writer(settings: Settings) -> None:
    if not settings.uses_llm:
        say(
            "writer: offline (no model configured; to use one: --provider deepseek with ZONGJIE_API_KEY, "
            "or --base-url URL --model NAME)"
        )


def _report_edits(result: RunResult) -> None:
    """What came back from an edited draft.md or .docx: the sections it changed, and what could not be placed."""
    edits = result.edits
    assert edits is not None
    if edits.changed:
        typer.echo(
            f"edits taken from {edits.source} into {len(edits.changed)} section(s), now kept as edited by hand: "
            f"{', '.join(edits.changed)}"
        )
    elif not edits.unplaced:
        typer.echo(f"no section changed in {edits.source}")
    for item in edits.unplaced:
        where = f"under the heading “{item.heading}”" if item.heading else "before any heading"
        say(f"warning: text {where} in {edits.source} matches no section (heading renamed or added?)")
    if edits.kept_in is not None:
        say(f"  that text is kept in {edits.kept_in}: copy it into a section file, then `zongjie assemble`")
    for section in edits.gone:
        say(
            f"warning: section {section}'s heading is not in {edits.source}; its file was left as it was "
            "(removed or renamed? delete or fix the section file, then `zongjie assemble`)"
        )


def _report(result: RunResult, what: str) -> None:
    ws = result.workspace
    state = result.state
    parts = [f"{len(state.sections)} sections", f"{len(result.generated)} written"]
    if result.kept:
        parts.append(f"{len(result.kept)} unchanged")
    if result.edited:
        parts.append(f"{len(result.edited)} kept as edited by hand")
    fallback = [r.id for r in state.sections if r.status == "fallback"]
    if fallback:
        parts.append(f"offline fallback: {', '.join(fallback)}")
    flagged = [r.id for r in state.sections if r.status == "flagged"]
    if flagged:
        parts.append(f"kept with errors (--on-fail keep): {', '.join(flagged)}")
    typer.echo(f"{what}: {ws.draft_path} ({'; '.join(parts)})")
    if result.edits is not None:
        _report_edits(result)
    usage = result.usage
    if usage.calls or usage.cached_calls:
        typer.echo(
            f"usage: {usage.calls} model calls, {usage.cached_calls} cached; "
            f"{usage.prompt_tokens} prompt + {usage.completion_tokens} completion tokens; est. cost {usage.cost:.4f}"
        )
    for path in result.backups:
        say(f"backup kept: {path}")
    for doubt in result.doubts:
        say(f"warning: check this figure in the facts file — {doubt}")
    for file in result.stale:
        say(
            f"warning: {file} was edited by hand and kept, but its facts have changed since; "
            "check it (findings below) or `zongjie regen --force` it"
        )
    for file in result.missing:
        say(
            f"warning: {file} is missing, so that section is left out of draft.md (`zongjie regen` restores it)"
        )
    errors = result.errors
    # Sections left out for want of material: each named once, as gaps of the facts file (not errors).
    for gap in result.gaps:
        say(f"gap: {gap.message}（{gap.suggestion}）" if gap.suggestion else f"gap: {gap.message}")
    if result.warnings:
        say(f"{len(result.warnings)} warning(s): see {ws.report_path}")
    if errors:
        say(
            f"{len(errors)} error finding(s) remain — fix the facts or the section files, then `zongjie assemble`:"
        )
        print_findings(errors)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    @app.command()
    def draft(
        facts: Path = typer.Argument(..., help="Facts file (YAML/JSON)."),
        out: Path = typer.Option(..., "--out", "-o", help="Workspace directory to write."),
        provider: str | None = PROVIDER,
        base_url: str | None = BASE_URL,
        model: str | None = MODEL,
        jobs: int | None = JOBS,
        on_fail: str | None = ON_FAIL,
        timeout: float | None = TIMEOUT,
        rpm: float | None = RPM,
        no_cache: bool | None = NO_CACHE,
        profile: str | None = typer.Option(
            None,
            "--profile",
            help="Notes or workbook input: the profile (property, school, hospital, enterprise); "
            "default: inferred from the words, and said.",
        ),
        year: str | None = typer.Option(
            None, "--year", help="Notes or workbook input: the report year if they don't say (2025, 2025年)."
        ),
        org: str | None = typer.Option(
            None, "--org", help="Notes or workbook input: the organization (单位/项目) if they don't say."
        ),
        department: str | None = typer.Option(
            None, "--department", help="Notes or workbook input: the department (default: the profile's)."
        ),
        docx: bool = typer.Option(False, "--docx", help="Also export the draft as .docx (公文 layout)."),
        offline: bool = OFFLINE,
        wait: bool = WAIT,
    ) -> None:
        """Draft every section into a workspace: DIR/draft.md, DIR/sections/*.md, DIR/report.json.

        FACTS is a facts file (.yaml/.json), bullet notes (.md/.txt) or a 台账 workbook (.xlsx). Notes and
        workbooks are first turned into
        DIR/facts.yaml: correct it, then draft it again or `zongjie regen` a section.

        Example: zongjie draft fixtures/property-full.yaml -o out
        """
        from zongjie import pipeline
        from zongjie.workspace.endpoint import endpoint_of
        from zongjie.workspace.lock import workspace_lock
        from zongjie.workspace.store import Workspace
        from zongjie.writer.factory import make_writer

        given_year = report_year(year)
        Workspace(out).check_usable()  # before anything is written into a folder that is not ours
        with workspace_lock(out, command="draft", wait=wait):
            settings = _settings(
                out,
                offline=offline,
                provider=provider,
                base_url=base_url,
                model=model,
                jobs=jobs,
                on_fail=on_fail,
                timeout=timeout,
                rpm=rpm,
                no_cache=no_cache,
            )
            if facts.suffix.lower() in NOTES_SUFFIXES:
                from zongjie.notes import notes_to_facts_file

                facts = notes_to_facts_file(
                    facts,
                    out,
                    profile=profile,
                    settings=settings,
                    echo=say,
                    year=given_year,
                    organization=org,
                    department=department,
                )
            elif facts.suffix.lower() in WORKBOOK_SUFFIXES:
                from zongjie.cli.workbook import ask_profile
                from zongjie.workbook import workbook_to_facts_file

                ask = ask_profile if sys.stdin.isatty() else None
                facts = workbook_to_facts_file(
                    facts,
                    out,
                    profile=profile,
                    year=given_year,
                    organization=org,
                    department=department,
                    echo=say,
                    ask=ask,
                )
            writer = make_writer(settings)
            progress = SectionProgress(is_tty())
            result = pipeline.draft(
                facts,
                out,
                writer,
                jobs=settings.section_jobs,
                endpoint=endpoint_of(settings),
                on_event=progress,
                on_tokens=progress.tokens,
            )
            _say_writer(
                settings
            )  # after the run: bad input has been reported first, and nothing said before it
            if docx:
                _export_docx(out)
            _report(result, "draft")

    @app.command()
    def regen(
        workspace: Path = typer.Argument(..., help="Workspace directory written by `zongjie draft`."),
        section: str = typer.Argument(..., help="Section id, e.g. preface, review-facilities, plans."),
        hint: str | None = typer.Option(None, "--hint", help="What to change, passed to the model as data."),
        force: bool = typer.Option(
            False, "--force", help="Regenerate even if you edited it (a backup is kept)."
        ),
        provider: str | None = PROVIDER,
        base_url: str | None = BASE_URL,
        model: str | None = MODEL,
        timeout: float | None = TIMEOUT,
        rpm: float | None = RPM,
        no_cache: bool | None = NO_CACHE,
        offline: bool = OFFLINE,
        wait: bool = WAIT,
    ) -> None:
        """Regenerate one section; every other section file stays byte-identical.

        Example: zongjie regen out review-facilities --hint "突出停电抢修案例"
        """
        from zongjie import pipeline
        from zongjie.workspace.lock import workspace_lock
        from zongjie.writer.factory import make_writer

        with workspace_lock(workspace, command="regen", wait=wait):
            settings = _settings(
                workspace,
                offline=offline,
                provider=provider,
                base_url=base_url,
                model=model,
                timeout=timeout,
                rpm=rpm,
                no_cache=no_cache,
            )
            progress = SectionProgress(is_tty())
            result = pipeline.regen(
                workspace,
                section,
                make_writer(settings),
                hint=hint,
                force=force,
                on_event=progress,
                on_tokens=progress.tokens,
            )
            _say_writer(settings)
            if hint and not settings.uses_llm:
                say("note: the offline writer cannot follow --hint; it only redid the section from the facts")
            _report(result, f"regen {section}")

    @app.command()
    def assemble(
        workspace: Path = typer.Argument(..., help="Workspace directory written by `zongjie draft`."),
        wait: bool = WAIT,
    ) -> None:
        """Rebuild draft.md from the (possibly hand-edited) section files and lint it again.

        Example: zongjie assemble out
        """
        from zongjie import pipeline
        from zongjie.workspace.lock import workspace_lock

        with workspace_lock(workspace, command="assemble", wait=wait):
            _report(pipeline.reassemble(workspace), "assemble")
