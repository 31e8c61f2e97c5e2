"""Printing helpers shared by commands: progress per section on a TTY, quiet when piped."""

from __future__ import annotations

import sys
from collections.abc import Iterable

import typer

from zongjie.finding import Finding


def is_tty() -> bool:
    return sys.stderr.isatty()


def say(message: str) -> None:
    typer.echo(message, err=True)


def print_findings(findings: Iterable[Finding], *, limit: int = 40) -> None:
    """Findings in the layout `zongjie lint` prints (grouped by section), on stderr, coloured by severity."""
    from zongjie.lint.report import text_lines

    items = list(findings)
    for line, f in text_lines(items[:limit]):
        color = None if f is None else typer.colors.RED if f.is_error else typer.colors.YELLOW
        typer.secho(line, fg=color, err=True)
    if len(items) > limit:
        say(f"  … and {len(items) - limit} more (see report.json)")


class SectionProgress:
    """One line per section: rich live display on a terminal, nothing when output is piped."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._console: object | None = None

    def __call__(self, section_id: str, what: str) -> None:
        if not self.enabled:
            return
        from rich.console import Console

        if self._console is None:
            self._console = Console(stderr=True)
        assert isinstance(self._console, Console)
        marks = {"start": "…", "done": "✓", "kept": "=", "edited": "✎", "failed": "✗"}
        labels = {
            "start": "writing",
            "done": "written",
            "kept": "unchanged",
            "edited": "kept (edited by hand)",
        }
        if what != "start":
            self._console.print(f"  {marks.get(what, '?')} {section_id:<24} {labels.get(what, what)}")
