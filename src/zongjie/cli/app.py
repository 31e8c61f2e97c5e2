"""The `zongjie` command. Each command lives in its own module with a `register(app)` function."""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TextIO

import typer

from zongjie.errors import ZongjieError
from zongjie.redact import RedactingStream, redact

app = typer.Typer(
    name="zongjie",
    help="Drafts Chinese annual work summaries (年度工作总结) from a facts file — every number traced to a fact.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


_debug: list[bool] = []


@app.callback()
def _root(
    debug: bool = typer.Option(
        False, "--debug", help="On an internal error, print the traceback (for a bug report)."
    ),
) -> None:
    """zongjie: 年度工作总结 drafts from facts — offline by default, any OpenAI-compatible model on request.

    Start: zongjie init facts.yaml; zongjie check facts.yaml; zongjie draft facts.yaml -o out
    """
    if debug:
        _debug.append(True)


_registered: list[bool] = []


def _register_all() -> None:
    # Command modules import their heavy dependencies inside the commands, so `zongjie --help` stays fast.
    from zongjie.cli import commands

    if not _registered:
        for module in commands.MODULES:
            module.register(app)
        _registered.append(True)


def _fail(message: str, code: int) -> None:
    typer.secho(f"zongjie: {redact(message)}", fg=typer.colors.RED, err=True)
    sys.exit(code)


@contextmanager
def _redacted_output() -> Iterator[None]:
    """Everything printed while a command runs passes zongjie.redact (the key, Authorization values, URL
    credentials are masked), whoever prints it: our messages, rich, a traceback under --debug."""
    saved: tuple[TextIO, TextIO] = (sys.stdout, sys.stderr)
    sys.stdout, sys.stderr = RedactingStream(sys.stdout), RedactingStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


@contextmanager
def _interrupt_says_so() -> Iterator[None]:
    """Ctrl-C prints "interrupted" and exits 130 (typer would exit 130 silently). Cleanup still runs: the
    handler raises KeyboardInterrupt, so atomic writes and the workspace lock unwind as before."""

    def handler(signum: int, frame: FrameType | None) -> None:
        print("zongjie: interrupted", file=sys.stderr, flush=True)
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread (a test runner, the web server): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def main(argv: list[str] | None = None) -> None:
    """Runs the CLI; always ends in SystemExit with the exit code (0 ok, 1 findings or an internal error,
    2 bad input, 130 interrupted). An unexpected exception is "internal error — please report", with the
    traceback only under --debug (or ZONGJIE_DEBUG=1)."""
    _register_all()
    _debug.clear()
    with _redacted_output(), _interrupt_says_so():
        try:
            app(args=argv)
        except ZongjieError as exc:
            _fail(str(exc), exc.exit_code)
        except OSError as exc:
            # A path that cannot be read or written (a file where a folder is expected, no permission, disk
            # full) is the user's to fix: say which path, no traceback.
            where = f"{exc.filename}: " if exc.filename else ""
            _fail(f"{where}{exc.strerror or exc}", 2)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except RecursionError:
            _fail("the input is nested too deeply to read (a facts, notes or state file?)", 2)
        except MemoryError:
            _fail("out of memory reading the input; is it the right file?", 2)
        except Exception as exc:
            if _debug or os.environ.get("ZONGJIE_DEBUG"):
                traceback.print_exc()
            hint = "" if _debug else " (run again with --debug for the details)"
            _fail(
                f"internal error — please report it at the project's issue tracker: {type(exc).__name__}{hint}",
                1,
            )
