"""Small text tools shared by the offline section writers: cleaning fact text, ending sentences, and
choosing among phrasings so that openings do not repeat (the 流水账 look)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from zongjie.punctuation import fix_text
from zongjie.text import close_spaces
from zongjie.text.markdown import marker

# Where a body is cut into "items" for the opening check: sentences, ；-clauses and paragraphs.
_PIECES = re.compile(r"[。；！？\n]+")
_SENTENCES = re.compile(r"[。！？\n]+")
_TRAILING = "。；;，,、：: \t\u3000"
_ENDINGS = ("。", "！", "？", "…", "”。")


def seed(text: str) -> int:
    """A stable number from a task id: phrasing varies between sections, never between runs."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


def rotate(options: Sequence[str], by: int) -> list[str]:
    if not options:
        return []
    k = by % len(options)
    return [*options[k:], *options[:k]]


def punctuate(text: str) -> str:
    """The linter's own punctuation fix (`zongjie lint --fix`) applied to user text: full-width ，（）：；
    next to 汉字; digits and decimal points (98.5%) untouched. One set of rules, so a draft that copies
    "职工21人,保障全校" never carries a mark the linter would flag."""
    return fix_text(text)


# 学生公寓 热水故障: a space typed between 汉字 in the notes; 院感配合 —— 完成改造: a spoken dash.
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")
_DASH = re.compile(r"\s*(?:——|--|—)\s*")


def clean(text: str) -> str:
    """Fact text ready to be embedded: punctuation as the linter wants it (see punctuate), no space between
    汉字 and digits, no trailing punctuation.

    Only punctuation and spacing change; every character of the wording (numbers above all) stays.
    """
    out = _CJK_SPACE.sub("", _DASH.sub("，", text.strip()))
    out = punctuate(close_spaces(out))
    out = out.rstrip(_TRAILING)
    while out.endswith(".") and len(out) > 1 and not out[-2].isdigit():
        out = out[:-1].rstrip(_TRAILING)
    return out


def end(text: str) -> str:
    """Closes a sentence with 。 unless it already ends with sentence punctuation."""
    text = text.rstrip(_TRAILING)
    return text if text.endswith(_ENDINGS) else f"{text}。"


def opening(text: str) -> str:
    """The first two characters of a piece, after a list marker (1. / - / 一、) and a bold lead."""
    text = text.strip()
    text = text[len(marker(text)[1]) :].lstrip().removeprefix("**")
    return text[:2]


def openings(text: str) -> list[str]:
    """The first two characters of every sentence, clause and paragraph of `text`, in order."""
    return [o for o in (opening(p) for p in _PIECES.split(text)) if o]


class Prose:
    """Tracks the openings written so far in one section and picks phrasings that keep them varied.

    Two histories are kept: every item (sentence, ；-clause, paragraph) and sentence starts alone, since a
    reader notices both "完成…；完成…；完成…" and "同时，…。同时，…。同时，…". `pick` never returns an
    option that makes three consecutive openings alike in either history when another option avoids it,
    and prefers options that differ from the opening just written. `head` says whether the option starts
    a sentence (False for a clause after ；).
    """

    def __init__(self) -> None:
        self.starts: list[str] = []
        self.heads: list[str] = []

    @staticmethod
    def _third(history: list[str], start: str) -> bool:
        last = history[-2:]
        return len(last) == 2 and last[0] == last[1] == start

    def _allowed(self, option: str, head: bool) -> bool:
        start = opening(option)
        return not self._third(self.starts, start) and not (head and self._third(self.heads, start))

    def _fresh(self, option: str, head: bool) -> bool:
        start = opening(option)
        if self.starts and start == self.starts[-1]:
            return False
        return not (head and self.heads and start == self.heads[-1])

    def pick(self, options: Sequence[str], *, head: bool = True) -> str:
        allowed = [o for o in options if self._allowed(o, head)]
        fresh = [o for o in allowed if self._fresh(o, head)]
        # A sentence opener not yet used in the section beats one used two sentences ago (同时…与此同时…同时).
        unused = [o for o in fresh if not head or opening(o) not in self.heads]
        return (unused or fresh or allowed or list(options))[0]

    def note(self, text: str, *, head: bool = True) -> str:
        """Records the openings of text that is about to be written; returns it unchanged."""
        self.starts.extend(openings(text))
        pieces = _SENTENCES.split(text)
        self.heads.extend(o for i, p in enumerate(pieces) if (head or i > 0) and (o := opening(p)))
        return text

    def clauses(self, options_per_clause: Sequence[Sequence[str]]) -> list[str]:
        """Picks one phrasing per clause of a sentence, recording each before choosing the next."""
        out = []
        for i, options in enumerate(options_per_clause):
            out.append(self.note(self.pick(options, head=i == 0), head=i == 0))
        return out


# Connectors that can open a clause the writer would otherwise start like the two before it.
CONNECTORS = ("同时，", "此外，", "另外，")


def with_connectors(text: str) -> list[str]:
    return [text, *(c + text for c in CONNECTORS)]


def series(items: Sequence[str]) -> str:
    """Joins short names with 、 (used for the outline of functions)."""
    return "、".join(items)
