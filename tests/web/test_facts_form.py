"""The facts form: what it shows (questions, unplaced notes, check's messages, the gap report) and what
saving writes (YAML that validates, comments kept, a backup, nothing on invalid input)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import yaml
from fastapi.testclient import TestClient
from httpx import Response

from conftest import FIXTURES
from web.web_helpers import new_summary, no_traceback, sid_of


def form_fields(html: str) -> list[tuple[str, str]]:
    """The fields a browser would submit from the facts form (inputs, checked boxes, selects, textareas)."""
    form = html[html.index('id="facts-form"') : html.index("</form>")]
    form = re.sub(r"<template.*?</template>", "", form, flags=re.S)
    out: list[tuple[str, str]] = []
    for tag in re.finditer(r"<input ([^>]*)>", form):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(1)))
        if "name" not in attrs or (attrs.get("type") == "checkbox" and " checked" not in tag.group(1)):
            continue
        out.append((attrs["name"], _unescape(attrs.get("value", ""))))
    for sel in re.finditer(r'<select name="([^"]+)">(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', sel.group(2)) or re.search(
            r'<option value="([^"]*)"', sel.group(2)
        )
        out.append((sel.group(1), chosen.group(1) if chosen else ""))
    for area in re.finditer(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        out.append((area.group(1), _unescape(area.group(2))))
    return out


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def post_form(
    client: TestClient, url: str, fields: list[tuple[str, str]], *, follow_redirects: bool = True
) -> Response:
    """Posts fields as a browser does (urlencoded, repeated names kept, in order)."""
    return client.post(
        url,
        content=urlencode(fields).encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=follow_redirects,
    )


def set_field(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    if any(n == name for n, _ in fields):
        return [(n, value if n == name else v) for n, v in fields]
    return [*fields, (name, value)]


def test_new_summary_shows_profile_indicators_as_empty_rows(client: TestClient) -> None:
    sid = new_summary(client)
    html = client.get(f"/s/{sid}/facts").text
    assert "食品抽检合格率" in html and "报修工单" in html  # recommended indicators of the school profile
    assert "单位名称" in html and "越低越好" in html
    # Saving it untouched keeps no empty indicator rows.
    r = post_form(client, f"/s/{sid}/facts", form_fields(html))
    assert r.status_code == 200, r.text
    no_traceback(r.text)


def test_filled_metrics_are_saved_as_valid_yaml_with_a_backup(client: TestClient, served: Path) -> None:
    sid = new_summary(client)
    fields = form_fields(client.get(f"/s/{sid}/facts").text)
    names = dict(fields)
    row = next(n.rsplit(".", 1)[0] for n, v in fields if n.endswith(".name") and v == "报修工单")
    fields = set_field(fields, f"{row}.value", "2,186")
    fields = set_field(fields, f"{row}.previous", "２４１２")  # full-width digits, as an IME types them
    assert names[f"{row}.unit"] == "件"
    r = post_form(client, f"/s/{sid}/facts", fields, follow_redirects=False)
    assert r.status_code == 303, r.text
    facts_file = served / sid / "facts.yaml"
    data = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    metrics = data["functions"][0]["metrics"]
    assert metrics == [{"name": "报修工单", "value": 2186, "unit": "件", "previous": 2412}]
    assert (served / sid / "facts.yaml.bak").is_file()
    page = client.get(r.headers["location"]).text
    assert "已保存" in page and "facts.yaml.bak" in page


def test_invalid_facts_show_checks_message_at_the_field_and_write_nothing(
    client: TestClient, served: Path
) -> None:
    sid = new_summary(client, organization="")
    before = (served / sid / "facts.yaml").read_text(encoding="utf-8")
    fields = form_fields(client.get(f"/s/{sid}/facts").text)
    row = next(n.rsplit(".", 1)[0] for n, v in fields if n.endswith(".name") and v == "维修及时率")
    fields = set_field(
        fields, f"{row}.value", "很多"
    )  # 九十七 is a number now (zongjie.text reads Chinese numerals)
    r = post_form(client, f"/s/{sid}/facts", fields)
    assert r.status_code == 400
    no_traceback(r.text)
    # check's own words, placed at the fields they name
    org = r.text[r.text.index('name="report.organization"') :]
    assert "required field is missing" in org[:600]
    # the row is now the function's first metric (the empty recommended rows were not kept)
    value = r.text[r.text.index('name="functions.0.metrics.0.value"') :]
    assert 'value="很多"' in value[:100] and 'class="fig invalid"' in value[:200]
    assert "must be a number" in value[: value.index("</tbody>")]
    assert (served / sid / "facts.yaml").read_text(encoding="utf-8") == before


def test_extracted_questions_and_unplaced_notes_are_shown_and_comments_kept(
    client: TestClient, served: Path
) -> None:
    notes = (FIXTURES / "notes-realistic.md").read_text(encoding="utf-8")
    r = client.post("/notes", data={"profile": "property", "text": notes})
    html = r.text
    assert "没有用上的笔记" in html and "L7: 没完成" in html
    work = html[html.index("绿化补种约800平方米") :]
    assert "单位：笔记写作“800平”" in work[:1500]  # the question sits at its row
    sid = sid_of(str(r.url).replace("http://testserver", ""))
    r = post_form(client, f"/s/{sid}/facts", form_fields(html), follow_redirects=False)
    assert r.status_code == 303, r.text
    text = (served / sid / "facts.yaml").read_text(encoding="utf-8")
    assert "# L4: 全年巡检1326次，比去年多120次" in text and "# ? 单位" in text and "#   - L7: 没完成" in text
    lines = [line.strip() for line in text.splitlines()]
    at = lines.index("# ? 单位：笔记写作“800平”，记为“800平方米”，请确认")
    assert lines[at + 1] == "- 绿化补种约800平方米"
    assert yaml.safe_load(text)["functions"][0]["metrics"][0] == {
        "name": "巡检",
        "value": 1326,
        "unit": "次",
        "previous": 1206,
    }


def test_fields_the_form_does_not_show_survive_a_save(client: TestClient, served: Path) -> None:
    original = yaml.safe_load((FIXTURES / "school-full.yaml").read_text(encoding="utf-8"))
    r = client.post(
        "/upload-facts",
        files={"file": ("s.yaml", (FIXTURES / "school-full.yaml").read_bytes(), "application/yaml")},
    )
    sid = sid_of(str(r.url).replace("http://testserver", ""))
    assert "缺口报告" in r.text
    r = post_form(client, f"/s/{sid}/facts", form_fields(r.text), follow_redirects=False)
    assert r.status_code == 303, r.text
    saved = yaml.safe_load((served / sid / "facts.yaml").read_text(encoding="utf-8"))
    assert saved == original


def test_check_validates_without_saving(client: TestClient, served: Path) -> None:
    sid = new_summary(client)
    before = (served / sid / "facts.yaml").read_text(encoding="utf-8")
    fields = [*form_fields(client.get(f"/s/{sid}/facts").text), ("__action", "check")]
    r = post_form(client, f"/s/{sid}/facts", fields)
    assert r.status_code == 200 and "检查通过" in r.text
    assert (served / sid / "facts.yaml").read_text(encoding="utf-8") == before


def test_a_broken_facts_file_is_a_message(client: TestClient, served: Path) -> None:
    sid = new_summary(client)
    (served / sid / "facts.yaml").write_text("report: [unclosed\n", encoding="utf-8")
    r = client.get(f"/s/{sid}/facts")
    assert r.status_code == 400 and "not valid YAML" in r.text
    no_traceback(r.text)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    (served / sid / "facts.yaml").write_text(bomb, encoding="utf-8")
    r = client.get(f"/s/{sid}/facts")
    assert r.status_code in (400, 413)
    no_traceback(r.text)


def test_a_figure_typed_in_the_form_is_read_as_the_facts_file_reads_it() -> None:
    from zongjie.web.form import number

    assert [number(t) for t in ("1，326", "１３２６", "一千三百二十六", "98.5")] == [1326, 1326, 1326, 98.5]
    assert [number(t) for t in ("约1200", "3–5", "98.5%", "很多")] == ["约1200", "3–5", "98.5%", "很多"]
