"""Slow and local endpoints: streamed answers, silence (not length) as the timeout, a one-slot server's
queue, a refused connection, closed streams, the server's capacity, the rate limiter, tracing off.

The issue's case — 75 s per answer, a one-slot server, a 60 s silence timeout — runs here scaled by 1/150
(0.5 s per answer, 0.4 s of silence), the same ratio; bench/slow_server.py runs it at full scale."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cli_helpers import run_cli
from zongjie.config import Settings

from .answers import Responder
from .conftest import FULL
from .fake_server import FakeServer, Scripted, ok
from .helpers import new_writer, write
from .test_runs import report

MakeSettings = Callable[..., Settings]
SECTION = "review-facilities"
TINY = """\
report: {organization: 甲项目, department: 物业后勤科, profile: property, year: 2025}
functions:
  - key: facilities
    metrics:
      - {name: 设备巡检, value: 1248, unit: 次, previous: 1102}
"""


def slow(responder: Responder, seconds: float) -> Callable[[dict[str, object]], Scripted]:
    """Each answer takes `seconds`, its first token after a fifth of that (the prompt being read)."""

    def reply(request: dict[str, object]) -> Scripted:
        answer = responder(request)  # type: ignore[arg-type]
        answer.delay, answer.seconds, answer.token_chars = seconds / 5, seconds * 4 / 5, 4
        return answer

    return reply


def test_a_slow_stream_longer_than_the_timeout_is_not_cut_off(
    server: FakeServer, settings_for: MakeSettings
) -> None:
    responder = Responder(FULL)
    answer = responder(server_request(SECTION))
    answer.seconds, answer.token_chars = 1.2, 4  # ~100 chunks, 0.012 s apart; the whole answer 3× the timeout
    server.push(answer)
    seen: list[tuple[int, float]] = []
    writer = new_writer(settings_for(server, timeout=0.4))
    draft = write_with_progress(writer, SECTION, seen)
    assert (draft.status, server.calls) == ("ok", 1)
    assert seen[0] == (0, 0.0)  # sent: waiting for the first token
    tokens = [t for t, _ in seen]
    assert tokens == sorted(tokens) and tokens[-1] >= 50
    rate = tokens[-1] / seen[-1][1]
    assert 30 < rate < 400  # tokens per second, as a progress line shows it


def test_a_stalled_stream_is_closed_and_asked_again(server: FakeServer, settings_for: MakeSettings) -> None:
    responder = Responder(FULL)
    stalled = responder(server_request(SECTION))
    stalled.stall_after, stalled.token_chars = 3, 4  # three tokens, then silence
    server.push(stalled)
    server.responder = responder
    start = time.monotonic()
    draft = write(new_writer(settings_for(server, timeout=0.3)), SECTION)
    assert (draft.status, server.calls) == ("ok", 2)  # silence → retry, and the retry was answered
    assert time.monotonic() - start < 2.0
    deadline = time.monotonic() + 2
    while server.abandoned < 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.abandoned == 1  # the abandoned stream was closed: the server stopped generating it


def test_a_refused_connection_marks_the_endpoint_down_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    out = tmp_path / "out"
    start = time.monotonic()
    code, _, err = run_cli(
        capsys,
        "draft",
        str(FULL),
        "-o",
        str(out),
        "--base-url",
        f"http://127.0.0.1:{port}/v1",
        "--model",
        "m",
    )
    assert code == 1, err
    assert time.monotonic() - start < 10  # no retries, no per-section waiting
    sections = report(out)
    assert {s["status"] for k, s in sections.items() if k != "title"} == {"fallback"}
    usage = [s["usage"]["calls"] for s in sections.values()]  # type: ignore[index]
    assert sum(usage) <= 4  # each section in flight tried once; the rest were not tried at all
    assert "not tried again in this run" in (out / "report.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("props", [{"total_slots": 1}, None], ids=["slots-known", "slots-unknown"])
def test_a_one_slot_server_slower_than_the_timeout_with_four_jobs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, props: dict[str, int] | None
) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(TINY, encoding="utf-8")
    server = FakeServer(slots=1, props=props).start()
    try:
        server.responder = slow(Responder(facts), 0.5)  # 75 s an answer, scaled
        out = tmp_path / "out"
        args = ["--base-url", server.url, "--model", "m", "--timeout", "0.4"]  # 60 s, scaled
        run_cli(capsys, "draft", str(facts), "-o", str(out), "--jobs", "4", *args)  # exit 1: sections missing
        assert {s["status"] for k, s in report(out).items() if k != "title"} == {"ok"}
        assert server.calls == 3  # preface, review-facilities, closing: no timeout, no retry
        assert server.most_busy == 1
        run_cli(capsys, "regen", str(out), "review-facilities", "--timeout", "0.4")
        assert server.calls == 4 and report(out)["review-facilities"]["status"] == "ok"
    finally:
        server.stop()


def test_a_local_server_gets_as_many_requests_at_once_as_it_has_slots(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZONGJIE_JOBS")
    facts = tmp_path / "facts.yaml"
    facts.write_text(TINY, encoding="utf-8")
    for props, most in (({"total_slots": 2}, 2), (None, 1)):
        server = FakeServer(props=props).start()
        try:
            server.responder = slow(Responder(facts), 0.3)
            out = tmp_path / f"out{most}"
            run_cli(capsys, "draft", str(facts), "-o", str(out), "--base-url", server.url, "--model", "m")
            assert {s["status"] for k, s in report(out).items() if k != "title"} == {"ok"}
            assert server.most_busy == most
        finally:
            server.stop()


def test_requests_per_minute_space_the_calls(server: FakeServer, settings_for: MakeSettings) -> None:
    server.responder = Responder(FULL)
    writer = new_writer(settings_for(server, rpm=300))  # one request every 0.2 s
    for section in ("preface", SECTION, "closing"):
        write(writer, section)
    gaps = [b - a for a, b in zip(server.arrivals, server.arrivals[1:], strict=False)]
    assert len(gaps) == 2 and min(gaps) >= 0.15


def test_langsmith_tracing_is_off_unless_zongjie_turns_it_on(
    server: FakeServer, settings_for: MakeSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from langchain_core.tracers.langchain import LangChainTracer, wait_for_all_tracers
    from langsmith import utils

    tracers: list[object] = []
    real_init = LangChainTracer.__init__

    def init(self: LangChainTracer, *args: object, **kwargs: object) -> None:
        tracers.append(self)  # langchain makes one per traced call
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(LangChainTracer, "__init__", init)
    server.responder = Responder(FULL)
    monkeypatch.setenv("LANGSMITH_TRACING", "true")  # set for some other tool on this machine
    monkeypatch.setenv("LANGSMITH_API_KEY", "lsv2-test")
    monkeypatch.setenv("LANGSMITH_ENDPOINT", server.url.removesuffix("/v1"))  # never the internet
    utils.get_env_var.cache_clear()  # langsmith reads its variables once per process
    try:
        write(new_writer(settings_for(server)), SECTION)
        assert tracers == []  # nothing is traced: the figures stay on this machine
        write(new_writer(settings_for(server, tracing=True, no_cache=True)), SECTION)
        assert tracers  # turned on in zongjie's own settings, it traces (so the check above can fail)
        wait_for_all_tracers()  # its uploads go to the fake server while it is still up
    finally:
        utils.get_env_var.cache_clear()


def test_doctor_says_whether_tracing_is_on(capsys: pytest.CaptureFixture[str], server: FakeServer) -> None:
    server.push(ok("好的"), ok('{"ok": true, "word": "后勤"}'))
    code, stdout, _ = run_cli(capsys, "doctor", "--base-url", server.url, "--model", "m")
    assert code == 0 and "LangSmith tracing: off" in stdout


def server_request(section: str) -> dict[str, object]:
    """A request as the fake server receives it, enough for Responder to answer `section`."""
    return {"messages": [{"role": "user", "content": f"节点标识：{section}"}]}


def write_with_progress(writer: object, section: str, seen: list[tuple[int, float]]) -> object:
    import asyncio

    from zongjie.llm.writer import LLMWriter

    from .helpers import TASKS

    assert isinstance(writer, LLMWriter)

    async def run() -> object:
        async with writer:
            return await writer.write(TASKS[section], progress=lambda t, s: seen.append((t, s)))

    return asyncio.run(run())
