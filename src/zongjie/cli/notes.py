"""`extract`, `polish`: for users who start from bullet notes instead of a facts file."""

from __future__ import annotations

from pathlib import Path

import typer

from zongjie.cli.options import BASE_URL, MODEL, NO_CACHE, PROFILE, PROVIDER, TIMEOUT, report_year
from zongjie.cli.output import say


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        notes: Path = typer.Argument(
            ..., help="Notes file (Markdown or plain text; headings optional); - reads stdin."
        ),
        out: Path | None = typer.Option(None, "--out", "-o", help="Facts file to write (default: print it)."),
        profile: str | None = PROFILE,
        year: str | None = typer.Option(
            None, "--year", help="Report year when the notes do not state it (2025, 2025年)."
        ),
        org: str | None = typer.Option(
            None, "--org", help="Organization (单位/项目) when the notes lack a title."
        ),
        department: str | None = typer.Option(
            None, "--department", help="Department (default: the profile's)."
        ),
        force: bool = typer.Option(
            False, "--force", help="Overwrite an output file you have edited (a backup is kept)."
        ),
        provider: str | None = PROVIDER,
        base_url: str | None = BASE_URL,
        model: str | None = MODEL,
        timeout: float | None = TIMEOUT,
        no_cache: bool | None = NO_CACHE,
    ) -> None:
        """Turn bullet notes into a facts file that `check` and `draft` accept; every entry names its note line,
        questions are `# ?` comments, and notes that found no place are listed (unplaced).

        Example: zongjie extract notes.md -o facts.yaml
        """
        from zongjie.config import load_settings
        from zongjie.notes import extract_notes, write_facts
        from zongjie.notes.files import summary_lines

        settings = load_settings(
            provider=provider, base_url=base_url, model=model, timeout=timeout, no_cache=no_cache
        )
        extracted = extract_notes(
            notes,
            profile=profile,
            settings=settings,
            year=report_year(year),
            organization=org,
            department=department,
        )
        backup = None
        if out is None:
            typer.echo(extracted.text, nl=False)
        else:
            backup = write_facts(extracted, out, force=force)
        for line in summary_lines(extracted, out):
            say(line)
        if backup is not None:
            say(f"backup kept: {backup}")

    @app.command()
    def polish(
        notes: Path = typer.Argument(
            ...,
            help="Notes: one section's bullets, or a year's (only the section's lines are taken); - reads stdin.",
        ),
        section: str | None = typer.Option(
            None, "--section", help="Section id, e.g. review-facilities, problems."
        ),
        style: str = typer.Option("正式", "--style", help="正式 (formal paragraphs) or 简洁 (short, plain)."),
        out: Path | None = typer.Option(
            None,
            "--out",
            "-o",
            help="Write the prose here (default: print it); a file there is kept as FILE.bak.",
        ),
        profile: str | None = PROFILE,
        provider: str | None = PROVIDER,
        base_url: str | None = BASE_URL,
        model: str | None = MODEL,
        timeout: float | None = TIMEOUT,
        no_cache: bool | None = NO_CACHE,
    ) -> None:
        """Turn bullets into polished paragraphs for one section: same numbers, nothing added, no lint error.
        The prose is linted as `zongjie lint` reads it under the section's heading (plan and problem rules
        included). A number that changed or a lint error is repaired or reported (exit 1), never passed;
        warnings are listed. Notes that headings or labels put in other sections are left out, by line.

        Example: zongjie polish notes.md --section review-facilities --style 简洁
        """
        from zongjie.config import load_settings
        from zongjie.files import replace_keeping_backup
        from zongjie.notes.polish import failure, polish_file

        settings = load_settings(
            provider=provider, base_url=base_url, model=model, timeout=timeout, no_cache=no_cache
        )
        result = polish_file(notes, section=section, style=style, profile=profile, settings=settings)
        for line in result.messages:
            say(line)
        if not result.ok:
            say(f"polish failed: {failure(result.problems)}; nothing written")
            for problem in result.problems:
                say(f"  - {problem}")
            raise typer.Exit(1)
        if out is None:
            typer.echo(result.text)
        else:
            backup = replace_keeping_backup(out, result.text + "\n")
            say(f"wrote {out}")
            if backup is not None:
                say(f"backup kept: {backup}")
