"""Printing helpers shared by commands: progress per section on a TTY, quiet when piped."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from typing import Any

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
    """One line per finished section, and while a model writes, a live line per section with its tokens so
    far and tokens per second (a slow local model is seen to be alive). Nothing when output is piped."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._console: Any = None
        self._live: Any = None
        self._active: dict[str, tuple[int, float] | None] = {}  # None: waiting for the model
        self._drawn = 0.0

    def _start(self) -> None:
        from rich.console import Console
        from rich.live import Live

        if self._console is None:
            self._console = Console(stderr=True)
        if self._live is None:
            # No refresh thread: the display is redrawn from the events (at most 4 times a second).
            self._live = Live(console=self._console, transient=True, auto_refresh=False)
            self._live.start()

    def __call__(self, section_id: str, what: str) -> None:
        if not self.enabled:
            return
        self._start()
        marks = {"start": "…", "done": "✓", "kept": "=", "edited": "✎", "failed": "✗"}
        labels = {
            "start": "writing",
            "done": "written",
            "kept": "unchanged",
            "edited": "kept (edited by hand)",
        }
        if what == "start":
            self._active[section_id] = None
        else:
            self._active.pop(section_id, None)
            self._console.print(f"  {marks.get(what, '?')} {section_id:<24} {labels.get(what, what)}")
        self._refresh()

    def tokens(self, section_id: str, tokens: int, seconds: float) -> None:
        if self.enabled and section_id in self._active:
            self._active[section_id] = (tokens, seconds)
            if time.monotonic() - self._drawn >= 0.25:
                self._refresh()

    def _refresh(self) -> None:
        if self._live is None:
            return
        if not self._active:
            self._live.stop()
            self._live = None
            return
        self._drawn = time.monotonic()
        lines = "\n".join(progress_line(k, v) for k, v in self._active.items())
        self._live.update(lines, refresh=True)


def progress_line(section_id: str, state: tuple[int, float] | None) -> str:
    if state is None or state[0] == 0:
        return f"  … {section_id:<24} waiting for the model"
    tokens, seconds = state
    rate = f", {tokens / seconds:.1f} tokens/s" if seconds > 0.5 else ""
    return f"  … {section_id:<24} {tokens} tokens{rate}"
