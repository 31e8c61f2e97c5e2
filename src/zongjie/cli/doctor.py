"""`doctor`: checks the model configuration and says what to fix."""

from __future__ import annotations

import typer

from zongjie.cli.options import BASE_URL, MODEL, NO_CACHE, PROVIDER, TIMEOUT


def register(app: typer.Typer) -> None:
    @app.command()
    def doctor(
        provider: str | None = PROVIDER,
        base_url: str | None = BASE_URL,
        model: str | None = MODEL,
        timeout: float | None = TIMEOUT,
        no_cache: bool | None = NO_CACHE,
    ) -> None:
        """Check the model setup: endpoint reachable, model answers, which structured-output method works.
        Exit 0 ok, 1 a problem with the endpoint or model, 2 bad configuration.

        Example: zongjie doctor --base-url http://127.0.0.1:8080/v1 --model qwen2.5-7b
        """
        from zongjie.config import load_settings
        from zongjie.llm.doctor import run_doctor

        settings = load_settings(
            provider=provider, base_url=base_url, model=model, timeout=timeout, no_cache=no_cache
        )
        raise typer.Exit(run_doctor(settings, lambda line: typer.echo(line)))
