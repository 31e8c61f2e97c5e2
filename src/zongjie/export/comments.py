"""Findings as Word comments (批注), authored zongjie, on the words each one quotes — so the 科长 reviewing in
Word sees a finding where it is. A finding that quotes nothing (a missing section, a plan without an owner)
sits on its section's heading, else on the title: every finding gets its comment, none is dropped."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from zongjie.export.markdown import Block
from zongjie.finding import Finding

AUTHOR = "zongjie"
INITIALS = "ZJ"
SEVERITY = {"error": "错误", "warning": "提醒", "info": "提示"}


@dataclass
class Anchor:
    """A draft block and the Word paragraph it became."""

    block: Block
    paragraph: Any


def comment_text(finding: Finding) -> str:
    text = f"【{SEVERITY[finding.severity]}】{finding.message}"
    if finding.suggestion:
        text += f"\n建议：{finding.suggestion}"
    return text + f"\n（zongjie 规则 {finding.rule}）"


def attach(
    document: Any, anchors: Sequence[Anchor], findings: Sequence[Finding], headings: dict[str, str]
) -> int:
    """Adds one comment per finding; `headings` maps section ids to their headings. Returns the count."""
    for finding in findings:
        document.add_comment(_runs_for(finding, anchors, headings), comment_text(finding), AUTHOR, INITIALS)
    return len(findings)


def _runs_for(finding: Finding, anchors: Sequence[Anchor], headings: dict[str, str]) -> list[Any]:
    excerpt = (finding.excerpt or "").replace("**", "").strip()
    section = _section(anchors, headings.get(finding.section or ""))
    if excerpt:
        at_line = _at_line(anchors, finding.line)
        for anchor in [*at_line, *section, *anchors]:
            at = _paragraph_text(anchor.paragraph).find(excerpt)
            if at >= 0:
                return _isolate(anchor.paragraph, at, at + len(excerpt))
    target = section[0] if section else anchors[0]  # the heading of its section, else the title
    return _whole(target.paragraph)


def _at_line(anchors: Sequence[Anchor], line: int | None) -> list[Anchor]:
    """The block the finding's line falls in: the last one starting at or before it."""
    if not line:
        return []
    before = [a for a in anchors if 0 < a.block.line <= line]
    return before[-1:]


def _section(anchors: Sequence[Anchor], heading: str | None) -> list[Anchor]:
    """The heading anchor of a section and the blocks under it, up to the next heading of its level or above."""
    if not heading:
        return []
    for i, anchor in enumerate(anchors):
        block = anchor.block
        if block.kind == "heading" and block.bare_heading == heading:
            end = next(
                (j for j in range(i + 1, len(anchors)) if _ends(anchors[j].block, block.level)), len(anchors)
            )
            return list(anchors[i:end])
    return []


def _ends(block: Block, level: int) -> bool:
    return block.kind == "title" or (block.kind == "heading" and block.level <= level)


def _paragraph_text(paragraph: Any) -> str:
    return "".join(run.text for run in paragraph.runs)


def _whole(paragraph: Any) -> list[Any]:
    runs = [r for r in paragraph.runs if r.text]
    return runs or list(paragraph.runs) or [paragraph.add_run()]


def _split(run: Any, at: int) -> Any:
    """Splits `run` at character `at`: `run` keeps the text before, the returned new run (same formatting,
    right after it) the rest."""
    from docx.text.run import Run

    text = run.text
    element = copy.deepcopy(run._r)
    run._r.addnext(element)
    tail = Run(element, run._parent)
    run.text = text[:at]
    tail.text = text[at:]
    return tail


def _isolate(paragraph: Any, start: int, end: int) -> list[Any]:
    """The runs that hold exactly characters start..end of the paragraph, splitting runs at both ends."""
    runs: list[Any] = []
    pos = 0
    for run in list(paragraph.runs):
        length = len(run.text)
        lo, hi = max(start, pos), min(end, pos + length)
        if lo < hi:
            piece = run
            if lo > pos:
                piece = _split(piece, lo - pos)
            if hi < pos + length:
                _split(piece, hi - lo)
            runs.append(piece)
        pos += length
    return runs or _whole(paragraph)
