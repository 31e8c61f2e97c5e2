"""The linter's word patterns, read from data files under zongjie/text/lexicon/ (`*_patterns.txt`).

A list of literal words cannot keep up with how people vary a 套话: 在局党组的坚强领导和各处室的大力支持下 has
different words between 在 and 下 each time, and 不断增强 is as empty as 不断提高. So each entry is a small
pattern, written for people rather than as a regex:

    {a|b|c}   one of these words          {地}? 了?  an optional word or character
    …         up to 16 characters inside one clause (no ，。；！？)

and carries an example after `=` that it must match (tests check every entry). The lines are read with the
one word-list loader (zongjie.text.words), so these files follow its rules (one entry a line, `#` comments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from zongjie.text.words import alternation, words

_GAP = r"[^，,。；;！？!?\n]{0,16}?"


@dataclass(frozen=True)
class Entry:
    source: str  # the entry as written in the file
    example: str
    regex: re.Pattern[str]


def compile_entry(source: str) -> re.Pattern[str]:
    """`{a|b}?…` → a regex (see the module docstring)."""
    out: list[str] = []
    i = 0
    while i < len(source):
        c = source[i]
        if c == "{":
            end = source.index("}", i)
            out.append("(?:" + "|".join(re.escape(w) for w in source[i + 1 : end].split("|")) + ")")
            i = end + 1
            if i < len(source) and source[i] == "?":
                out.append("?")
                i += 1
            continue
        if c == "?":
            out.append("?")  # the character before it is optional: 得到了?提升
        else:
            out.append(_GAP if c == "…" else re.escape(c))
        i += 1
    return re.compile("".join(out))


@cache
def entries(name: str) -> tuple[Entry, ...]:
    """The entries of `text/lexicon/{name}_patterns.txt`, in file order."""
    out: list[Entry] = []
    for line in words(f"{name}_patterns"):
        source, _, example = line.partition("=")
        out.append(Entry(source, example, compile_entry(source)))
    return tuple(out)


@cache
def pattern(name: str, *literal: str) -> re.Pattern[str]:
    """One regex matching any entry of the pattern list, or any word of the literal lists named after it."""
    parts = [f"(?:{e.regex.pattern})" for e in entries(name)]
    return re.compile("|".join([*parts, *([alternation(*literal)] if literal else [])]))
