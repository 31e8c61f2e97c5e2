"""The skeleton and the two sections readers check hardest: 存在问题与不足 (cause + measure) and the plans (SMART)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from zongjie import wording
from zongjie.finding import Finding
from zongjie.lint.document import Block, Section, plain
from zongjie.lint.rules.base import Context, Example, rule, this
from zongjie.lint.rules.fidelity import plan_for as _plan_for
from zongjie.lint.rules.fidelity import problem_for as _problem_for
from zongjie.lint.rules.style import blank_kinds, blanks, vague_only
from zongjie.lint.sections import MEASURES, items
from zongjie.skeleton import HEADINGS, ORDER, SKELETON
from zongjie.text.forms import NUMERAL, YEAR
from zongjie.text.markdown import ENUMERATOR
from zongjie.text.numbers import METRIC_KINDS, extract

# The facts field that feeds each section, for suggestions.
FACTS_FIELD = {p.id: p.field for p in SKELETON if p.field}
# Without a facts file only the sections every summary needs are required.
CORE = ("title", "preface", "review", "problems", "plans", "closing")

FULL = """# 阳光花园项目物业后勤科2025年度工作总结

2025年，后勤科在岗员工46人，业主满意度92.3%。

## 一、主要工作回顾与成果

全年完成设备巡检1248次。

## 二、存在问题与不足

1. 3号楼电梯使用已满16年，全年故障11次。原因是设备老化、改造资金未列入预算。下一步将编制更新改造方案。

## 三、下一年度工作计划

1. 设备完好率提升至99.5%，2026年6月底前完成，责任人为工程主管李明。

## 四、结语

