"""Metric clauses: value, 上年 value and every derived text (verbatim), woven into 公文 sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence

from zongjie import wording
from zongjie.facts.derive import Direction, fmt, fmt_quantity
from zongjie.plan.task import MetricFact
from zongjie.text.forms import NUMERAL
from zongjie.text.units import COUNT_UNITS
from zongjie.writer.offline import kinds
from zongjie.writer.offline.phrases import CONNECTORS, Prose, clean, end, rotate

TIME_UNITS = frozenset({"秒", "分钟", "小时", "天", "日", "周", "个月", "月"})

# Sentence openers. The first sentence of a paragraph sets the time frame; later ones name the aspect.
FIRST = ("全年", "本年度")
RATE = ("服务质量方面，", "从质量指标看，", "质量指标方面，")
VOLUME = ("工作量方面，", "从工作量看，")
REST = ("同时，", "与此同时，", "此外，")
MAX_CLAUSES = 4
SENTENCE_LIMIT = 100  # characters; the linter warns above 120
MERGE_UP_TO = 3


def trend(mf: MetricFact) -> Direction | None:
    """Direction against 上年 (None when there is neither a previous value nor a stated change)."""
    for d in mf.derived:
        if d.kind in ("pp", "change", "stated"):
            return d.direction
    return None


def _tail(mf: MetricFact, form: int = 0) -> str:
    """上年 and every derived text. Two forms, so that neighbouring clauses do not read as one form filled
    in again and again: "（上年1102次），较上年增加146次，同比增长13.2%" and
    "，较上年增加146次，同比增长13.2%（上年1102次）". The derived texts are the same, verbatim."""
    m = mf.metric
    prev = ""
    if m.previous is not None and trend(mf) != "flat":
        # "（上年1102次）" is the usual shorthand; a zero needs its verb: "（上年为0万度）", not "上年0万度".
        said = "上年为" if m.previous == 0 else "上年"
        prev = f"（{said}{fmt_quantity(m.previous, m.unit)}）"
    derived = _derived(mf)
    if form % 2 and prev and derived:
        return derived + prev
    return prev + derived


Phrasing = tuple[str, str]  # (verb, clause); the verb lets the next clause avoid repeating it


def _percent_verbs(mf: MetricFact) -> list[str]:
    direction = trend(mf)
    if mf.metric.better == "lower":
        return ["控制在"] if direction in (None, "down") else ["为"]
    verbs = ["达到", "升至"] if direction == "up" else ["达到", "为"] if direction is None else ["为"]
    if any(d.text.startswith("达到") for d in mf.derived):
        verbs = [v for v in verbs if v != "达到"] or ["为"]  # "达到年度目标" follows; avoid 达到…达到
    return verbs


def _derived(mf: MetricFact) -> str:
    parts = [d.text for d in mf.derived]
    if mf.metric.note and clean(mf.metric.note):
        parts.append(clean(mf.metric.note))
    return "".join(f"，{p}" for p in parts)


def zero_outcome(mf: MetricFact) -> bool:
    """An incident count of 0 (安全事故0起) is said the 公文 way — 全年未发生安全事故, 连续两年未发生… —
    never as a bare 0 nor as 同比下降100%."""
    m = mf.metric
    return m.value == 0 and not m.is_percent and kinds.kind(m.name, m.unit) == "incident"


def _none_happened(mf: MetricFact) -> list[Phrasing]:
    m = mf.metric
    thing = kinds.event_name(m.name)
    # 同比下降100% says nothing a reader does not see in 未发生; the change in units (较上年减少2起) stays.
    rest = "".join(f"，{d.text}" for d in mf.derived if d.kind != "yoy" and d.text != "与上年持平")
    note = clean(m.note) if m.note else ""
    # 安全事故0起 with the note 连续三年: 连续三年未发生安全事故, never 未发生安全事故，连续三年.
    streak = re.fullmatch(rf"(?:已)?连续[{NUMERAL}]+年", note)
    if streak:
        prev = f"（上年{fmt_quantity(m.previous, m.unit)}）" if m.previous else ""
        return [("连续", f"{note.removeprefix('已')}未发生{thing}{prev}{rest}")]
    if note:
        rest += f"，{note}"
    if m.previous == 0:
        return [("连续", f"连续两年未发生{thing}{rest}")]
    prev = f"（上年{fmt_quantity(m.previous, m.unit)}）" if m.previous is not None else ""
    return [("未发生", f"未发生{thing}{prev}{rest}")]


def _zero(mf: MetricFact, subject: str) -> list[Phrasing] | None:
    """A count that is 0: "由上年2起降为0起" or "仍为0起"; never the bare "安全事故0起" nor "下降100%"
    alone. Every derived text still follows verbatim."""
    m = mf.metric
    if m.value != 0 or m.is_percent:
        return None
    if zero_outcome(mf):
        return _none_happened(mf)
    q = fmt_quantity(m.value, m.unit)
    if m.previous is not None and m.previous > 0:
        return [("降为", f"{subject}由上年{fmt_quantity(m.previous, m.unit)}降为{q}{_derived(mf)}")]
    if m.previous is not None:
        return [("仍为", f"{subject}仍为{q}{_derived(mf)}")]
    if subject.startswith(kinds.VERB_PREFIXES):
        return None  # "新增监控摄像头0个" reads right as it is
    return [("为", f"{subject}为{q}{_derived(mf)}")]


# A change named by its verb has a 幅 (降幅/减幅/增幅); the noun carries no direction word of its own, so the
# 扩大/收窄 after it is the only direction the sentence states (and the linter checks it).
_SPAN = {"减少": "减幅", "缩减": "减幅", "压缩": "减幅", "缩短": "减幅"}


def names_its_change(mf: MetricFact) -> bool:
    """Whether the metric's figure is an amount of change said as one (see _change_named)."""
    return _change_named(mf) is not None


