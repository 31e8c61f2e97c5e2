"""Number fidelity against the facts: invented numbers, wrong trends, dropped facts; and which fact an item of
the problems or plans reports (problem_for, plan_for), for the rules in problems.py and plans.py."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from zongjie.facts.derive import dec
from zongjie.finding import Finding
from zongjie.lint.document import Block, Section
from zongjie.lint.factset import FactSet, states
from zongjie.lint.names import GENERIC, foreign, metric_names, named_figures
from zongjie.lint.rules.base import Context, Example, rule, this
from zongjie.plan.task import MetricFact, PlanFact, ProblemFact
from zongjie.text.numbers import CLAIM_KINDS, Quantity, extract
from zongjie.text.sentences import clauses
from zongjie.text.words import literal_alternation, pattern
from zongjie.wording import DOWN, UP, zero_said


def _facts(ctx: Context) -> FactSet:
    assert ctx.facts is not None  # the engine runs needs_facts rules only with facts
    return ctx.facts


def _blocks(ctx: Context) -> Iterator[tuple[Section, Block]]:
    for s in ctx.doc.sections:
        for b in s.body:
            yield s, b


@rule(
    "number-mismatch",
    "error",
    "数字与事实不符：正文中的数字（含“3000余次”“约12万元”“两成”等约数）在事实文件中找不到，"
    "或写在某个指标名之后（到下一个指标名或句末为止）却不是该指标的数字（另一指标的同比、不存在的变化）。",
    needs_facts=True,
    examples=[
        Example("全年完成设备巡检1248次，同比增长13.2%。", False, facts=True),
        Example("节约维修成本86000元，设备完好率99.1%，较上年提高0.4个百分点。", False, facts=True),
        Example("全年完成设备巡检1250次。", True, facts=True),
        Example("业主满意度92.3%，较上年提高2.7%。", True, facts=True),
        Example("重大故障三起，较上年减少四起。", False, facts=True),
        Example("全年开展应急演练十次。", True, facts=True),
        Example("3号楼电梯使用已满16年，全年故障11次。", False, facts=True, kind="problems"),
        Example("全年处理业主报修3000余次。", True, facts=True),
        Example("全年服务业主五百余户。", True, facts=True),
        Example("全年完成设备巡检1200余次，节约维修成本8万余元。", False, facts=True),
        Example("全年完成设备巡检约1250次，设备保养近330项。", False, facts=True),
        Example("保洁合格率为98%。", True, facts=True, kind="review-environment"),
        Example("保洁合格率为97.8%，高于97%的目标。", False, facts=True, kind="review-environment"),
        Example("用电量312万度，同比下降4.2%。", True, facts=True, kind="review-energy"),
        Example("隐患整改率100%，较上年提高1.2个百分点。", True, facts=True, kind="review-security"),
        Example("节约维修成本8.6万元，同比增长30.5%。", True, facts=True, kind="review-facilities"),
        Example("用电量312万度，同比下降6.8%；用水量18.4万吨，同比下降4.2%。", False, facts=True),
        Example("报修响应率、设备完好率分别为98.5%、99.1%。", False, facts=True, kind="review-facilities"),
    ],
)
def number_mismatch(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    names = metric_names(facts)
    seen: dict[tuple[str, Decimal, str, str], bool] = {}
    for s, b in _blocks(ctx):
        numbers = [q for q in ctx.numbers(b) if q.kind in CLAIM_KINDS]
        if not numbers:
            continue
        # A plan's figure next to a metric's name is next year's target, not this metric's figure.
        named = (
            named_figures(b.text, b.start, numbers, names) if names is not None and s.kind != "plans" else {}
        )
        for q in numbers:
            if not facts.allows(q):
                yield ctx.finding(
                    this("number-mismatch"),
                    f"“{q.raw}”在事实文件中找不到：改用事实中的数字或删去",
                    q.start,
                    q.raw,
                    section=s.id,
                )
            elif q.start in named and foreign(facts, q, *named[q.start], seen):
                mf = named[q.start][0]
                m = mf.metric
                said = "，".join(dict.fromkeys([mf.figure_text(), *(d.text for d in mf.derived)]))
                yield ctx.finding(
                    this("number-mismatch"),
                    f"“{q.raw}”不是{m.name}的数字：事实中{m.name}为{said}",
                    q.start,
                    q.raw,
                    section=s.id,
                    suggestion=mf.figure_text(),
                )


_DIRECTION = re.compile("|".join(UP + DOWN))


def aliases(metrics: list[MetricFact]) -> dict[str, MetricFact]:
    """Name → metric, with unambiguous suffixes (业主满意度 → 满意度) so prose can shorten names."""
    seen: dict[str, list[MetricFact]] = defaultdict(list)
    for mf in metrics:
        name = mf.metric.name
        for i in range(len(name) - 1):
            alias = name[i:]
            if alias not in GENERIC and not any(m is mf for m in seen[alias]):
                seen[alias].append(mf)
    return {a: ms[0] for a, ms in seen.items() if len(ms) == 1 or all(m.metric.name == a for m in ms)}


# Figures that say which way a metric moved; "stated" is the clerk's own change (用气量下降一成).
TRENDS = ("change", "pp", "yoy", "stated")


def _trend(mf: MetricFact) -> str | None:
    d = next((d for d in mf.derived if d.kind in TRENDS), None)
    return d.direction if d and d.direction != "flat" else None


@rule(
    "trend-mismatch",
    "error",
    "趋势与事实相反：指标旁的“增长/提升/上升”或“下降/减少/降低”与事实中的变化方向不一致；"
    "或事实只给出变化（用气量下降一成）的指标被写成了水平（降至10%、达到10%）。",
    needs_facts=True,
    examples=[
        Example("用电量312万度，同比上升6.8%。", True, facts=True),
        Example("重大故障3起，较上年增加4起。", True, facts=True),
        Example("用电量312万度，同比下降6.8%。", False, facts=True),
        Example("设备巡检1248次，同比增长13.2%；重大故障由7起降至3起。", False, facts=True),
    ],
)
def trend_mismatch(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    yield from _levels(ctx, facts)
    trending = [m for m in facts.metrics if _trend(m)]
    if not trending:
        return
    names = aliases(trending)
    name_rx = re.compile(literal_alternation(names))
    # 用气量下降10%: a direction word inside any metric's own name is its name, not a trend.
    every = sorted({mf.metric.name for mf in facts.metrics}, key=len, reverse=True)
    own_rx = re.compile(literal_alternation(n for n in every if _DIRECTION.search(n)))
    by_derived: dict[tuple[Decimal, str], list[MetricFact]] = defaultdict(list)
    for mf in trending:
        for d in mf.derived:
            if d.kind in TRENDS:
                by_derived[(dec(d.value), d.unit)].append(mf)
    for s, b in _blocks(ctx):
        if s.kind == "plans" or not _DIRECTION.search(b.text):
            continue  # 降至/提升至 in a plan is a target, not a trend
        numbers = [q for q in ctx.numbers(b) if q.kind in CLAIM_KINDS]
        for sent in ctx.sentences(b):
            if _DIRECTION.search(sent.text):
                yield from _trend_in(
                    ctx, s, sent.text, sent.start, numbers, name_rx, names, by_derived, own_rx
                )


def _trend_in(
    ctx: Context,
    s: Section,
    text: str,
    start: int,
    numbers: list[Quantity],
    name_rx: re.Pattern[str],
    names: dict[str, MetricFact],
    by_derived: dict[tuple[Decimal, str], list[MetricFact]],
    own_rx: re.Pattern[str],
) -> Iterator[Finding]:
    carried: MetricFact | None = None
    starts = [q.start for q in numbers]  # extract() gives them in text order
    for off, clause in clauses(text):
        lo = start + off
        found = list(name_rx.finditer(clause))
        mentions = [(m.start(), names[m.group()]) for m in found]
        # 用气量下降10%: the 下降 inside a metric's own name is its name, not a trend said about it.
        inside = [(m.start(), m.end()) for m in (*found, *own_rx.finditer(clause))]
        # numbers are in text order: the clause's own are found by bisection, not by scanning them all
        i, hi = bisect.bisect_left(starts, lo), lo + len(clause)
        while i < len(numbers) and numbers[i].start < hi:
            q = numbers[i]
            hits = by_derived.get((q.value, q.unit), [])
            if len(hits) == 1:
                mentions.append((q.start - lo, hits[0]))
            i += 1
        mentions.sort(key=lambda x: x[0])
        for m in _DIRECTION.finditer(clause):
            if any(a <= m.start() < b for a, b in inside):
                continue
            before = [mf for pos, mf in mentions if pos < m.start()]
            after = [mf for pos, mf in mentions if pos > m.start()]
            target = before[-1] if before else after[0] if after else carried
            if target is None:
                continue
            said = "up" if m.group() in UP else "down"
            if said != _trend(target):
                actual = next(d.text for d in target.derived if d.kind in TRENDS)
                yield ctx.finding(
                    this("trend-mismatch"),
                    f"“{m.group()}”与事实相反：{target.metric.name}{actual}",
                    lo + m.start(),
                    clause,
                    section=s.id,
                )
        if mentions:
            carried = mentions[-1][1]


# 用气量降至10% / 用气量达到10% / 用气量下降达到10%, for a metric the facts know only as a change (下降一成): the
# change said as a level. The figure is an allowed one (10% is the change), so number-mismatch cannot see it.
_LEVEL = pattern("up_to", "down_to", "level_verbs")


def _levels(ctx: Context, facts: FactSet) -> Iterator[Finding]:
    """A change-only metric (no value, a stated change) named, then a level verb, then a figure — in one clause,
    before the next metric's name. Plans are left alone: 降至 there is next year's target."""
    every = aliases(facts.metrics)
    only = {a: mf for a, mf in every.items() if mf.metric.value is None and _stated(mf)}
    if not only:
        return
    rx = re.compile(literal_alternation(every))
    for s, b in _blocks(ctx):
        if s.kind == "plans" or not any(a in b.text for a in only):
            continue
        numbers = [q for q in ctx.numbers(b) if q.kind in CLAIM_KINDS]
        for sent in ctx.sentences(b):
            for off, clause in clauses(sent.text):
                lo = sent.start + off
                marks = list(rx.finditer(clause))
                for i, m in enumerate(marks):
                    mf = only.get(m.group())
                    stop = marks[i + 1].start() if i + 1 < len(marks) else len(clause)
                    verb = _LEVEL.search(clause, m.end(), stop) if mf else None
                    if mf is None or verb is None:
                        continue
                    q = next((q for q in numbers if lo + verb.end() <= q.start < lo + stop), None)
                    if q is None:
                        continue
                    name, said = mf.metric.name, _stated(mf)
                    yield ctx.finding(
                        this("trend-mismatch"),
                        f"“{clause[m.start() : q.end - lo]}”把{name}的变化写成了水平：事实只说{name}{said}，"
                        f"本年数值不详，照写“{name}{said}”",
                        lo + m.start(),
                        clause,
                        section=s.id,
                        suggestion=f"{name}{said}",
                    )


def _stated(mf: MetricFact) -> str:
    return next((d.text for d in mf.derived if d.kind == "stated"), "")


def bigrams(text: str) -> set[str]:
    """Character pairs of the text's 汉字 and word characters, punctuation dropped."""
    t = re.sub(r"[^\u4e00-\u9fff\w]", "", text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def problem_for(item: str, problems: list[ProblemFact]) -> ProblemFact | None:
    """The problem fact an item of 存在问题与不足 reports, by shared character pairs with its `problem` text."""
    grams = bigrams(item)
    scored = [
        (len(bigrams(p.problem.problem) & grams) / max(len(bigrams(p.problem.problem)), 1), p)
        for p in problems
    ]
    best = max(scored, key=lambda x: x[0], default=(0.0, None))
    return best[1] if best[0] >= 0.5 else None


def plan_for(item: str, plans: list[PlanFact]) -> PlanFact | None:
    best, score = None, 0.0
    grams = bigrams(item)
    for pl in plans:
        goal = bigrams(pl.plan.goal)
        s = len(goal & grams) / max(len(goal), 1)
        if pl.plan.target and any(q.value == dec(pl.plan.target.value) for q in extract(item)):
            s += 0.5
        if s > score:
            best, score = pl, s
    return best if score >= 0.5 else None


# Section kinds that must state every metric they were given (strict mode: an error, not a warning).
STATE_ALL = frozenset({"preface", "review", "team", "highlights"})


@rule(
    "fact-dropped",
    "warning",
    "事实被遗漏：事实文件中的指标数值在正文里没有出现。严格模式下，前言、工作回顾、团队和亮点遗漏指标是错误。",
    needs_facts=True,
    examples=[
        Example(
            "全年用电量312万度，同比下降6.8%；用水量18.4万吨，同比下降4.2%；节约能源费用21.7万元。",
            False,
            facts=True,
            kind="review-energy",
        ),
        Example("全年用电量同比下降6.8%，节约能源费用21.7万元。", True, facts=True, kind="review-energy"),
    ],
)
def fact_dropped(ctx: Context) -> Iterator[Finding]:
    facts = _facts(ctx)
    strict = ctx.config.strict
    single = next(iter(s.id for s in ctx.doc.sections), None) if not ctx.whole else None
    kinds = {s.id: s.kind for s in ctx.doc.sections}
    todo = [(sid, mf) for sid, ms in facts.sections.items() if single in (None, sid) for mf in ms]
    numbers = [q for _, b in _blocks(ctx) for q in ctx.numbers(b)]
    texts = [b.text for _, b in _blocks(ctx)]
    missing = {mf.id for mf in missing_metrics([mf for _, mf in todo], numbers, texts, strict=strict)}
    for sid, mf in todo:
        if mf.id not in missing:
            continue
        m = mf.metric
        finding = ctx.finding(
            this("fact-dropped"),
            f"事实“{m.name}{mf.figure_text()}”未在正文中出现",
            section=sid,
        )
        if strict and kinds.get(sid) in STATE_ALL:
            finding = finding.model_copy(update={"severity": "error"})  # a review without its figures
        yield finding


def missing_metrics(
    metrics: list[MetricFact], numbers: list[Quantity], texts: list[str], *, strict: bool
) -> list[MetricFact]:
    """The metrics that `numbers` (read from `texts`) do not state: exactly, rounded, or within a hedge's
    tolerance — in strict mode a hedged figure (约1250次) states nothing. A zero count is stated by saying it
    did not happen (全年未发生安全事故). Shared by fact-dropped and the LLM writer's sentence-level repair."""
    said: dict[str, list[Quantity]] = defaultdict(list)
    exact: set[tuple[Decimal, str]] = set()
    for q in numbers:
        if q.kind in CLAIM_KINDS and not (strict and q.hedge):
            base, unit = q.base()
            exact.add((base, unit))
            said[unit].append(q)
    out = []
    for mf in metrics:
        m = mf.metric
        v, u = mf.figure()
        base, unit = Quantity(dec(v), u, 0, 0, "", "quantity").base()
        if (base, unit) in exact or any(states(q, dec(v), u) for q in said[unit] + said[""]):
            continue
        if m.value == 0 and any(zero_said(t, m.name) for t in texts):
            continue
        out.append(mf)
    return out
