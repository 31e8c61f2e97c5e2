"""Ctrl-C during a draft: "interrupted", exit 130, the lock released and no temp file left (issue 15)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .answers import Responder
from .conftest import FULL
from .fake_server import FakeServer


def test_sigint_says_interrupted_and_leaves_a_usable_workspace(server: FakeServer, tmp_path: Path) -> None:
    responder = Responder(FULL)

    def slow(request: dict[str, object]):  # type: ignore[no-untyped-def]
        reply = responder(request)
        reply.delay = 3.0
        return reply

    server.responder = slow
    out = tmp_path / "ws"
    env = {**os.environ, "ZONGJIE_RETRIES": "0"}
    cmd = [sys.executable, "-m", "zongjie", "draft", str(FULL), "-o", str(out), "--base-url", server.url]
    proc = subprocess.Popen([*cmd, "--model", "m", "-j", "1"], stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 30
    while server.calls < 1 and time.monotonic() < deadline:  # a section under way
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert err.count("interrupted") == 1 and "Traceback" not in err
    assert not list(out.rglob("*.tmp"))
    lock = out / ".zongjie" / "lock"
    assert not lock.exists() or lock.read_text(encoding="utf-8") == ""  # released cleanly, not stale
