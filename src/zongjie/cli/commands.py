"""The list of command modules; each exposes `register(app: typer.Typer) -> None`."""

from __future__ import annotations

from types import ModuleType

from zongjie.cli import draft_cmds, facts_cmds

MODULES: list[ModuleType] = [draft_cmds, facts_cmds]
