"""Asking again: regen and a section the model failed on reach the model; unchanged good sections do not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cli_helpers import run_cli

from .answers import Responder, section_of
from .conftest import FULL
from .fake_server import FakeServer, Scripted, ok
from .test_runs import draft, report


def test_regen_without_a_hint_asks_the_model_and_can_change_the_text(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    responder = Responder(FULL)
    seen: dict[str, int] = {}

    def reply(request: dict[str, Any]) -> Scripted:
        section = section_of(request)
        seen[section] = seen.get(section, 0) + 1
        answer = json.loads(responder.answer(section))
        if section == "review-energy" and seen[section] > 1:  # a second sample reads differently
            answer["paragraphs"] = list(reversed(answer["paragraphs"]))
        return ok(answer)

    server.responder = reply
    out = tmp_path / "out"
    assert draft(capsys, server, out)[0] == 0
    before = out / str(report(out)["review-energy"]["file"])
    first = before.read_text(encoding="utf-8")
    calls = server.calls

    code, stdout, stderr = run_cli(capsys, "regen", str(out), "review-energy")
    assert code == 0, stderr
    assert server.calls == calls + 1  # the cache is written, never read, by regen
    assert "1 model calls, 0 cached" in stdout
    assert before.read_text(encoding="utf-8") != first

    code, stdout, _ = draft(capsys, server, out)  # unchanged re-run: every section kept, nothing asked
    assert code == 0 and server.calls == calls + 1


def test_a_section_that_fell_back_is_asked_afresh_on_the_next_draft(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZONGJIE_MAX_REPAIRS", "1")
    responder = Responder(FULL)
    broken = {"on": True}

    def reply(request: dict[str, Any]) -> Scripted:
        if section_of(request) == "review-facilities" and broken["on"]:
            return ok({"paragraphs": ["全年完成设备巡检1300次。"], "fact_ids": []})  # never accepted
        return responder(request)

    server.responder = reply
    out = tmp_path / "out"
    assert draft(capsys, server, out)[0] == 1
    assert report(out)["review-facilities"]["status"] in ("fallback", "spliced")
    calls = server.calls

    broken["on"] = False  # the model would answer well now; the cache still holds the two failures
    code, _, stderr = draft(capsys, server, out)
    assert code == 0, stderr
    asked = [section_of(r) for r in server.requests[calls:]]
    assert asked == ["review-facilities"]  # only the failed section, and it reached the model
    assert report(out)["review-facilities"]["status"] == "ok"