新的一年，后勤科将继续努力。
"""


@rule(
    "missing-section",
    "error",
    "缺少骨架章节或章节为空（有事实文件时按事实应有的章节检查）。",
    whole_only=True,
    examples=[
        Example(FULL, False, whole=True),
        Example(FULL.replace("## 二、存在问题与不足", "## 二、其他"), True, whole=True),
        Example(FULL.replace("新的一年，后勤科将继续努力。\n", ""), True, whole=True),
    ],
)
def missing_section(ctx: Context) -> Iterator[Finding]:
    required = list(ORDER) if ctx.facts else list(CORE)
    for kind in required:
        sec = ctx.doc.title if kind == "title" else ctx.doc.section(kind)
        if sec is None:
            if ctx.facts and kind not in ctx.facts.present:
                yield ctx.finding(
                    this("missing-section"),
                    f"缺少“{HEADINGS[kind]}”：事实文件没有这一节的材料",
                    section=kind,
                    suggestion=f"在事实文件中补充 {FACTS_FIELD.get(kind, kind)}，然后重新 draft",
                    facts_gap=True,
                )
                continue
            found = ctx.finding(this("missing-section"), f"缺少“{HEADINGS[kind]}”", section=kind)
            # Many real summaries end on their plans; in someone else's summary (no facts) that is a warning.
            yield (
                found.model_copy(update={"severity": "warning"})
                if kind == "closing" and not ctx.facts
                else found
            )
        elif kind != "title" and sec.empty and not any(s.parent == sec.id for s in ctx.doc.sections):
            where = sec.heading_start if sec.heading_start is not None else None
            yield ctx.finding(
                this("missing-section"), f"“{HEADINGS[kind]}”没有内容", where, sec.heading, section=kind
            )


@rule(
    "section-order",
    "warning",
    "章节顺序与骨架不一致（前言、工作回顾、亮点、团队、问题、经验、计划、结语）。",
    whole_only=True,
    examples=[
        Example(FULL, False, whole=True),
        Example(
            FULL.replace("二、存在问题与不足", "二、TMP")
            .replace("三、下一年度工作计划", "三、存在问题与不足")
            .replace("二、TMP", "二、下一年度工作计划"),
            True,
            whole=True,
        ),
    ],
)
def section_order(ctx: Context) -> Iterator[Finding]:
    seen = [s for s in ctx.doc.sections if s.parent is None and s.kind in ORDER and s.kind != "title"]
    best = -1
    for s in seen:
        rank = ORDER.index(s.kind)
        if rank < best:
            yield ctx.finding(
                this("section-order"),
                f"“{HEADINGS[s.kind]}”应排在“{HEADINGS[ORDER[best]]}”之前",
                s.heading_start,
                s.heading,
                section=s.id,
            )
        best = max(best, rank)


# Why a problem exists. Marker words anywhere in the item; a lack of people, money or a post (缺少专职管理人员)
# only after the problem itself has been stated (the first clause is the problem, not its cause).
CAUSE = re.compile(
    r"原因|由于|因为|主要是|究其|根源|症结|受[^，。]{1,12}(?:影响|制约|限制|所限)|受限于|限于|导致|造成|致使|以致|缘于|源于|"
    r"在于|随着|加之|归因"
)
_LACK = re.compile(
    r"缺少|缺乏|没有专[职门]|人手不足|人员不足|编制不足|经费不足|资金不足|不到位|未列入|尚未落实"
)
# What will be done. 有待完善 / 需进一步加强 say what is missing, not what will be done.
MEASURE = re.compile(
    r"(?<![待需未不])(?<!需要进一步)(?<!需进一步)(?:措施|整改|下一步|拟|将|计划(?!滞后|进度)|已着手|已启动|着手|争取|"
    r"制定|编制|建立|完善|推动|提请|申请|增设|加强|开展|落实|改进|解决|调整|启动)"
)
NEGATIVE = re.compile(
    r"不足|问题|偏[高低长慢少多大]|较[低慢长高少差大]|滞后|不够|欠缺|短板|差距|未能|尚未|尚[需待有]|薄弱|老化|陈旧|老旧|流失|"
    r"不[到高强足全够稳及]|困难|隐患|投诉|故障|有待|跟不上|紧张|混乱|繁琐|落后|单一|老龄化|破损|积水|拖欠|占线|差|慢|难|仅|只有|"
    r"超标|超出|排队|漏水|缺|需要?(?:优化|改进|提升|提高|加强|完善)"
)
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
            plain(a.text).lstrip(" \u3000（(一二三四五六七八九十0123456789)）.、．").startswith("针对")
            for a in answers
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


_PRAISE = re.compile(r"顺利|圆满|好评|成绩|成效|良好|满意|肯定|表扬|完成|达到|实现|提升|提高")


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


# Whether a plan names an owner at all is looser than reading the name (wording.OWNER): a bare 责任人 or a
# title with a name (工程主管李明) is enough here.
OWNER = re.compile(
    rf"{wording.OWNER_LABEL}|牵头|由[^，。；]{{2,16}}负责|负责[:：]|(?:主管|科长|经理)[\u4e00-\u9fff]{{2,3}}"
)
# A school or a heating office dates its plans by the calendar it lives by: 2026年暑期, 汛期前, 开学前.
DEADLINE = re.compile(rf"{wording.DEADLINE.pattern}|(?:{YEAR}年)?(?:暑期|暑假|寒假|汛期|供暖季|春节|开学)前?")
TARGET_VERB = re.compile(
    r"提升至|提高到|提高至|达到|降至|降低到|控制在|不低于|不高于|不少于|不超过|以内|以上|覆盖|实现|完成"
)
# 增至每日一次, 缩短到两天: a level to reach, said with a Chinese numeral.
_TO_LEVEL = re.compile(
    r"(?:增至|升至|提升至|提高到|提高至|达到|降至|降为|减至|缩短到|缩短至|压缩到|压缩至|控制在)"
    rf"[^，。；]{{0,4}}[{NUMERAL}]"
)


# A dated milestone (竣工交付, 上线, 投入使用) is measurable: done by the date or not.
_MILESTONE = re.compile(
    r"竣工|交付|上线|投入使用|投用|通过验收|建成|到岗|取证|完成[^，。；]{1,16}(?:改造|更换|安装|翻新|维修|建设)"
)


def _milestone(text: str) -> bool:
    return bool(_MILESTONE.search(text) and DEADLINE.search(text))


# 不发生食品安全事故, 零投诉: a zero is a measurable target.
_ZERO_TARGET = re.compile(r"不发生|零[\u4e00-\u9fff]{0,4}(?:事故|投诉|差错|感染)|为零|杜绝")


def _has_target(text: str) -> bool:
    if _ZERO_TARGET.search(text) or _TO_LEVEL.search(text):
        return True
    metric = [q for q in extract(text) if q.kind in METRIC_KINDS]
    return bool(metric) and bool(TARGET_VERB.search(text) or any(q.unit for q in metric))


def _plan_items(ctx: Context, field: str) -> list[tuple[Section, Block, str | None]]:
    """Plan items to check for `field` (owner, deadline, target), each with the facts path of its plan when
    the facts lack that field too: then the gap is the facts file's, and the writer must not invent it."""
    out: list[tuple[Section, Block, str | None]] = []
    for s in [s for s in ctx.doc.sections if s.kind == "plans"]:
        for b in items(s):
            plan = _plan_for(plain(b.text), ctx.facts.plans) if ctx.facts else None
            gap = plan.id if plan is not None and getattr(plan.plan, field) is None else None
            out.append((s, b, gap))
    return out


