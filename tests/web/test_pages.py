"""Draft, review, edit, regen, diff, export and settings through the API, including bad input: a draft while
one runs, invalid facts, traversal in a section id, an oversize edit, the key never echoed or written."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import FIXTURES
from llm.fake_server import FakeServer, Scripted, error
from web.web_helpers import no_traceback, sid_of
from zongjie import pipeline
from zongjie.workspace.store import Workspace


def upload(client: TestClient, fixture: str = "school-full.yaml") -> str:
    r = client.post("/upload-facts", files={"file": (fixture, (FIXTURES / fixture).read_bytes(), "x")})
    assert r.status_code == 200, r.text
    return sid_of(str(r.url).replace("http://testserver", ""))


def wait_done(client: TestClient, sid: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while True:
        status: dict[str, Any] = client.get(f"/s/{sid}/draft/status").json()
        if not status["running"]:
            return status
        assert time.monotonic() < deadline, "draft did not finish"
        time.sleep(0.05)


@pytest.fixture
def drafted(client: TestClient) -> str:
    sid = upload(client)
    r = client.post(f"/s/{sid}/draft", headers={"accept": "application/json"})
    assert r.status_code == 202, r.text
    status = wait_done(client, sid)
    assert status["error"] is None and status["summary"].startswith("14 节")
    return sid


def test_draft_shows_each_section_with_its_status(client: TestClient) -> None:
    sid = upload(client)
    page = client.get(f"/s/{sid}/draft").text
    assert "离线写作" in page and "开始起草" in page and "设施运维" in page
    client.post(f"/s/{sid}/draft")
    status = wait_done(client, sid)
    assert [s["phase"] for s in status["sections"]] == ["done"] * 14
    assert {s["status"] for s in status["sections"]} == {"ok"}
    facilities = next(s for s in status["sections"] if s["id"] == "review-facilities")
    assert "2186件" in facilities["html"] and 'class="num"' in facilities["html"]


def test_a_second_draft_while_one_runs_is_told_to_wait(
    client: TestClient, served: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = upload(client)
    release = threading.Event()
    real = pipeline.draft

    def slow(*args: Any, **kw: Any) -> Any:
        release.wait(10)
        return real(*args, **kw)

    monkeypatch.setattr(pipeline, "draft", slow)
    assert client.post(f"/s/{sid}/draft", headers={"accept": "application/json"}).status_code == 202
    r = client.post(f"/s/{sid}/draft", headers={"accept": "application/json"})
    assert r.status_code == 409 and "请等" in r.json()["error"]
    r = client.post(f"/s/{sid}/draft")  # the page's own form, without JavaScript
    assert r.status_code == 409 and "请等" in r.text
    assert client.get(f"/s/{sid}/draft/status").json()["running"] is True
    release.set()
    status = wait_done(client, sid)
    assert status["error"] is None
    ws = Workspace(served / sid)
    state = ws.load_state()
    assert len(state.sections) == 14 and not any(ws.edited(r) for r in state.sections)


def test_invalid_facts_are_a_message_and_start_nothing(client: TestClient, served: Path) -> None:
    sid = upload(client)
    (served / sid / "facts.yaml").write_text("report:\n  organization: x\n  year: 3000\n", encoding="utf-8")
    r = client.post(f"/s/{sid}/draft")
    assert r.status_code == 400 and "report.department" in r.text and "report.year" in r.text
    no_traceback(r.text)
    assert not (served / sid / "sections").exists()
    assert "事实文件还有问题" in client.get(f"/s/{sid}/draft").text


def test_review_traces_numbers_and_marks_findings(client: TestClient, drafted: str, served: Path) -> None:
    html = client.get(f"/s/{drafted}/review").text
    assert "上年2412件" in html  # 2186件's fact, in its tooltip
    assert html.count('class="num"') > 50 and "<mark" not in html.split("全文提示")[-1][:0]


def _section(served: Path, sid: str, section_id: str) -> Path:
    return next((served / sid / "sections").glob(f"*-{section_id}.md"))


def test_edit_is_saved_to_the_section_file_and_protected(
    client: TestClient, drafted: str, served: Path
) -> None:
    path = _section(served, drafted, "review-facilities")
    text = path.read_text(encoding="utf-8").replace("2186件", "2190件")
    r = client.post(
        f"/s/{drafted}/sections/review-facilities/edit", data={"text": text.replace("\n", "\r\n")}
    )
    assert r.status_code == 200 and "已保存您的修改" in r.text
    assert path.read_text(encoding="utf-8") == text  # as written (line ends normalised)
    assert "2190件" in (served / drafted / "draft.md").read_text(encoding="utf-8")  # re-assembled
    section = r.text[r.text.index('id="sec-review-facilities"') :]
    assert '<mark class="finding error" tabindex="0">2190件' in section
    head = section[: section.index("</article>")]
    assert "在事实文件中找不到" in head
    # the writer's "通过" never stands beside an error the section now has
    assert "需要修改</span>" in head and ">通过</span>" not in head
    ws = Workspace(served / drafted)
    assert ws.edited(ws.load_state().record("review-facilities"))  # type: ignore[arg-type]
    # drafting again keeps the hand edit (the CLI's protection)
    client.post(f"/s/{drafted}/draft")
    status = wait_done(client, drafted)
    assert next(s for s in status["sections"] if s["id"] == "review-facilities")["phase"] == "edited"
    assert "2190件" in path.read_text(encoding="utf-8")
    # what it was before is kept and shown as a diff
    diff = client.get(f"/s/{drafted}/sections/review-facilities/diff").text
    assert "<del>86</del>" in diff.replace("<del>2186</del>", "<del>86</del>") and "<ins>" in diff


def test_regen_asks_before_replacing_an_edit_and_keeps_a_backup(
    client: TestClient, drafted: str, served: Path
) -> None:
    path = _section(served, drafted, "problems")
    client.post(
        f"/s/{drafted}/sections/problems/edit",
        data={"text": path.read_text(encoding="utf-8") + "\n补一句。\n"},
    )
    r = client.post(f"/s/{drafted}/sections/problems/regen", data={"hint": "写短一点"})
    assert r.status_code == 400 and "替换我的修改" in r.text
    assert "补一句" in path.read_text(encoding="utf-8")
    r = client.post(f"/s/{drafted}/sections/problems/regen", data={"hint": "写短一点", "force": "1"})
    assert r.status_code == 200 and "离线写作无法按提示修改" in r.text
    assert "补一句" not in path.read_text(encoding="utf-8")
    backups = list((served / drafted / "backups").glob("*problems*"))
    assert any("补一句" in b.read_text(encoding="utf-8") for b in backups)


BAD_SECTION_IDS = ["..%2F..%2Fetc%2Fpasswd", "..", "REVIEW", "nothing-here", "review-facilities%00", "a" * 80]


def test_section_ids_are_never_paths(client: TestClient, drafted: str, served: Path) -> None:
    before = {p: p.read_bytes() for p in (served / drafted).rglob("*") if p.is_file()}
    for section_id in BAD_SECTION_IDS:
        for verb, url in (
            ("post", f"/s/{drafted}/sections/{section_id}/edit"),
            ("post", f"/s/{drafted}/sections/{section_id}/regen"),
            ("get", f"/s/{drafted}/sections/{section_id}/diff"),
        ):
            r = client.post(url, data={"text": "x"}) if verb == "post" else client.get(url)
            assert r.status_code in (400, 404), (url, r.status_code)
            no_traceback(r.text)
    after = {p: p.read_bytes() for p in (served / drafted).rglob("*") if p.is_file()}
    assert after == before


def test_oversize_edit_is_refused(client: TestClient, drafted: str, served: Path) -> None:
    path = _section(served, drafted, "preface")
    before = path.read_text(encoding="utf-8")
    r = client.post(f"/s/{drafted}/sections/preface/edit", data={"text": "很长" * 300_000})
    assert r.status_code == 413
    assert path.read_text(encoding="utf-8") == before


def test_export_downloads_docx_and_html(client: TestClient, drafted: str) -> None:
    import io

    import docx

    page = client.get(f"/s/{drafted}/export").text
    assert "没有错误" in page
    r = client.get(f"/s/{drafted}/export/docx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
    assert "明德实验中学" in body and "2186件" in body
    r = client.get(f"/s/{drafted}/export/html")
    assert r.status_code == 200 and "2186件" in r.text
    assert client.get(f"/s/{drafted}/export/pdf").status_code == 404


def test_export_with_errors_asks_first(client: TestClient, drafted: str, served: Path) -> None:
    path = _section(served, drafted, "review-facilities")
    client.post(
        f"/s/{drafted}/sections/review-facilities/edit",
        data={"text": path.read_text(encoding="utf-8").replace("2186件", "2190件")},
    )
    r = client.get(f"/s/{drafted}/export/docx")
    assert r.status_code == 200 and "仍然下载" in r.text and r.headers["content-type"].startswith("text/html")
    r = client.get(f"/s/{drafted}/export/docx?confirm=true")
    assert r.content[:2] == b"PK"


def test_review_before_any_draft_is_a_message(client: TestClient) -> None:
    sid = upload(client)
    for url in (f"/s/{sid}/review", f"/s/{sid}/export", f"/s/{sid}/sections/preface/diff"):
        r = client.get(url)
        assert r.status_code == 400 and "还没有起草" in r.text, url


@pytest.fixture
def echo_server() -> Iterator[FakeServer]:
    """A hostile endpoint: every answer is an HTTP 500 whose body repeats the Authorization header."""
    srv = FakeServer().start()

    def echo(request: dict[str, Any]) -> Scripted:
        sent = {k.lower(): v for k, v in srv.headers[-1].items()}
        return error(500, f"upstream failed for {sent.get('authorization', '')}")

    srv.responder = echo
    yield srv
    srv.stop()


def test_the_key_is_never_echoed_nor_written(
    client: TestClient, served: Path, echo_server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZONGJIE_BACKOFF", "0.01")
    monkeypatch.setenv("ZONGJIE_BACKOFF_MAX", "0.02")
    monkeypatch.setenv("ZONGJIE_RETRIES", "0")
    key = "sk-web-SECRET-0123456789"
    r = client.post(
        "/settings", data={"base_url": echo_server.url, "model": "m", "api_key": key}, follow_redirects=True
    )
    assert r.status_code == 200 and key not in r.text and "已设置（不显示）" in r.text
    assert f"模型 m @ {echo_server.url}" in r.text
    sid = upload(client, "property-small.yaml")
    client.post(f"/s/{sid}/draft")
    status = wait_done(client, sid)
    assert echo_server.calls > 0 and any(key in str(h) for h in echo_server.headers)
    for page in (client.get(f"/s/{sid}/draft").text, client.get(f"/s/{sid}/review").text, str(status)):
        assert key not in page
    for path in served.rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes(), path
    # an empty key field keeps the key; "forget" drops it
    client.post("/settings", data={"base_url": echo_server.url, "model": "m", "api_key": ""})
    assert "已设置（不显示）" in client.get("/settings").text
    client.post("/settings", data={"base_url": echo_server.url, "model": "m", "forget": "1"})
    assert "已设置（不显示）" not in client.get("/settings").text


def test_bad_settings_are_a_message(client: TestClient) -> None:
    r = client.post("/settings", data={"provider": "nope"})
    assert r.status_code == 400 and "provider" in r.text
    no_traceback(r.text)
    r = client.post("/settings", data={"provider": "deepseek"})  # no key anywhere
    assert r.status_code == 400 and "no API key" in r.text
    r = client.post("/settings", data={"offline": "1"}, follow_redirects=True)
    assert "离线写作" in r.text


def test_other_sites_cannot_drive_the_page(served: Path) -> None:
    from zongjie.web.app import make_app

    local = TestClient(
        make_app(served, allowed_hosts={"127.0.0.1", "localhost"}), base_url="http://127.0.0.1:8000"
    )
    assert local.get("/").status_code == 200
    r = local.post(
        "/settings", data={"base_url": "https://evil.example/v1"}, headers={"origin": "https://evil.example"}
    )
    assert r.status_code == 403
    assert (
        local.post(
            "/settings", data={"offline": "1"}, headers={"origin": "http://127.0.0.1:8000"}
        ).status_code
        == 200
    )
    rebound = TestClient(
        make_app(served, allowed_hosts={"127.0.0.1", "localhost"}), base_url="http://evil.example"
    )
    assert rebound.get("/").status_code == 403


def test_a_kept_key_is_not_sent_to_a_new_address(client: TestClient) -> None:
    client.post("/settings", data={"base_url": "http://127.0.0.1:9/v1", "model": "m", "api_key": "sk-1"})
    assert "已设置（不显示）" in client.get("/settings").text
    client.post("/settings", data={"base_url": "http://127.0.0.1:10/v1", "model": "m"})
    assert "已设置（不显示）" not in client.get("/settings").text


SCHOOL_NOTES = """城南实验中学后勤保障中心2025年工作小结

