"""Runtime data shipped with zongjie: prompts/ and fixtures/. In a wheel they live in zongjie/_data;
in a source checkout (editable install) they are the repository's top-level folders."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`name` is "prompts" or "fixtures". Raises FileNotFoundError naming both places looked at."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / name  # src/zongjie → repository root
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"zongjie data folder {name!r} not found in {installed} or {checkout}")
