"""`zongjie polish`: bullets → paragraphs for one section, with exactly the notes' numbers. The output's
numbers are compared with the notes' and the prose is linted; a mismatch is repaired (the model is asked
again, or the offline polish is used) or reported — never passed. The offline polish and the checks live in
notes/prose.py, the model path in notes/llm.py; this module only chooses (so neither imports the other's
caller: no import cycle)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.lint.api import lint_section
from zongjie.notes.match import promote_headings
from zongjie.notes.parse import read
from zongjie.notes.profile import choose
from zongjie.notes.prose import (
    STYLES,
    Polished,
    failure,
    guess_section,
    known_sections,
    polish_offline,
    section_task,
    smooth,
    usable,
    verify,
)
from zongjie.notes.report import choose_year
from zongjie.writer.offline.phrases import punctuate

if TYPE_CHECKING:
    from zongjie.config import Settings

__all__ = ["Polished", "failure", "polish_file", "section_task", "smooth", "verify"]


def polish_file(
    path: Path,
    *,
    section: str | None,
    style: str,
    profile: str | None = None,
    settings: Settings | None = None,
) -> Polished:
    if style not in STYLES:
        raise BadInput(f"unknown style {style!r}; use {' or '.join(STYLES)}")
    raw = read(path)
    choice = choose(raw.text, profile)
    spec = profiles.load(choice.id)
    notes, dropped = usable(promote_headings(raw, spec))
    known = known_sections(spec)
    if section is not None and section not in known:
        raise BadInput(f"unknown section {section!r}; sections: {', '.join(known)}")
    chosen = section or guess_section(notes, spec)
    # The notes' own year (title, headings, dated events), so the linter judges 2025年 in 2025's notes right.
    task = section_task(notes, chosen, spec, choose_year(raw, None, dt.date.today()).year)
    if settings is not None and settings.uses_llm:
        from zongjie.notes.llm import polish_with_model

        result = polish_with_model(notes, chosen, style, task, settings)
        # The model may copy a half-width mark from the notes; the linter's fixer settles it (numbers untouched).
        result.text = punctuate(result.text)
    else:
        result = polish_offline(notes, chosen, style, task)
    result.messages += [choice.said(), *dropped]
    if result.ok:
        # Only what was checked is said: no lint error and the notes' numbers; warnings are named, not hidden.
        warnings = [f for f in lint_section(task, result.text) if not f.is_error]
        said = f"{len(warnings)} lint warning(s)" if warnings else "no lint findings"
        result.messages.append(f"polish: checked — numbers as in the notes, no lint error, {said}")
        result.messages += [f"  - lint {f.rule}: {f.message}" for f in warnings]
    return result
