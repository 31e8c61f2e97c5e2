"""The list of command modules; each exposes `register(app: typer.Typer) -> None`."""

from __future__ import annotations

from types import ModuleType

from zongjie.cli import doctor, edits, export, facts, lint, notes, serve, workbook, workspace

MODULES: list[ModuleType] = [workspace, edits, facts, lint, export, notes, workbook, doctor, serve]
