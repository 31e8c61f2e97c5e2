"""Options shared by several commands, defined once so their names and help read the same everywhere."""

from __future__ import annotations

import typer

PROVIDER = typer.Option(None, "--provider", help="deepseek|qwen|moonshot|zhipu|openai|ollama|llamacpp|vllm")
BASE_URL = typer.Option(
    None, "--base-url", help="Any OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1"
)
MODEL = typer.Option(None, "--model", help="Model name at the endpoint.")
TIMEOUT = typer.Option(
    None, "--timeout", help="Seconds without a new token before a model call is given up (default 60)."
)
RPM = typer.Option(None, "--rpm", help="Requests per minute the provider allows (calls are spaced to fit).")
NO_CACHE = typer.Option(None, "--no-cache", help="Do not use the local response cache.")
JOBS = typer.Option(
    None,
    "--jobs",
    "-j",
    help="Sections generated at once (default 4; a local server gets no more at once than it serves, 1 unless it says).",
)
ON_FAIL = typer.Option(
    None, "--on-fail", help="keep|offline: what to do with a section the model keeps failing."
)
OFFLINE = typer.Option(False, "--offline", help="Use the offline writer even if a model is configured.")
PROFILE = typer.Option(
    None,
    "--profile",
    help="Profile whose 职能 and indicators the notes map to (property, school, hospital, enterprise); "
    "default: inferred from the notes' words, and said.",
)
WAIT = typer.Option(
    False, "--wait", help="If another zongjie run is writing the workspace, wait for it instead of exiting 2."
)


def report_year(written: str | None) -> int | None:
    """--year as a user types it (2025, 2025年, 2025年度, 二〇二五年), read like `year:` in a facts file; anything
    else is bad input (exit 2) with a plain message, not a parser's traceback-like box."""
    from zongjie.errors import BadInput
    from zongjie.text.dates import DateError, parse_year

    if written is None:
        return None
    try:
        return parse_year(written)
    except DateError as e:
        raise BadInput(
            f"--year {written}: give the report year as four digits between 2000 and 2100, e.g. 2025 or 2025年"
        ) from e
