"""`zongjie polish`: bullets → paragraphs for one section, with exactly the notes' numbers. The output's
numbers are compared with the notes' (lint/numbers.py) and the prose is linted; a mismatch is repaired
(the model is asked again, or the offline polish is used) or reported — never passed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from zongjie.errors import BadInput
from zongjie.facts.model import Report, default_year
from zongjie.lint.api import lint_section
from zongjie.notes.fidelity import compare
from zongjie.notes.files import load_profile
from zongjie.notes.match import match_function
from zongjie.notes.parse import Item, Notes, read
from zongjie.plan.build import SKELETON
from zongjie.plan.task import SectionKind, SectionTask, TextFact
from zongjie.profiles import Profile
from zongjie.writer.offline.items import LESSON_INTROS, PROBLEM_INTROS
from zongjie.writer.offline.phrases import Prose, clean, end, with_connectors

if TYPE_CHECKING:
    from zongjie.config import Settings

STYLES = ("正式", "简洁")
_NUMBERED = ("problems", "lessons", "plans", "highlights")
# Spoken note wording → 公文 wording. Only connective words change; numbers and names never do.
_REWRITES: tuple[tuple[str, str], ...] = (
    (r"^(?:今年|本年度|这一年)(?:我们|我科|我组)?", "全年"),
    (r"(?:比|较)(?:去年|上年)(?:同期)?(?:多了?|增加了?)(?=\d)", "较上年增加"),
    (r"(?:比|较)(?:去年|上年)(?:同期)?(?:少了?|减少了?)(?=\d)", "较上年减少"),
    (r"(?:比|较)(?:去年|上年)(?:同期)?(?:提高了?|提升了?|上升了?)(?=\d)", "较上年提高"),
    (r"(?:比|较)(?:去年|上年)(?:同期)?(?:下降了?|降低了?)(?=\d)", "较上年下降"),
    (r"(?<![较比])去年(?:是|为|有)?(?=\d)", "上年为"),
    (r"(?<![较比])去年", "上年"),
    (r"做了(?=\d)", "完成"),
    (r"一共|总共", "共"),
    (r"搞了", "开展了"),
    (r"(^|，)我们", r"\1"),
    (r"^(.{1,6}?)这块，", r"\1方面，"),
)
_BARE_PERCENT = re.compile(r"^(?P<name>[^\d，]{2,12}率)(?P<num>\d+(?:\.\d+)?%)$")


@dataclass
class Polished:
    text: str
    ok: bool
    problems: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def smooth(text: str) -> str:
    """One note as one 公文 sentence: spoken connectives replaced, 率 given a verb, 。 at the end."""
    out = clean(text)
    for pattern, repl in _REWRITES:
        out = re.sub(pattern, repl, out)
    m = _BARE_PERCENT.match(out)
    if m:
        out = f"{m.group('name')}为{m.group('num')}"
    return end(out.strip("，") or clean(text))


def _groups(notes: Notes) -> list[list[Item]]:
    """Notes under one heading form one paragraph; without headings, a blank line or a change of line."""
    groups: list[list[Item]] = []
    last: tuple[str | None, int] | None = None
    for item in notes.items:
        key = (item.heading, 0 if item.heading else item.line)
        if (notes.headings and last is not None and key[0] == last[0]) or (
            not notes.headings and groups and _same_paragraph(notes, groups[-1][-1], item)
        ):
            groups[-1].append(item)
        else:
            groups.append([item])
        last = key
    return groups


def _same_paragraph(notes: Notes, prev: Item, item: Item) -> bool:
    lines = notes.text.splitlines()
    between = lines[prev.line : item.line - 1]
    return prev.line == item.line or (item.line - prev.line == 1) or not any(not x.strip() for x in between)


def render(notes: Notes, sentences: list[str], section: str, style: str) -> str:
    """Sentences (one per note item, in order) into paragraphs; numbered items for list sections."""
    prose = Prose()
    by_item = dict(zip(((i.line, i.text) for i in notes.items), sentences, strict=True))
    if section in _NUMBERED and style == "正式":
        intro = {"problems": PROBLEM_INTROS[0], "lessons": LESSON_INTROS[0]}.get(section)
        items = [f"{n}. {prose.note(s)}" for n, s in enumerate(sentences, 1)]
        return "\n\n".join([prose.note(intro), *items] if intro else items)
    paragraphs = []
    for group in _groups(notes):
        parts = [by_item[(i.line, i.text)] for i in group]
        if style == "正式":
            parts = [prose.note(prose.pick(with_connectors(p)) if k else p) for k, p in enumerate(parts)]
        paragraphs.append("".join(parts))
    return "\n\n".join(paragraphs)


def section_task(notes: Notes, section: str, profile: Profile, year: int) -> SectionTask:
    """The section the prose is for, carrying the notes as its facts, so the linter judges it like a draft."""
    texts = [TextFact(id=f"notes.L{i.line}", text=i.text) for i in notes.items]
    report = Report(organization="本单位", department=profile.department, profile=profile.id, year=year)
    key = section.removeprefix("review-") if section.startswith("review-") else None
    spec = profile.function(key) if key else None
    kind: SectionKind = "function" if key else "lessons" if section == "lessons" else "preface"
    return SectionTask(
        id=section,
        kind=kind,
        heading=(spec.name if spec else section) if key else dict(SKELETON).get(section, section),
        level=3 if key else 2,
        group="review" if key else None,
        report=report,
        profile_name=profile.name,
        served=profile.served,
        function_key=key,
        work=texts if key else [],
        lessons=texts if kind == "lessons" else [],
        notes=texts if not key and kind != "lessons" else [],
    )


def known_sections(profile: Profile) -> list[str]:
    return [
        "preface",
        *(f"review-{k}" for k in profile.keys),
        "highlights",
        "team",
        "problems",
        "lessons",
        "plans",
    ]


def guess_section(notes: Notes, profile: Profile) -> str:
    """The function most notes belong to, else 前言 (a general paragraph)."""
    counts: dict[str, int] = {}
    for item in notes.items:
        key = match_function(item.text, profile).key
        if key:
            counts[key] = counts.get(key, 0) + 1
    return f"review-{max(counts, key=lambda k: counts[k])}" if counts else "preface"


def verify(notes: Notes, text: str, task: SectionTask) -> list[str]:
    source = "\n".join(i.text for i in notes.items)
    problems = compare(source, text).describe()
    problems += [
        f"lint {f.rule}: {f.message}" + (f"「{f.excerpt}」" if f.excerpt else "")
        for f in lint_section(task, text)
        if f.is_error
    ]
    return problems


def polish_offline(notes: Notes, section: str, style: str, task: SectionTask) -> Polished:
    text = render(notes, [smooth(i.text) for i in notes.items], section, style)
    problems = verify(notes, text, task)
    return Polished(text, not problems, problems, [f"polish: offline, section {section}, style {style}"])


def polish_file(
    path: Path,
    *,
    section: str | None,
    style: str,
    profile: str = "property",
    settings: Settings | None = None,
) -> Polished:
    if style not in STYLES:
        raise BadInput(f"unknown style {style!r}; use {' or '.join(STYLES)}")
    spec = load_profile(profile)
    notes = read(path)
    known = known_sections(spec)
    if section is not None and section not in known:
        raise BadInput(f"unknown section {section!r}; sections: {', '.join(known)}")
    chosen = section or guess_section(notes, spec)
    task = section_task(notes, chosen, spec, default_year(dt.date.today()))
    if settings is not None and settings.uses_llm:
        from zongjie.notes.llm import polish_with_model

        return polish_with_model(notes, chosen, style, task, settings)
    return polish_offline(notes, chosen, style, task)