一、设施
- 全年报修工单2,186件，去年2412件
- 维修及时率97.4%（去年95.1%），目标96%
- 教学楼照明改造完成

绿化
- 校园补种草坪大概800平

食堂：
- 食品抽检合格率100%
- 就餐满意度大概九成

其它
- 挺忙的
"""


def _answered(comments: str) -> str:
    """What the 已处理 button does to a row's hidden comments: its questions are dropped."""
    import json

    grouped = json.loads(comments)
    return json.dumps({k: [c for c in v if not c.startswith("?")] for k, v in grouped.items()})


def test_from_notes_to_word_without_a_terminal(client: TestClient, served: Path) -> None:
    """The newcomer's path over the API: notes → questions at their fields → save → draft → docx."""
    from web.test_facts_form import form_fields, post_form

    r = client.post("/notes", data={"profile": "school", "text": SCHOOL_NOTES})
    assert r.status_code == 200, r.text
    sid = sid_of(str(r.url).replace("http://testserver", ""))
    assert "挺忙的" in r.text  # an unplaced note, shown beside the form
    assert "data-dismiss" in r.text  # a question at its row
    fields = form_fields(r.text)
    # answer every question (the page's 已处理 button drops it from the row's comments)
    fields = [(n, _answered(v) if n.endswith("__c") else v) for n, v in fields]
    r = post_form(client, f"/s/{sid}/facts", fields)
    assert r.status_code == 200 and "已保存" in r.text, r.text[:3000]
    text = (served / sid / "facts.yaml").read_text(encoding="utf-8")
    assert not [line for line in text.splitlines() if line.strip().startswith("# ?")] and "2186" in text
    client.post(f"/s/{sid}/draft")
    assert wait_done(client, sid)["error"] is None
    assert "2186件" in client.get(f"/s/{sid}/review").text
    r = client.get(f"/s/{sid}/export/docx?confirm=true")
    assert r.status_code == 200 and r.content[:2] == b"PK"


def test_a_cli_workspace_is_served_as_it_is(tmp_path: Path) -> None:
    """`zongjie serve out` on a folder `zongjie draft` wrote: the folder itself is the summary ("-"); a facts
    file outside the served folder is named, never read or written through the page."""
    from zongjie.web.app import make_app
    from zongjie.writer.offline import OfflineWriter

    facts = tmp_path / "facts.yaml"
    facts.write_text((FIXTURES / "property-small.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    pipeline.draft(facts, tmp_path / "out", OfflineWriter())
    client = TestClient(make_app(tmp_path / "out"), raise_server_exceptions=False)
    assert "（本文件夹）" in client.get("/").text
    assert client.get("/s/-/review").status_code == 200
    r = client.get("/s/-/facts")
    assert r.status_code == 400 and "outside the served folder" in r.text
    no_traceback(r.text)