def _change_named(mf: MetricFact) -> list[Phrasing] | None:
    """A name that ends in a verb of change (能耗下降, 电梯故障减少) makes its figure an amount of change:
    电梯故障减少14次 against 上年22次 is a smaller fall, not a fall "较上年减少8次" on top of it. Said as the
    change of the 幅: "电梯故障减少14次（上年22次），减幅较上年收窄8次", "能耗下降6.5%（上年4%），降幅较上年扩大
    2.5个百分点". A percentage change of a change (同比下降36.4%) means nothing and is left out."""
    m = mf.metric
    verb = next((v for v in (*wording.UP_BY, *wording.DOWN_BY) if m.name.endswith(v)), None)
    if verb is None or m.value is None or m.previous is None or m.value < 0 or m.previous < 0:
        return None
    step = next((d for d in mf.derived if d.kind in ("change", "pp")), None)
    if step is None:
        return None
    span = _SPAN.get(verb, "降幅" if verb in wording.DOWN_BY else "增幅")
    if step.direction == "flat":
        moved = f"{span}与上年持平"
    else:
        size = fmt(step.value) + step.unit if step.unit == "个百分点" else fmt_quantity(step.value, step.unit)
        moved = f"{span}较上年{'扩大' if step.direction == 'up' else '收窄'}{size}"
    rest = "".join(f"，{d.text}" for d in mf.derived if d.kind not in ("change", "pp", "yoy"))
    if m.note and clean(m.note):
        rest += f"，{clean(m.note)}"
    q, prev = fmt_quantity(m.value, m.unit), fmt_quantity(m.previous, m.unit)
    return [("", f"{m.name}{q}（上年{prev}），{moved}{rest}")]


def _subject(mf: MetricFact, kind: kinds.Kind) -> str:
    """The metric's name as the subject of 降至/为."""
    name = mf.metric.name
    if kind == "incident":
        return kinds.event_name(name)
    return kinds.stock_subject(name) if kind == "stock" else name


def _by_kind(mf: MetricFact, kind: kinds.Kind, tail: str) -> list[Phrasing]:
    m = mf.metric
    assert m.value is not None
    q = fmt_quantity(m.value, m.unit)
    bare = f"{kinds.verb_first(m.name)}{q}{tail}"
    subject = _subject(mf, kind)
    if kind == "incident":
        return [("发生", f"发生{subject}{q}{tail}"), ("", f"{subject}{q}{tail}")]
    if kind == "complaint":
        return [("受理", f"受理{bare}"), ("", bare)]
    if kind == "activity":
        return [(v, f"{v}{bare}") for v in kinds.activity_verbs(m.name)] + [("", bare)]
    if kind == "supply":
        return [(v, f"{v}{bare}") for v in ("供应", "提供")] + [("", bare)]
    if kind in ("measure", "stock"):
        return [("为", f"{subject}为{q}{tail}")]
    return [("", bare)]  # named, handled or unknown: no verb asserts what the facts do not say


