"""Reads the draft's Markdown (the subset assembly writes, plus what a hand edit plausibly adds) into blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from zongjie.text.markdown import Line, read_blocks, strip_ordinal
from zongjie.workspace.assemble import NUMBERINGS

BlockKind = Literal["title", "heading", "para"]

_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")


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
        return strip_ordinal(self.text, *NUMBERINGS).strip()


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


def _item_text(line: Line) -> str:
    """`1. 文字` → `1.文字` (公文 numbering has no space); `- 文字` → `文字`; other numbering as written."""
    if line.style == "bullet":
        return line.content
    if line.style == "number" and line.marker.endswith((".", "．")):
        return f"{line.marker[:-1]}.{line.content}"
    return line.raw.strip()


def parse(markdown: str) -> list[Block]:
    """The draft as Word blocks, read by the one Markdown reader (zongjie.text.markdown): a heading is a
    title or heading block, every list item and paragraph a paragraph (soft-wrapped lines joined)."""
    blocks: list[Block] = []
    for b in read_blocks(markdown):
        if b.kind == "heading":
            has_title = any(x.kind == "title" for x in blocks)
            kind: BlockKind = "title" if b.level == 1 and not has_title else "heading"
            level = max(b.level, 2) if kind == "heading" else 1
            blocks.append(Block(kind, inline(b.first.content), level=level, line=b.number))
            continue
        first = _item_text(b.first) if b.kind == "item" else b.first.raw.strip()
        lines = [first, *(line.raw.strip() for line in b.lines[1:])]
        blocks.append(Block("para", inline(_join(lines)), line=b.number))
    return blocks
