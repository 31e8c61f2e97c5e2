"""Against a real endpoint: ZONGJIE_LIVE_BASE_URL (and ZONGJIE_LIVE_MODEL, ZONGJIE_API_KEY). Skipped otherwise."""

from __future__ import annotations

import os

import pytest

from zongjie.config import load_settings

from .helpers import new_writer, write

pytestmark = [pytest.mark.live, pytest.mark.enable_socket]  # the one test allowed off 127.0.0.1


@pytest.mark.skipif(not os.environ.get("ZONGJIE_LIVE_BASE_URL"), reason="ZONGJIE_LIVE_BASE_URL not set")
def test_live_endpoint_writes_a_section() -> None:
    settings = load_settings(
        base_url=os.environ["ZONGJIE_LIVE_BASE_URL"],
        model=os.environ.get("ZONGJIE_LIVE_MODEL", "local"),
        timeout=300,
        no_cache=True,
    )
    draft = write(new_writer(settings), "plans")
    assert draft.status in ("ok", "repaired", "fallback")
    assert "工程主管李明" in draft.body  # whatever the model did, the owner survives (checked or offline)
    assert draft.usage.calls >= 1
