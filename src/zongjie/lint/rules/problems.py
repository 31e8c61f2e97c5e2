"""存在问题与不足, the section readers check hardest after the figures: each problem with its cause and its
measure (or a later plan that answers it), and real problems rather than praise."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from zongjie.finding import Finding
from zongjie.lint.document import Block, Section, plain
from zongjie.lint.rules.base import Context, Example, rule, this
from zongjie.lint.rules.fidelity import problem_for as _problem_for
from zongjie.lint.rules.style import blanks, vague_only
from zongjie.lint.sections import MEASURES, items
from zongjie.text.markdown import ENUMERATOR, strip_ordinal
from zongjie.text.words import alternation, pattern

# Why a problem exists. Marker words anywhere in the item; a lack of people, money or a post (缺少专职管理人员)
# only after the problem itself has been stated (the first clause is the problem, not its cause).
CAUSE = re.compile(rf"{alternation('cause')}|受[^，。]{{1,12}}(?:{alternation('cause_constraint')})")
_LACK = pattern("lack")
# What will be done. 有待完善 / 需进一步加强 say what is missing, not what will be done.
# 计划滞后 / 计划进度 are the problem, not a plan.
MEASURE = re.compile(
    rf"(?<![待需未不])(?<!需要进一步)(?<!需进一步)(?:{alternation('measure')})(?!(?<=计划)(?:滞后|进度))"
)
NEGATIVE = pattern("negative")
_TITLE = re.compile(r"^[^，,。；;]{2,16}。")


def _after_problem(text: str) -> str:
    """The item without the problem's own statement: its run-in title (一、维修响应不够及时。) or first clause."""
    m = _TITLE.match(text)
    if m:
        return text[m.end() :]
    parts = re.split(r"[，,。；;]", text, maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


def has_cause(text: str) -> bool:
    return bool(CAUSE.search(text) or _LACK.search(_after_problem(text)))


def has_measure(text: str) -> bool:
    return bool(MEASURE.search(text))


@rule(
    "problem-without-cause",
    "error",
    "存在问题与不足：每个问题都要有原因分析（原因、由于、受……影响……）。",
    examples=[
        Example(
            "1. 3号楼电梯使用已满16年，全年故障11次。下一步将编制更新改造方案，提请业主大会审议。",
            True,
            "problems",
        ),
        Example(
            "1. 3号楼电梯使用已满16年，全年故障11次。原因是设备老化、资金未列入预算。下一步将编制更新改造方案。",
            False,
            "problems",
        ),
    ],
)
def problem_without_cause(ctx: Context) -> Iterator[Finding]:
    yield from _problem_check(
        ctx,
        "problem-without-cause",
        has_cause,
        "没有原因分析：写明问题的根源（管理、人员、流程、预算或技术）",
        "cause",
    )


@rule(
    "problem-without-measure",
    "error",
    "存在问题与不足：每个问题都要有整改措施。",
    examples=[
        Example("1. 保洁员流失率达到28%，主要原因是薪酬低于周边项目。", True, "problems"),
        Example(
            "1. 保洁员流失率达到28%，主要原因是薪酬低于周边项目。下一步制定保洁作业标准手册，争取调整薪酬。",
            False,
            "problems",
        ),
    ],
)
def problem_without_measure(ctx: Context) -> Iterator[Finding]:
    yield from _problem_check(
        ctx, "problem-without-measure", has_measure, "没有整改措施：写明下一步怎么解决", "measure"
    )


def _problem_items(ctx: Context) -> list[tuple[Section, Block]]:
    out = []
    for sec in [s for s in ctx.doc.sections if s.kind == "problems"]:
        listed = items(sec)
        # An item is a problem if the section reads as problems, or if it reports a problem from the facts.
        facts = ctx.facts.problems if ctx.facts else []
        if any(NEGATIVE.search(plain(b.text)) for b in listed) or any(
            _problem_for(plain(b.text), facts) for b in listed
        ):
            out += [(sec, b) for b in listed]
    return out


_STOP_PAIRS = frozenset(
    [
        "工作",
        "后勤",
        "管理",
        "服务",
        "部分",
        "全年",
        "完成",
        "一步",
        "进一",
        "加强",
        "提高",
        "提升",
        "问题",
        "责任",
        "任人",
        "负责",
        "主管",
        "科长",
        "主任",
        "经理",
        "以内",
        "月底",
        "年底",
        "底前",
        "前完",
        "达到",
        "时间",
        "人员",
        "单位",
        "中心",
        "部门",
        "保障",
        "开展",
        "建设",
        "存在",
        "不足",
        "较多",
        "偏高",
        "偏低",
        "有待",
        "不够",
        "及时",
        "下一",
        "将在",
        "计划",
    ]
)


_ENUMERATOR = re.compile(ENUMERATOR)


def _pairs(text: str) -> set[str]:
    out: set[str] = set()
    text = _ENUMERATOR.sub(" ", text)  # run-in item markers are not words
    for part in re.split(r"[^\u4e00-\u9fff]+", text):
        out |= {part[i : i + 2] for i in range(len(part) - 1)}
    return out - _STOP_PAIRS


def _answered(ctx: Context, sec: Section, problem: Block, index: int, count: int) -> bool:
    """A later chapter answers the problem: a 改进措施 chapter that mirrors the problems one by one, or a plan
    item about the same thing (shared words: 被服洗涤, 停车)."""
    tops = [s for s in ctx.doc.sections if s.parent is None]
    after = tops[tops.index(sec) + 1 :] if sec in tops else []
    words = _pairs(plain(problem.text))
    for later in [s for s in after if s.kind == "plans"]:
        answers = items(later)
        mirrored = (later.heading is not None and MEASURES.search(later.heading)) or all(
            strip_ordinal(plain(a.text).strip()).lstrip().startswith("针对") for a in answers
        )
        if mirrored and len(answers) == count:
            return True
        # A plan that is itself empty words (进一步加强食堂管理) answers nothing.
        if any(words & _pairs(plain(a.text)) and not vague_only(plain(a.text)) for a in answers):
            return True
    return False


def _problem_check(
    ctx: Context, rule_id: str, found: Callable[[str], bool], message: str, field: str
) -> Iterator[Finding]:
    listed = _problem_items(ctx)
    counts: dict[int, int] = {}
    for sec, _ in listed:
        counts[id(sec)] = counts.get(id(sec), 0) + 1
    seen: dict[int, int] = {}
    for sec, b in listed:
        index = seen[id(sec)] = seen.get(id(sec), -1) + 1
        text = plain(b.text)
        if found(text):
            continue
        if field == "measure" and _answered(ctx, sec, b, index, counts[id(sec)]):
            continue
        fact = _problem_for(text, ctx.facts.problems) if ctx.facts else None
        if fact is not None and getattr(fact.problem, field) is None:
            # The facts give no cause/measure: the writer must not invent one; the user must add it.
            yield ctx.finding(
                this(rule_id),
                "问题" + message,
                b.start,
                text,
                section=sec.id,
                suggestion=f"在事实文件 {fact.id} 中补充 {field}",
                facts_gap=True,
            )
        else:
            yield ctx.finding(this(rule_id), "问题" + message, b.start, text, section=sec.id)


def _section_text(sec: Section) -> str:
    return "".join(plain(b.text) for b in sec.body)


_PRAISE = pattern("praise")


@rule(
    "problem-only-praise",
    "error",
    "报喜不报忧：“存在问题与不足”里只有成绩，没有写出真正的问题。",
    examples=[
        Example("全年各项工作进展顺利，圆满完成年度目标，得到业主一致好评。", True, "problems"),
        Example("1. 保洁员流失率达到28%，原因是薪酬偏低。下一步争取调整薪酬。", False, "problems"),
    ],
)
def problem_only_praise(ctx: Context) -> Iterator[Finding]:
    facts = ctx.facts.problems if ctx.facts else []
    for sec in [s for s in ctx.doc.sections if s.kind == "problems" and not s.empty]:
        # A problem the facts state is a problem, however neutrally it is worded.
        # Only praise: good news and nothing negative (a neutral list the rule cannot read stays silent).
        if _PRAISE.search(_section_text(sec)) and not any(
            NEGATIVE.search(plain(b.text)) or _problem_for(plain(b.text), facts) or blanks(b.text)
            for b in sec.body
        ):
            b = sec.body[0]
            yield ctx.finding(
                this("problem-only-praise"),
                "这一节没有写出任何问题：如实写明短板和不足",
                b.start,
                plain(b.text),
                section=sec.id,
            )
