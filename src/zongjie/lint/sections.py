"""What each part of a summary is, by its heading AND its content, as people really write them.

Headings alone mislead: a preface sits under `## 一、前言`, work chapters are named by the work (`二、供暖保障方面`),
`规划` heads past construction work, plain text pasted from Word runs its headings into the paragraph
(`四、存在的问题。一是……二是……`), a problems list hides behind `还存在以下几个问题：`, the plans behind
`下一步打算：`, and the closing is often a last `新的一年，……将……` paragraph with no heading. `refine` turns the
heading-only reading of `Document` into the reading a person has; `items` splits a section into its items,
including run-in ones (`一是……二是……`).
"""

from __future__ import annotations

import re

from zongjie.lint.document import Block, Document, Section, plain, section_kind, strip_numbering
from zongjie.text import dates_in, extract, fold, ordinal
from zongjie.text.dates import leading_year
from zongjie.text.markdown import ENUMERATOR, RUN_IN_ITEM, read_lines
from zongjie.text.words import pattern

# 四、存在的问题。一是……: after the 一、, a short title that ends at 。 or ：.
_RUN_IN_TITLE = re.compile(r"[^。：:，,；;！？\n]{2,18}(?=[。：:])")

# A chapter of measures (改进措施, 整改措施) is the plans: what will be done about the problems.
MEASURES = pattern("measure_headings")
# Plan words that, when they are all a heading says, may head past work (校园规划建设).
_WEAK_PLAN = pattern("weak_plan")
_FUTURE = pattern("future", "plan_marks")
_PAST = re.compile(r"(?<!前)完成|全年|累计|共计|已|了|实现|达到|同比|较上年|开展|组织|受理|处理")
_PROBLEM = pattern("problem_marks")
# A lead-in paragraph: 还存在以下几个问题： / 下一步打算： / 明年工作计划如下：
_LEAD_PROBLEMS = re.compile(r"(?:问题|不足|短板|差距)[^。]{0,6}[：:]\s*$")
_LEAD_PLANS = re.compile(r"(?:打算|计划|措施|思路|安排|努力方向)[^。]{0,6}[：:]\s*$")
# A closing paragraph with no heading: 新的一年，……将…… / 2026年，中心将继续…… / 总之，……
_CLOSING = re.compile(r"^(?:新的一年|新年度|新的一年里|展望|总之|总而言之|今后|回首|在新的)")
# …or one that says what closings say, however it opens: 后勤工作任重道远……再接再厉 / 不足之处，敬请批评指正。
_CLOSING_WORDS = pattern("closing_words")

# Run-in items inside one paragraph: 一是……二是……, （一）……（二）……, 1.……2.……
_ITEM_MARK = re.compile(
    rf"(?:^|(?<=[。；;！？：:]))[\s\u3000]*{RUN_IN_ITEM}"
    rf"|(?<=[，,]){ENUMERATOR}"  # 针对上述问题，一是……
)


def _pasted(doc: Document) -> bool:
    return not any(x.kind == "heading" and x.level >= 2 for x in read_lines(doc.text))


def _dated_before(text: str) -> int:
    """Deadlines written as a date then 前 (2026年6月前, 2026年9月30日前); 月底前 and 前完成 are plan words
    already, counted once."""
    return sum(
        1
        for _, end, when in dates_in(text)
        if text.startswith("前", end)
        and not text.startswith("前完成", end)
        and not when.text.endswith(("底", "末"))
    )


def _figures(text: str) -> int:
    """Arabic figures that are no date or year (1248次, 13.2%): what a report of past work is full of."""
    return sum(
        1 for q in extract(text) if q.kind not in ("year", "date") and any(c.isdigit() for c in fold(q.raw))
    )


def _year_opening(text: str) -> bool:
    """2026年，中心将…: a paragraph opening with a year and a comma."""
    if leading_year(text) is None:
        return False
    return text[text.index("年") + 1 :].lstrip().startswith(("，", ","))


def _top(doc: Document) -> list[Section]:
    return [s for s in doc.sections if s.parent is None and s.kind != "title"]


