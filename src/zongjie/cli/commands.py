"""The list of command modules; each exposes `register(app: typer.Typer) -> None`."""

from __future__ import annotations

from types import ModuleType

from zongjie.cli import doctor, export, facts, lint, notes, serve, workspace

MODULES: list[ModuleType] = [workspace, facts, lint, export, notes, doctor, serve]
