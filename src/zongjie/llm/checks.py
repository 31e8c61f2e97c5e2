"""Checks on a validated section object that belong to the output schemas (headings in prose, repeated
paragraphs, one item per fact, a problem's cause and measure, a plan's owner, deadline and target), plus
the linter's error findings on the rendered body in strict mode (numbers not in the facts, wrong years,
trend and target claims, every metric stated), so every rule the linter gains is fed back automatically.
Each problem is phrased for the model: it goes back in a repair turn."""

from __future__ import annotations

import re

from pydantic import BaseModel

from zongjie.facts.derive import fmt, fmt_quantity
from zongjie.finding import Finding
from zongjie.lint.api import lint_section
from zongjie.lint.factset import claims, states
from zongjie.lint.rules.fidelity import bigrams
from zongjie.llm.sections import SPECS, Highlights, PlanItem, Plans, Problems, texts
from zongjie.plan.task import PlanFact, SectionTask
from zongjie.text.markdown import opens_section

# Prose sections: a sentence with an error can be dropped and a missing figure filled (llm/splice.py).
PROSE = frozenset({"preface", "function", "team", "lessons", "closing"})
# The linter's finding that a metric is missing: for prose it is filled in rather than re-asked.
MISSING = "fact-dropped"


# A written cause or measure keeps the facts' substance when it shares this share of their character pairs,
# and adds none when this share of its own pairs comes from the facts and no stretch of ADDED_RUN characters
# or more is new ("加之维保单位响应不及时" added to a cause is 9 new characters).
KEEP_SHARE = 0.6
FROM_SHARE = 0.6
ADDED_RUN = 4
# Connectives and function words a rewording may add without adding substance.
_FILLER = re.compile(
    r"究其原因|主要原因是|主要原因|原因是|主要是|主要|由于|因为|下一步将|下一步|同时|以及|并且|进一步|逐步|尽快|"
    r"积极|认真|切实|将|拟|并|且|及|和|与|的|了|地|对|在|是|为|等|把|由|因|所|其"
)


def check_section(task: SectionTask, value: BaseModel, *, fill_missing: bool = False) -> list[str]:
    """Problems that make the model re-ask: our checks and the linter's errors (strict mode). The linter's
    warnings never cause a re-ask on their own, but ride along when a repair turn happens anyway.
    `fill_missing`: a prose section's missing metrics are no problem (the writer fills them in)."""
    problems = own_checks(task, value)
    findings = lint_section(task, SPECS[task.kind].render(value), strict=True)
    if fill_missing and task.kind in PROSE:
        findings = [f for f in findings if f.rule != MISSING]
    # A gap of the facts file (no cause, no owner given) is the user's to fill: asking the model would invite
    # invention, so those findings stay in the report but never come back as repair requests.
    problems += [_phrase(f) for f in findings if f.is_error and not f.facts_gap]
    if problems:
        problems += [_phrase(f) for f in findings if f.severity == "warning"]
    return list(dict.fromkeys(problems))


def _phrase(f: Finding) -> str:
    where = f"「{f.excerpt}」" if f.excerpt else ""
    fix = f"（{f.suggestion}）" if f.suggestion else ""
    return f"{f.message}{where}{fix}"


def own_checks(task: SectionTask, value: BaseModel) -> list[str]:
    """The checks of the output's shape, which the linter cannot see in the rendered Markdown. Fact ids the
    model cites in prose are not checked: which facts a text uses is read from its numbers by the linter."""
    prose = texts(value)
    joined = "\n".join(prose)
    problems: list[str] = []
    if any(opens_section(line) for line in joined.split("\n")):
        problems.append("不要写标题、分节或“一、（一）”式序号：只输出本节的正文段落")
    seen: set[str] = set()
    for text in prose:
        if len(text) > 20 and text in seen:
            problems.append(f"段落重复：「{text[:30]}…」只写一次")
        seen.add(text)
    if isinstance(value, Problems):
        problems += _cover(task, [i.fact_id for i in value.items], {p.id for p in task.problems}, "问题")
        problems += _problem_checks(task, value)
    if isinstance(value, Highlights):
        problems += _cover(task, [i.fact_id for i in value.items], {h.id for h in task.highlights}, "亮点")
    if isinstance(value, Plans):
        problems += _cover(task, [i.fact_id for i in value.items], {p.id for p in task.plans}, "计划")
        problems += _plan_checks(task, value)
    return problems


def _cover(task: SectionTask, used: list[str], expected: set[str], what: str) -> list[str]:
    out = []
    missing = sorted(expected - set(used))
    if missing:
        out.append(f"缺少{what}：{'、'.join(missing)}；资料中的每一项都要写，各写一项")
    dupes = sorted({i for i in used if used.count(i) > 1})
    if dupes:
        out.append(f"{what}重复：{'、'.join(dupes)} 只写一项")
    return out