def phrasings(mf: MetricFact, avoid: str = "", form: int = 0) -> list[Phrasing]:
    """Phrasings of one metric, most natural first; each states the value, 上年 and every derived text.

    The verb depends on what the name counts (see kinds): work done, an incident, a stock, servings.
    A phrasing whose verb is `avoid` (the verb of the clause before) goes last.
    """
    m = mf.metric
    tail = _tail(mf, form)
    kind = kinds.kind(m.name, m.unit)
    if m.value is None:
        # Only the change the clerk stated (用气量下降一成): the name, then the change in its own words — never
        # 下降达到10%, which would make the change a level.
        return [("", f"{_subject(mf, kind)}{_derived(mf).removeprefix('，')}")]
    q = fmt_quantity(m.value, m.unit)
    out: list[Phrasing]
    if zero_outcome(mf):
        out = _none_happened(mf)
    elif (named := _change_named(mf)) is not None:
        out = named
    elif kinds.says_change(m.name) or kinds.verb_first(m.name) != m.name:
        # 用气量下降10%, 节约采购成本12.5万元, 安装路灯300盏: the name already says what happened.
        out = [("", f"{kinds.verb_first(m.name)}{q}{tail}")]
    elif m.is_percent:
        out = [(v, f"{m.name}{v}{q}{tail}") for v in _percent_verbs(mf)]
    elif (zero := _zero(mf, _subject(mf, kind))) is not None:
        out = zero
    elif m.better == "lower" and trend(mf) == "down":
        verb = "缩短至" if m.unit in TIME_UNITS else "降至"
        out = [(verb, f"{_subject(mf, kind)}{verb}{q}{tail}")]
    else:
        out = _by_kind(mf, kind, tail)
    return [p for p in out if not avoid or p[0] != avoid] + [p for p in out if avoid and p[0] == avoid]


def clauses(mf: MetricFact) -> list[str]:
    return [text for _, text in phrasings(mf)]


def _group(mf: MetricFact) -> str:
    """Volumes of work first, then rates, then the rest: costs, incidents, stocks and measures."""
    m = mf.metric
    if m.better == "lower":
        return "rest"
    if m.is_percent:
        return "rate"
    if kinds.kind(m.name, m.unit) in ("incident", "stock", "measure"):
        return "rest"
    return "volume" if m.unit in COUNT_UNITS else "rest"


def timeless(mf: MetricFact) -> bool:
    """A stock (监控摄像头320个) is not something done 全年: it takes no time-frame opener."""
    m = mf.metric
    return not m.is_percent and kinds.kind(m.name, m.unit) == "stock"


# Openers that set a time frame, which a stock cannot take.
_TIME_FRAMES = ("全年", "本年度")


_GROUP_OPENERS = {"volume": VOLUME, "rate": RATE, "rest": REST}


def _chunks(items: list[MetricFact]) -> list[list[MetricFact]]:
    """Splits a long group evenly (5 → 3 + 2, not 4 + 1)."""
    if not items:
        return []
    count = -(-len(items) // MAX_CLAUSES)
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        stop = start + size + (1 if i < extra else 0)
        out.append(items[start:stop])
        start = stop
    return out


def sentences(
    metrics: Sequence[MetricFact],
    prose: Prose,
    variant: int,
    first: Sequence[str] = FIRST,
) -> list[str]:
    """The metrics as a few sentences: volumes, then rates, then the rest (costs, incidents, consumption).

    Short neighbouring groups share one sentence so that a small function does not read as a form.
    """
    groups: dict[str, list[MetricFact]] = {"volume": [], "rate": [], "rest": []}
    for mf in metrics:
        groups[_group(mf)].append(mf)
    # Each planned sentence: (openers, [(openers for a split at this clause, metric)]).
    plan: list[tuple[Sequence[str], list[tuple[Sequence[str], MetricFact]]]] = []
    for key, members in groups.items():
        for c, chunk in enumerate(_chunks(members)):
            # A group split over sentences goes on with a connector, not a second aspect heading.
            aspect: Sequence[str] = _GROUP_OPENERS[key] if c == 0 else REST
            tagged = [(aspect if i == 0 else REST, mf) for i, mf in enumerate(chunk)]
            if plan and len(plan[-1][1]) + len(chunk) <= MERGE_UP_TO:
                plan[-1][1].extend(tagged)
            else:
                plan.append((aspect, tagged))
    out: list[str] = []
    for n, (lead, items) in enumerate(plan):
        openers = rotate(first if n == 0 else lead, variant)
        if timeless(items[0][1]):
            openers = [o for o in openers if o not in _TIME_FRAMES] or [""]
        picked: list[str] = []
        verb = ""
        for split_openers, mf in items:
            options = phrasings(mf, avoid=verb, form=len(picked) + len(out))
            texts = [t for _, t in options]
            if picked and sum(len(p) + 1 for p in picked) + len(texts[0]) > SENTENCE_LIMIT:
                # Too long for one sentence (the linter's long-sentence rule): start another.
                out.append(end("；".join(picked)))
                picked = []
                openers = rotate(split_openers, variant + len(out))
            if picked:
                candidates = [*texts, *(c + t for c in CONNECTORS for t in texts)]
            else:
                # 连续两年未发生… carries its own time frame: 全年连续两年 is not Chinese.
                own = [o for o in openers if o not in _TIME_FRAMES] or [""]
                candidates = [o + t for t in texts for o in (own if t.startswith("连续") else openers)]
            head = not picked
            choice = prose.note(prose.pick(candidates, head=head), head=head)
            picked.append(choice)
            verb = next((v for v, t in options if choice.endswith(t)), "")
        out.append(end("；".join(picked)))
    return out
