"""The skeleton of a 年度工作总结: its parts in order, each with its heading and the facts field feeding it.

The one list the planner, the linter, the gap report and `polish` all read; a base module so that facts/
(which must not import plan/) can name sections too."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    id: str  # section id and the linter's section kind; "review" holds one subsection per 职能
    heading: str  # unnumbered; the title's is the report's own title, so "标题" only names it
    level: int  # Markdown heading level: 0 unheaded (前言), 1 title, 2 section
    field: str | None  # the facts field that feeds it (None: written from the others, never empty)


SKELETON: tuple[Part, ...] = (
    Part("title", "标题", 1, None),
    Part("preface", "前言", 0, "summary"),
    Part("review", "主要工作回顾与成果", 2, "functions"),
    Part("highlights", "亮点工作与创新举措", 2, "highlights"),
    Part("team", "团队建设与人才培养", 2, "team"),
    Part("problems", "存在问题与不足", 2, "problems"),
    Part("lessons", "经验总结与启示", 2, "lessons"),
    Part("plans", "下一年度工作计划", 2, "plans"),
    Part("closing", "结语", 2, None),
)
ORDER: tuple[str, ...] = tuple(p.id for p in SKELETON)
HEADINGS: dict[str, str] = {p.id: p.heading for p in SKELETON}
PARTS: dict[str, Part] = {p.id: p for p in SKELETON}
