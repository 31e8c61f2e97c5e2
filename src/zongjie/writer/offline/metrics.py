"""Metric clauses: value, 上年 value and every derived text (verbatim), woven into 公文 sentences."""

from __future__ import annotations

from collections.abc import Sequence

from zongjie.facts.derive import Direction, fmt_quantity
from zongjie.facts.model import COUNT_UNITS
from zongjie.plan.task import MetricFact
from zongjie.writer.offline.phrases import CONNECTORS, Prose, clean, end, rotate

TIME_UNITS = frozenset({"秒", "分钟", "小时", "天", "日", "周", "个月", "月"})
# Names that already begin with a verb ("节约维修成本", "取得特种作业证书") take no verb of their own.
VERB_PREFIXES = (
    "节约", "节省", "取得", "完成", "开展", "组织", "采购", "处理", "受理", "更换", "新增", "回收", "接待",
    "办理", "举办", "实施", "发放", "签订", "累计", "发生", "减少", "降低", "提供", "维修", "改造",
)  # fmt: skip
_ACTIVITY_VERBS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("演练",), ("组织", "开展")),
    (("培训", "讲座", "活动", "宣传", "会议", "评比", "竞赛"), ("开展", "组织", "举办")),
    (("排查", "检查", "消杀", "巡查", "检测", "督查"), ("开展", "完成")),
]
_DEFAULT_VERBS = ("完成", "实施", "开展")
_INCIDENTS = ("故障", "事故")

# Sentence openers. The first sentence of a paragraph sets the time frame; later ones name the aspect.
FIRST = ("全年", "本年度")
RATE = ("服务质量方面，", "从质量指标看，", "质量指标方面，")
VOLUME = ("工作量方面，", "从工作量看，")
REST = ("同时，", "与此同时，", "此外，")
MAX_CLAUSES = 4
MERGE_UP_TO = 3


def trend(mf: MetricFact) -> Direction | None:
    """Direction against 上年 (None when there is no previous value)."""
    for d in mf.derived:
        if d.kind in ("pp", "change"):
            return d.direction
    return None


def _activity_verbs(name: str) -> tuple[str, ...]:
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


def clauses(mf: MetricFact, index: int = 0) -> list[str]:
    """Phrasings of one metric, preferred first. Each states the value, 上年 and every derived text."""
    m = mf.metric
    q = fmt_quantity(m.value, m.unit)
    tail = _tail(mf)
    direction = trend(mf)
    lower = m.better == "lower"
    if m.is_percent:
        if lower:
            verb = "控制在" if direction in (None, "down") else "为"
        elif direction == "up":
            verb = ("达到", "升至")[index % 2]
        else:
            verb = "达到" if direction is None else "为"
        if verb == "达到" and any(d.text.startswith("达到") for d in mf.derived):
            verb = "为"  # "达到年度目标" follows; avoid 达到…达到
        return [f"{m.name}{verb}{q}{tail}"]
    if lower and direction == "down" and m.value != 0:
        verb = "缩短至" if m.unit in TIME_UNITS else "降至"
        return [f"{m.name}{verb}{q}{tail}"]
    bare = f"{m.name}{q}{tail}"
    if m.name.startswith(VERB_PREFIXES):
        return [bare]
    if any(k in m.name for k in _INCIDENTS):
        return [f"发生{bare}", bare] if m.value != 0 else [bare]
    if not lower and m.unit in COUNT_UNITS:
        return [f"{v}{bare}" for v in rotate(_activity_verbs(m.name), index)] + [bare]
    return [bare]


def _group(mf: MetricFact) -> str:
    m = mf.metric
    if m.better == "lower":
        return "rest"
    if m.is_percent:
        return "rate"
    return "volume" if m.unit in COUNT_UNITS else "rest"


_GROUP_OPENERS = {"volume": VOLUME, "rate": RATE, "rest": REST}


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
    plan: list[tuple[str, list[MetricFact]]] = []
    for key, items in groups.items():
        for i in range(0, len(items), MAX_CLAUSES):
            chunk = items[i : i + MAX_CLAUSES]
            if plan and len(plan[-1][1]) + len(chunk) <= MERGE_UP_TO:
                plan[-1][1].extend(chunk)
            else:
                plan.append((key, list(chunk)))
    out = []
    for n, (key, items) in enumerate(plan):
        openers = rotate(first if n == 0 else _GROUP_OPENERS[key], variant)
        options: list[list[str]] = []
        for i, mf in enumerate(items):
            phrasings = clauses(mf, variant + i)
            if i == 0:
                options.append([o + p for o in openers for p in phrasings])
            else:
                options.append([*phrasings, *(c + p for c in CONNECTORS for p in phrasings)])
        out.append(end("；".join(prose.clauses(options))))
    return out
