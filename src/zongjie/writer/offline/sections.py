"""Title, 前言, 亮点, 团队建设 and 结语: the sections built from notes and metrics rather than lists."""

from __future__ import annotations

from collections.abc import Sequence

from zongjie.plan.task import HighlightFact, SectionTask
from zongjie.writer.offline import metrics
from zongjie.writer.offline.phrases import Prose, clean, end, rotate, series, with_connectors
from zongjie.writer.offline.review import commitments

PREFACE_METRIC_OPENERS = ("从主要指标看，", "全年", "本年度")
HIGHLIGHT_METRIC_OPENERS = ("从运行效果看，", "实施后，")
TEAM_LEADS = ("在队伍建设上，", "队伍建设方面，")


def title(task: SectionTask) -> str:
    return task.heading


def _notes(task: SectionTask, prose: Prose, leads: Sequence[str] = ()) -> list[str]:
    """Each note as its own sentence, verbatim; the first may get a lead phrase."""
    out = []
    for i, note in enumerate(clean(n.text) for n in task.notes):
        if not note:
            continue
        options = [lead + note for lead in leads] if i == 0 and leads else with_connectors(note)
        out.append(prose.note(end(prose.pick(options))))
    return out


def preface(task: SectionTask, variant: int) -> str:
    r = task.report
    prose = Prose()
    who = f"{r.organization}{r.department}"
    if task.outline:
        intro = f"{task.year_text}年，{who}扎实做好{series(task.outline)}等各项后勤保障工作。"
    else:
        intro = f"{task.year_text}年，{who}扎实做好各项后勤保障工作。"
    first = [prose.note(intro), *_notes(task, prose)]
    second = (
        metrics.sentences(task.metrics, prose, variant, first=PREFACE_METRIC_OPENERS) if task.metrics else []
    )
    closing = rotate(("现将全年工作总结如下。", f"现将{task.year_text}年度工作情况总结如下。"), variant)[0]
    second += [commitments(task, prose)]
    if any(second):
        return "".join(first) + "\n\n" + "".join(second) + prose.note(closing)
    return "".join(first) + prose.note(closing)


def _highlight(item: HighlightFact, number: int, prose: Prose, variant: int) -> str:
    h = item.highlight
    parts = [prose.note(end(clean(h.title)))]
    if h.detail and clean(h.detail):
        parts.append(prose.note(end(prose.pick(with_connectors(clean(h.detail))))))
    if item.metrics:
        parts += metrics.sentences(item.metrics, prose, variant + number, first=HIGHLIGHT_METRIC_OPENERS)
    return f"{number}. " + "".join(parts)


def highlights(task: SectionTask, variant: int) -> str:
    prose = Prose()
    dept = task.report.department
    intro = prose.note(f"{task.year_text}年，{dept}在做好日常保障的同时，着力在以下方面创新工作方法：")
    items = [_highlight(h, i, prose, variant) for i, h in enumerate(task.highlights, 1)]
    return "\n\n".join([intro, *items])


def team(task: SectionTask, variant: int) -> str:
    prose = Prose()
    parts = _notes(task, prose, rotate(TEAM_LEADS, variant))
    if task.metrics:
        parts += metrics.sentences(task.metrics, prose, variant)
    parts.append(commitments(task, prose))
    return "".join(parts)


def closing(task: SectionTask, variant: int) -> str:
    """Thanks and resolve; the only numbers are the report year and the next."""
    r = task.report
    year, after = task.year_text, str(r.year + 1)
    dept, served = r.department, task.served
    # `served` may itself hold 和 (医护人员和患者): the thanks are joined with 以及 or a second clause, never
    # a second 和 ("…协作配合和广大医护人员和患者的理解支持").
    variants = (
        f"{year}年，{dept}各项工作的顺利开展，离不开各级领导的关心指导、兄弟部门的协作配合，以及广大{served}"
        f"的理解支持，在此表示衷心感谢。{after}年，{dept}将对照年度目标逐项抓好落实，把后勤保障的每项工作"
        f"做细做实，为{served}提供更加安全、可靠、及时的服务。",
        f"回顾{year}年，{dept}的各项工作得到了各级领导的关心指导，也得到了广大{served}的理解支持，在此谨致谢意。"
        f"展望{after}年，{dept}将坚持问题导向，逐项抓好年度工作目标的落实，以扎实的作风做好后勤保障，"
        f"不辜负{served}的信任与期待。",
    )
    return rotate(variants, variant)[0]
