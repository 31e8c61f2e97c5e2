"""The skeleton: every section a summary needs is there, has something in it, and comes in order."""

from __future__ import annotations

from collections.abc import Iterator

from zongjie.finding import Finding
from zongjie.lint.rules.base import Context, Example, rule, this
from zongjie.skeleton import HEADINGS, ORDER, SKELETON

# The facts field that feeds each section, for suggestions.
FACTS_FIELD = {p.id: p.field for p in SKELETON if p.field}
# Without a facts file only the sections every summary needs are required.
CORE = ("title", "preface", "review", "problems", "plans", "closing")

FULL = """# 阳光花园项目物业后勤科2025年度工作总结

2025年，后勤科在岗员工46人，业主满意度92.3%。

## 一、主要工作回顾与成果

全年完成设备巡检1248次。

## 二、存在问题与不足

1. 3号楼电梯使用已满16年，全年故障11次。原因是设备老化、改造资金未列入预算。下一步将编制更新改造方案。

## 三、下一年度工作计划

1. 设备完好率提升至99.5%，2026年6月底前完成，责任人为工程主管李明。

## 四、结语

新的一年，后勤科将继续努力。
"""


@rule(
    "missing-section",
    "error",
    "缺少骨架章节或章节为空（有事实文件时按事实应有的章节检查）。事实文件没有材料的可选章节"
    "（亮点、团队、经验）只是警告：那是事实的缺口，不是草稿的错误。",
    whole_only=True,
    examples=[
        Example(FULL, False, whole=True),
        Example(FULL.replace("## 二、存在问题与不足", "## 二、其他"), True, whole=True),
        Example(FULL.replace("新的一年，后勤科将继续努力。\n", ""), True, whole=True),
    ],
)
def missing_section(ctx: Context) -> Iterator[Finding]:
    required = list(ORDER) if ctx.facts else list(CORE)
    for kind in required:
        sec = ctx.doc.title if kind == "title" else ctx.doc.section(kind)
        if sec is None:
            if ctx.facts and kind not in ctx.facts.present:
                gap = ctx.finding(
                    this("missing-section"),
                    f"缺少“{HEADINGS[kind]}”：事实文件没有这一节的材料",
                    section=kind,
                    suggestion=f"在事实文件中补充 {FACTS_FIELD.get(kind, kind)}，然后重新 draft",
                    facts_gap=True,
                )
                # A section left out for want of material is a gap in the facts, not a fault of the draft: a
                # warning for the optional ones (亮点, 团队, 经验 — lint without facts does not ask for them),
                # an error for those every summary needs (问题, 计划 — as lint without facts says too).
                yield gap if kind in CORE else gap.model_copy(update={"severity": "warning"})
                continue
            found = ctx.finding(this("missing-section"), f"缺少“{HEADINGS[kind]}”", section=kind)
            # Many real summaries end on their plans; in someone else's summary (no facts) that is a warning.
            yield (
                found.model_copy(update={"severity": "warning"})
                if kind == "closing" and not ctx.facts
                else found
            )
        elif kind != "title" and sec.empty and not any(s.parent == sec.id for s in ctx.doc.sections):
            where = sec.heading_start if sec.heading_start is not None else None
            yield ctx.finding(
                this("missing-section"), f"“{HEADINGS[kind]}”没有内容", where, sec.heading, section=kind
            )


@rule(
    "section-order",
    "warning",
    "章节顺序与骨架不一致（前言、工作回顾、亮点、团队、问题、经验、计划、结语）。",
    whole_only=True,
    examples=[
        Example(FULL, False, whole=True),
        Example(
            FULL.replace("二、存在问题与不足", "二、TMP")
            .replace("三、下一年度工作计划", "三、存在问题与不足")
            .replace("二、TMP", "二、下一年度工作计划"),
            True,
            whole=True,
        ),
    ],
)
def section_order(ctx: Context) -> Iterator[Finding]:
    seen = [s for s in ctx.doc.sections if s.parent is None and s.kind in ORDER and s.kind != "title"]
    best = -1
    for s in seen:
        rank = ORDER.index(s.kind)
        if rank < best:
            yield ctx.finding(
                this("section-order"),
                f"“{HEADINGS[s.kind]}”应排在“{HEADINGS[ORDER[best]]}”之前",
                s.heading_start,
                s.heading,
                section=s.id,
            )
        best = max(best, rank)
