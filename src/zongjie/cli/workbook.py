"""`import`: an Excel 台账 into a facts file."""

from __future__ import annotations

from pathlib import Path

import typer

from zongjie.cli.options import report_year
from zongjie.cli.output import say


def ask_profile(choices: list[str]) -> str:
    """Asks on a terminal which profile a workbook is for (the workbook did not tell)."""
    import click

    say("The workbook does not tell which profile (物业/学校/医院/企业) it is for.")
    answer: str = typer.prompt(f"Profile ({' | '.join(choices)})", type=click.Choice(choices), err=True)
    return answer


def register(app: typer.Typer) -> None:
    @app.command(name="import")
    def import_(
        workbook: Path = typer.Argument(..., help="The 台账 workbook (.xlsx)."),
        out: Path | None = typer.Option(None, "--out", "-o", help="Facts file to write (default: print it)."),
        profile: str | None = typer.Option(
            None, "--profile", help="property | school | hospital | enterprise (default: inferred)."
        ),
        year: str | None = typer.Option(
            None, "--year", help="Report year when the workbook does not state it (2025, 2025年)."
        ),
        org: str | None = typer.Option(
            None, "--org", help="Organization (单位/项目) when the title row lacks it."
        ),
        department: str | None = typer.Option(
            None, "--department", help="Department (default: the profile's)."
        ),
        force: bool = typer.Option(
            False, "--force", help="Overwrite an output file you have edited (a backup is kept)."
        ),
    ) -> None:
        """Read a workbook (metrics sheets, and optional 问题/计划/亮点/案例 sheets) into a facts file; every
        entry names its sheet and cell, rows that cannot be read are listed with the reason.

        Example: zongjie import 台账.xlsx -o facts.yaml
        """
        from zongjie.workbook.importer import import_workbook, summary_lines, write

        imported = import_workbook(
            workbook, profile=profile, year=report_year(year), organization=org, department=department
        )
        backup = None
        if out is None:
            typer.echo(imported.text, nl=False)
        else:
            backup = write(imported, out, force=force)
        for line in summary_lines(imported, out):
            say(line)
        if backup is not None:
            say(f"backup kept: {backup}")
