"""The list of command modules; each exposes `register(app: typer.Typer) -> None`."""

from __future__ import annotations

from types import ModuleType

from zongjie.cli import doctor, draft_cmds, export_cmd, facts_cmds, lint_cmd, notes_cmds

MODULES: list[ModuleType] = [draft_cmds, facts_cmds, lint_cmd, export_cmd, notes_cmds, doctor]