def _body_text(s: Section) -> str:
    return "\n".join(plain(b.text) for b in s.body)


def content_kind(text: str) -> str | None:
    """review, plans or problems by what a body says, or None when it cannot tell."""
    future = len(_FUTURE.findall(text)) + _dated_before(text)
    past = len(_PAST.findall(text)) + _figures(text)
    problems = len(_PROBLEM.findall(text))
    if problems >= 2 and problems >= future and problems * 2 >= past:
        return "problems"
    if future >= 2 and future > past:
        return "plans"
    if past >= 2 and past > future:
        return "review"
    return None


def _unique_id(doc: Document, kind: str, title: str) -> str:
    taken = any(s.id == kind and s.parent is None for s in doc.sections)
    return strip_numbering(title) if taken or kind == "other" else kind


def _split(doc: Document, sec: Section, at: int, kind: str, title: str | None, start: int | None) -> Section:
    """Move sec's blocks from index `at` on into a new top-level section placed right after sec."""
    new = Section(_unique_id(doc, kind, title or kind), kind, title, start, sec.level or 2)
    new.blocks = sec.blocks[at:]
    sec.blocks = sec.blocks[:at]
    doc.sections.insert(doc.sections.index(sec) + 1, new)
    return new


def _run_in_headings(doc: Document) -> None:
    """Plain text: a paragraph that opens with 一、标题。 starts a section; the rest of it is that section's body."""
    for sec in list(doc.sections):
        if sec.kind == "title":
            continue
        i = 0
        while i < len(sec.blocks):
            b = sec.blocks[i]
            o = ordinal(b.text) if b.kind != "heading" else None
            m = _RUN_IN_TITLE.match(b.text, o.end) if o is not None and o.form == "一、" else None
            if m is None:
                i += 1
                continue
            end = m.end() + 1  # the 。 or ： closing the title belongs to the heading
            head = Block(b.text[:end], b.start, "heading")
            rest = b.text[end:]
            tail = [Block(rest, b.start + end, "para", b.disabled)] if plain(rest).strip() else []
            sec.blocks[i : i + 1] = [head, *tail]
            sec = _split(
                doc, sec, i, section_kind(m.group()) or "other", b.text[: m.end()].strip(), head.start
            )
            i = 1


def _by_content(doc: Document) -> None:
    for s in _top(doc):
        if s.kind == "other" and s.heading and MEASURES.search(s.heading):
            s.kind = "plans"
            s.id = _unique_id(doc, "plans", s.heading)
            continue
        if s.kind == "other" or (s.kind == "plans" and s.heading and _weak_plan(s.heading)):
            said = content_kind(_body_text(s))
            if said is not None and (s.kind == "other" or said == "review"):
                s.kind = said
                if s.id in ("other", "plans") or s.id == strip_numbering(s.heading or ""):
                    s.id = _unique_id(doc, said, s.heading or said) if s.id != said else said


def _weak_plan(heading: str) -> bool:
    """规划 alone, with no year in it (2026年发展规划 is the plans), may head past work."""
    text = strip_numbering(heading)
    return (
        not any(q.kind == "year" for q in extract(text))
        and bool(_WEAK_PLAN.search(text))
        and section_kind(_WEAK_PLAN.sub("", text)) in (None, "review")
    )


def _lead_ins(doc: Document) -> None:
    """还存在以下几个问题： starts a problems list, 下一步打算： a plans list, inside any section."""
    for sec in list(_top(doc)):
        for i, b in enumerate(sec.blocks):
            if b.kind == "heading" or i == 0:
                continue
            text = plain(b.text).strip()
            kind = (
                "problems"
                if _LEAD_PROBLEMS.search(text) and sec.kind != "problems"
                else "plans"
                if _LEAD_PLANS.search(text) and sec.kind != "plans"
                else None
            )
            following = sec.blocks[i + 1 :]
            if kind and following and any(x.kind == "item" or _ITEM_MARK.match(x.text) for x in following):
                _split(doc, sec, i, kind, text, b.start)
                _lead_ins(doc)
                return


