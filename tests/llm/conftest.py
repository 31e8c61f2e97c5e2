from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from zongjie.config import Settings, load_settings

from .fake_server import FakeServer

ROOT = Path(__file__).resolve().parents[2]
FULL = ROOT / "fixtures" / "property-full.yaml"


@pytest.fixture
def server() -> Iterator[FakeServer]:
    srv = FakeServer().start()
    yield srv
    srv.stop()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user config, key or cache leaks into a test."""
    for name in (
        "ZONGJIE_API_KEY",
        "OPENAI_API_KEY",
        "ZONGJIE_BASE_URL",
        "ZONGJIE_MODEL",
        "ZONGJIE_PROVIDER",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ZONGJIE_BACKOFF", "0.01")
    monkeypatch.setenv("ZONGJIE_BACKOFF_MAX", "0.05")
    # The fake server answers many requests at once; a local server is otherwise sent one at a time.
    monkeypatch.setenv("ZONGJIE_JOBS", "4")
    monkeypatch.chdir(tmp_path)  # no .env / zongjie.toml from the repository


@pytest.fixture
def settings_for(tmp_path: Path) -> object:
    def make(server: FakeServer, **kw: object) -> Settings:
        base: dict[str, object] = {"base_url": server.url, "model": "m", "timeout": 2.0}
        base.update(kw)
        return load_settings(**base)

    return make


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """An unclosed connection of the model layer fails its test (the session owns and closes its client)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.filterwarnings("error::ResourceWarning"))
            item.add_marker(pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning"))
