"""The list of command modules; each exposes `register(app: typer.Typer) -> None`."""

from __future__ import annotations

from types import ModuleType

from zongjie.cli import doctor, export, facts, lint, notes, serve, workbook, workspace

MODULES: list[ModuleType] = [workspace, facts, lint, export, notes, workbook, doctor, serve]
