"""The `zongjie` command. Each command lives in its own module with a `register(app)` function."""

from __future__ import annotations

import sys

import typer

from zongjie.errors import ZongjieError

app = typer.Typer(
    name="zongjie",
    help="Drafts Chinese annual work summaries (年度工作总结) from a facts file — every number traced to a fact.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """zongjie: 年度工作总结 drafts from facts — offline by default, any OpenAI-compatible model on request.

    Start: zongjie init facts.yaml; zongjie check facts.yaml; zongjie draft facts.yaml -o out
    """


_registered: list[bool] = []


def _register_all() -> None:
    # Command modules import their heavy dependencies inside the commands, so `zongjie --help` stays fast.
    from zongjie.cli import commands

    if not _registered:
        for module in commands.MODULES:
            module.register(app)
        _registered.append(True)


def main(argv: list[str] | None = None) -> None:
    """Runs the CLI; always ends in SystemExit with the exit code (0 ok, 1 findings, 2 bad input)."""
    _register_all()
    try:
        app(args=argv)
    except ZongjieError as exc:
        typer.secho(f"zongjie: {exc}", fg=typer.colors.RED, err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        # A path that cannot be read or written (a file where a folder is expected, no permission, disk
        # full) is the user's to fix: say which path, no traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        typer.secho(f"zongjie: {where}{exc.strerror or exc}", fg=typer.colors.RED, err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("zongjie: interrupted", err=True)
        sys.exit(130)
