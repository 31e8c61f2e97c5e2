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


# Where an item number may stand inside one line: at the start or after a space or a mark (1.甲 2.乙), or anywhere
# when it is bracketed or circled (（1）甲（2）乙, ①甲②乙, ⑴甲⑵乙). The number itself is read by
# text.markdown.ordinal, the one ordinal grammar, so a decimal (3.5万) or a date (2026.6) is never one.
_ITEM_AT = re.compile(r"(?:^|(?<=[\s；;，,。]))(?=\S)|(?=[（(①-⒇])")
_ANYWHERE = frozenset({"（1）", "①"})
# After a space or a mark inside the line only a short item number cuts (甲 2.乙): 99.1 - 0.4 is no section 99.1,
# ### （一）标题 no item after ###. A comma between digits groups thousands (3,480): no mark.
_AFTER_MARK = _ANYWHERE | {"1.", "1、", "1）"}


def _item_numbers(piece: str) -> list[tuple[int, int]]:
    """(start, end) of each item number in one line, `end` after the spaces that follow it."""
    from zongjie.text.markdown import ordinal

    out: list[tuple[int, int]] = []
    for m in _ITEM_AT.finditer(piece):
        at = m.start()
        if out and at < out[-1][1]:
            continue
        o = ordinal(piece[at : at + 40])
        if o is None:
            continue
        after_mark = piece[at - 1] in " \t\u3000；;，,。" and not piece[at - 2 : at - 1].isdigit()
        if at == 0 or o.form in _ANYWHERE or (after_mark and o.form in _AFTER_MARK):
            out.append((at, at + o.end))
    return out


_ITEM_END = re.compile(r"[；;\n]")


def list_items(text: str) -> list[str]:
    """The items of a list typed into one cell or line, without their numbers: 组织培训；新招持证 /
    1.组织培训 2.新招持证 / ①组织培训②新招持证 / one per line → [组织培训, 新招持证]. Items are split at ；
    and line breaks and before each number; a decimal (3.5万元) or a date is no number."""
    out: list[str] = []
    for piece in _ITEM_END.split(fold(text)):
        numbers = _item_numbers(piece)
        ends = {a: b for a, b in numbers}
        bounds = [0, *ends, len(piece)]
        for a, b in pairwise(bounds):
            item = piece[ends.get(a, a) : b].strip(" \t\u3000，,。")
            if item:
                out.append(item)
    return out
