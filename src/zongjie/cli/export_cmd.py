"""`export`: the workspace's draft.md as .docx (公文 layout), one-file .html, or .md."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

import typer

from zongjie.cli.output import print_findings, say

if TYPE_CHECKING:
    from zongjie.export import Format


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        workspace: Path = typer.Argument(..., help="Workspace directory made by `zongjie draft`."),
        fmt: str = typer.Option("docx", "--format", "-f", help="docx | html | md"),
        out: Path | None = typer.Option(
            None, "--output", "-o", help="Output file (default: DIR/<title>.<format>)."
        ),
        no_charts: bool = typer.Option(
            False, "--no-charts", help="Leave out the this-year/last-year charts."
        ),
        strict: bool = typer.Option(
            False, "--strict", help="Refuse (exit 1) while the draft has error findings."
        ),
    ) -> None:
        """Export the draft (hand edits included) to Word, HTML or Markdown.

        .docx: GB/T 9704 layout, a metrics table and a this-year/last-year chart per function.

        An existing output file that zongjie did not write is kept as FILE.bak.

        Example: zongjie export out --format docx -o 年度工作总结.docx
        """
        from zongjie.errors import BadInput
        from zongjie.export import FORMATS, ExportRefused, export_workspace

        if fmt not in FORMATS:
            raise BadInput(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
        try:
            result = export_workspace(
                workspace, cast("Format", fmt), out, charts=not no_charts, strict=strict
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
        typer.echo(f"exported: {result.path}{charts}")