def _problem_checks(task: SectionTask, value: Problems) -> list[str]:
    """A cause or measure the facts do not give must stay empty; one they give must be written."""
    facts = {p.id: p.problem for p in task.problems}
    out = []
    for item in value.items:
        fact = facts.get(item.fact_id)
        if fact is None:
            continue
        for field, label in (("cause", "原因"), ("measure", "措施")):
            given, written = getattr(fact, field), getattr(item, field)
            if given is None and written:
                out.append(f"问题 {item.fact_id} 资料没有提供{label}，{field} 必须为空字符串，不要推测")
            if given is not None and not written:
                out.append(f"问题 {item.fact_id} 的{label}遗漏了：资料给出的是“{given}”")
            elif given is not None and not _keeps(given, fact.problem, written):
                out.append(
                    f"问题 {item.fact_id} 的{label}改变了资料的意思：资料给出的是“{given}”，"
                    f"照此写（可调整语序），不要换成别的{label}或加入资料没有的数字"
                )
            elif given is not None:
                source = "\n".join(x for x in (fact.problem, fact.cause, fact.measure) if x)
                extra = added(source, written)
                if extra is not None:
                    out.append(
                        f"问题 {item.fact_id} 的{label}加入了资料没有的内容“{extra}”：资料给出的是“{given}”，"
                        f"只写这些（可调整语序），不要补充别的{label}"
                    )
    return out


def added(source: str, written: str) -> str | None:
    """What `written` adds to `source`, as the clause that holds it: a new stretch of ADDED_RUN characters or
    more, or the whole text when less than FROM_SHARE of its character pairs come from the source; None when
    it adds nothing (a rewording, a connective such as 主要原因是/下一步将)."""
    known = bigrams(source)
    # Separators (punctuation, connectives) blank out to "|" in place, so positions match `written`.
    text = _FILLER.sub(lambda m: "|" * len(m.group()), written)
    text = re.sub(r"[^\u4e00-\u9fff\w]", "|", text)
    covered = [c == "|" for c in text]
    pairs = hits = 0
    for i in range(len(text) - 1):
        if "|" in text[i : i + 2]:
            continue
        pairs += 1
        if text[i : i + 2] in known:
            hits += 1
            covered[i] = covered[i + 1] = True
    new = "".join("|" if c else t for c, t in zip(covered, text, strict=True))
    longest = max(re.finditer(r"[^|]+", new), key=lambda m: len(m.group()), default=None)
    if longest is not None and len(longest.group()) >= ADDED_RUN:
        return _clause_at(written, longest.start())
    if pairs and hits / pairs < FROM_SHARE:
        return written.strip()
    return None


def _clause_at(text: str, at: int) -> str:
    lo = max((text.rfind(c, 0, at) for c in "，,；;、。"), default=-1) + 1
    hi = min((i for i in (text.find(c, at) for c in "，,；;、。") if i >= 0), default=len(text))
    return text[lo:hi].strip()


def _keeps(given: str, problem: str, written: str) -> bool:
    """The written cause/measure keeps the facts' substance: most of its character pairs, and no number the
    facts (this field or the problem itself) do not give."""
    want = bigrams(given)
    if want and len(want & bigrams(written)) / len(want) < KEEP_SHARE:
        return False
    backed = claims(f"{given}\n{problem}")
    return all(any(states(q, a.value, a.unit) for a in backed) for q in claims(written))


def _plan_checks(task: SectionTask, value: Plans) -> list[str]:
    facts = {p.id: p for p in task.plans}
    out = []
    for item in value.items:
        pf = facts.get(item.fact_id)
        if pf is None:
            continue
        out += _plan_item(item, pf)
    return out


def _plan_item(item: PlanItem, pf: PlanFact) -> list[str]:
    owner, deadline = pf.plan.owner or "", pf.deadline_text or ""
    out = _plan_measures(item, pf)
    if item.owner != owner:
        want = f"“{owner}”" if owner else "空字符串（资料未提供）"
        out.append(f"计划 {item.fact_id} 的 owner 写成了“{item.owner}”，必须一字不改地写 {want}")
    if item.deadline != deadline:
        want = f"“{deadline}”" if deadline else "空字符串（资料未提供）"
        out.append(f"计划 {item.fact_id} 的 deadline 写成了“{item.deadline}”，必须一字不改地写 {want}")
    target = pf.plan.target
    if target is not None and fmt(target.value) not in item.target:
        out.append(
            f"计划 {item.fact_id} 的 target 应为“{target.name}{fmt_quantity(target.value, target.unit)}”"
        )
    if target is None and item.target:
        out.append(f"计划 {item.fact_id} 资料没有目标值，target 应为空字符串")
    for text in (owner, deadline):
        if text and text in item.goal:
            out.append(
                f"计划 {item.fact_id} 的 goal 里不要写时限和责任人（“{text}”放在 deadline/owner 字段）"
            )
    return out


def _plan_measures(item: PlanItem, pf: PlanFact) -> list[str]:
    """Measures come from the plan's actions (reworded at most); with no actions they restate the goal."""
    plan = pf.plan
    source = "\n".join([plan.goal, plan.target.name if plan.target else "", *plan.actions])
    out = []
    for m in item.measures:
        extra = added(source, m)
        if extra is None:
            continue
        if plan.actions:
            want = "；".join(plan.actions)
            out.append(
                f"计划 {item.fact_id} 的措施“{m}”资料里没有（“{extra}”）：measures 只写资料给出的措施：{want}"
            )
        else:
            out.append(
                f"计划 {item.fact_id} 资料没有给出措施，措施“{m}”是新加的：measures 只写一条，复述目标“{plan.goal}”"
            )
    return out
