"""The numbered sections: 存在问题 (problem → cause → measure), 经验体会, 下一年度工作计划."""

from __future__ import annotations

import re

from zongjie.facts.derive import fmt_quantity
from zongjie.plan.task import PlanFact, ProblemFact, SectionTask
from zongjie.text import dates
from zongjie.writer.offline import kinds
from zongjie.writer.offline.phrases import Prose, clean, end, rotate

PROBLEM_INTROS = ("回顾全年工作，仍存在以下问题和不足：", "对照年度目标，工作中还存在以下不足：")
LESSON_INTROS = ("总结全年工作，主要有以下体会：", "结合全年工作实践，形成以下体会：")
# A measure that already says it lies ahead (将/拟/计划…) reads wrong after 下一步将: 下一步，将….
_FORWARD = ("将", "拟", "计划", "争取", "力争", "准备", "打算")
# …and one that names who will do it (后勤科牵头…, 由工程部…) takes a comma: 下一步，后勤科牵头….
_SUBJECT = re.compile(
    r"^(?:由|我们|我科|本科|我部|本部门|科室|部门|后勤|物业|项目部|班组|各|相关|"
    r"[\u4e00-\u9fff]{1,6}?(?<![全局内外])(?:部|科|处|室|组|中心|队|公司|主管|经理|负责人)"
    r"(?=牵头|负责|将|拟|要|会同|联合|协调|统筹|组织|与|和|对))"
)
# A cause that says 由于/因为 needs a subject of its own: 这主要是由于…; one that says 原因是… is a sentence.
_BECAUSE = ("由于", "因为")
_CAUSE_SAID = re.compile(r"^(?:其?主要)?原因(?:主要)?(?:是|在于|为|有)")
# Deadline words after which 前 reads naturally: 6月底前, 9月30日前, 年底前.
_BEFORE_OK = ("底", "末", "日", "月", "年", "旬", "号")


def _problem(item: ProblemFact, number: int, prose: Prose) -> str:
    """Only what the facts say: a missing cause or measure is left out (the linter reports it), never made up."""
    p = item.problem
    parts = [prose.note(end(clean(p.problem)))]
    if p.cause and clean(p.cause):
        parts.append(prose.note(end(cause_sentence(clean(p.cause)))))
    if p.measure and clean(p.measure):
        parts.append(prose.note(end(measure_sentence(clean(p.measure)))))
    return f"{number}. " + "".join(parts)


def cause_sentence(cause: str) -> str:
    """The cause, verbatim, in a frame that keeps the sentence whole: 究其原因，编制偏少 / 这主要是由于….
    "究其原因，由于…" and "究其原因，原因是…" are not sentences."""
    if cause.startswith(_BECAUSE):
        return f"这主要是{cause}"
    if _CAUSE_SAID.match(cause):
        return cause
    return f"究其原因，{cause}"


def measure_sentence(measure: str) -> str:
    """The measure, verbatim, after 下一步 in the form its first words allow: a verb takes 将 (下一步将申请…),
    a time phrase 将于 (下一步将于2026年申请…), a subject or a word of intent a comma (下一步，后勤科牵头…)."""
    if measure.startswith("下一步"):
        return measure
    if when := dates.opening_time(measure):
        rest = measure[len(when) :]
        return (
            f"下一步，{measure}"
            if rest.startswith(("将", "拟", "要", "由", "，"))
            else f"下一步将于{measure}"
        )
    if measure.startswith(_FORWARD) or _SUBJECT.match(measure):
        return f"下一步，{measure}"
    return f"下一步将{measure}"


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
    if dates.span_end(text):  # a month or a year alone: 2026年12月 → 于2026年12月底前完成
        return f"于{text}底前完成"
    if text.endswith(("上半年", "下半年")):
        return f"于{text}完成"  # 于2026年上半年前完成 would mean before it starts
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
    owner = pl.owner and clean(pl.owner)
    closing = [x for x in (deadline_phrase(when) if when else "", f"责任人：{owner}" if owner else "") if x]
    if closing:
        parts.append(prose.note(end("，".join(closing))))
    return f"{number}. " + "".join(parts)


def plans(task: SectionTask, variant: int) -> str:
    prose = Prose()
    after = str(task.report.year + 1)
    intro = prose.note(f"{after}年，{task.report.department}将重点做好以下工作：")
    return "\n\n".join([intro, *(_plan(p, i, prose) for i, p in enumerate(task.plans, 1))])
