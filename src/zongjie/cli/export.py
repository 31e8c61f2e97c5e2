"""`export`: the workspace's draft.md as .docx (公文 layout), one-file .html, or .md."""

from __future__ import annotations

from pathlib import Path

import typer

from zongjie.cli.options import WAIT
from zongjie.cli.output import print_findings, say
from zongjie.export import Format


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        workspace: Path = typer.Argument(..., help="Workspace directory made by `zongjie draft`."),
        fmt: Format = typer.Option("docx", "--format", "-f", help="Output format."),
        out: Path | None = typer.Option(
            None, "--output", "-o", help="Output file (default: DIR/<title>.<format>)."
        ),
        no_charts: bool = typer.Option(
            False, "--no-charts", help="Leave out the this-year/last-year charts."
        ),
        strict: bool = typer.Option(
            False, "--strict", help="Refuse (exit 1) while the draft has error findings."
        ),
        comments: bool = typer.Option(
            False,
            "--comments",
            help="docx: attach each finding as a Word comment (批注) on the words it quotes, author zongjie.",
        ),
        wait: bool = WAIT,
    ) -> None:
        """Export the draft (hand edits included) to Word, HTML or Markdown.

        .docx: GB/T 9704 layout, a metrics table and a this-year/last-year chart per function.

        An existing output file that zongjie did not write is kept as FILE.bak (then FILE.bak2, …).

        Example: zongjie export out --format docx -o 年度工作总结.docx
        """
        from zongjie.export import ExportRefused, export_workspace
        from zongjie.workspace.lock import workspace_lock

        try:
            with workspace_lock(workspace, command="export", wait=wait):
                result = export_workspace(
                    workspace, fmt, out, charts=not no_charts, strict=strict, comments=comments
                )
        except ExportRefused as exc:
            print_findings([f for f in exc.findings if f.is_error])
            raise
        for warning in result.warnings:
            say(f"warning: {warning}")
        if result.backup:
            say(f"backup kept: {result.backup}")
        errors = result.errors
        if errors:
            say(f"{len(errors)} error finding(s) in the draft (exported anyway; --strict refuses):")
            print_findings(errors)
        charts = f", {result.charts} chart(s)" if result.charts else ""
        notes = f", {result.comments} comment(s)" if comments else ""
        typer.echo(f"exported: {result.path}{charts}{notes}")
