"""The 主要工作回顾 subsection of one 职能: a metrics paragraph, a work paragraph, one paragraph per case."""

from __future__ import annotations

import re

from zongjie import wording
from zongjie.facts.derive import fmt_date
from zongjie.plan.task import CaseFact, SectionTask
from zongjie.text.forms import NUMBER, NUMERAL, unit_alternation
from zongjie.text.units import DURATION_UNITS
from zongjie.writer.offline import kinds, metrics
from zongjie.writer.offline.phrases import Prose, clean, end, rotate, with_connectors

WORK_OPENERS = ("重点工作方面，", "在重点工作上，", "围绕年度重点任务，")
# A response that already names who acted needs no 对此.
_ACTORS = ("后勤", "我科", "本科", "科室", "部门", "项目部", "工程", "保洁", "安保", "物业")
# How a clause with no subject begins: a figure ("25分钟内启动预案"), a time or manner word, or a verb.
# Such a response gets the department as its subject; such a result joins the response's sentence.
_NO_SUBJECT = (
    "立即", "迅速", "及时", "第一时间", "连夜", "当即", "随即", "马上", "紧急", "全力", "先后", "同步",
    "当天", "当日", "当晚", "次日", "第二天", "随后", "此后", "之后", "最终",
    "启动", "组织", "安排", "调派", "调集", "调来", "调配", "派出", "派员", "加密", "增开", "增设", "更换",
    "协调", "联系", "抢修", "排查", "关闭", "设置", "切换", "疏散", "开展", "成立", "制定", "采取", "实行",
    "恢复", "完成", "修复", "清理", "封堵", "抽排", "通知", "上报", "报告", "落实", "加强", "对", "在",
    "通过", "经", "将", "把", "未", "无", "没有",
)  # fmt: skip
_DURATION = unit_alternation((DURATION_UNITS - {"年"}) | {"日", "月"})  # 2025年… is a date, not how long
_FIGURE = re.compile(rf"^(?:[{NUMERAL}]+|半)(?:个)?(?:{_DURATION})")
# A result that states a trend stays its own sentence: the linter (and a reader) would otherwise read the
# trend as said of a metric named in the response.
_TREND = (*wording.UP, *wording.DOWN)  # the words the linter's trend-mismatch rule reads
JOIN_UP_TO = 90  # characters of a joined response and result
# 对此 answers a problem: an event that names one (an incident, a complaint, a crowd, a storm) is responded to;
# any other event (9月1日开学) is followed by what happened, with no connective.
_PROBLEMS = (
    *kinds.INCIDENTS, *kinds.COMPLAINTS, "损坏", "烧毁", "进水", "积水", "失电", "台风", "暴雨", "暴雪", "冰冻",
    "寒潮", "高温", "爆裂", "破裂", "人数集中", "排队", "过长", "过多", "不足", "紧张", "拥堵", "隐患", "异味",
    "超标", "无法", "突发", "疫情", "损毁", "倒伏", "结冰", "跑水", "漏", "溢水", "倒灌", "坍塌", "脱落",
)  # fmt: skip


def lacks_subject(text: str) -> bool:
    return bool(_FIGURE.match(text)) or text.startswith(_NO_SUBJECT)


# A work item that is only "name + figure" (消防演练两次) needs a verb after a lead such as 在重点工作上.
_NAME_FIGURE = re.compile(
    rf"^(?P<name>[\u4e00-\u9fff]{{2,12}}?)(?:{NUMBER}|[{NUMERAL}]+)[\u4e00-\u9fff]{{1,2}}$"
)


_HAS_VERB = ("完成", "开展", "组织", "实施", "进行", "举办")


# A work item that is only a name (绿化补植): no verb, no figure, nothing after it.
_BARE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,10}$")


def _bare_item(text: str) -> str:
    """绿化补植 → 完成绿化补植: a bare name after 在重点工作上 is a fragment, so it gets the verb its kind
    takes; a name whose kind gives no verb stays as it is."""
    if text.startswith(kinds.VERB_PREFIXES):
        return text
    if kinds.kind(text, "") == "activity":
        return kinds.activity_verbs(text)[0] + text
    return text


