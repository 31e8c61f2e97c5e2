"""Claims about the year that are not numbers: a target said to be met (or missed) against the facts, and
praise, records and zero-incident claims the facts do not give."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from zongjie.facts.derive import Derived, dec
from zongjie.finding import Finding
from zongjie.lint.document import Section, Sentence, plain
from zongjie.lint.factset import FactSet
from zongjie.lint.rules.base import Context, Example, rule, this
from zongjie.lint.rules.fidelity import aliases
from zongjie.lint.rules.style import blanks, has_number
from zongjie.plan.task import MetricFact
from zongjie.text.forms import DIGIT, NUMERAL
from zongjie.text.numbers import CLAIM_KINDS, Quantity
from zongjie.text.sentences import clauses
from zongjie.text.words import literal_alternation, pattern
from zongjie.wording import CHANGE_BEFORE

# A clause about next year (a plan, a resolve) claims nothing about this year's result.
_FUTURE = pattern("future")

# 完成/达到/实现/超额完成/基本完成（年度）目标, 优于目标, 达标; a negation before it says the opposite.
# "完成年度目标（1000次）的95.6%" is a completion rate, not a claim: `of` catches it.
_TARGET = re.compile(
    r"(?P<neg>未能|未|没有|没能|尚未|不能)?"
    r"(?P<claim>(?:超额|基本|全面|圆满|顺利)?(?:完成|达到|实现|达成)了?(?:年度|全年|既定|预定|预期)?目标(?:任务|要求)?"
    r"|(?P<cmp>优于|超过|高于|低于|超出)(?:了)?(?:年度|全年|既定)?目标|达标)"
    rf"(?P<tail>[（(][^）)]{{0,16}}[）)])?(?P<of>的\s*[{NUMERAL}])?"
)
_MISSED = re.compile(r"尚差|仍差|还差")
# A change (同比下降100%, 较上年减少1次) is said of a metric, it is not one of its figures: 100% there must not
# point to the metric whose target is 100%. 降为/增至 give the new level, which is a figure.
_CHANGE = re.compile(CHANGE_BEFORE)


def _target_of(mf: MetricFact) -> Derived | None:
    return next((d for d in mf.derived if d.kind in ("completion", "target_gap") and d.met is not None), None)


@rule(
    "target-mismatch",
    "error",
    "目标完成情况与事实不符：写“完成/达到/实现/超额完成/基本完成（年度）目标”“优于目标”而事实中该指标未达目标，"
    "或写“未完成/未达到/尚差”而事实中已达目标。",
    needs_facts=True,
    examples=[
        Example("业主满意度92.3%，较上年提高2.7个百分点，未完成年度目标。", True, facts=True, kind="preface"),
        Example("保洁合格率97.8%，距年度目标尚差0.8个百分点。", True, facts=True, kind="review-environment"),
        Example("库房损耗率0.8%，高于年度目标。", True, facts=True, kind="review-procurement"),
        Example("保洁合格率97.8%，优于年度目标0.8个百分点。", False, facts=True, kind="review-environment"),
        Example("业主满意度92.3%，完成年度目标。", False, facts=True, kind="preface"),
        Example("库房损耗率0.8%，低于年度目标（1%）。", False, facts=True, kind="review-procurement"),
        Example("新的一年，力争设备完好率未完成目标的情况不再出现。", False, facts=True, kind="closing"),
    ],
)
def target_mismatch(ctx: Context) -> Iterator[Finding]:
    assert ctx.facts is not None
    targeted = [mf for mf in ctx.facts.metrics if _target_of(mf) is not None]
    if not targeted:
        return
    names = aliases(ctx.facts.metrics)
    name_rx = re.compile(literal_alternation(names))
    figures = _figures(targeted)
    for s in ctx.doc.sections:
        if s.kind == "plans":
            continue
        for b in s.body:
            if "目标" not in b.text and "达标" not in b.text and not _MISSED.search(b.text):
                continue
            numbers = [q for q in ctx.numbers(b) if q.kind in CLAIM_KINDS]
            for sent in ctx.sentences(b):
                yield from _targets_in(ctx, s, sent, numbers, name_rx, names, figures)


def _figures(metrics: list[MetricFact]) -> dict[tuple[Decimal, str], MetricFact]:
    """A metric's figure (value, 上年 or target), written without its name, points to it when no other metric
    has it: "（上年为0%）" after one metric's name must not point to another whose value is 0%."""
    seen: dict[tuple[Decimal, str], list[MetricFact]] = {}
    for mf in metrics:
        m = mf.metric
        for v in {m.value, m.target, m.previous}:
            if v is not None:
                seen.setdefault((dec(v).normalize(), m.unit), []).append(mf)
    return {k: ms[0] for k, ms in seen.items() if len(ms) == 1}