def _closing(doc: Document) -> None:
    """A last paragraph that closes the report (新的一年，……将……) is the 结语 when no heading names one."""
    tops = _top(doc)
    if not tops or any(s.kind == "closing" for s in tops):
        return
    last = tops[-1]
    body = last.body
    if len(body) < 2 or body[-1].kind == "item":
        return
    b = body[-1]
    text = plain(b.text).strip()
    if ((_CLOSING.match(text) or _year_opening(text)) and "将" in text) or (
        _CLOSING_WORDS.search(text) and not _ITEM_MARK.match(text)
    ):
        _split(doc, last, last.blocks.index(b), "closing", None, None)


def _preface(doc: Document) -> None:
    """## 一、前言 / 基本情况: the preface under its own heading replaces the empty implicit one."""
    tops = _top(doc)
    implicit = next((s for s in tops if s.level == 0 and s.kind == "preface"), None)
    headed = next((s for s in tops if s.kind == "preface" and s is not implicit), None)
    if implicit is not None and headed is not None and implicit.empty:
        doc.sections.remove(implicit)
        headed.id = "preface"
        return
    # 第一部分 工作回顾 / 2025年，中心围绕……三件事。/（一）……: with no preface of its own, the paragraph that
    # opens the first chapter, before its subsections, is the preface.
    first = next((s for s in tops if s is not implicit), None)
    if implicit is None or not implicit.empty or first is None or first.kind != "review":
        return
    intro = [b for b in first.body if b.kind == "para"]
    if intro and len(intro) == len(first.body) and any(s.parent == first.id for s in doc.sections):
        implicit.blocks += intro
        first.blocks = [b for b in first.blocks if b not in intro]


def _subhead(text: str) -> bool:
    """A run-in sub-heading opening a paragraph: **（一）设施维修。** / （二）食堂管理："""
    o = ordinal(text.lstrip(" \t\u3000").removeprefix("**"))
    return o is not None and o.form == "（一）"


def _review_in_preface(doc: Document) -> None:
    """## 一、基本情况 holding （一）设施维修。……（二）食堂管理。…… is the work review, as people write it: the
    chapter's opening paragraph (if any) is the preface, the run-in sub-headed paragraphs are the review."""
    tops = _top(doc)
    if any(s.kind == "review" for s in doc.sections):
        return
    for sec in [s for s in tops if s.kind == "preface" and s.heading]:
        body = sec.body
        marked = [i for i, b in enumerate(body) if b.kind != "heading" and _subhead(b.text)]
        if len(marked) < 2 or content_kind("\n".join(plain(body[i].text) for i in marked)) != "review":
            continue
        at = sec.blocks.index(body[marked[0]])
        if marked[0] > 0:
            _split(doc, sec, at, "review", None, None)
        elif any(s.kind == "preface" and s is not sec and not s.empty for s in tops):
            sec.kind = "review"
            sec.id = _unique_id(doc, "review", sec.heading or "review")
        return


def refine(doc: Document) -> None:
    if _pasted(doc):
        _run_in_headings(doc)
    _preface(doc)
    _review_in_preface(doc)
    _by_content(doc)
    _lead_ins(doc)
    _closing(doc)


def items(section: Section) -> list[Block]:
    """The section's items: list items and numbered paragraphs (split where one paragraph runs several
    together: 一是……二是……), otherwise every paragraph. A lead-in ending in a colon is not an item."""
    body = [b for b in section.body if not plain(b.text).rstrip().endswith(("：", ":"))]
    out: list[Block] = []
    for b in body:
        marks = [m.start() for m in _ITEM_MARK.finditer(b.text)]
        if len(marks) >= 2:
            lead = b.text[: marks[0]]
            if plain(lead).strip():
                out.append(Block(lead, b.start, "para", b.disabled))
            for lo, hi in zip(marks, [*marks[1:], len(b.text)], strict=True):
                out.append(Block(b.text[lo:hi], b.start + lo, "item", b.disabled))
        elif marks or b.kind == "item" or re.match(r"^\s*\*\*", b.text):
            out.append(Block(b.text, b.start, "item", b.disabled))
        else:
            out.append(b)
    listed = [b for b in out if b.kind == "item"]
    return listed or out
