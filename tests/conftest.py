"""Shared test helpers. Network is blocked by pytest-socket (see pyproject addopts) except 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red build is a defect in the change, not a new draw); developers keep
# random exploration, which is how bugs like the one in test_any_metrics_are_stated_faithfully's @example turn up.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


@pytest.fixture
def full_facts() -> Path:
    return FIXTURES / "property-full.yaml"


@pytest.fixture
def small_facts() -> Path:
    return FIXTURES / "property-small.yaml"


@pytest.fixture(autouse=True)
def _isolated_config(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads the developer's own zongjie.toml/.env/keys or writes to the real cache."""
    for var in ("ZONGJIE_API_KEY", "OPENAI_API_KEY", "ZONGJIE_BASE_URL", "ZONGJIE_MODEL", "ZONGJIE_PROVIDER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
