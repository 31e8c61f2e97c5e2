"""What the facts allow a draft to say: every quantity (stated or derived), the metrics' trends, the plans."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from zongjie.facts.derive import dec, fmt_date
from zongjie.facts.model import Facts
from zongjie.plan.task import CommitmentFact, MetricFact, PlanFact, ProblemFact, SectionTask
from zongjie.text.numbers import CLAIM_KINDS, Quantity, extract
from zongjie.text.units import normalize, split_unit

# Set phrases whose numbers are not claims about the year's work (24小时值守).
CONVENTIONAL = frozenset({(Decimal(24), "小时"), (Decimal(365), "天"), (Decimal(7), "天")})


@dataclass(frozen=True)
class Allowed:
    value: Decimal  # as written in the facts, in `unit`
    unit: str
    source: str  # facts path, e.g. functions[0].metrics[1].previous
    text: bool = False  # read from a free-text fact (a problem, a note), not a metric's figure
    where: str = ""  # that free text


def metric_figures(mf: MetricFact) -> list[Allowed]:
    """One metric's own figures: value, previous, target and every figure derived from them."""
    m = mf.metric
    out = [
        Allowed(dec(v), m.unit, f"{mf.id}.{label}")
        for label, v in (("value", m.value), ("previous", m.previous), ("target", m.target))
        if v is not None
    ]
    out += [Allowed(dec(d.value), d.unit, f"{mf.id}.{d.kind}") for d in mf.derived]
    return out


def _text_quantities(text: str, source: str) -> list[Allowed]:
    return [
        Allowed(q.value, q.unit, source, True, text) for q in extract(text) if q.kind not in ("index", "time")
    ]


def task_texts(task: SectionTask) -> list[tuple[str, str]]:
    """(source id, text) for every free-text field a section task carries."""
    out = [(t.id, t.text) for t in (*task.notes, *task.work, *task.lessons)]
    out += [(f"{task.id}.heading", task.heading)]
    for c in task.cases:
        out += [(c.id, c.line())]
        if c.case.date:
            out.append((c.id, fmt_date(c.case.date)))
    for h in task.highlights:
        out += [(h.id, h.highlight.title), (h.id, h.highlight.detail or "")]
        out += [(m.id, m.metric.name) for m in h.metrics]
    out += [(mf.id, f"{mf.metric.name} {mf.metric.note or ''}") for mf in task.metrics]
    for p in task.problems:
        pr = p.problem
        out += [(p.id, x) for x in (pr.problem, pr.cause or "", pr.measure or "")]
    for pl in task.plans:
        out += [(pl.id, pl.plan.goal), (pl.id, pl.deadline_text or ""), (pl.id, pl.plan.owner or "")]
        out += [(pl.id, a) for a in pl.plan.actions]
        if pl.plan.target:
            out.append((pl.id, pl.plan.target.name))
    out += [(c.id, c.outcome.goal) for c in task.commitments]
    return [(s, t) for s, t in out if t]


def task_quantities(task: SectionTask) -> list[Allowed]:
    """Every quantity one section may state: metrics (value, previous, target, derived), numbers in texts."""
    out: list[Allowed] = []
    for mf in task.all_metrics():
        out += metric_figures(mf)
    for pl in task.plans:
        if pl.plan.target:
            out.append(Allowed(dec(pl.plan.target.value), pl.plan.target.unit, f"{pl.id}.target"))
    for c in task.commitments:  # a carried plan's target and the gap code computed against it
        o = c.outcome
        out += [
            Allowed(dec(v), u, f"{c.id}.{k}")
            for k, v, u in (("target", o.target, o.unit), ("gap", o.gap, o.gap_unit))
            if v is not None
        ]
    for source, text in task_texts(task):
        out += _text_quantities(text, source)
    out.append(Allowed(Decimal(task.report.year), "年", "report.year"))
    return out


