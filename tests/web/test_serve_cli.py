"""`zongjie serve`: binds this machine by default, warns for any other address, clear messages for a bad
folder or a taken port. uvicorn itself is replaced: these tests check what happens before it starts."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from cli_helpers import run_cli


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_binds_localhost_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], started: list[dict[str, Any]]
) -> None:
    port = _free_port()
    code, out, err = run_cli(capsys, "serve", str(tmp_path / "new"), "--port", str(port))
    assert code == 0, err
    assert started[0]["host"] == "127.0.0.1" and started[0]["port"] == port
    assert (tmp_path / "new").is_dir() and f"http://127.0.0.1:{port}/" in out
    assert "warning" not in err


def test_another_host_prints_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], started: list[dict[str, Any]]
) -> None:
    code, _, err = run_cli(capsys, "serve", str(tmp_path), "--host", "0.0.0.0", "--port", str(_free_port()))
    assert code == 0 and "warning: listening on 0.0.0.0" in err
    assert started[0]["host"] == "0.0.0.0"


def test_a_taken_port_and_a_file_are_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], started: list[dict[str, Any]]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = run_cli(capsys, "serve", str(tmp_path), "--port", str(port))
    assert code == 2 and f"cannot listen on 127.0.0.1:{port}" in err
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    code, _, err = run_cli(capsys, "serve", str(tmp_path / "f.txt"))
    assert code == 2 and "not a folder" in err
    assert not started


def test_the_served_app_answers_only_this_machine_and_open_opens_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    started: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading
    import webbrowser

    from fastapi.testclient import TestClient

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url))
    monkeypatch.setattr(
        threading, "Timer", lambda delay, fn, args: type("T", (), {"start": lambda self: fn(*args)})()
    )
    port = _free_port()
    code, _, err = run_cli(capsys, "serve", str(tmp_path), "--port", str(port), "--open")
    assert code == 0, err
    assert opened == [f"http://127.0.0.1:{port}/"]
    app = started[0]["app"]
    assert TestClient(app, base_url=f"http://127.0.0.1:{port}").get("/").status_code == 200
    assert TestClient(app, base_url="http://attacker.example").get("/").status_code == 403
