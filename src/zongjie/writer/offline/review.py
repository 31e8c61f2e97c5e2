"""The 主要工作回顾 subsection of one 职能: a metrics paragraph, a work paragraph, one paragraph per case."""

from __future__ import annotations

from zongjie.plan.task import CaseFact, SectionTask
from zongjie.writer.offline import metrics
from zongjie.writer.offline.phrases import Prose, clean, end, rotate, with_connectors

WORK_OPENERS = ("重点工作方面，", "在重点工作上，", "围绕年度重点任务，")
# A response that already names who acted needs no 对此.
_ACTORS = ("后勤", "我科", "本科", "科室", "部门", "项目部", "工程", "保洁", "安保", "物业")


def work_paragraph(task: SectionTask, prose: Prose, variant: int) -> str:
    items = [clean(w.text) for w in task.work if clean(w.text)]
    if not items:
        return ""
    options = [[o + items[0] for o in rotate(WORK_OPENERS, variant)]]
    options += [with_connectors(item) for item in items[1:]]
    return end("；".join(prose.clauses(options)))


def case_paragraph(task: SectionTask, case: CaseFact, prose: Prose) -> str:
    c = case.case
    event = clean(c.event)
    when = f"{c.date.year}年{c.date.month}月{c.date.day}日，" if c.date else ""
    opening = f"{when}{event}" if when else prose.pick([f"本年度，{event}", event])
    response = clean(c.response) if c.response else ""
    result = clean(c.result) if c.result else ""
    if not response:
        # Nothing was done that the facts record: the outcome follows the event in one sentence.
        return prose.note(end("，".join(x for x in (opening, result) if x)))
    lead = "" if response.startswith((*_ACTORS, task.report.department)) else "对此，"
    # The outcome gets its own sentence: it usually has its own subject (…投诉降为0件), and a reader
    # (or the linter) should not read it as said of a metric named in the response.
    out = prose.note(end(opening)) + prose.note(end(lead + response))
    return out + prose.note(end(result)) if result else out


def render(task: SectionTask, variant: int) -> str:
    prose = Prose()
    paragraphs = []
    if task.metrics:
        paragraphs.append("".join(metrics.sentences(task.metrics, prose, variant)))
    paragraphs.append(work_paragraph(task, prose, variant))
    paragraphs += [case_paragraph(task, case, prose) for case in task.cases]
    return "\n\n".join(p for p in paragraphs if p)