def work_item(text: str) -> str:
    """The item as a clause that can follow a lead: 消防演练两次 → 开展消防演练两次; anything else as it is."""
    if _BARE_NAME.match(text) and not any(c in NUMERAL for c in text):
        return _bare_item(text)
    m = _NAME_FIGURE.match(text)
    if not m or text.startswith(kinds.VERB_PREFIXES):
        return text
    name = m.group("name")
    if any(v in name for v in _HAS_VERB):
        return text  # 开学前完成教室空调清洗120台 has its verb: 完成开学前完成… is not Chinese
    if any(w in name for w in (*_TREND, "同比", "环比", "比上年", "比去年")):
        return text  # 宿舍维修同比减少近一半 states a change: 完成宿舍维修同比减少… is not Chinese
    k = kinds.kind(name, "")
    if k == "activity":
        return kinds.activity_verbs(name)[0] + text
    if k == "incident":
        return "发生" + text
    if k == "supply":
        return "供应" + text
    return text


def work_paragraph(task: SectionTask, prose: Prose, variant: int) -> str:
    items = [work_item(clean(w.text)) for w in task.work if clean(w.text)]
    if not items:
        return ""
    leads = rotate(WORK_OPENERS, variant)
    if _NAME_FIGURE.match(items[0]) and not items[0].startswith(kinds.VERB_PREFIXES):
        leads = ["重点工作方面，"]  # a bare "name + figure" reads only after a topic lead
    options = [[o + items[0] for o in leads]]
    options += [with_connectors(item) for item in items[1:]]
    return end("；".join(prose.clauses(options)))


def case_paragraph(task: SectionTask, case: CaseFact, prose: Prose) -> str:
    c = case.case
    event = clean(c.event)
    when = f"{fmt_date(c.date)}，" if c.date else ""
    opening = f"{when}{event}" if when else prose.pick([f"本年度，{event}", event])
    response = clean(c.response) if c.response else ""
    result = clean(c.result) if c.result else ""
    if not response:
        # Nothing was done that the facts record: the outcome follows the event in one sentence.
        return prose.note(end("，".join(x for x in (opening, result) if x)))
    dept = task.report.department
    if not any(p in event for p in _PROBLEMS):
        # Nothing to respond to: what followed continues the event's sentence, with no 对此.
        said = (dept if lacks_subject(response) else "") + response
        first = f"{opening}，{said}"
        if len(first) > JOIN_UP_TO:
            first = f"{end(opening)}{end(said)}"
        if result and not any(t in result for t in _TREND) and len(first) + len(result) < JOIN_UP_TO:
            return prose.note(end(f"{first}，{result}"))
        return prose.note(end(first)) + (prose.note(end(result)) if result else "")
    if response.startswith((*_ACTORS, dept)):
        lead = ""
    else:
        # "对此，25分钟内启动预案" has no one acting: the department is who responded.
        lead = f"对此，{dept}" if lacks_subject(response) else "对此，"
    said = lead + response
    if result and lacks_subject(result) and not any(t in result for t in _TREND):
        joined = f"{said}，{result}"
        if len(joined) <= JOIN_UP_TO:
            # "2小时内恢复供电" continues the response: one sentence, one subject.
            return prose.note(end(opening)) + prose.note(end(joined))
    # An outcome with its own subject (…投诉降为0件) gets its own sentence: a reader (or the linter)
    # should not read it as said of a metric named in the response.
    out = prose.note(end(opening)) + prose.note(end(said))
    return out + prose.note(end(result)) if result else out


def commitments(task: SectionTask, prose: Prose) -> str:
    """Last year's plans checked against this section's figures: the verdict and gap are code's, verbatim."""
    return "".join(prose.note(c.outcome.sentence()) for c in task.commitments)


def render(task: SectionTask, variant: int) -> str:
    prose = Prose()
    paragraphs = []
    if task.metrics:
        paragraphs.append("".join(metrics.sentences(task.metrics, prose, variant)))
    paragraphs.append(commitments(task, prose))
    paragraphs.append(work_paragraph(task, prose, variant))
    paragraphs += [case_paragraph(task, case, prose) for case in task.cases]
    return "\n\n".join(p for p in paragraphs if p)
