"""The page reuses the model recorded for a summary as `zongjie regen` does: after a restart (the settings
page remembers nothing), regen and draft go to the recorded local server without a key; a key typed on the
page goes only to the endpoint the user configured; a recorded remote endpoint is not used until named."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import FIXTURES
from llm.answers import Responder
from llm.fake_server import FakeServer
from web.test_pages import upload, wait_done
from web.web_helpers import no_traceback
from zongjie.web.app import make_app
from zongjie.workspace.store import Workspace

SMALL = FIXTURES / "property-small.yaml"
KEY = "sk-reuse-SECRET-0123456789"


@pytest.fixture
def model() -> Iterator[FakeServer]:
    srv = FakeServer().start()
    srv.responder = Responder(SMALL)
    yield srv
    srv.stop()


def _restarted(served: Path) -> TestClient:
    """A new `zongjie serve` on the same folder: its settings page knows no model."""
    return TestClient(make_app(served), raise_server_exceptions=False)


def _drafted_with(client: TestClient, model: FakeServer, served: Path) -> tuple[str, Workspace]:
    r = client.post("/settings", data={"base_url": model.url, "model": "m"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    sid = upload(client, SMALL.name)
    assert client.post(f"/s/{sid}/draft", follow_redirects=False).status_code == 303
    status = wait_done(client, sid)
    assert status["error"] is None, status
    ws = Workspace(served / sid)
    endpoint = ws.load_state().endpoint
    assert endpoint is not None and endpoint.base_url == model.url and endpoint.model == "m"
    return sid, ws


def _writer(ws: Workspace, section_id: str) -> str:
    rec = ws.load_state().record(section_id)
    assert rec is not None
    return rec.writer


def test_after_a_restart_regen_and_draft_use_the_recorded_local_model_without_a_key(
    client: TestClient, served: Path, model: FakeServer
) -> None:
    sid, ws = _drafted_with(client, model, served)
    with _restarted(served) as again:
        page = again.get(f"/s/{sid}/draft").text
        assert f"模型 m @ {model.url}" in page and "沿用这个总结上次用的本机模型" in page
        assert "离线写作" not in page[: page.index("</strong>")]
        calls = model.calls
        r = again.post(
            f"/s/{sid}/sections/preface/regen", data={"hint": "写得更简洁"}, follow_redirects=False
        )
        assert r.status_code == 303, r.text
        assert model.calls == calls + 1  # asked afresh, of the recorded model
        sent = model.requests[-1]
        assert sent["model"] == "m" and "写得更简洁" in json.dumps(sent, ensure_ascii=False)
        assert model.headers[-1]["authorization"] == "Bearer not-needed"  # a local server gets no key
        assert _writer(ws, "preface") != "offline"
        # a whole draft again keeps the model's sections: the same writer (another one would redo them all)
        assert again.post(f"/s/{sid}/draft", follow_redirects=False).status_code == 303
        assert wait_done(again, sid)["error"] is None
        assert {r.writer for r in ws.load_state().sections} == {_writer(ws, "preface")}


def test_a_key_typed_on_the_page_goes_to_the_recorded_model_when_it_is_the_users_own(
    client: TestClient, served: Path, model: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid, ws = _drafted_with(client, model, served)
    monkeypatch.setenv("ZONGJIE_BASE_URL", model.url + "/")  # the user's own configuration names it too
    monkeypatch.setenv("ZONGJIE_MODEL", "m")
    with _restarted(served) as again:
        r = again.post("/settings", data={"api_key": KEY}, follow_redirects=True)
        assert r.status_code == 200 and KEY not in r.text
        assert "与您的设置相同" in again.get(f"/s/{sid}/draft").text
        r = again.post(f"/s/{sid}/sections/preface/regen", data={"hint": ""}, follow_redirects=True)
        assert r.status_code == 200, r.text
        assert model.headers[-1]["authorization"] == f"Bearer {KEY}"
        assert _writer(ws, "preface") != "offline"
    leaks = [p for p in served.rglob("*") if p.is_file() and KEY.encode() in p.read_bytes()]
    assert not leaks


def test_a_recorded_remote_model_is_not_sent_the_key_until_named(
    client: TestClient, served: Path, model: FakeServer
) -> None:
    sid, ws = _drafted_with(client, model, served)
    # A colleague's copy of the summary records a collector's address.
    state = json.loads(ws.state_path.read_text(encoding="utf-8"))
    state["endpoint"] = {"provider": None, "base_url": "https://collector.example.com/v1", "model": "m"}
    ws.state_path.write_text(json.dumps(state), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (served / sid / "sections").iterdir()}
    with _restarted(served) as again:
        again.post("/settings", data={"api_key": KEY})
        page = again.get(f"/s/{sid}/draft").text
        assert "collector.example.com" in page and "模型设置" in page and KEY not in page
        calls = model.calls
        for url in (f"/s/{sid}/sections/preface/regen", f"/s/{sid}/draft"):
            r = again.post(url, data={"hint": ""}, follow_redirects=False)
            assert r.status_code == 400 and "只把密钥发给您在“模型设置”里填写的地址" in r.text, url
            no_traceback(r.text)
            assert "--base-url" not in r.text  # the page names its own settings, not a CLI flag
        # the draft button posts for JSON: the page shows the same words beside it
        r = again.post(f"/s/{sid}/draft", headers={"accept": "application/json"})
        assert r.status_code == 400 and "模型设置" in r.json()["error"]
        assert model.calls == calls
        assert {p.name: p.read_bytes() for p in (served / sid / "sections").iterdir()} == before
        # choosing the offline writer on the settings page is an answer too
        again.post("/settings", data={"offline": "1"})
        r = again.post(f"/s/{sid}/sections/preface/regen", data={"hint": ""}, follow_redirects=False)
        assert r.status_code == 303, r.text
        assert _writer(ws, "preface") == "offline" and model.calls == calls
