"""The one Markdown reader: lines classified (heading, list item, text, blank, rule, fence, comment) and grouped
into blocks (a heading, a list item with its continuation lines, a paragraph), each with its offset and 1-based
line number so callers can point into the file.

It reads the subset zongjie writes plus what people type: `#` headings (`＃`, `#标题` too), `-`/`*`/`+`/`•` bullets, `1.`/`1、`/
`1）`/`（1）` numbering, Chinese numbering `一、`/`（一）` and ①…⑳, fenced code (skipped), `---` rules and
`<!-- -->` comment lines. `ordinal(text)` reads the heading or list number a text opens with (一、 （一） 1. 1、
（1） ① 1.2 第一部分 第三章), so no other module needs a pattern for them; `fmt_ordinal` writes one. What a block *means* (a section, a note, a Word paragraph) is the caller's business:
lint/document.py, export/markdown.py and notes/parse.py build on these blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from zongjie.text.forms import YEAR
from zongjie.text.width import fold

LineKind = Literal["blank", "heading", "item", "text", "rule", "fence", "code", "comment"]
BlockKind = Literal["heading", "item", "para"]
# bullet: - * + • ·   number: 1. 1、 1） (1)   chinese: 一、 （一）   circled: ①
MarkerStyle = Literal["", "bullet", "number", "chinese", "circled"]

# `# 标题`, and as people type it: a full-width ＃ (an input method's), or `#标题` with no space before 汉字.
HEADING = re.compile(r"^ {0,3}([#＃]{1,6})(?:[ \t\u3000]+|(?<=＃)|(?=[^\x00-\x7f#＃]))(.*?)\s*[#＃]*\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
# `*` and `+` need a space (`**粗体**` is not a bullet); a `-` or `•` does not (people type `-巡检100次`).
_BULLET = re.compile(r"^\s*(?:[*+]\s+|-(?![-\d.])\s*|[•·]\s*)")

# The forms of a heading or list number, each named by how it writes 1. The 公文 hierarchy (GB/T 9704) is
# 一、 > （一） > 1. > （1）; the others are what people also type.
OrdinalForm = Literal[
    "一、",
    "一.",
    "（一）",
    "1.",
    "1、",
    "1）",
    "（1）",
    "①",
    "1.1",
    "第一部分",
    "第一章",
    "第一节",
    "第1部分",
    "第1章",
    "第1节",
]
_CN_ORD = "一二三四五六七八九十百"
_SPACE = "[ \t\u3000]*"
_ORDINAL = re.compile(
    rf"{_SPACE}(?:"
    rf"(?P<cn>[{_CN_ORD}]{{1,4}})(?P<cn_sep>[、.．])"
    rf"|[（(](?P<pcn>[{_CN_ORD}]{{1,4}})[)）]"
    r"|[（(](?P<pnum>\d{1,3})[)）]"
    r"|(?P<dotted>\d{1,3}(?:\.\d{1,3})+)[.．、]?(?=[ \t\u3000])"  # 1.2 概述; never 3.5万元
    # 1. but not 1.5万; 1.2026年10月底前完成 is item 1 about 2026 and 5．3月8日 item 5 on 3月8日 (no figure
    # runs into a year, a month or a day: 5.3月 is no quantity); after 、 or ） any text may follow (2、2026.6前)
    rf"|(?P<num>\d{{1,3}})(?P<num_sep>[、)）]|[.．](?:(?![\d.])|(?={YEAR}年|\d{{1,2}}[月日号])))"
    r"|(?P<circled>[①-⑳])"
    r"|(?P<pcircled>[⑴-⒇])"
    rf"|第(?P<part>[{_CN_ORD}]{{1,4}}|\d{{1,3}})(?P<part_word>部分|章|节)、?"
    rf"){_SPACE}"
)
# Fragments for grammars that find ordinals inside a paragraph (run-in headings and items), not at its start:
# 一 … 九十九 as headings count; 一是…… 二是……; an item run into a paragraph (一是 / （一） / 1., never 1.5).
CN_ORDINAL = "[一二三四五六七八九十]{1,3}"
ENUMERATOR = "[一二三四五六七八九十]是"
RUN_IN_ITEM = rf"(?:{ENUMERATOR}|[（(]{CN_ORDINAL}[)）]|\d{{1,3}}[.、．](?!\d))"
_SEP_FORM = {"、": "、", ".": ".", "．": ".", ")": "）", "）": "）"}
_DEPTH: dict[str, int] = {"一、": 1, "（一）": 2, "1.": 3, "（1）": 4}


@dataclass(frozen=True)
class Ordinal:
    """The number a heading or list item opens with: 三、 is (3, "一、"), （2） is (2, "（1）"), 第三章 is
    (3, "第一章"), 1.2 is (2, "1.1") with parts (1, 2). `end` is where the text after it starts (spaces after
    it skipped); `written` is the ordinal as written, without the spaces."""

    value: int
    form: OrdinalForm
    written: str
    end: int
    parts: tuple[int, ...] = ()

    @property
    def depth(self) -> int:
        """Its level in the 公文 hierarchy: 一、 1, （一） 2, 1. 3, （1） 4; 0 for any other form."""
        return _DEPTH.get(self.form, 0)


def _cn_int(token: str) -> int | None:
    from zongjie.text.numerals import chinese_value

    value = chinese_value(token)
    return int(value) if value is not None and value == value.to_integral_value() and value > 0 else None


# Longer than any ordinal with the spaces after it (第九十九部分、, 12.12.12 and a space): how much to read.
_LONGEST = 32
# The characters an ordinal can open with besides digits (full-width too) and ①…⒇: a cheap test first.
_OPENERS = frozenset(_CN_ORD + "（(第")


def ordinal(text: str) -> Ordinal | None:
    """The heading or list number `text` opens with (after spaces), or None: 一、 一． （一） (一) 1. 1、 1） （1）
    ① ⑴ 1.2 第一部分 第三章 第二节, full-width digits too. Not 2025年, 3.5万元, 一线 or 一是."""
    # Only the opening can hold the number: fold that, not the whole paragraph (this runs on every block).
    lead = len(text) - len(text.lstrip(" \t\u3000"))
    first = text[lead : lead + 1]
    if not first or not (first in _OPENERS or first.isdigit() or "①" <= first <= "⒇"):
        return None
    m = _ORDINAL.match(fold(text[: lead + _LONGEST]))
    if m is None:
        return None
    g = m.groupdict()
    form: str
    parts: tuple[int, ...] = ()
    value: int | None
    if g["cn"]:
        value, form = _cn_int(g["cn"]), "一" + _SEP_FORM[g["cn_sep"]]
    elif g["pcn"]:
        value, form = _cn_int(g["pcn"]), "（一）"
    elif g["pnum"]:
        value, form = int(g["pnum"]), "（1）"
    elif g["dotted"]:
        parts = tuple(int(p) for p in g["dotted"].split("."))
        value, form = parts[-1], "1.1"
    elif g["num"]:
        value, form = int(g["num"]), "1" + _SEP_FORM[g["num_sep"]]
    elif g["circled"]:
        value, form = ord(g["circled"]) - ord("①") + 1, "①"
    elif g["pcircled"]:
        value, form = ord(g["pcircled"]) - ord("⑴") + 1, "（1）"
    else:
        arabic = g["part"].isdigit()
        value = int(g["part"]) if arabic else _cn_int(g["part"])
        form = ("第1" if arabic else "第一") + g["part_word"]
    if not value:
        return None
    written = text[m.start() : m.end()].strip(" \t\u3000")
    return Ordinal(value, form, written, m.end(), parts or (value,))  # type: ignore[arg-type]


def strip_ordinal(text: str, *forms: OrdinalForm) -> str:
    """`text` without the ordinal it opens with (of one of `forms`, or of any form when none are given)."""
    o = ordinal(text)
    if o is None or (forms and o.form not in forms):
        return text
    return text[o.end :]


def fmt_ordinal(n: int, form: OrdinalForm = "一、") -> str:
    """The ordinal `n` written in `form`: (3, "一、") → 三、, (2, "（一）") → （二）, (4, "1.") → 4., (1, "①") → ①."""
    if n < 1:
        raise ValueError(f"an ordinal starts at 1, not {n}")
    if form == "①":
        if n > 20:
            raise ValueError(f"circled numbers stop at ⑳, not {n}")
        return chr(ord("①") + n - 1)
    if form == "1.1":
        raise ValueError("a dotted number (1.2) has several parts: write it yourself")
    import cn2an

    cn = str(cn2an.an2cn(n, "low"))
    return form.replace("一", cn) if "一" in form else form.replace("1", str(n))


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


_CAPTION = re.compile(r"([表图])(\d{1,3})[ \u3000]")


def caption_number(text: str) -> tuple[str, int] | None:
    """The 表N / 图N a table or figure caption opens with, a space after it (表1　主要指标 → ("表", 1)), or None
    (表扬, 图书馆, 表1中 are text)."""
    m = _CAPTION.match(fold(text))
    return (m.group(1), int(m.group(2))) if m else None


def opens_section(line: str) -> bool:
    """The line starts a section the way people mark one: a Markdown heading (## 标题, ＃标题) or a section
    number 一、/（一） at its start. Used to find headings a model wrote into what should be prose."""
    stripped = line.strip()
    if HEADING.match(stripped):
        return True
    o = ordinal(stripped)
    return o is not None and o.form in ("一、", "（一）")


_MARKER_STYLE: dict[str, MarkerStyle] = {
    "1.": "number",
    "1、": "number",
    "1）": "number",
    "（1）": "number",
    "一、": "chinese",
    "（一）": "chinese",
    "①": "circled",
}


def marker(line: str) -> tuple[MarkerStyle, str]:
    """The list marker a line starts with, and its style; ("", "") when none."""
    if (m := _BULLET.match(line)) and line[m.end() :].strip():
        return "bullet", m.group()
    o = ordinal(line)
    style = _MARKER_STYLE.get(o.form, "") if o else ""
    if o and style and line[o.end :].strip():
        return style, line[: o.end]
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
