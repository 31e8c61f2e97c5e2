"""Reads the draft's Markdown (the subset assembly writes, plus what a hand edit plausibly adds) into blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["title", "heading", "para"]

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(?:[-*+]\s+|\d+[.、．](?!\d)\s*|（\d+）)")
_BULLET = re.compile(r"^[-*+]\s+")
_ORDERED = re.compile(r"^(\d+)\.\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）)\s*")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass
class Block:
    kind: BlockKind
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # Markdown heading level (2 = 一、, 3 = （一）, 4+ = 1.)
    line: int = 0  # 1-based line of the draft where the block starts (findings point there)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def bare_heading(self) -> str:
        """The heading without its 一、/（一） numbering, as the plan names it."""
        return _NUMBERING.sub("", self.text).strip()


def inline(text: str) -> list[Run]:
    """Splits **bold** spans out; every other character is kept as written."""
    runs: list[Run] = []
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos : m.start()]))
        runs.append(Run(m.group(1) or m.group(2), bold=True))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return [r for r in runs if r.text]


def _join(lines: list[str]) -> str:
    """Joins soft-wrapped lines: no space between Chinese characters, one between Latin words."""
    out = ""
    for line in lines:
        if out and out[-1].isascii() and out[-1].isalnum() and line[:1].isascii() and line[:1].isalnum():
            out += " "
        out += line
    return out


def _item_text(line: str) -> str:
    """`1. 文字` → `1.文字` (公文 numbering has no space); `- 文字` → `文字`."""
    if _BULLET.match(line):
        return _BULLET.sub("", line)
    m = _ORDERED.match(line)
    return f"{m.group(1)}.{line[m.end() :]}" if m else line


def parse(markdown: str) -> list[Block]:
    blocks: list[Block] = []
    pending: list[str] = []
    start = 0

    def flush() -> None:
        if pending:
            blocks.append(Block("para", inline(_join(pending)), line=start))
            pending.clear()

    for number, raw in enumerate(markdown.splitlines(), 1):
        line = raw.strip()
        heading = _HEADING.match(line)
        if not line or line in ("---", "***"):
            flush()
        elif heading:
            flush()
            level, text = len(heading.group(1)), heading.group(2).strip()
            has_title = any(b.kind == "title" for b in blocks)
            kind: BlockKind = "title" if level == 1 and not has_title else "heading"
            level = max(level, 2) if kind == "heading" else 1
            blocks.append(Block(kind, inline(text), level=level, line=number))
        elif _ITEM.match(line):
            flush()  # a list item starts its own paragraph even without a blank line before it
            pending.append(_item_text(line))
            start = number
        else:
            if not pending:
                start = number
            pending.append(line)
    flush()
    return blocks
