"""The API key appears in no file and no output (issue 15, defects 5 and 6): hostile servers echo it back,
a model quotes it, a shared workspace points elsewhere — then every file the runs left, and everything
they printed, is searched for the key."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_helpers import run_cli
from zongjie.redact import redact, remember

from .answers import Responder
from .conftest import FULL
from .fake_server import FakeServer, Scripted

KEY = "sk-zongjie-FAKE-qwertyuiopasdfgh"  # no digits: a model quoting it adds no figure


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONGJIE_API_KEY", KEY)
    monkeypatch.setenv("ZONGJIE_RETRIES", "0")


def _echo(server: FakeServer, status: int) -> Scripted:
    """What a proxy that dumps the request in its error page sends back: the real Authorization header."""
    auth = server.headers[-1].get("authorization", "")
    body = json.dumps(
        {
            "error": {
                "message": f"bad request; you sent Authorization: {auth}",
                "headers": {"Authorization": auth},
            }
        }
    )
    return Scripted(status=status, body=body)


def _contents(path: Path) -> bytes:
    if path.suffix == ".docx":  # compressed: look inside
        with zipfile.ZipFile(path) as z:
            return b"".join(z.read(n) for n in z.namelist())
    return path.read_bytes()


def _leaks(root: Path, *outputs: str) -> list[str]:
    found = [str(p) for p in root.rglob("*") if p.is_file() and KEY.encode() in _contents(p)]
    return found + [f"output {i}" for i, text in enumerate(outputs) if KEY in text]


@pytest.fixture
def outputs() -> Iterator[list[str]]:
    yield []


def test_hostile_servers_and_workspaces_leave_the_key_nowhere(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path, keyed: None, outputs: list[str]
) -> None:
    def run(*args: str) -> int:
        code, out, err = run_cli(capsys, *args)
        outputs.extend([out, err])
        return code

    # 1. Every call answered 400 with the Authorization header echoed: sections fall back, report says why.
    server.responder = lambda request: _echo(server, 400)
    code = run("draft", str(FULL), "-o", str(tmp_path / "a"), "--base-url", server.url, "--model", "m")
    assert code in (1, 2) and server.calls >= 1
    assert server.headers[0]["authorization"] == f"Bearer {KEY}"  # the key was really sent (and echoed)

    # 2. A 500 that echoes it, seen by doctor.
    server.responder = lambda request: _echo(server, 500)
    assert run("doctor", "--base-url", server.url, "--model", "m") == 1
    assert "Authorization: ***" in outputs[-2] + outputs[-1]

    # 3. A model whose answers quote the key: sections, draft, cache, report.
    good = Responder(FULL)

    def quoting(request: dict[str, object]) -> Scripted:
        reply = json.loads(good(request).content or "{}")
        for v in reply.values():
            if isinstance(v, list) and v and isinstance(v[-1], str):
                v[-1] += f"（密钥 {KEY}）"
                break
        return Scripted(content=json.dumps(reply, ensure_ascii=False))

    server.responder = quoting
    run("draft", str(FULL), "-o", str(tmp_path / "b"), "--base-url", server.url, "--model", "m")
    run("export", str(tmp_path / "b"), "-f", "html", "--no-charts")
    run("export", str(tmp_path / "b"), "-f", "docx", "--no-charts")

    # 4. An internal error whose message holds the key, under --debug: the traceback is masked too.
    import zongjie.pipeline

    def broken(out: Path) -> None:
        raise RuntimeError(f"unexpected: token {KEY}")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(zongjie.pipeline, "reassemble", broken)
        assert run("--debug", "assemble", str(tmp_path / "b")) == 1
    assert "internal error" in outputs[-1] and "Traceback" in outputs[-1] and "token ***" in outputs[-1]

    # 5. Credentials in --base-url: refused before anything is sent or stored.
    calls = server.calls
    url = server.url.replace("http://", f"http://user:{KEY}@")
    assert run("draft", str(FULL), "-o", str(tmp_path / "c"), "--base-url", url, "--model", "m") == 2
    assert "user name or password" in outputs[-1] and server.calls == calls and not (tmp_path / "c").exists()

    masked = {p.name for p in tmp_path.rglob("*") if p.is_file() and "（密钥 ***）".encode() in _contents(p)}
    # the quoted key reached the draft, both exports and the cache — masked
    assert "draft.md" in masked and any(n.startswith("llm-cache") for n in masked), masked
    assert {n.rsplit(".", 1)[-1] for n in masked} >= {"md", "html", "docx"}, masked
    leaks = _leaks(tmp_path, *outputs)
    assert not leaks, leaks


def test_a_shared_workspace_does_not_collect_keys(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path, keyed: None
) -> None:
    server.responder = Responder(FULL)
    out = tmp_path / "ws"
    code, _, err = run_cli(
        capsys, "draft", str(FULL), "-o", str(out), "--base-url", server.url, "--model", "m"
    )
    assert code == 0, err
    state_path = out / ".zongjie" / "state.json"
    state = json.loads(state_path.read_text(encoding="utf-8"))
    assert KEY not in state_path.read_text(encoding="utf-8")

    # A colleague's copy now records a collector's endpoint: a plain regen refuses to send the key there.
    state["endpoint"] = {"provider": None, "base_url": "https://collector.example.com/v1", "model": "m"}
    state_path.write_text(json.dumps(state), encoding="utf-8")
    calls = server.calls
    code, _, err = run_cli(capsys, "regen", str(out), "preface")
    assert code == 2
    assert "sends your API key only to an endpoint you name" in err
    assert "--base-url https://collector.example.com/v1" in err and "--offline" in err
    assert server.calls == calls

    # Naming an endpoint again (here: the user's own) is what sends the key.
    code, _, err = run_cli(capsys, "regen", str(out), "preface", "--base-url", server.url, "--model", "m")
    assert code == 0, err
    assert server.headers[-1]["authorization"] == f"Bearer {KEY}"

    # A recorded local server the user did not name in this run is reused, but without the key.
    state = json.loads(state_path.read_text(encoding="utf-8"))
    state["endpoint"] = {"provider": None, "base_url": server.url, "model": "m"}
    state_path.write_text(json.dumps(state), encoding="utf-8")
    code, _, err = run_cli(capsys, "regen", str(out), "preface", "--hint", "再简洁一些")
    assert code == 0 and "no API key is sent" in err
    assert server.headers[-1]["authorization"] == "Bearer not-needed"


def test_a_recorded_endpoint_that_matches_the_users_own_gets_the_key(
    capsys: pytest.CaptureFixture[str],
    server: FakeServer,
    tmp_path: Path,
    keyed: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server.responder = Responder(FULL)
    out = tmp_path / "ws"
    monkeypatch.setenv("ZONGJIE_BASE_URL", server.url + "/")  # a trailing slash is the same endpoint
    monkeypatch.setenv("ZONGJIE_MODEL", "m")
    assert run_cli(capsys, "draft", str(FULL), "-o", str(out))[0] == 0
    code, _, err = run_cli(capsys, "regen", str(out), "preface", "--hint", "短一些")
    assert code == 0 and "configured by you" in err
    assert server.headers[-1]["authorization"] == f"Bearer {KEY}"


def test_redact_masks_keys_headers_and_url_credentials() -> None:
    remember("abc")  # too short to be a key: never masks ordinary text
    remember("sk-live-REMEMBERED-123456")
    text = redact(
        'x sk-live-REMEMBERED-123456 y; {"Authorization": "Bearer tok_123456789"}; '
        "authorization: Basic dXNlcjpwYXNz\nhttps://bob:hunter2@proxy.example/v1?api_key=zzzzzzzz abc"
    )
    assert "REMEMBERED" not in text and "tok_123456789" not in text and "dXNlcjpwYXNz" not in text
    assert "hunter2" not in text and "zzzzzzzz" not in text
    assert text.endswith("abc") and "https://***@proxy.example/v1" in text
    prose = "Basic principles and bearer bonds; 基本原则 api 文档"
    assert redact(prose) == prose  # ordinary words in a user's file are not "secrets"
    assert redact("token: Bearer eyJhbGciOiJIUzI1NiJ9.x") == "token: Bearer ***"


def test_status_bodies_are_masked_as_they_arrive() -> None:
    from zongjie.llm.errors import StatusFailure

    remember(KEY)
    exc = StatusFailure(400, f"echo Authorization: Bearer {KEY}")
    assert KEY not in exc.body and KEY not in str(exc)
