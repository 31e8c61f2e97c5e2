"""Fixtures for the export tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from export.export_helpers import FAKE_FONT, FIXTURES, make_workspace, tiny_png
from zongjie.export.fonts import CjkFont


@pytest.fixture
def fake_charts(monkeypatch: pytest.MonkeyPatch) -> Callable[[], CjkFont | None]:
    """A found font and a renderer that returns a small PNG: tests the font-found path on any machine."""
    monkeypatch.setattr("zongjie.export.charts.render", lambda metrics, font: tiny_png())
    monkeypatch.setattr("zongjie.export.fonts.missing_glyphs", lambda font, text: "")
    return lambda: FAKE_FONT


@pytest.fixture(scope="module")
def property_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workspace(FIXTURES / "property-full.yaml", tmp_path_factory.mktemp("ws") / "out")
