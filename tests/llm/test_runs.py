"""Whole runs through the real CLI: a failing section, the cache, regen, resume, and the API key."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cli_helpers import run_cli

from .answers import Responder, section_of
from .conftest import FULL
from .fake_server import FakeServer, Scripted, error, ok

SECRET = "sk-test-7f3a9c1e5b2d4a6f"


def draft(
    capsys: pytest.CaptureFixture[str], server: FakeServer, out: Path, *extra: str
) -> tuple[int, str, str]:
    return run_cli(
        capsys, "draft", str(FULL), "-o", str(out), "--base-url", server.url, "--model", "m", *extra
    )


def report(out: Path) -> dict[str, dict[str, object]]:
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {s["id"]: s for s in data["sections"]}


def test_a_failing_section_falls_back_and_the_run_exits_1(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    responder = Responder(FULL)

    def reply(request: dict[str, object]) -> Scripted:
        if section_of(request) == "plans":  # owner changed, as the small model did: never accepted
            return ok(
                {
                    "items": [
                        {
                            "fact_id": "plans[0]",
                            "goal": "设备完好率提升至99.5%",
                            "measures": ["完成项目"],
                            "target": "",
                            "deadline": "2026年10月1日",
                            "owner": "物业后勤科",
                        }
                    ]
                }
            )
        return responder(request)

    server.responder = reply
    out = tmp_path / "out"
    code, stdout, stderr = draft(capsys, server, out, "--jobs", "8")
    assert code == 1, stderr
    sections = report(out)
    assert sections["plans"]["status"] == "fallback"
    assert any(f["rule"] == "llm-fallback" for f in sections["plans"]["findings"])  # type: ignore[attr-defined]
    assert all(s["status"] == "ok" for k, s in sections.items() if k != "plans")
    assert "工程主管李明" in (out / "draft.md").read_text(
        encoding="utf-8"
    )  # the offline text keeps the owner
    plan_calls = [r for r in server.requests if section_of(r) == "plans"]
    assert len(plan_calls) == 3 and server.calls == 12 + 3  # 12 other sections once, plans 1 + 2 repairs
    assert "offline fallback: plans" in stdout


def test_cache_makes_reruns_free_and_regen_costs_one_call(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZONGJIE_API_KEY", SECRET)
    server.responder = Responder(FULL)
    code, stdout, _ = draft(capsys, server, tmp_path / "a")
    assert code == 0 and server.calls == 13
    assert "13 model calls, 0 cached" in stdout

    code, stdout, _ = draft(capsys, server, tmp_path / "b")  # a fresh directory: every reply from the cache
    assert code == 0 and server.calls == 13
    assert "0 model calls, 13 cached" in stdout
    assert (tmp_path / "a" / "draft.md").read_text() == (tmp_path / "b" / "draft.md").read_text()

    code, _, _ = draft(capsys, server, tmp_path / "a")  # same directory: sections kept, no call either
    assert code == 0 and server.calls == 13

    code, _, _ = run_cli(capsys, "regen", str(tmp_path / "a"), "review-energy", "--hint", "突出LED改造")
    assert code == 0 and server.calls == 14
    assert "突出LED改造" in server.requests[-1]["messages"][1]["content"]
    assert server.requests[-1]["model"] == "m"  # regen reused the recorded endpoint and model

    code, _, _ = draft(capsys, server, tmp_path / "c", "--no-cache")
    assert code == 0 and server.calls == 27

    # The key went to the endpoint named in each draft; the plain regen reused the recorded local endpoint
    # without it (a key goes only to an endpoint the user configured in this run).
    keys = [h.get("authorization") for h in server.headers]
    assert keys[13] == "Bearer not-needed"
    assert all(k == f"Bearer {SECRET}" for i, k in enumerate(keys) if i != 13)  # the key was used …
    for path in [*tmp_path.rglob("*")]:  # … and written nowhere: workspaces, state, report, cache db
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    db = tmp_path / "cache" / "llm-cache.sqlite3"
    rows = sqlite3.connect(db).execute("SELECT count(*) FROM replies").fetchone()
    assert rows[0] >= 14


def test_changed_facts_cost_one_call_per_changed_section(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(FULL.read_text(encoding="utf-8"), encoding="utf-8")
    server.responder = Responder(facts)
    out = tmp_path / "out"
    assert (
        run_cli(capsys, "draft", str(facts), "-o", str(out), "--base-url", server.url, "--model", "m")[0] == 0
    )
    assert server.calls == 13
    facts.write_text(
        FULL.read_text(encoding="utf-8").replace("value: 24, unit: 次", "value: 26, unit: 次"),
        encoding="utf-8",
    )
    server.responder = Responder(facts)
    assert (
        run_cli(capsys, "draft", str(facts), "-o", str(out), "--base-url", server.url, "--model", "m")[0] == 0
    )
    assert [section_of(r) for r in server.requests[13:]] == ["review-environment"]


def test_auth_failure_stops_the_draft_with_exit_2(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    server.responder = lambda request: Scripted(status=401, body='{"error": {"message": "bad key"}}')
    code, _, stderr = draft(capsys, server, tmp_path / "out", "--jobs", "1")
    assert code == 2 and "ZONGJIE_API_KEY" in stderr
    assert server.calls == 1
    assert not (tmp_path / "out").exists()  # exit 2 leaves nothing written


def test_doctor_reports_the_working_method(capsys: pytest.CaptureFixture[str], server: FakeServer) -> None:
    body = '{"error": {"message": "Input should be \'text\' or \'json_object\'", "loc": ["response_format"]}}'
    server.push(ok("好的"), Scripted(status=500, body=body), ok('{"ok": true, "word": "后勤"}'))
    code, stdout, _ = run_cli(capsys, "doctor", "--base-url", server.url, "--model", "m")
    assert code == 0, stdout
    assert "✗ json_schema: not supported" in stdout and "✓ json_object: works" in stdout
    assert server.calls == 3


def test_doctor_exit_codes(capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path) -> None:
    assert run_cli(capsys, "doctor")[0] == 2  # nothing configured
    server.push(Scripted(status=401, body='{"error": {"message": "bad key"}}'))
    code, stdout, _ = run_cli(capsys, "doctor", "--base-url", server.url, "--model", "m")
    assert code == 2 and "ZONGJIE_API_KEY" in stdout
    code, stdout, _ = run_cli(capsys, "doctor", "--base-url", "http://127.0.0.1:9/v1", "--model", "m")
    assert code == 1 and "cannot reach" in stdout


def test_a_dead_endpoint_is_given_up_once_per_run(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    # After one section spends its retries, the other sections fall back at once instead of each
    # waiting through the same retries (a dead endpoint took minutes before).
    server.responder = lambda request: error(502, "bad gateway")
    code, _, err = draft(capsys, server, tmp_path / "o", "--jobs", "1")
    assert code == 1, err
    assert server.calls == 5  # 1 + 4 retries, for the first section only
    sections = report(tmp_path / "o")
    assert {s["status"] for k, s in sections.items() if k != "title"} == {"fallback"}
    assert (tmp_path / "o" / "draft.md").is_file()


def test_redraft_without_flags_reuses_the_recorded_model(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    server.responder = Responder(FULL)
    out = tmp_path / "o"
    assert draft(capsys, server, out)[0] == 0
    calls = server.calls
    # No endpoint flags: the model recorded in the workspace is used again, nothing is rewritten offline.
    code, _, stderr = run_cli(capsys, "draft", str(FULL), "-o", str(out))
    assert code == 0, stderr
    assert "recorded in the workspace" in stderr and server.calls == calls
    assert {s["writer"] for k, s in report(out).items() if k != "title"} == {"llm:m"}
    # --offline is the explicit way to leave the model.
    code, _, stderr = run_cli(capsys, "draft", str(FULL), "-o", str(out), "--offline")
    assert code == 0, stderr
    assert {s["writer"] for s in report(out).values()} == {"offline"}


def test_auth_failure_on_an_existing_workspace_keeps_its_state(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run_cli(capsys, "draft", str(FULL), "-o", str(out))[0] == 0  # offline
    state = (out / ".zongjie" / "state.json").read_text(encoding="utf-8")
    server.responder = lambda request: Scripted(status=401, body='{"error": {"message": "bad key"}}')
    assert draft(capsys, server, out, "--jobs", "1")[0] == 2
    assert json.loads((out / ".zongjie" / "state.json").read_text(encoding="utf-8"))["endpoint"] is None
    # The next plain run stays offline: the rejected endpoint was never recorded.
    code, _, stderr = run_cli(capsys, "draft", str(FULL), "-o", str(out))
    assert code == 0 and "writer: offline" in stderr, stderr
    assert json.loads(state)["endpoint"] is None


def test_keep_mode_reports_a_failing_section_as_flagged(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    responder = Responder(FULL)
    bad = {"paragraphs": ["全年完成设备巡检1300次。"], "fact_ids": []}

    def reply(request: dict[str, object]) -> Scripted:
        return ok(bad) if section_of(request) == "review-facilities" else responder(request)

    server.responder = reply
    out = tmp_path / "out"
    code, _, stderr = draft(capsys, server, out, "--on-fail", "keep")
    assert code == 1, stderr
    sections = report(out)
    facilities = sections["review-facilities"]
    # It never passed: "repaired" would say it did. The kept text carries its errors.
    assert facilities["status"] == "flagged"
    rules = {f["rule"] for f in facilities["findings"] if f["severity"] == "error"}  # type: ignore[attr-defined]
    assert {"llm-invalid", "number-mismatch"} <= rules
    assert "1300" in (out / "draft.md").read_text(encoding="utf-8")
    assert all(s["status"] == "ok" for k, s in sections.items() if k != "review-facilities")


def test_usage_line_counts_only_this_runs_requests(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    server.responder = Responder(FULL)
    out = tmp_path / "out"
    assert draft(capsys, server, out)[0] == 0
    calls = server.calls
    code, stdout, _ = draft(capsys, server, out)  # every section kept: the server sees nothing
    assert code == 0 and server.calls == calls
    assert "model calls" not in stdout or " 0 model calls" in stdout, stdout
