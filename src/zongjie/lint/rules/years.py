"""The year: a title or sentence that names another year than the summary's (next year's plans and
comparisons with last year aside)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zongjie.finding import Finding
from zongjie.lint.rules.base import Context, Example, rule, this
from zongjie.text.numbers import extract
from zongjie.text.words import pattern

# A later year beside a future word or a planned date (2026年底前, 2026年预算) is a plan, not a misdated result.
_FUTURE = pattern("future", "year_ahead")
# After a year's digits: 2020年工作打算 names next year's plan in a title.
_NEXT_YEAR_TITLE = re.compile(r"\s*年度?(?:工作|后勤)?(?:打算|计划|思路|安排|要点|规划)")
_PAST = pattern("past_marks")


@rule(
    "year-mismatch",
    "error",
    "年份与总结年度不符：标题或正文写了别的年份（下一年度的计划和与上年的比较除外）。"
    "严格模式（检查模型的输出）下，往年只在与上年比较或事实给出时可写。",
    examples=[
        Example("2023年12月，后勤科对设备进行了全面检查。", True, facts=True),
        Example("2025年，后勤科完成设备巡检1248次。", False, facts=True),
        Example("设备完好率提升至99.5%，2026年6月底前完成。", False, facts=True, kind="plans"),
        Example("业主满意度92.3%，较2024年提高2.7个百分点。", False, facts=True),
        Example("医用织物配置量按2018年床位数核定。", False, facts=True, kind="problems"),
        Example(
            "# 2025年工作总结暨2026年工作打算\n\n2025年，后勤科完成设备巡检1248次。\n", False, whole=True
        ),
        Example("# 2025年工作总结暨2027年工作打算\n\n2025年，后勤科完成设备巡检1248次。\n", True, whole=True),
    ],
)
def year_mismatch(ctx: Context) -> Iterator[Finding]:
    year = ctx.facts.year if ctx.facts else title_year(ctx)
    if year is None:
        return
    r = this("year-mismatch")
    strict = ctx.config.strict
    known = {
        int(q.value) for t in (ctx.facts.texts if ctx.facts else []) for q in extract(t) if q.kind == "year"
    }
    for s in ctx.doc.sections:
        for b in s.blocks:
            in_title = s.kind == "title" or (b.kind == "heading" and s.kind != "plans")
            years = [q for q in ctx.numbers(b) if q.kind == "year" and int(q.value) != year]
            if not years:
                continue
            spans = (
                [(b.start, b.text)] if b.kind == "heading" else [(x.start, x.text) for x in ctx.sentences(b)]
            )
            for q in years:
                y = int(q.value)
                _, sent = next(((o, t) for o, t in spans if o <= q.start < o + len(t)), (b.start, b.text))
                if in_title and y == year + 1 and _NEXT_YEAR_TITLE.match(b.text, q.end - b.start):
                    continue  # 2019年工作总结暨2020年工作打算: next year's plan, named in the title
                if not in_title and y in known:
                    continue
                if not in_title and y > year and (s.kind == "plans" or _FUTURE.search(sent)):
                    continue
                if not in_title and y < year and _PAST.search(sent) and (y == year - 1 or not strict):
                    continue
                # a year with a month (2023年12月) dates this year's work; one without is referred to
                if not in_title and y < year and not strict and "月" not in q.raw:
                    continue  # 按2018年床位数核定, 建于2010年: a year referred to, not the date of this year's work
                yield ctx.finding(
                    r, f"“{y}年”与总结年度{year}年不符", q.start, sent, section=s.id, suggestion=f"{year}年"
                )


def title_year(ctx: Context) -> int | None:
    if ctx.doc.title is None:
        return None
    years = [q for q in extract(ctx.doc.title.heading or "") if q.kind == "year"]
    return int(years[0].value) if years else None