@dataclass
class FactSet:
    """The facts a lint run checks against: one section's (lint_section) or the whole file's."""

    year: int
    allowed: list[Allowed]
    metrics: list[MetricFact] = field(default_factory=list)
    plans: list[PlanFact] = field(default_factory=list)
    commitments: list[CommitmentFact] = field(default_factory=list)  # last year's plans, checked here
    problems: list[ProblemFact] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    sections: dict[str, list[MetricFact]] = field(default_factory=dict)  # section id → metrics it states
    present: set[str] = field(default_factory=set)  # skeleton kinds the facts give content for
    function_names: dict[str, str] = field(default_factory=dict)  # heading → review-<key>
    department: str = ""  # how the summary names itself (the department-name rule)
    organization: str = ""

    def __post_init__(self) -> None:
        self._verdicts: dict[tuple[Decimal, str, str], bool] = {}
        self._exact: set[tuple[Decimal, str]] = set()
        self._by_unit: dict[str, list[Allowed]] = defaultdict(list)
        by_value: dict[str, list[tuple[Decimal, int, Allowed]]] = defaultdict(list)
        for i, a in enumerate(self.allowed):
            base, unit = normalize(a.value, a.unit)
            self._exact.add((base, unit))
            self._by_unit[unit].append(a)
            by_value[unit].append((base, i, a))
        # Per unit, the figures sorted by value in base units: a quantity is compared only with the figures
        # near it (_window), so a long draft against many metrics stays linear.
        self._sorted = {u: sorted(xs, key=lambda x: (x[0], x[1])) for u, xs in by_value.items()}
        self._keys = {u: [x[0] for x in xs] for u, xs in self._sorted.items()}

    @classmethod
    def from_task(cls, task: SectionTask) -> FactSet:
        return cls(
            year=task.report.year,
            allowed=task_quantities(task),
            metrics=task.all_metrics(),
            plans=list(task.plans),
            commitments=list(task.commitments),
            problems=list(task.problems),
            texts=[t for _, t in task_texts(task)],
            sections={task.id: task.all_metrics()},
            department=task.report.department,
            organization=task.report.organization,
        )

    @classmethod
    def from_facts(cls, facts: Facts) -> FactSet:
        from zongjie.plan.build import build_plan

        tasks = build_plan(facts)
        kinds = {"function": "review"}
        return cls(
            year=facts.report.year,
            allowed=[a for t in tasks for a in task_quantities(t)],
            metrics=[m for t in tasks for m in t.all_metrics()],
            plans=[p for t in tasks for p in t.plans],
            commitments=[c for t in tasks for c in t.commitments],
            problems=[p for t in tasks for p in t.problems],
            texts=[x for t in tasks for _, x in task_texts(t)],
            sections={t.id: t.all_metrics() for t in tasks if t.all_metrics()},
            present={kinds.get(t.kind, t.kind) for t in tasks},
            function_names={t.heading: t.id for t in tasks if t.kind == "function"},
            department=facts.report.department,
            organization=facts.report.organization,
        )

    def allows(self, q: Quantity) -> bool:
        """True when `q` equals an allowed quantity, or rounds one the facts state more precisely."""
        key = (q.value, q.unit, q.hedge)
        if key not in self._verdicts:
            self._verdicts[key] = self._allows(q)
        return self._verdicts[key]

    def _allows(self, q: Quantity) -> bool:
        base, unit = q.base()
        if (base, unit) in self._exact or (base, unit) in CONVENTIONAL:
            return True
        # Every way a figure can state a fact stays within this distance of it: rounding within one step of
        # its last digit, 余/约/近/成 within 60% or 6 points.
        margin = max(abs(base) * _WINDOW, _step(q), _POINTS) if q.hedge else _step(q)
        units = [unit, ""] if unit else list(self._sorted)
        return any(states(q, a.value, a.unit) for u in units for a in self._window(u, base, margin))

    def _window(self, unit: str, base: Decimal, margin: Decimal) -> list[Allowed]:
        keys = self._keys.get(unit)
        if not keys:
            return []
        lo, hi = bisect.bisect_left(keys, base - margin), bisect.bisect_right(keys, base + margin)
        return [x[2] for x in self._sorted[unit][lo:hi]]

    def in_texts(self, q: Quantity, about: str = "") -> bool:
        """True when a free-text fact states `q` (全年相关维修工单2860件 in a problem) — one that mentions
        `about` too when given (a metric's name: 100% in a plan's goal is no 同比 of 光伏发电量)."""
        unit = q.base()[1]
        return any(
            states(q, a.value, a.unit) for a in self._by_unit.get(unit, []) if a.text and about in a.where
        )


