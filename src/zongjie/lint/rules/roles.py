"""A figure in the wrong role: last year's value (or the target) stated as this year's. Every number in such a
sentence is in the facts, so number-mismatch lets it pass, yet the sentence is false."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zongjie.facts.derive import dec
from zongjie.finding import Finding
from zongjie.lint.factset import FactSet, states
from zongjie.lint.names import metric_names, named_figures
from zongjie.lint.rules.base import Context, Example, rule, this
from zongjie.plan.task import MetricFact
from zongjie.text.numbers import CLAIM_KINDS, Quantity
from zongjie.text.sentences import clauses
from zongjie.text.words import alternation, pattern
from zongjie.wording import CHANGE_BEFORE

# Words before a figure that make it last year's, the target, or a change (较上年增加1次, 由上年1次降为0次,
# 优于年度目标（98%）): such a figure is not said to be this year's value.
_OTHER_ROLE = re.compile(r"上年|去年|上一年|前一年|往年|目标|计划|由|从|原|" + CHANGE_BEFORE)
# A bound, not a value: 达到95%以上 is true of 97.6%.
_BOUND_AFTER = re.compile(r"\s*(?:以上|以下|以内|左右|上下|多)")
_BOUND_BEFORE = re.compile(rf"(?:{alternation('bound_before')})\s*$")
# Said as this year's even without the metric's name before it.
_THIS_YEAR = pattern("this_year")


@rule(
    "figure-role-mismatch",
    "error",
    "把上年数或目标值写成了本年数：紧跟指标名或“达到/全年/本年/完成”的数字只等于该指标的上年数（或目标值），"
    "分句里又没有“上年/去年/同比/较/目标”等词把它标成上年数或目标。句子里的数字都在事实中，但句子是错的。",
    needs_facts=True,
    examples=[
        Example("业主满意度达到89.6%，保持较高水平。", True, facts=True, kind="preface"),
        Example("全年开展应急演练6次。", True, facts=True, kind="review-security"),
        Example("发生安全事故1起。", True, facts=True, kind="review-security"),
        Example("业主满意度达到92%。", True, facts=True, kind="preface"),
        Example(
            "业主满意度92.3%（上年89.6%），优于年度目标（92%）0.3个百分点。",
            False,
            facts=True,
            kind="preface",
        ),
        Example("应急演练由上年6次增加到8次。", False, facts=True, kind="review-security"),
        Example("未发生安全事故（上年1起），较上年减少1起。", False, facts=True, kind="review-security"),
        Example("安全事故由上年1起降为0起。", False, facts=True, kind="review-security"),
        Example("业主满意度保持在92%以上。", False, facts=True, kind="preface"),
        Example("设备巡检1248次（上年1102次），较上年增加146次。", False, facts=True),
    ],
)
def figure_role_mismatch(ctx: Context) -> Iterator[Finding]:
    facts = ctx.facts
    assert facts is not None  # the engine runs needs_facts rules only with facts
    names = metric_names(facts)
    if names is None:
        return
    for s in ctx.doc.sections:
        if s.kind == "plans":
            continue  # a plan's figure is next year's target
        for b in s.body:
            numbers = [q for q in ctx.numbers(b) if q.kind in CLAIM_KINDS and not q.hedge and not q.in_range]
            if not numbers:
                continue
            named = named_figures(b.text, b.start, numbers, names)
            t, at = b.text, b.start
            for lo, clause in clauses(t):
                hi = lo + len(clause)
                mine = [q for q in numbers if lo <= q.start - at < hi]
                for i, q in enumerate(mine):
                    last = i + 1 == len(mine)
                    before = t[mine[i - 1].end - at if i else lo : q.start - at]
                    after = t[q.end - at : hi if last else mine[i + 1].start - at]
                    mf: MetricFact | None = None
                    if q.start in named:
                        mf = named[q.start][0]
                    elif _THIS_YEAR.search(before):
                        mf = _only_other_role(facts, q)
                    else:
                        continue
                    role = _stale(facts, q, mf) if mf is not None else None
                    if mf is None or role is None or _marked(before, after, last):
                        continue
                    if _derived(q, mf) and _OTHER_ROLE.search(t[lo : q.start - at]):
                        continue  # 优于年度目标（1起）1起: the gap, in a clause about the target
                    words = t[max(lo, q.start - at - 12) : q.end - at]
                    yield _finding(ctx, s.id, q, mf, role, words)


def _stale(facts: FactSet, q: Quantity, mf: MetricFact) -> str | None:
    """'上年' or '目标' when `q` states only the metric's previous (or target) figure, not its value."""
    m = mf.metric
    if m.value is None or states(q, dec(m.value), m.unit) or facts.in_texts(q, m.name):
        return None
    if m.previous is not None and states(q, dec(m.previous), m.unit):
        return "上年"
    if m.target is not None and states(q, dec(m.target), m.unit):
        return "目标"
    return None


def _derived(q: Quantity, mf: MetricFact) -> bool:
    return any(states(q, dec(d.value), d.unit) for d in mf.derived)


def _only_other_role(facts: FactSet, q: Quantity) -> MetricFact | None:
    """The one metric whose previous or target `q` states, when no fact gives `q` in any other role."""
    hits = [mf for mf in facts.metrics if _stale(facts, q, mf)]
    if len(hits) != 1:
        return None
    others = [
        a for a in facts.allowed if states(q, a.value, a.unit) and not a.source.startswith(hits[0].id + ".")
    ]
    return hits[0] if not others else None


def _marked(before: str, after: str, last: bool) -> bool:
    """The words around the figure bind it to another role, or make it a bound (95%以上)."""
    if _OTHER_ROLE.search(before) or _BOUND_BEFORE.search(before) or _BOUND_AFTER.match(after):
        return True
    # 95.1%为上年水平: a marker after the figure binds it when no other figure follows to take it.
    return last and bool(_OTHER_ROLE.search(after))


def _finding(ctx: Context, section: str, q: Quantity, mf: MetricFact, role: str, words: str) -> Finding:
    m = mf.metric
    role = "上年数" if role == "上年" else "目标值"
    right = mf.figure_text()
    return ctx.finding(
        this("figure-role-mismatch"),
        f"“{words.strip()}”把{m.name}的{role}{q.raw}当成了本年数：本年{m.name}为{right}",
        q.start,
        words,
        section=section,
        suggestion=right,
    )
