"""The numbered sections: 存在问题 (problem → cause → measure), 经验体会, 下一年度工作计划."""

from __future__ import annotations

from zongjie.facts.derive import fmt_quantity
from zongjie.plan.task import PlanFact, ProblemFact, SectionTask
from zongjie.writer.offline import kinds
from zongjie.writer.offline.phrases import Prose, clean, end, rotate

PROBLEM_INTROS = ("回顾全年工作，仍存在以下问题和不足：", "对照年度目标，工作中还存在以下不足：")
LESSON_INTROS = ("总结全年工作，主要有以下体会：", "结合全年工作实践，形成以下体会：")
# A measure that already says when or how it will be done reads wrong after 下一步将.
_FORWARD = ("将", "拟", "下一步", "计划", "争取", "力争", "明年", "年内")
# Deadline words after which 前 reads naturally: 6月底前, 9月30日前, 年底前.
_BEFORE_OK = ("底", "末", "日", "月", "年", "旬", "号")


def _problem(item: ProblemFact, number: int, prose: Prose) -> str:
    """Only what the facts say: a missing cause or measure is left out (the linter reports it), never made up."""
    p = item.problem
    parts = [prose.note(end(clean(p.problem)))]
    if p.cause and clean(p.cause):
        parts.append(prose.note(end(f"究其原因，{clean(p.cause)}")))
    if p.measure and clean(p.measure):
        measure = clean(p.measure)
        parts.append(
            prose.note(end(f"下一步，{measure}" if measure.startswith(_FORWARD) else f"下一步将{measure}"))
        )
    return f"{number}. " + "".join(parts)


def problems(task: SectionTask, variant: int) -> str:
    prose = Prose()
    intro = prose.note(rotate(PROBLEM_INTROS, variant)[0])
    return "\n\n".join([intro, *(_problem(p, i, prose) for i, p in enumerate(task.problems, 1))])


def lessons(task: SectionTask, variant: int) -> str:
    prose = Prose()
    intro = prose.note(rotate(LESSON_INTROS, variant)[0])
    texts = [clean(t.text) for t in task.lessons]
    items = [f"{i}. {prose.note(end(t))}" for i, t in enumerate((t for t in texts if t), 1)]
    return "\n\n".join([intro, *items])


def deadline_phrase(text: str) -> str:
    """The deadline exactly as the facts give it, inside a 于…前完成 frame when that reads naturally."""
    if text.endswith("前"):
        return f"于{text}完成"
    if text.endswith(_BEFORE_OK):
        return f"于{text}前完成"
    return f"完成时限：{text}"


def _target_sentence(item: PlanFact, goal: str) -> str:
    """ "目标：…" as its own sentence, like "主要措施：": glued to the goal it read "…改造，完成改造病区目标值为6个"."""
    target = item.plan.target
    if target is None:
        return ""
    value = fmt_quantity(target.value, target.unit)
    if value in goal:
        return ""  # the goal already states the figure ("设备完好率提升至99.5%")
    return end(f"目标：{kinds.target_clause(clean(target.name), value)}")


def _plan(item: PlanFact, number: int, prose: Prose) -> str:
    pl = item.plan
    goal = clean(pl.goal)
    parts = [prose.note(end(goal))]
    if target := _target_sentence(item, goal):
        parts.append(prose.note(target))
    actions = [clean(a) for a in pl.actions if clean(a)]
    if actions:
        parts.append(prose.note(end("主要措施：" + "；".join(actions))))
    when = item.deadline_text and clean(item.deadline_text)
    owner = pl.owner and pl.owner.strip()
    closing = [x for x in (deadline_phrase(when) if when else "", f"责任人：{owner}" if owner else "") if x]
    if closing:
        parts.append(prose.note(end("，".join(closing))))
    return f"{number}. " + "".join(parts)


def plans(task: SectionTask, variant: int) -> str:
    prose = Prose()
    after = str(task.report.year + 1)
    intro = prose.note(f"{after}年，{task.report.department}将重点做好以下工作：")
    return "\n\n".join([intro, *(_plan(p, i, prose) for i, p in enumerate(task.plans, 1))])
