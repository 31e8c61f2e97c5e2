"""The facts form and a change stated in words (change: 下降一成): shown in its 变化 column, kept by a save,
typed into an empty recommended row, and a contradicting one marked at its field."""

from __future__ import annotations

from pathlib import Path

import yaml
from fastapi.testclient import TestClient

from conftest import FIXTURES
from web.test_facts_form import form_fields, post_form, set_field
from web.web_helpers import new_summary, no_traceback, sid_of

TYPED = FIXTURES / "school-typed.yaml"


def _stated(data: dict[str, object]) -> dict[str, str]:
    functions = data["functions"]
    assert isinstance(functions, list)
    return {m["name"]: m["change"] for f in functions for m in f.get("metrics", []) if "change" in m}


def test_a_stated_change_is_shown_and_kept_by_a_save(client: TestClient, served: Path) -> None:
    original = yaml.safe_load(TYPED.read_text(encoding="utf-8"))
    r = client.post("/upload-facts", files={"file": ("t.yaml", TYPED.read_bytes(), "application/yaml")})
    sid = sid_of(str(r.url).replace("http://testserver", ""))
    fields = form_fields(r.text)
    assert ("functions.1.metrics.2.change", "下降一成") in fields  # its own column, editable
    r = post_form(client, f"/s/{sid}/facts", fields, follow_redirects=False)
    assert r.status_code == 303, r.text
    saved = yaml.safe_load((served / sid / "facts.yaml").read_text(encoding="utf-8"))
    assert _stated(saved) == _stated(original) and "用气量" in _stated(saved)
    gas = saved["functions"][1]["metrics"][2]
    assert gas == {"name": "用气量", "change": "下降一成"}  # no value invented


def test_a_change_typed_into_an_empty_recommended_row_is_saved(client: TestClient, served: Path) -> None:
    sid = new_summary(client)
    fields = form_fields(client.get(f"/s/{sid}/facts").text)
    row = next(n.rsplit(".", 1)[0] for n, v in fields if n.endswith(".name") and v == "报修工单")
    fields = set_field(fields, f"{row}.change", "减少三成左右")
    r = post_form(client, f"/s/{sid}/facts", fields, follow_redirects=False)
    assert r.status_code == 303, r.text
    saved = yaml.safe_load((served / sid / "facts.yaml").read_text(encoding="utf-8"))
    assert {"name": "报修工单", "unit": "件", "change": "减少三成左右"} in saved["functions"][0]["metrics"]


def test_a_contradicting_change_is_marked_at_its_field(client: TestClient, served: Path) -> None:
    sid = new_summary(client)
    before = (served / sid / "facts.yaml").read_text(encoding="utf-8")
    fields = form_fields(client.get(f"/s/{sid}/facts").text)
    row = next(n.rsplit(".", 1)[0] for n, v in fields if n.endswith(".name") and v == "报修工单")
    for name, value in (("value", "900"), ("previous", "1000"), ("change", "增长一成")):
        fields = set_field(fields, f"{row}.{name}", value)
    r = post_form(client, f"/s/{sid}/facts", fields)
    assert r.status_code == 400
    no_traceback(r.text)
    at = r.text[r.text.index('name="functions.0.metrics.0.change"') :]
    assert 'class="change invalid"' in at[:200]
    assert "增长一成 contradicts value 900 and previous 1000" in at[: at.index("</tbody>")]
    assert (served / sid / "facts.yaml").read_text(encoding="utf-8") == before
