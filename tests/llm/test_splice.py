"""Sentence-level repair with the recorded replies of a real small model (Qwen2.5-Coder-0.5B, llama.cpp):
the model's valid sentences are kept word for word, the wrong ones dropped whole, the facts it left out
filled from the offline text — and no number in the result that the facts do not give."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cli_helpers import run_cli
from zongjie.config import Settings
from zongjie.lint.api import lint_section
from zongjie.lint.factset import FactSet, claims

from .answers import Responder, section_of
from .conftest import FULL
from .fake_server import FakeServer, ok
from .helpers import TASKS, new_writer, write

MakeSettings = Callable[..., Settings]
RECORDED: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "small-model-responses.json").read_text("utf-8")
)


def _prose(name: str) -> dict[str, Any]:
    """A recorded reply as the Prose schema takes it (its paragraphs word for word)."""
    text = str(RECORDED[name]["response"])
    try:
        paragraphs = json.loads(text)["paragraphs"]
    except (json.JSONDecodeError, KeyError):
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return {
        "paragraphs": paragraphs[:6],
        "fact_ids": ["functions[9].work[7]"],
    }  # a fact id that does not exist


def _no_invented_number(section: str, body: str) -> None:
    facts = FactSet.from_task(TASKS[section])
    assert [q.raw for q in claims(body) if not facts.allows(q)] == []
    assert not [f for f in lint_section(TASKS[section], body, strict=True) if f.is_error]


def test_a_reply_with_wrong_sentences_and_dropped_metrics_is_spliced(
    server: FakeServer, settings_for: MakeSettings
) -> None:
    answer = _prose(
        "energy_text"
    )  # 2023年, 购水量同比下降4.1% (facts: 4.2%), 用电量 without 312万度, no 用水量
    server.responder = lambda request: ok(answer)  # the model says the same on every re-ask
    draft = write(new_writer(settings_for(server)), "review-energy")
    assert draft.status == "spliced" and server.calls == 3  # the re-ask budget was spent first
    body = draft.body
    assert "更换LED灯具540套" in body  # a sentence that passed, kept word for word
    assert "4.1%" not in body and "2023" not in body and "导致电费成本上升。2. 购水量" not in body
    assert "312万度" in body and "18.4万吨" in body  # the metrics it left out, filled from the offline text
    _no_invented_number("review-energy", body)
    assert draft.sentences is not None
    counts = draft.sentences
    assert counts.kept >= 2 and counts.dropped >= 3 and counts.filled >= 1
    assert [f.rule for f in draft.findings] == ["llm-spliced"] and draft.findings[0].severity == "warning"


def test_one_wrong_year_drops_one_sentence_and_keeps_the_rest(
    server: FakeServer, settings_for: MakeSettings
) -> None:
    answer = _prose("work_review_facilities")  # "2023年12月，……" and then every figure right
    server.responder = lambda request: ok(answer)
    draft = write(new_writer(settings_for(server)), "review-facilities")
    assert draft.status == "spliced"
    assert draft.body.startswith("共巡检1248次（上年1102次）")
    assert "2023" not in draft.body and "通过预见性维护，我们可以提前发现" in draft.body
    assert draft.sentences is not None
    assert (draft.sentences.dropped, draft.sentences.filled) == (1, 0)
    _no_invented_number("review-facilities", draft.body)


def test_a_metric_left_out_is_filled_at_once_without_a_re_ask(
    server: FakeServer, settings_for: MakeSettings
) -> None:
    good = json.loads(Responder(FULL).answer("review-energy"))
    paragraphs = [
        p.replace("用水量降至18.4万吨，较上年减少0.8万吨，同比下降4.2%（上年19.2万吨）；", "")
        for p in good["paragraphs"]
    ]
    assert "18.4万吨" not in "".join(paragraphs)
    server.push(ok({**good, "paragraphs": paragraphs}))
    draft = write(new_writer(settings_for(server)), "review-energy")
    assert (draft.status, server.calls) == ("spliced", 1)
    assert "18.4万吨" in draft.body and draft.sentences is not None
    assert (draft.sentences.dropped, draft.sentences.filled) == (0, 1)


def test_report_json_gives_the_counts(server: FakeServer, tmp_path: Path, capsys: Any) -> None:

    responder = Responder(FULL)
    answer = _prose("work_review_facilities")

    def reply(request: dict[str, Any]) -> Any:

        return ok(answer) if section_of(request) == "review-facilities" else responder(request)

    server.responder = reply
    out = tmp_path / "out"
    code, _, err = run_cli(
        capsys, "draft", str(FULL), "-o", str(out), "--base-url", server.url, "--model", "m"
    )
    assert code == 0, err  # a spliced section is lint-clean: a warning, not an error
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    section = next(s for s in data["sections"] if s["id"] == "review-facilities")
    assert section["status"] == "spliced" and section["sentences"]["dropped"] == 1
    assert data["totals"]["spliced"] == 1


def test_last_years_figure_stated_as_this_years_is_dropped_and_the_right_one_filled(
    server: FakeServer, settings_for: MakeSettings
) -> None:
    # Every number is in the facts (98.7% is 设备完好率's previous), yet "达到98.7%" is false: the sentence goes,
    # and the metric's true figure comes back from the offline text.
    good = json.loads(Responder(FULL).answer("review-facilities"))
    right = "此外，设备完好率达到99.1%，较上年提高0.4个百分点，优于年度目标（99%）0.1个百分点（上年98.7%）。"
    assert right in good["paragraphs"][0]
    paragraphs = [good["paragraphs"][0].replace(right, "此外，设备完好率达到98.7%，保持较高水平。")]
    answer = {**good, "paragraphs": paragraphs + good["paragraphs"][1:]}
    server.responder = lambda request: ok(answer)  # the model says the same on every re-ask
    draft = write(new_writer(settings_for(server)), "review-facilities")
    assert (draft.status, server.calls) == ("spliced", 3)  # re-asked first: an error, not a dropped fact
    assert "达到98.7%" not in draft.body and "99.1%" in draft.body
    assert draft.sentences is not None
    assert (draft.sentences.dropped, draft.sentences.filled) == (1, 1)
    _no_invented_number("review-facilities", draft.body)


def test_a_numbered_list_is_renumbered_but_a_decimal_or_a_date_is_not_an_item() -> None:
    from zongjie.llm.splice import _renumber

    lines = ["1. 巡检", "3．维修", "1.5万元用于改造", "2025.7.23完成验收", "5. 保洁"]
    assert _renumber(lines) == ["1. 巡检", "2. 维修", "1.5万元用于改造", "2025.7.23完成验收", "1. 保洁"]