def states(q: Quantity, value: Decimal, unit: str) -> bool:
    """`q` states the fact (value, unit): exactly, rounded (close) or, for a hedged figure, within the
    hedge's tolerance (hedged)."""
    return close(q, value, unit) or (bool(q.hedge) and hedged(q, value, unit))


_ONE_POINT = Decimal(1)
_WINDOW = Decimal("0.6")  # 余 reaches 1.5×, 约 and 近 10%: 60% of the figure is a safe superset
_POINTS = Decimal(6)  # 成 is within 5 points
_HALF = Decimal("1.5")


def hedged(q: Quantity, value: Decimal, unit: str) -> bool:
    """An approximate figure (3000余次, 约12万元, 近三成) against a fact; the tolerances are in numbers.py's
    module doc. Units must agree unless one side has none."""
    base, q_unit = q.base()
    fact, fact_unit = normalize(value, unit)
    if q_unit and fact_unit and q_unit != fact_unit:
        return False
    ratio = q_unit in ("%", "个百分点") or fact_unit in ("%", "个百分点")
    if q.hedge == "余":
        step = _step(q)
        return base <= fact < base + step or (not ratio and base <= fact < base * _HALF)
    if q.hedge == "约":
        # "约N" is the fact rounded to N's own last digit (1248 → 约1250 or 约1200, not 约1300), and
        # never more than 10% off (约1000 for 1248 is not a rounding anyone would sign).
        step = _step(q)
        rounded = (fact / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
        return rounded == base and abs(fact - base) <= (_ONE_POINT if ratio else base / 10)
    if q.hedge == "近":
        return base - (2 * _ONE_POINT if ratio else base / 10) <= fact <= base
    if q.hedge == "成":
        return abs(fact - base) <= 5
    return False


def _step(q: Quantity) -> Decimal:
    """The place of the last significant digit of q, in base units (约12万元 → 10000, 约350 → 10)."""
    exp = q.value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(exp if isinstance(exp, int) else 0) * split_unit(q.unit)[0]


def close(q: Quantity, value: Decimal, unit: str) -> bool:
    """`q` states (value, unit) exactly, or rounds it from the facts' own precision (98.46 → 98.5);
    drift (87 → 85) is not rounding. Units must agree unless one side has none."""
    base, q_unit = q.base()
    fact_base, fact_unit = normalize(value, unit)
    if q_unit and fact_unit and q_unit != fact_unit:
        return False
    if fact_base == base:
        return True
    in_q = fact_base / split_unit(q.unit)[0]
    exp = in_q.normalize().as_tuple().exponent
    fact_decimals = -exp if isinstance(exp, int) and exp < 0 else 0
    # An integer stated for a decimal fact (95 for 95.2) is too loose to trace unless scaled (约12万元).
    if fact_decimals <= q.decimals or (q.decimals == 0 and split_unit(q.unit)[0] == 1):
        return False
    return in_q.quantize(Decimal(1).scaleb(-q.decimals), rounding=ROUND_HALF_UP) == q.value


def claims(text: str) -> list[Quantity]:
    """The numbers in `text` a fact must back: exact and approximate quantities, not dates or ordinals."""
    return [q for q in extract(text) if q.kind in CLAIM_KINDS]
