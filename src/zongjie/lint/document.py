"""A Markdown draft split into sections, blocks (paragraphs, list items) and sentences, with positions.

Sections are recognised by heading text, loosely: "存在的问题" and "问题与不足" are both `problems`,
"2026年工作计划" and "明年工作打算" are both `plans`. Text before the first `##` is the 前言.

Plain text pasted from Word has no `##` headings: there a short line of its own that starts with "一、" is a
`##` heading and one that starts with "（一）" or "(一)" a `###`, when it has no sentence punctuation inside
(so a list item "一、加强管理，……" stays body text). The title is a `# ` line if there is one (a Markdown
title over pasted text), otherwise a short first line without punctuation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from zongjie.text.markdown import Line, marker, ordinal, read_lines, strip_ordinal
from zongjie.text.sentences import sentences as text_sentences

# Checked in this order: the first match wins ("存在问题及改进措施" is problems, not plans).
_SECTION_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("closing", ("结语", "结束语", "结束", "尾声")),
    ("problems", ("问题", "不足", "短板", "差距")),
    ("lessons", ("经验", "启示", "体会", "教训")),
    ("highlights", ("亮点", "创新", "特色")),
    ("team", ("团队", "队伍", "人才", "培养")),
    ("plans", ("计划", "打算", "规划", "展望", "思路", "安排", "方向")),
    ("review", ("回顾", "主要工作", "工作成果", "工作情况", "完成情况", "成效", "成绩", "工作")),
    ("preface", ("前言", "引言", "概述", "总体情况", "基本情况")),
]
_SENTENCE_MARK = re.compile(r"[。！？!?；;，,]|[:：].")
_DISABLE = re.compile(r"<!--\s*zongjie-disable\b([^>]*?)-->")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
ALL = "*"


def section_kind(heading: str) -> str | None:
    text = strip_numbering(heading)
    for kind, words in _SECTION_WORDS:
        if any(w in text for w in words):
            return kind
    return None


def strip_numbering(heading: str) -> str:
    """二、主要工作 → 主要工作; the number is read by text.ordinal (so 2025年工作计划 keeps its year)."""
    return strip_ordinal(heading.replace("**", "").strip()).strip()


# In plain text the 公文 numbering says the level: 一、 and 第一部分 head a chapter (##), （一） a part (###).
_PLAIN_LEVEL = {"一、": 2, "第一部分": 2, "（一）": 3}


def plain_heading(line: str) -> int:
    """2 or 3 when a line of plain text (no Markdown headings) reads as a numbered heading, else 0.
    A bold line (**一、校园安全**) is a heading too."""
    text = line.strip().replace("**", "")
    if len(text) > 30 or _SENTENCE_MARK.search(text):
        return 0
    o = ordinal(text)
    return _PLAIN_LEVEL.get(o.form, 0) if o is not None and text[o.end :].strip() else 0


def plain_title(line: str) -> bool:
    text = line.strip()
    return 0 < len(text) <= 50 and not _SENTENCE_MARK.search(text) and ordinal(text) is None


def plain(text: str) -> str:
    """Markdown markup removed from one block: list markers, bold, code ticks, comments."""
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    style, mark = marker(text)
    if style:
        text = text[len(mark) :].lstrip()
    return text.replace("**", "").replace("__", "").replace("`", "")


@dataclass
class Block:
    text: str  # raw, as in the file
    start: int  # offset in the document
    kind: str  # para | item | heading
    disabled: frozenset[str] = frozenset()

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Section:
    id: str  # canonical kind (review, plans…), a subsection's heading, or the task id for one section
    kind: str  # canonical kind; "other" when the heading is not recognised
    heading: str | None = None
    heading_start: int | None = None
    level: int = 2
    blocks: list[Block] = field(default_factory=list)
    parent: str | None = None

    @property
    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.kind != "heading"]

    @property
    def empty(self) -> bool:
        return not any(plain(b.text).strip() for b in self.body)


@dataclass
class Sentence:
    text: str
    start: int
    block: Block


class Document:
    def __init__(self, text: str, *, single: tuple[str, str] | None = None) -> None:
        """`single=(id, kind)` treats the whole text as one section body (lint_section)."""
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.sections: list[Section] = []
        self.title: Section | None = None
        self._parse(single)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind and s.parent is None), None)

    def _parse(self, single: tuple[str, str] | None) -> None:
        current = (
            Section(id=single[0], kind=single[1], level=0)
            if single
            else Section("preface", "preface", level=0)
        )
        self.sections.append(current)
        top: Section | None = None
        pending: set[str] = set()
        block: Block | None = None
        lines = read_lines(self.text)
        # Text pasted from Word: numbered lines are the headings, a short first line the title.
        pasted = not single and not any(x.kind == "heading" and x.level >= 2 for x in lines)
        first = next((x for x in lines if x.kind != "blank"), None) if pasted else None
        for line in lines:
            raw, start = line.raw, line.start
            if line.kind in ("fence", "code"):
                block = None if line.kind == "fence" else block
                continue
            disable = _DISABLE.search(raw)
            if disable:
                rules = {r.strip() for r in re.split(r"[,，\s]+", disable.group(1)) if r.strip()}
                names = frozenset(rules or {ALL})
                if raw.strip() == disable.group().strip():
                    pending |= names
                    continue
                if block is not None:
                    block.disabled |= names
                else:
                    pending |= names
            heading = self._heading(line, pasted and line is first, pasted, single)
            if heading:
                block = None
                level, title = heading
                if level == 1 and self.title is None:
                    self.title = Section("title", "title", title, start, 1)
                    self.title.blocks.append(Block(raw, start, "heading"))
                    continue
                if level <= 2:
                    kind = section_kind(title) or "other"
                    sid = kind if kind != "other" and self.section(kind) is None else strip_numbering(title)
                    current = Section(sid, kind, title, start, level)
                    top = current
                elif top is not None and top.kind == "review":
                    current = Section(strip_numbering(title), "review", title, start, level, parent=top.id)
                else:
                    if block is None:
                        current.blocks.append(Block(raw, start, "heading"))
                    continue
                current.blocks.append(Block(raw, start, "heading"))
                self.sections.append(current)
                continue
            if line.kind in ("blank", "comment", "rule"):
                block = None
                continue
            # Each line of pasted text is a paragraph (Word's paragraphs), and so is a line indented with 　;
            # a bold run-in head (**（一）设施维修。**……) starts an item as a list marker does.
            item = line.kind == "item" or raw.lstrip().startswith("**")
            if block is None or item or pasted or raw.startswith("\u3000"):
                block = Block(raw, start, "item" if item else "para", frozenset(pending))
                pending = set()
                current.blocks.append(block)
            else:
                block.text += "\n" + raw
        if self.title is not None:
            self.sections.insert(0, self.title)
        if not single and self.sections[1 if self.title else 0].kind == "preface":
            pre = self.sections[1 if self.title else 0]
            if pre.empty and not pre.blocks:
                pre.heading = None

    @staticmethod
    def _heading(
        line: Line, first: bool, pasted: bool, single: tuple[str, str] | None
    ) -> tuple[int, str] | None:
        """(level, title) when the line heads something: a Markdown heading (not in one section's body), or in
        pasted text the short first line (the title) or a numbered line (一、 ## / （一） ###)."""
        if single:
            return None
        if line.kind == "heading":
            return line.level, line.content
        stripped = line.raw.strip()
        if first and plain_title(stripped) and not plain_heading(stripped):
            return 1, stripped
        if pasted and (level := plain_heading(stripped)):
            return level, stripped
        return None


def sentences(block: Block) -> list[Sentence]:
    """Sentences of one block (text.sentences: ending at 。！？ or a line break); markup kept so offsets stay
    exact, and a sentence that is only markup dropped."""
    return [
        Sentence(t, block.start + o, block)
        for o, t in text_sentences(block.text, keep_empty=True)
        if plain(t).strip(" \n。！？")
    ]
