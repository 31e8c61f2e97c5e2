"""Sentences and clauses of Chinese prose, as (offset, text) spans so callers can point back into the text.

A sentence ends at 。！？ (ASCII !? too) with any closing quote or bracket after it, or at a line break. A
clause ends at ，；、 as well — the span a direction word (增长/下降) or a hedge belongs to."""

from __future__ import annotations

import re
from itertools import pairwise

from zongjie.text.width import fold

Span = tuple[int, str]

_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*|\n")
_CLAUSE_END = re.compile(r"[，,；;。！？!?\n]")
_CLAUSE_END_WITH_LIST = re.compile(r"[，,；;、。！？!?\n]")


def sentences(text: str, *, keep_empty: bool = False) -> list[Span]:
    """(offset, sentence) with its end mark kept, so the spans put together give back `text` (breaks aside)."""
    out: list[Span] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > pos:
            out.append((pos, text[pos : m.end()]))
        pos = m.end()
    if pos < len(text):
        out.append((pos, text[pos:]))
    return out if keep_empty else [(o, s) for o, s in out if s.strip(" \t\n。！？!?")]


def clauses(text: str, *, enumeration: bool = False) -> list[Span]:
    """(offset, clause) split at ，；。！？ and line breaks (and at 、 with `enumeration`), marks dropped."""
    rx = _CLAUSE_END_WITH_LIST if enumeration else _CLAUSE_END
    out: list[Span] = []
    pos = 0
    for m in rx.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return [(o, c) for o, c in out if c.strip()]


# An item number inside one line: 1.甲 2.乙, （1）甲（2）乙, ①甲②乙 — at the start or after a space or a mark,
# and never a decimal (3.5万) or a date (2026.6).
_INLINE_NUMBER = re.compile(
    r"(?:^|(?<=[\s；;，,。]))\d{1,2}(?:[.．](?![\d.])|[、)）])|[（(]\d{1,2}[)）]|[①-⑳]",
)
_ITEM_END = re.compile(r"[；;\n]")


def list_items(text: str) -> list[str]:
    """The items of a list typed into one cell or line, without their numbers: 组织培训；新招持证 /
    1.组织培训 2.新招持证 / ①组织培训②新招持证 / one per line → [组织培训, 新招持证]. Items are split at ；
    and line breaks and before each number; a decimal (3.5万元) or a date is no number."""
    out: list[str] = []
    for piece in _ITEM_END.split(fold(text)):
        cuts = [m.start() for m in _INLINE_NUMBER.finditer(piece)]
        bounds = [0, *cuts, len(piece)]
        for a, b in pairwise(bounds):
            item = _INLINE_NUMBER.sub("", piece[a:b], count=1) if a in cuts else piece[a:b]
            item = item.strip(" \t\u3000，,。")
            if item:
                out.append(item)
    return out
