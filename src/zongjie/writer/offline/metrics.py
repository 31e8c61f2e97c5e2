"""Metric clauses: value, 上年 value and every derived text (verbatim), woven into 公文 sentences."""

from __future__ import annotations

from collections.abc import Sequence

from zongjie.facts.derive import Direction, fmt_quantity
from zongjie.plan.task import MetricFact
from zongjie.units import COUNT_UNITS
from zongjie.writer.offline.phrases import CONNECTORS, Prose, clean, end, rotate

# Units that count things done (完成巡检1248次); durations, people or items take no verb (运行时长177小时).
ACTIVITY_UNITS = frozenset({"次", "项", "场", "批", "轮", "期", "趟"})
TIME_UNITS = frozenset({"秒", "分钟", "小时", "天", "日", "周", "个月", "月"})
# Names that already begin with a verb ("节约维修成本", "取得特种作业证书") take no verb of their own.
VERB_PREFIXES = (
    "节约", "节省", "取得", "完成", "开展", "组织", "采购", "处理", "受理", "更换", "新增", "回收", "接待",
    "办理", "举办", "实施", "发放", "签订", "累计", "发生", "减少", "降低", "提供", "维修", "改造",
)  # fmt: skip
_ACTIVITY_VERBS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("演练",), ("组织", "开展")),
    (("培训", "讲座", "活动", "宣传", "评比", "竞赛"), ("开展", "组织", "举办")),
    (("排查", "检查", "消杀", "巡查", "检测", "督查"), ("开展", "完成")),
]
_DEFAULT_VERBS = ("完成", "实施", "开展")
_SERVICES = ("保障", "支持", "服务", "配送")
_INCIDENTS = ("故障", "事故")

# Sentence openers. The first sentence of a paragraph sets the time frame; later ones name the aspect.
FIRST = ("全年", "本年度")
RATE = ("服务质量方面，", "从质量指标看，", "质量指标方面，")
VOLUME = ("工作量方面，", "从工作量看，")
REST = ("同时，", "与此同时，", "此外，")
MAX_CLAUSES = 4
SENTENCE_LIMIT = 100  # characters; the linter warns above 120
MERGE_UP_TO = 3


def trend(mf: MetricFact) -> Direction | None:
    """Direction against 上年 (None when there is no previous value)."""
    for d in mf.derived:
        if d.kind in ("pp", "change"):
            return d.direction
    return None


def _activity_verbs(name: str) -> tuple[str, ...]:
    if name.endswith(_SERVICES):
        return ("提供", "完成")  # 提供考试保障16场
    for keys, verbs in _ACTIVITY_VERBS:
        if any(k in name for k in keys):
            return verbs
    return _DEFAULT_VERBS


def _tail(mf: MetricFact) -> str:
    m = mf.metric
    direction = trend(mf)
    prev = ""
    if m.previous is not None and direction != "flat":
        prev = f"（上年{fmt_quantity(m.previous, m.unit)}）"
    parts = [d.text for d in mf.derived]
    if m.note and clean(m.note):
        parts.append(clean(m.note))
    return prev + "".join(f"，{p}" for p in parts)


Phrasing = tuple[str, str]  # (verb, clause); the verb lets the next clause avoid repeating it


def _percent_verbs(mf: MetricFact) -> list[str]:
    direction = trend(mf)
    if mf.metric.better == "lower":
        return ["控制在"] if direction in (None, "down") else ["为"]
    verbs = ["达到", "升至"] if direction == "up" else ["达到", "为"] if direction is None else ["为"]
    if any(d.text.startswith("达到") for d in mf.derived):
        verbs = [v for v in verbs if v != "达到"] or ["为"]  # "达到年度目标" follows; avoid 达到…达到
    return verbs


def phrasings(mf: MetricFact, avoid: str = "") -> list[Phrasing]:
    """Phrasings of one metric, most natural first; each states the value, 上年 and every derived text.

    A phrasing whose verb is `avoid` (the verb of the clause before) goes last.
    """
    m = mf.metric
    q = fmt_quantity(m.value, m.unit)
    tail = _tail(mf)
    bare = f"{m.name}{q}{tail}"
    out: list[Phrasing]
    if m.is_percent:
        out = [(v, f"{m.name}{v}{q}{tail}") for v in _percent_verbs(mf)]
    elif m.better == "lower" and trend(mf) == "down" and m.value != 0:
        verb = "缩短至" if m.unit in TIME_UNITS else "降至"
        out = [(verb, f"{m.name}{verb}{q}{tail}")]
    elif m.name.startswith(VERB_PREFIXES):
        out = [("", bare)]
    elif any(k in m.name for k in _INCIDENTS):
        out = [("发生", f"发生{bare}"), ("", bare)] if m.value != 0 else [("", bare)]
    elif m.better != "lower" and m.unit in ACTIVITY_UNITS:
        out = [(v, f"{v}{bare}") for v in _activity_verbs(m.name)] + [("", bare)]
    else:
        out = [("", bare)]
    return [p for p in out if not avoid or p[0] != avoid] + [p for p in out if avoid and p[0] == avoid]


def clauses(mf: MetricFact) -> list[str]:
    return [text for _, text in phrasings(mf)]


def _group(mf: MetricFact) -> str:
    m = mf.metric
    if m.better == "lower":
        return "rest"
    if m.is_percent:
        return "rate"
    return "volume" if m.unit in COUNT_UNITS else "rest"


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
        picked: list[str] = []
        verb = ""
        for split_openers, mf in items:
            options = phrasings(mf, avoid=verb)
            texts = [t for _, t in options]
            if picked and sum(len(p) + 1 for p in picked) + len(texts[0]) > SENTENCE_LIMIT:
                # Too long for one sentence (the linter's long-sentence rule): start another.
                out.append(end("；".join(picked)))
                picked = []
                openers = rotate(split_openers, variant + len(out))
            if picked:
                candidates = [*texts, *(c + t for c in CONNECTORS for t in texts)]
            else:
                candidates = [o + t for o in openers for t in texts]
            head = not picked
            choice = prose.note(prose.pick(candidates, head=head), head=head)
            picked.append(choice)
            verb = next((v for v, t in options if choice.endswith(t)), "")
        out.append(end("；".join(picked)))
    return out
