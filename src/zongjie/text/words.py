"""Word lists as data: one file per list under `lexicon/`, one entry a line, `#` starts a comment.

The lists (vague words, 套话 openings, buzzwords, future markers, owner labels, change verbs, target verbs …)
live in files rather than in rule modules, so the linter, the notes reader and the offline writer read the same
words and a reviewer can grow a list without touching code. `names()` lists what exists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

LEXICON = Path(__file__).resolve().parent / "lexicon"


class UnknownList(KeyError):
    """No word list of that name ships with zongjie (a programming error, not bad input)."""


def names() -> list[str]:
    """Every word list that ships, by name (the file name without `.txt`)."""
    return sorted(p.stem for p in LEXICON.glob("*.txt"))


@lru_cache(maxsize=64)
def words(name: str) -> tuple[str, ...]:
    """The entries of list `name`, in file order, without blanks, comments or duplicates."""
    path = LEXICON / f"{name}.txt"
    if not path.is_file():
        raise UnknownList(f"no word list {name!r} in {LEXICON} (known: {', '.join(names())})")
    seen: dict[str, None] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        entry = raw.split("#", 1)[0].strip()
        if entry:
            seen.setdefault(entry, None)
    return tuple(seen)


def longest_first(entries: tuple[str, ...] | list[str] | set[str] | frozenset[str]) -> list[str]:
    """For a regex alternation: 个百分点 before 个, 进一步加强 before 加强."""
    return sorted(entries, key=lambda u: (-len(u), u))


def literal_alternation(entries: Iterable[str]) -> str:
    """A regex (no group) matching any of `entries` literally, the longest where several match — built as a
    trie (保洁合格率|保洁员 → 保洁(?:合格率|员)), so matching thousands of metric names costs about the length
    of the text, not the text times the number of names as a flat alternation does."""
    trie: dict[str, Any] = {}
    for entry in entries:
        if entry:
            node = trie
            for ch in entry:
                node = node.setdefault(ch, {})
            node[""] = {}
    return _emit(trie) or "(?!)"


def _emit(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=64)
def alternation(*lists: str) -> str:
    """A regex alternation (no group) of the entries of one or more lists, escaped, longest first."""
    entries = {w for name in lists for w in words(name)}
    return "|".join(re.escape(w) for w in longest_first(entries))


@lru_cache(maxsize=64)
def pattern(*lists: str) -> re.Pattern[str]:
    """A compiled regex matching any entry of the given lists (the longest where several match)."""
    return re.compile(alternation(*lists))