def _plan_finding(
    ctx: Context, rule_id: str, message: str, b: Block, sec: Section, gap: str | None, field: str
) -> Finding:
    return ctx.finding(
        this(rule_id),
        message,
        b.start,
        plain(b.text),
        section=sec.id,
        suggestion=f"在事实文件 {gap} 中补充 {field}" if gap else None,
        facts_gap=gap is not None,
    )


_PLAN_EXAMPLE = (
    "1. 设备完好率提升至99.5%，完成3号楼电梯更新改造立项，2026年6月底前完成，责任人为工程主管李明。"
)


@rule(
    "plan-without-owner",
    "error",
    "计划不落地：每项计划要有责任人（SMART）。",
    examples=[
        Example("1. 设备完好率提升至99.5%，2026年6月底前完成。", True, "plans"),
        Example(_PLAN_EXAMPLE, False, "plans"),
        Example("1. 保洁员流失率降至15%以内，2026年12月底前完成，由环境主管赵敏负责。", False, "plans"),
    ],
)
def plan_without_owner(ctx: Context) -> Iterator[Finding]:
    for sec, b, gap in _plan_items(ctx, "owner"):
        text = plain(b.text)
        if not OWNER.search(text) and "name" not in blank_kinds(text):
            yield _plan_finding(
                ctx, "plan-without-owner", "计划没有责任人：写明由谁负责", b, sec, gap, "owner"
            )


@rule(
    "plan-without-deadline",
    "error",
    "计划不落地：每项计划要有完成时限（SMART）。",
    examples=[
        Example("1. 设备完好率提升至99.5%，责任人为工程主管李明。", True, "plans"),
        Example(_PLAN_EXAMPLE, False, "plans"),
        Example("1. 物业费收缴率提高到95%，20××年底前完成，责任人为经理王刚。", False, "plans"),
    ],
)
def plan_without_deadline(ctx: Context) -> Iterator[Finding]:
    for sec, b, gap in _plan_items(ctx, "deadline"):
        text = plain(b.text)
        if not DEADLINE.search(text) and "date" not in blank_kinds(text):
            yield _plan_finding(
                ctx, "plan-without-deadline", "计划没有完成时限：写明何时完成", b, sec, gap, "deadline"
            )


@rule(
    "plan-without-target",
    "error",
    "计划不落地：每项计划要有可衡量的目标值（SMART）。",
    examples=[
        Example("1. 进一步加强设备管理，2026年6月底前完成，责任人为工程主管李明。", True, "plans"),
        Example(_PLAN_EXAMPLE, False, "plans"),
        Example("1. 东区学生活动中心竣工交付，2026年6月底前完成，责任人为基建科科长冯涛。", False, "plans"),
        Example("1. 力争202X年清洁能源占比提升至XX%，责任人为主任王刚。", False, "plans"),
    ],
)
def plan_without_target(ctx: Context) -> Iterator[Finding]:
    for sec, b, gap in _plan_items(ctx, "target"):
        # Dates and years are not targets: strip them before looking for a measurable figure.
        text = plain(b.text)
        if (
            not _has_target(DEADLINE.sub("", text))
            and "number" not in blank_kinds(text)
            and not _milestone(text)
        ):
            yield _plan_finding(
                ctx, "plan-without-target", "计划没有可衡量的目标值：写明要达到的数字", b, sec, gap, "target"
            )
