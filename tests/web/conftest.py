"""A served folder and a TestClient over it. Errors must come back as pages, so server exceptions are not
re-raised into the test (a traceback would be a failure the page shows, which the tests check for)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zongjie.web.app import make_app


@pytest.fixture
def served(tmp_path: Path) -> Path:
    root = tmp_path / "summaries"
    root.mkdir()
    return root


@pytest.fixture
def client(served: Path) -> Iterator[TestClient]:
    with TestClient(make_app(served), raise_server_exceptions=False) as c:
        yield c
