"""Shared steps of the web tests."""

from __future__ import annotations

from urllib.parse import unquote

from fastapi.testclient import TestClient


def sid_of(location: str) -> str:
    """The summary id in a redirect to /s/<id>/… (the header is percent-encoded: ids may be 汉字)."""
    return unquote(location).split("/")[2]


def new_summary(client: TestClient, profile: str = "school", organization: str = "城南实验中学") -> str:
    """Creates a summary from a profile; returns its id (from the redirect to its facts form)."""
    r = client.post(
        "/new",
        data={"profile": profile, "year": "2025", "organization": organization},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    location = r.headers["location"]
    assert location.startswith("/s/") and location.endswith("/facts")
    return sid_of(location)


def no_traceback(text: str) -> None:
    assert "Traceback" not in text and 'File "' not in text
