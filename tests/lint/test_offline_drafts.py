"""The offline writer's drafts for every fixture lint with zero errors, per section and as a whole draft.

Facts files made from notes may lack a cause, an owner or a whole section: the linter reports those as
errors marked `facts_gap` (only the user can fill them). The writer itself must never add an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from zongjie.facts.load import load
from zongjie.lint.api import lint_markdown, lint_section
from zongjie.pipeline import draft
from zongjie.plan.build import build_plan
from zongjie.writer.offline import OfflineWriter

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted((ROOT / "fixtures").glob("*.yaml"))
COMPLETE = [p for p in FIXTURES if not p.name.startswith("notes-")]


def test_complete_fixtures_exist() -> None:
    names = {p.name for p in COMPLETE}
    assert {"property-full.yaml", "property-small.yaml"} <= names
    assert {"school-full.yaml", "hospital-full.yaml", "enterprise-full.yaml"} <= names


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_offline_sections_add_no_errors(path: Path) -> None:
    writer = OfflineWriter()
    for task in build_plan(load(path)):
        body = writer.render(task)
        errors = [f for f in lint_section(task, body) if f.is_error]
        if path in COMPLETE:
            assert not errors, f"{task.id}: {[(f.rule, f.message) for f in errors]}\n{body}"
        else:
            assert all(f.facts_gap for f in errors), [(f.rule, f.excerpt) for f in errors]


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_offline_whole_draft_lints_without_errors(path: Path, tmp_path: Path) -> None:
    facts = load(path)
    draft(path, tmp_path / "out", OfflineWriter())
    text = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    errors = [f for f in lint_markdown(text, facts) if f.is_error]
    if path in COMPLETE:
        assert not errors, [(f.rule, f.line, f.message, f.excerpt) for f in errors]
    else:
        assert all(f.facts_gap for f in errors), [(f.rule, f.excerpt) for f in errors]