def _targets_in(
    ctx: Context,
    s: Section,
    sent: Sentence,
    numbers: list[Quantity],
    name_rx: re.Pattern[str],
    names: dict[str, MetricFact],
    figures: dict[tuple[Decimal, str], MetricFact],
) -> Iterator[Finding]:
    carried: MetricFact | None = None
    for off, clause in clauses(sent.text):
        lo = sent.start + off
        mentions = [(m.start(), names[m.group()]) for m in name_rx.finditer(clause)]
        prev = lo
        for q in numbers:
            if not lo <= q.start < lo + len(clause):
                continue
            said_before, prev = sent.text[prev - sent.start : q.start - sent.start], q.end
            hit = figures.get((q.value.normalize(), q.unit))
            if hit is not None and not _CHANGE.search(said_before):
                mentions.append((q.start - lo, hit))
        mentions.sort(key=lambda x: x[0])
        if not _FUTURE.search(clause):
            for m in [*_TARGET.finditer(clause), *_MISSED.finditer(clause)]:
                before = [mf for pos, mf in mentions if pos < m.start()]
                mf = before[-1] if before else carried
                if mf is None and mentions:
                    mf = mentions[0][1]
                d = _target_of(mf) if mf is not None else None
                if mf is None or d is None or (m.re is _TARGET and m.group("of")):
                    continue
                if _wrong(m, d):
                    value = mf.figure_text()
                    yield ctx.finding(
                        this("target-mismatch"),
                        f"“{m.group().strip()}”与事实不符：{mf.metric.name}{value}，{d.text}",
                        lo + m.start(),
                        clause,
                        section=s.id,
                        suggestion=d.text,
                    )
        if mentions:
            carried = mentions[-1][1]


def _wrong(m: re.Match[str], d: Derived) -> bool:
    """The phrase says the opposite of the facts' target figure."""
    if m.re is _MISSED:
        return bool(d.met)
    cmp = m.group("cmp")
    if cmp in ("高于", "低于", "超过", "超出"):
        # Above or below the target: the figure's side of it (a lower-is-better metric is met below it).
        return d.direction != ("down" if cmp == "低于" else "up")
    return (m.group("neg") is None) != d.met


# --- unsupported-claim ----------------------------------------------------------------------------------

# Praise received: 好评 and its kin anywhere; 肯定/认可 only after a verb of receiving (肯定会 is no praise).
_PRAISE = re.compile(
    r"(?:一致|广泛|普遍|交口)?好评|赞誉|表扬|表彰|称赞|赞扬|点赞|锦旗|感谢信|高度评价"
    r"|(?:得到|获得|赢得|受到|深受|广受|博得)[^，。；,;]{0,14}?(?P<word>肯定|认可)"
)
_DEGREE = re.compile(r"^(?:一致|广泛|普遍|交口)")
_RECORD = re.compile(
    r"创(?:造)?(?:了)?历史新高|创新高|历史最[好高低佳]|历年最[好高低佳]|史上最|历史同期最|零的突破|首次|第一次"
)
# 零事故, 零投诉; 未发生（任何/一起）X事故/事件; 无X事故, 安全无事故.
_ZERO = re.compile(
    r"零(?P<z>[\u4e00-\u9fff]{0,6}?)(?P<zk>事故|投诉|差错|事件|伤亡)"
    r"|(?:未发生|没有发生|未出现|没有出现)(?:过)?(?:任何|一起|一例|一次)?(?P<n>[^，。；,;！？]{0,16}?)"
    r"(?P<nk>事故|事件|案件|投诉)"
    r"|(?<![\u4e00-\u9fff])无(?P<w>[\u4e00-\u9fff]{0,6}?)(?P<wk>事故)|安全无事故"
)
_SATISFACTION = re.compile(
    rf"满意度[^，。；{DIGIT}]{{0,8}}?(?:提升|提高|上升|增长|改善|明显|显著)|满意度(?:有所|不断|持续)"
)
_NOISE = re.compile(r"^(?:全年|年内|本年度|本年)")
# A cheap test per paragraph before the per-sentence work: most paragraphs make no such claim.
_ANY = re.compile(
    r"好评|赞|表扬|表彰|锦旗|感谢信|评价|肯定|认可|历|史上|新高|突破|首次|第一次|零|发生|出现|无|满意度"
)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return bool(short) and all(c in it for c in short)


def _thing(m: re.Match[str]) -> str:
    """What a zero claim says did not happen: 安全责任事故 in 全年未发生一起安全责任事故."""
    if m.group() == "安全无事故":
        return "安全事故"
    obj = (m.group("z") or m.group("n") or m.group("w") or "").strip()
    return _NOISE.sub("", obj) + (m.group("zk") or m.group("nk") or m.group("wk") or "事故")


