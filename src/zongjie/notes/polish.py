"""`zongjie polish`: bullets → paragraphs for one section, with exactly the notes' numbers. The output's
numbers are compared with the notes' and the prose is linted; a mismatch is repaired (the model is asked
again, or the offline polish is used) or reported — never passed. The offline polish and the checks live in
notes/prose.py, the model path in notes/llm.py; this module only chooses (so neither imports the other's
caller: no import cycle)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from zongjie import profiles
from zongjie.errors import BadInput
from zongjie.finding import Finding
from zongjie.lint.api import lint_in_draft
from zongjie.notes.match import LABEL, promote_headings, section_of_heading, section_of_label
from zongjie.notes.parse import Notes, read
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
from zongjie.notes.rules import extract
from zongjie.plan.task import SectionKind
from zongjie.writer.offline.phrases import punctuate

if TYPE_CHECKING:
    from zongjie.config import Settings
    from zongjie.profiles import Profile

# The facts list a note went to → the section whose prose it feeds.
_SLOT_SECTION = {"summary.notes": "preface", "summary.metrics": "preface", "team.notes": "team"}
_SLOT_SECTION |= {"team.metrics": "team"}
# The kind a section is linted as: a plans body gets the plan rules, a problems body the problem rules.
_KINDS: dict[str, SectionKind] = {
    k: k for k in ("preface", "highlights", "team", "problems", "lessons", "plans")
}

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
    today = dt.date.today()
    placed, marks = _sections(notes, spec, today), _marks(notes, spec)
    chosen = section or (marks and _most(placed, known)) or guess_section(notes, spec)
    left_out: list[str] = []
    if marks - {chosen}:  # a heading or label puts some note elsewhere: only this section's notes are taken
        notes, left_out = _only(notes, chosen, placed)
    # Otherwise the notes are one section's bullets (a plain list), the one the user named or the guess.
    # The notes' own year (title, headings, dated events), so the linter judges 2025年 in 2025's notes right.
    task = section_task(notes, chosen, spec, choose_year(raw, None, today).year)
    if chosen in _KINDS:  # section_task lints every non-review section as a preface: not what `lint` does
        task = task.model_copy(update={"kind": _KINDS[chosen]})
    if settings is not None and settings.uses_llm:
        from zongjie.notes.llm import polish_with_model

        result = polish_with_model(notes, chosen, style, task, settings)
        # The model may copy a half-width mark from the notes; the linter's fixer settles it (numbers untouched).
        result.text = punctuate(result.text)
    else:
        result = polish_offline(notes, chosen, style, task)
    result.messages += [choice.said(), *dropped, *left_out]
    _claim(result, lint_in_draft(task, result.text))
    return result


def _claim(result: Polished, findings: list[Finding]) -> None:
    """Say what `zongjie lint` finds in the prose placed under its section's heading — every rule it applies
    there, the plan and problem rules included — and fail on any error, as `lint` exits 1 on one. Only
    what was checked is claimed; warnings are named, not hidden."""
    errors = [f for f in findings if f.is_error]
    warnings = [f for f in findings if not f.is_error]
    for f in errors:
        said = f"lint {f.rule}: {f.message}" + (f"「{f.excerpt}」" if f.excerpt else "")
        if said not in result.problems:
            result.problems.append(said)
    result.ok = result.ok and not errors
    counted = f"{len(errors)} lint error(s), {len(warnings)} lint warning(s)"
    if result.ok:
        numbers = "numbers as in the notes, no lint error"
        tail = f"{len(warnings)} lint warning(s)" if warnings else "no lint findings"
        result.messages.append(
            f"polish: checked as `zongjie lint --facts` reads this section, the notes as facts — {numbers}, {tail}"
        )
    else:
        result.messages.append(
            f"polish: `zongjie lint --facts` on this section, the notes as facts, finds {counted}"
        )
    result.messages += [f"  - lint {f.rule}: {f.message}" for f in warnings]


def _sections(notes: Notes, spec: Profile, today: dt.date) -> dict[tuple[int, str], str]:
    """The section each note feeds, as `zongjie extract` places it (a 问题 line → problems, a 明年 line →
    plans, a 设备 line → review-facilities); notes it places nowhere are absent."""
    ext = extract(notes, spec, today=today)
    out: dict[tuple[int, str], str] = {}
    for key, block in ext.functions.items():
        out |= {(i.line, i.text): f"review-{key}" for e in block.entries() for i in e.items}
    for slot, entries in ext.top.items():
        out |= {(i.line, i.text): _SLOT_SECTION.get(slot, slot) for e in entries for i in e.items}
    return out


def _marks(notes: Notes, spec: Profile) -> set[str]:
    """The sections headings and labels put notes in (## 问题 → problems, 明年计划： → plans, ## 设备 →
    review-facilities)."""
    out: set[str] = set()
    for item in notes.items:
        label = LABEL.match(item.text)
        for mark in (
            section_of_label(label.group("label")) if label else None,
            section_of_heading(item.heading, spec) if item.heading else None,
        ):
            if mark is not None:
                out.add(f"review-{mark.removeprefix('function:')}" if mark.startswith("function:") else mark)
    return {"preface" if m == "summary" else m for m in out}


def _most(placed: dict[tuple[int, str], str], known: list[str]) -> str | None:
    """Without --section: the section most notes feed (the earlier one on a tie)."""
    counts = {s: list(placed.values()).count(s) for s in known}
    best = max(counts.values(), default=0)
    return next((s for s in known if counts[s] == best), None) if best else None


def _only(notes: Notes, section: str, placed: dict[tuple[int, str], str]) -> tuple[Notes, list[str]]:
    """The notes of one section, and what was left out and why: the polish of one section never carries
    another's lines (a plan for next year, a problem) into its prose."""
    keep = [i for i in notes.items if placed.get((i.line, i.text)) == section]
    elsewhere: dict[str, list[int]] = {}
    nowhere: list[int] = []
    for i in notes.items:
        where = placed.get((i.line, i.text))
        if where is None:
            nowhere.append(i.line)
        elif where != section:
            elsewhere.setdefault(where, []).append(i.line)
    held = ", ".join(f"{s} ({len(lines)})" for s, lines in elsewhere.items())
    if not keep:
        raise BadInput(
            f"{notes.source}: no note is for section {section}"
            + (f"; the notes hold lines for: {held} (choose one with --section)" if held else "")
        )
    said = []
    if elsewhere:
        where = "; ".join(f"{s}: {_lines(lines)}" for s, lines in elsewhere.items())
        said.append(f"polish: left out, as they belong to other sections — {where} (use --section for them)")
    if nowhere:
        said.append(
            f"polish: left out, placed in no section (see `zongjie extract`'s unplaced list) — {_lines(nowhere)}"
        )
    return replace(notes, items=keep), said


def _lines(lines: list[int]) -> str:
    return ", ".join(f"L{n}" for n in dict.fromkeys(lines))
