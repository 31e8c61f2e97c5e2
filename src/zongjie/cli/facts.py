"""`init`, `check`, `schema`: working with the facts file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from zongjie.cli.output import say
from zongjie.errors import BadInput


def register(app: typer.Typer) -> None:
    @app.command()
    def init(
        path: Path = typer.Argument(Path("facts.yaml"), help="Where to write the template."),
        profile: str = typer.Option("property", help="property | school | hospital | enterprise"),
        year: int | None = typer.Option(
            None, help="The year the summary covers (default: this year from November on)."
        ),
        force: bool = typer.Option(False, "--force", help="Replace an existing file (a backup is kept)."),
        example: bool = typer.Option(
            False, "--example", help="Write the complete example for the profile instead."
        ),
        source: Path | None = typer.Option(
            None,
            "--from",
            help="Last year's facts file: carry its metrics (value → previous) and plans (→ commitments).",
        ),
        out: Path | None = typer.Option(None, "--out", "-o", help="Where to write (same as PATH)."),
    ) -> None:
        """Write a commented facts template for a profile (or, with --example, a complete example; with
        --from, next year's file started from last year's).

        Example: zongjie init facts.yaml --profile property --year 2025
        Example: zongjie init --from facts-2024.yaml -o facts-2025.yaml
        """
        from zongjie import profiles
        from zongjie.facts.model import default_year
        from zongjie.facts.template import template
        from zongjie.files import replace_keeping_backup
        from zongjie.resources import data_dir

        path = out or path
        spec = profiles.load(profile)
        if path.is_dir():
            raise BadInput(f"{path} is a directory; give the facts file's name, e.g. {path / 'facts.yaml'}")
        if path.exists() and not force:
            raise BadInput(f"{path} exists; choose another path or use --force (a backup is kept)")
        if source is not None:
            from zongjie.facts.carry import carry_forward
            from zongjie.facts.load import load

            if example:
                raise BadInput("--from and --example cannot be used together")
            text = carry_forward(load(source), source.name)
        elif example:
            found = sorted(data_dir("fixtures").glob(f"{spec.id}-*.yaml"))
            if not found:
                raise BadInput(f"--example: no example facts file ships for profile {profile!r}")
            text = next((p for p in found if p.stem.endswith("full")), found[0]).read_text(encoding="utf-8")
        else:
            text = template(spec, year or default_year(dt.date.today()))
        backup = replace_keeping_backup(path, text)
        if backup is not None:
            say(f"backup kept: {backup}")
        typer.echo(f"wrote {path}: fill it in, then `zongjie check {path}`")

    @app.command()
    def check(
        facts: Path = typer.Argument(..., help="Facts file (YAML or JSON)."),
        strict: bool = typer.Option(False, "--strict", help="Exit 1 when the gap report is not empty."),
    ) -> None:
        """Validate a facts file and print the gap report (missing indicators, 同比, causes, owners...).

        Example: zongjie check fixtures/property-full.yaml
        """
        from zongjie.facts.derive import fmt
        from zongjie.facts.gaps import gaps, stated_changes
        from zongjie.facts.load import load

        loaded = load(facts)
        found = gaps(loaded)
        stated = stated_changes(loaded)
        if stated:
            typer.echo(f"{facts}: {len(stated)} change(s) stated in words, drafted as written:")
            for where, m in stated:
                assert m.change is not None
                c = m.change
                sign = "+" if c.direction == "up" else "−"
                about = {"约": "about ", "近": "nearly ", "余": "over "}.get(
                    c.hedge, "about " if c.cheng else ""
                )
                checked = "agrees with value and previous" if m.previous is not None else "previous unknown"
                typer.echo(
                    f"  - {where}: {m.name} {c.text} ({about}{sign}{fmt(c.amount)}{c.unit}; {checked})"
                )
        if not found:
            typer.echo(f"{facts}: valid, no gaps")
            return
        typer.echo(f"{facts}: valid; {len(found)} gap(s) a reader will notice:")
        for gap in found:
            typer.echo(f"  - {gap.where}: {gap.message}")
        if strict:
            raise typer.Exit(1)

    @app.command()
    def schema() -> None:
        """Print the facts file's JSON Schema (for editor validation).

        Example: zongjie schema > facts.schema.json
        """
        import json

        from zongjie.facts.model import Facts

        typer.echo(json.dumps(Facts.model_json_schema(), ensure_ascii=False, indent=2))
