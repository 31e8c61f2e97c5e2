"""Servers that do not stream, and surprises inside one section's call, through the real CLI: a gateway that
answers `stream: true` with one chat.completion JSON body is read as the complete answer; a 200 body that
is no completion, or any unexpected exception, is that section's failure (offline text, report.json), never
an internal error or a half-made workspace."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cli_helpers import run_cli
from zongjie.llm.client import ChatClient
from zongjie.llm.types import Reply

from .answers import Responder, section_of
from .conftest import FULL
from .fake_server import FakeServer, Scripted

SECRET = "sk-test-4c1d9e7a2b6f8a3e"


def draft(capsys: pytest.CaptureFixture[str], server: FakeServer, out: Path) -> tuple[int, str, str]:
    args = ("draft", str(FULL), "-o", str(out), "--base-url", server.url, "--model", "m")
    return run_cli(capsys, *args)


def sections(out: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {s["id"]: s for s in data["sections"]}


def test_a_server_that_ignores_stream_true_is_read_as_complete_answers(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    server.responder = Responder(FULL)
    server.streams = False  # every answer: Content-Type application/json, object chat.completion
    out = tmp_path / "out"
    code, _stdout, stderr = draft(capsys, server, out)
    assert code == 0, stderr
    assert "internal error" not in stderr
    assert all(r.get("stream") is True for r in server.requests)  # we asked for streams every time
    report = sections(out)
    assert {s["status"] for s in report.values()} == {"ok"}
    assert server.calls == 13  # one call per model section: no retry, no re-ask
    # the usage of the JSON body is counted as a stream's final chunk would be
    assert all(s["usage"]["completion_tokens"] == 50 for k, s in report.items() if k != "title")
    assert len(list((out / "sections").glob("*.md"))) == len(report)


def test_a_200_body_that_is_no_completion_is_that_sections_failure(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    responder = Responder(FULL)

    def reply(request: dict[str, Any]) -> Scripted:
        if section_of(request) == "plans":  # a proxy's own JSON in a 200, whatever was asked
            return Scripted(body=json.dumps({"status": "queued", "detail": "try later"}))
        return responder(request)

    server.responder = reply
    out = tmp_path / "out"
    code, _stdout, stderr = draft(capsys, server, out)
    assert code == 1, stderr
    assert "internal error" not in stderr and "Traceback" not in stderr
    report = sections(out)
    assert report["plans"]["status"] == "fallback"
    message = " ".join(f["message"] for f in report["plans"]["findings"])
    assert "模型调用失败" in message and "not a chat completion" in message
    assert all(s["status"] == "ok" for k, s in report.items() if k != "plans")
    assert (out / "draft.md").is_file()


def test_an_unexpected_exception_in_one_call_falls_back_with_a_redacted_message(
    capsys: pytest.CaptureFixture[str],
    server: FakeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server.responder = Responder(FULL)
    monkeypatch.setenv("ZONGJIE_API_KEY", SECRET)
    real = ChatClient.complete

    async def complete(self: ChatClient, messages: Any, *args: Any, **kw: Any) -> Reply:
        if "重点工作计划" in messages[-1].content or "plans[0]" in messages[-1].content:
            raise RuntimeError(f"something odd in the SDK (Authorization: Bearer {SECRET})")
        return await real(self, messages, *args, **kw)

    monkeypatch.setattr(ChatClient, "complete", complete)
    out = tmp_path / "out"
    code, stdout, stderr = draft(capsys, server, out)
    assert code == 1, stderr
    assert "internal error" not in stderr
    report = sections(out)
    assert report["plans"]["status"] == "fallback"
    finding = next(f for f in report["plans"]["findings"] if f["rule"] == "llm-fallback")
    assert "意外错误" in finding["message"] and "RuntimeError" in finding["message"]
    assert all(s["status"] == "ok" for k, s in report.items() if k != "plans")
    files = [p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file()]
    assert not any(SECRET in text for text in files) and SECRET not in stdout + stderr
