"""Sentences and clauses of Chinese prose, as (offset, text) spans so callers can point back into the text.

A sentence ends at 。！？ (ASCII !? too) with any closing quote or bracket after it, or at a line break. A
clause ends at ，；、 as well — the span a direction word (增长/下降) or a hedge belongs to."""

from __future__ import annotations

import re

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