def _zero_backed(facts: FactSet, m: re.Match[str]) -> bool:
    """Backed when a fact text makes the same or a wider zero claim (未发生电梯困人事件; 零重大事故 backs
    零重大事故 but not 零事故), or a metric counting the thing, or a wider class of it, is 0 (安全事故 0起
    backs 未发生安全责任事故)."""
    thing = _thing(m)
    for t in facts.texts:
        if "目标" in t:
            continue  # 围绕“零事故”的目标 is an aim, not a result
        if any(_subsequence(_thing(x), thing) for x in _ZERO.finditer(t)):
            return True
    return any(mf.metric.value == 0 and _subsequence(mf.metric.name, thing) for mf in facts.metrics)


def _satisfaction_backed(facts: FactSet, sentence: str) -> bool:
    rated = [mf for mf in facts.metrics if "满意" in mf.metric.name]
    named = [mf for mf in rated if mf.metric.name in sentence] or rated
    return any(d.direction == "up" for mf in named for d in mf.derived if d.kind in ("change", "pp", "yoy"))


def _claims(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, phrase, what) for each claim in one sentence."""
    for m in _PRAISE.finditer(text):
        yield m.start(), m.group(), "表扬和认可"
    for m in _RECORD.finditer(text):
        yield m.start(), m.group(), "纪录和“首次”"
    for m in _ZERO.finditer(text):
        yield m.start(), m.group(), "零事故"
    if not has_number(text):
        for m in _SATISFACTION.finditer(text):
            yield m.start(), m.group(), "满意度变化"


def _squash(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff\w]", "", plain(text))


def _backed(facts: FactSet, phrase: str, what: str, sentence: str, clause: str) -> bool:
    said = _squash(clause)
    if said and any(said in _squash(t) for t in facts.texts):
        return True  # the clause is the facts' own words (a lesson, a case's result)
    if what == "零事故":
        m = _ZERO.search(phrase)
        return m is not None and _zero_backed(facts, m)
    if what == "满意度变化":
        return _satisfaction_backed(facts, sentence)
    if what == "表扬和认可":  # a fact that mentions the praise at all (好评, 肯定) backs it
        m = _PRAISE.search(phrase)
        keys = {(m.group("word") or _DEGREE.sub("", m.group())) if m else phrase}
    else:  # a record: the fact must state the record itself (历史新高, 首次)
        keys = {"首次", "第一次"} if phrase in ("首次", "第一次") else {re.sub(r"^创(?:造)?了?", "", phrase)}
    return any(k in t for k in keys for t in facts.texts)


@rule(
    "unsupported-claim",
    "error",
    "没有事实依据的评价或纪录：“一致好评”“得到领导充分肯定”“创历史新高”“首次”“全年未发生安全事故”"
    "“满意度明显提升”（无数字）等说法，事实文件中没有依据（有 --facts 时为错误，没有时为警告）。",
    examples=[
        Example("后勤保障能力显著增强，赢得了全体业主的一致好评。", True, facts=True),
        Example("保障工作得到公司领导的充分肯定。", True, facts=True),
        Example("全年节约采购成本创历史新高。", True, facts=True),
        Example("全年未发生安全责任事故。", False, facts=True),
        Example("全年未发生交通事故。", True, facts=True),
        Example("全年实现零投诉。", True, facts=True),
        Example("业主满意度明显提升。", False, facts=True, kind="preface"),
        Example("2小时内恢复供电，未发生电梯困人事件。", False, facts=True, kind="review-facilities"),
        Example("赢得了全体业主的一致好评。", True),
        Example("全年完成设备巡检1248次，同比增长13.2%。", False),
        Example("力争全年实现零事故。", False, kind="plans"),
    ],
)
def unsupported_claim(ctx: Context) -> Iterator[Finding]:
    r = this("unsupported-claim")
    facts = ctx.facts
    for s in ctx.doc.sections:
        if s.kind == "plans":
            continue  # 实现零事故 in a plan is a goal
        for b in s.body:
            if not _ANY.search(b.text):
                continue
            for sent in ctx.sentences(b):
                text = plain(sent.text)
                for off, phrase, what in _claims(sent.text):
                    clause = next((c for o, c in clauses(sent.text) if o <= off < o + len(c) + 1), "")
                    # 满意度提升至XX%: a blank in the claim's own clause is the one finding.
                    if (
                        blanks(clause)
                        or _FUTURE.search(clause)
                        or (facts is not None and _backed(facts, phrase, what, text, clause))
                    ):
                        continue
                    f = ctx.finding(
                        r,
                        f"“{phrase}”在事实文件中没有依据（{what}要有事实支撑）：删去，或把依据写进事实文件"
                        if facts is not None
                        else f"“{phrase}”是{what}说法：确认有依据，否则删去",
                        sent.start + off,
                        sent.text,
                        section=s.id,
                    )
                    yield f if facts is not None else f.model_copy(update={"severity": "warning"})
