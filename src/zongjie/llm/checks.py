"""Checks on a validated section object, beyond its schema. Each returns problems phrased for the model
(they go back in a repair turn). The linter's error findings on the rendered body are added too, so every
rule the linter gains is fed back automatically."""

from __future__ import annotations

import re

from pydantic import BaseModel

from zongjie.facts.derive import dec, fmt, fmt_quantity
from zongjie.lint.api import lint_section
from zongjie.lint.factset import FactSet, claims, close, states
from zongjie.lint.finding import Finding
from zongjie.lint.numbers import Quantity
from zongjie.lint.rules.fidelity import bigrams
from zongjie.llm.sections import SPECS, Highlights, PlanItem, Plans, Problems, fact_ids, texts
from zongjie.plan.task import PlanFact, SectionTask

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_ID = re.compile(r"^\[(\S+)\]\s")
_HEADING = re.compile(r"(?:^|\n)\s*(?:#{1,6}\s|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
# Kinds whose every metric must be stated (a review that drops its figures is 空泛无物).
_STATE_ALL = frozenset({"preface", "function", "team", "highlights"})


# A written cause or measure keeps the facts' substance when it shares this share of their character pairs.
KEEP_SHARE = 0.6


def fact_id_set(task: SectionTask) -> set[str]:
    return {m.group(1) for line in task.fact_lines() if (m := _ID.match(line))}


def check_section(task: SectionTask, value: BaseModel) -> list[str]:
    """Problems that make the model re-ask: our checks and the linter's errors. The linter's warnings never
    cause a re-ask on their own, but ride along when a repair turn happens anyway."""
    problems = own_checks(task, value)
    findings = lint_section(task, SPECS[task.kind].render(value))
    # Our own number check already named these; the linter's finding would only repeat it.
    unbacked = {q.raw for q in _unbacked(task, "\n".join(texts(value)))}
    findings = [f for f in findings if not (f.rule == "number-mismatch" and f.excerpt in unbacked)]
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
    prose = texts(value)
    joined = "\n".join(prose)
    problems: list[str] = []
    year = task.report.year
    bad_years = {y for y in _YEAR.findall(joined) if int(y) not in (year, year + 1)}
    for y in sorted(bad_years):
        problems.append(
            f"年份错误：出现了“{y}年”，本总结是{year}年度的（计划为{year + 1}年），不要写其他年份"
        )
    for q in _unbacked(task, joined):
        said = f"“{fmt(q.value)}”" + (f"（“{q.raw}”）" if q.raw != fmt(q.value) else "")
        problems.append(f"数字{said}不在本节事实中：只能照抄事实里的数字，删去它或改用事实中的数字")
    if _HEADING.search(joined):
        problems.append("不要写标题、分节或“一、（一）”式序号：只输出本节的正文段落")
    seen: set[str] = set()
    for text in prose:
        if len(text) > 20 and text in seen:
            problems.append(f"段落重复：「{text[:30]}…」只写一次")
        seen.add(text)
    known = fact_id_set(task)
    unknown = [i for i in fact_ids(value) if i not in known]
    if unknown:
        problems.append(f"事实编号不存在：{'、'.join(unknown)}；只能引用资料中方括号里的编号")
    if task.kind in _STATE_ALL:
        stated = [q for q in claims(joined) if not q.hedge]
        for mf in task.all_metrics():
            m = mf.metric
            if not any(close(q, dec(m.value), m.unit) for q in stated):
                problems.append(
                    f"遗漏了指标“{m.name}{fmt_quantity(m.value, m.unit)}”：资料中的每个指标都要写到"
                )
    if isinstance(value, Problems):
        problems += _cover(task, [i.fact_id for i in value.items], {p.id for p in task.problems}, "问题")
        problems += _problem_checks(task, value)
    if isinstance(value, Highlights):
        problems += _cover(task, [i.fact_id for i in value.items], {h.id for h in task.highlights}, "亮点")
    if isinstance(value, Plans):
        problems += _cover(task, [i.fact_id for i in value.items], {p.id for p in task.plans}, "计划")
        problems += _plan_checks(task, value)
    return problems


def _unbacked(task: SectionTask, text: str) -> list[Quantity]:
    """The claims in `text` (exact or approximate quantities; not dates, years or ordinals) the section's
    facts do not back, read by the linter's number reader so 五百余户 counts and 2026年10月1日 does not."""
    facts = FactSet.from_task(task)
    return [q for q in claims(text) if not facts.allows(q)]


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
    return out


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
    out = []
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
