"""Start page: new summary, notes (pasted, uploaded, GBK, too large, empty), facts files, bad names."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from conftest import FIXTURES
from web.web_helpers import new_summary, no_traceback, sid_of


def test_start_page_offers_the_three_ways_in(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    for words in ("新建总结", "从笔记开始", "打开", "学校后勤", "物业"):
        assert words in r.text


def test_new_summary_from_a_profile_writes_its_facts_file(client: TestClient, served: Path) -> None:
    sid = new_summary(client)
    data = yaml.safe_load((served / sid / "facts.yaml").read_text(encoding="utf-8"))
    assert data["report"]["profile"] == "school" and data["report"]["organization"] == "城南实验中学"
    assert [f["key"] for f in data["functions"]][:2] == ["facilities", "environment"]
    assert sid in client.get("/").text  # listed under 打开


def test_two_new_summaries_never_share_a_folder(client: TestClient) -> None:
    assert new_summary(client) != new_summary(client)


def test_unknown_profile_and_bad_year_are_messages(client: TestClient, served: Path) -> None:
    r = client.post("/new", data={"profile": "../../etc", "year": "2025"})
    assert r.status_code == 400 and "unknown profile" in r.text
    r = client.post("/new", data={"profile": "school", "year": "99999"})
    assert r.status_code == 400 and "报告年度" in r.text and "--year" not in r.text
    r = client.post("/new", data={"profile": "school", "year": "明年"})
    assert r.status_code == 400
    no_traceback(r.text)
    assert list(served.iterdir()) == []


@pytest.mark.parametrize("year", ["99999", "0", "明年", "25"])
def test_a_bad_year_with_notes_names_the_form_field_not_the_cli_flag(
    client: TestClient, served: Path, year: str
) -> None:
    r = client.post("/notes", data={"profile": "school", "year": year, "text": "- 全年维修 120 件\n"})
    assert r.status_code == 400
    assert "报告年度" in r.text and "2000 到 2100" in r.text
    assert "--year" not in r.text and "give the report year" not in r.text
    no_traceback(r.text)
    assert list(served.iterdir()) == []


def test_a_full_width_year_with_notes_is_taken(client: TestClient) -> None:
    r = client.post("/notes", data={"profile": "school", "year": "２０２５", "text": "- 全年维修 120 件\n"})
    assert r.status_code == 200 and "2025" in r.url.path


def test_pasted_notes_become_a_facts_file_with_questions(client: TestClient, served: Path) -> None:
    notes = (FIXTURES / "notes-realistic.md").read_text(encoding="utf-8")
    r = client.post("/notes", data={"profile": "property", "text": notes}, follow_redirects=False)
    assert r.status_code == 303, r.text
    sid = sid_of(r.headers["location"])
    text = (served / sid / "facts.yaml").read_text(encoding="utf-8")
    assert "# ? 单位" in text and "没完成" in text  # a question, and an unplaced note
    assert yaml.safe_load(text)["report"]["organization"] == "翠湖湾项目"


def test_uploaded_gbk_notes_are_read_as_data(client: TestClient, served: Path) -> None:
    notes = "# 城南实验中学后勤保障中心2025年工作\n- 食堂抽检合格率100%\n- 全年报修工单2186件\n"
    files = {"file": ("../../../../tmp/evil.md", notes.encode("gb18030"), "text/markdown")}
    r = client.post("/notes", data={"profile": "school"}, files=files, follow_redirects=False)
    assert r.status_code == 303, r.text
    sid = sid_of(r.headers["location"])
    assert "2186" in (served / sid / "facts.yaml").read_text(encoding="utf-8")
    assert [p.name for p in served.iterdir()] == [sid]  # the upload's name was never a path


def test_oversize_and_empty_notes_are_refused(client: TestClient, served: Path) -> None:
    big = ("- 巡检100次\n" * 200_000).encode()
    r = client.post("/notes", data={"profile": "school"}, files={"file": ("n.md", big, "text/plain")})
    assert r.status_code == 413 and "太大" in r.text
    r = client.post("/notes", data={"profile": "school", "text": "   "})
    assert r.status_code == 400 and "notes" in r.text
    r = client.post(
        "/notes", data={"profile": "school"}, files={"file": ("n.md", b"\xff\xfe\x00\x81" * 10, "x")}
    )
    assert r.status_code == 400
    no_traceback(r.text)
    assert list(served.iterdir()) == []


def test_a_facts_file_in_the_folder_opens_as_a_copy(client: TestClient, served: Path) -> None:
    original = (FIXTURES / "school-full.yaml").read_text(encoding="utf-8")
    (served / "学校.yaml").write_text(original, encoding="utf-8")
    assert "学校.yaml" in client.get("/").text
    r = client.post("/open", data={"name": "学校.yaml"}, follow_redirects=False)
    assert r.status_code == 303
    sid = sid_of(r.headers["location"])
    assert (served / sid / "facts.yaml").read_text(encoding="utf-8") == original
    assert (served / "学校.yaml").read_text(encoding="utf-8") == original


def test_open_takes_only_listed_names(client: TestClient, tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text("report: {}\n", encoding="utf-8")
    for name in ("../secret.yaml", str(tmp_path / "secret.yaml"), "nothing.yaml"):
        r = client.post("/open", data={"name": name})
        assert r.status_code == 404, name
        no_traceback(r.text)


def test_uploaded_facts_file(client: TestClient, served: Path) -> None:
    data = (FIXTURES / "school-full.yaml").read_bytes()
    r = client.post(
        "/upload-facts", files={"file": ("school.yaml", data, "application/yaml")}, follow_redirects=False
    )
    assert r.status_code == 303
    assert (served / "school" / "facts.yaml").read_bytes() == data


def test_unknown_pages_and_summaries_are_messages_not_tracebacks(client: TestClient, served: Path) -> None:
    (served.parent / "outside").mkdir()
    for url in (
        "/nothing",
        "/s/..%2F..%2Fetc/facts",
        "/s/../outside/facts",
        "/s/outside/facts",
        "/s/-/facts",
    ):
        r = client.get(url)
        assert r.status_code == 404, url
        no_traceback(r.text)
