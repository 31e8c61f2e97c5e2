"""The one Markdown reader: lines classified (heading, list item, text, blank, rule, fence, comment) and grouped
into blocks (a heading, a list item with its continuation lines, a paragraph), each with its offset and 1-based
line number so callers can point into the file.

It reads the subset zongjie writes plus what people type: `#` headings, `-`/`*`/`+`/`•` bullets, `1.`/`1、`/
`1）`/`（1）` numbering, Chinese numbering `一、`/`（一）` and ①…⑳, fenced code (skipped), `---` rules and
`<!-- -->` comment lines. What a block *means* (a section, a note, a Word paragraph) is the caller's business:
lint/document.py, export/markdown.py and notes/parse.py build on these blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

LineKind = Literal["blank", "heading", "item", "text", "rule", "fence", "code", "comment"]
BlockKind = Literal["heading", "item", "para"]
# bullet: - * + • ·   number: 1. 1、 1） (1)   chinese: 一、 （一）   circled: ①
MarkerStyle = Literal["", "bullet", "number", "chinese", "circled"]

HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_MARKERS: tuple[tuple[MarkerStyle, re.Pattern[str]], ...] = (
    # `*` and `+` need a space (`**粗体**` is not a bullet); a `-` or `•` does not (people type `-巡检100次`).
    ("bullet", re.compile(r"^\s*(?:[*+]\s+|-(?![-\d.])\s*|[•·]\s*)")),
    ("number", re.compile(r"^\s*(?:\d{1,3}[.、．)）](?![\d.])|[（(]\d{1,3}[)）])\s*")),
    (
        "chinese",
        re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])\s*"),
    ),
    ("circled", re.compile(r"^\s*[①-⑳]\s*")),
)


@dataclass(frozen=True)
class Line:
    """One line of the text. `content` is the line without its heading hashes or list marker, stripped."""

    number: int  # 1-based
    start: int  # offset of the line in the text
    raw: str
    kind: LineKind
    level: int = 0  # heading level, 1–6
    marker: str = ""  # the list marker as written, e.g. "- ", "1.", "（一）"
    style: MarkerStyle = ""
    content: str = ""


@dataclass
class Block:
    """A heading, a list item or a paragraph: one or more lines not separated by a blank line."""

    kind: BlockKind
    lines: list[Line] = field(default_factory=list)

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def start(self) -> int:
        return self.first.start

    @property
    def number(self) -> int:
        return self.first.number

    @property
    def level(self) -> int:
        return self.first.level

    @property
    def marker(self) -> str:
        return self.first.marker

    @property
    def style(self) -> MarkerStyle:
        return self.first.style

    @property
    def text(self) -> str:
        """The raw lines as in the file, joined by line breaks (offsets into it are offsets from `start`)."""
        return "\n".join(line.raw for line in self.lines)

    @property
    def content(self) -> str:
        """Without marker or hashes; continuation lines stripped and joined by line breaks."""
        return "\n".join([self.first.content, *(line.raw.strip() for line in self.lines[1:])])


def marker(line: str) -> tuple[MarkerStyle, str]:
    """The list marker a line starts with, and its style; ("", "") when none."""
    for style, rx in _MARKERS:
        m = rx.match(line)
        if m and line[m.end() :].strip():
            return style, m.group()
    return "", ""


def read_lines(text: str) -> list[Line]:
    """Every line classified; lines inside a fenced code block are `code`, the fences themselves `fence`."""
    out: list[Line] = []
    start = 0
    fence = False
    for number, raw in enumerate(text.split("\n"), 1):
        raw = raw.removesuffix("\r")
        at = start
        start += len(raw) + 1 + (1 if text.startswith("\r", at + len(raw)) else 0)
        stripped = raw.strip()
        if _FENCE.match(raw):
            fence = not fence
            out.append(Line(number, at, raw, "fence", content=stripped))
            continue
        if fence:
            out.append(Line(number, at, raw, "code", content=raw))
            continue
        if not stripped:
            out.append(Line(number, at, raw, "blank"))
        elif _COMMENT.match(raw):
            out.append(Line(number, at, raw, "comment", content=stripped))
        elif h := HEADING.match(raw):
            out.append(Line(number, at, raw, "heading", level=len(h.group(1)), content=h.group(2).strip()))
        elif _RULE.match(raw):
            out.append(Line(number, at, raw, "rule"))
        else:
            style, mark = marker(raw)
            kind: LineKind = "item" if style else "text"
            out.append(
                Line(
                    number, at, raw, kind, marker=mark.strip(), style=style, content=raw[len(mark) :].strip()
                )
            )
    return out


def read_blocks(text: str) -> list[Block]:
    """Headings, list items and paragraphs in order. A list item starts a block even without a blank line
    before it; text lines after it continue it. Blank lines, rules, fences, code and comment lines end a block
    and are not part of any."""
    blocks: list[Block] = []
    current: Block | None = None
    for line in read_lines(text):
        if line.kind == "heading":
            blocks.append(Block("heading", [line]))
            current = None
        elif line.kind == "item":
            current = Block("item", [line])
            blocks.append(current)
        elif line.kind == "text":
            if current is None:
                current = Block("para", [line])
                blocks.append(current)
            else:
                current.lines.append(line)
        else:
            current = None
    return blocks
