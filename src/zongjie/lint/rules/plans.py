"""The plans: each item SMART (an owner, a deadline, a measurable target), and the same owner and deadline
as the facts give."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from zongjie import wording
from zongjie.finding import Finding
from zongjie.lint.document import Block, Section, plain
from zongjie.lint.rules.base import Context, Example, rule, this
from zongjie.lint.rules.fidelity import plan_for as _plan_for
from zongjie.lint.rules.style import blank_kinds
from zongjie.lint.rules.years import title_year
from zongjie.lint.sections import items
from zongjie.text.dates import dates_in
from zongjie.text.forms import NUMERAL, YEAR
from zongjie.text.numbers import METRIC_KINDS, extract

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


def _deadlines(text: str) -> list[dt.date]:
    """The last day of each dated deadline in a text (2026年6月底 and 2026年6月30日 are the same day)."""
    return [when.last for _, _, when in dates_in(text)]


@rule(
    "plan-fact-mismatch",
    "error",
    "计划与事实不符：正文中计划的责任人或完成时限与事实文件不同。",
    needs_facts=True,
    examples=[
        Example(
            "1. 设备完好率提升至99.5%，2026年10月1日前完成，责任人为物业后勤科。", True, "plans", facts=True
        ),
        Example(
            "1. 设备完好率提升至99.5%，2026年6月底前完成，责任人为后勤科科长王芳。", True, "plans", facts=True
        ),
        Example(
            "1. 设备完好率提升至99.5%，2026年6月底前完成，责任人为工程主管李明。", False, "plans", facts=True
        ),
        Example(  # a quarter is a deadline too (text.dates): its end, 9月30日, is not 6月底
            "1. 设备完好率提升至99.5%，2026年第三季度末前完成，责任人为工程主管李明。",
            True,
            "plans",
            facts=True,
        ),
        Example(
            "2. 智能巡检系统覆盖全部消防设施，2026年9月30日前完成，由后勤科科长王芳负责。",
            False,
            "plans",
            facts=True,
        ),
    ],
)
def plan_fact_mismatch(ctx: Context) -> Iterator[Finding]:
    facts = ctx.facts
    if facts is None or not facts.plans:
        return
    r = this("plan-fact-mismatch")
    for s in [s for s in ctx.doc.sections if s.kind == "plans"]:
        for b in s.body:
            text = plain(b.text)
            pl = _plan_for(text, facts.plans)
            if pl is None:
                continue
            owner = pl.plan.owner
            if owner and owner not in text:
                for m in wording.OWNER.finditer(text):
                    said = (m.group(1) or m.group(2) or "").strip()
                    if said and said not in owner and owner not in said:
                        yield ctx.finding(
                            r,
                            f"责任人“{said}”与事实不符：应为“{owner}”",
                            b.start,
                            text,
                            section=s.id,
                            suggestion=owner,
                        )
                        break
            want = _deadlines(pl.deadline_text or "")
            said_dates = _deadlines(text)
            if want and said_dates and want[0] not in said_dates:
                yield ctx.finding(
                    r,
                    f"完成时限与事实不符：应为“{pl.deadline_text}”",
                    b.start,
                    text,
                    section=s.id,
                    suggestion=pl.deadline_text,
                )


# 较2025年10月, 自2025年9月起: a date a plan compares with or runs from, not when it is due.
_NOT_DUE = re.compile(r"(?:较|比|自|从|截至|与)\s*$")


@rule(
    "plan-past-deadline",
    "warning",
    "计划的完成时限不在计划年度：明年的计划写了总结年度或更早的时限（年份多半写错了）。",
    examples=[
        Example("1. 车队调度系统上线，2025年10月底前完成，责任人为车队队长陈刚。", True, "plans", facts=True),
        Example(_PLAN_EXAMPLE, False, "plans", facts=True),
        Example(
            "# 2025年后勤科工作总结\n\n## 2026年工作计划\n\n1. 食堂改造，2025年12月底前完成。\n",
            True,
            whole=True,
        ),
        Example(
            "1. 报修量较2025年6月下降10%，2026年6月底前完成，责任人为主管李明。", False, "plans", facts=True
        ),
    ],
)
def plan_past_deadline(ctx: Context) -> Iterator[Finding]:
    year = ctx.facts.year if ctx.facts else title_year(ctx)
    if year is None:
        return
    r = this("plan-past-deadline")
    for s in [s for s in ctx.doc.sections if s.kind == "plans"]:
        for b in items(s):
            text = plain(b.text)
            for start, end, when in dates_in(text):
                if when.last.year <= year and not _NOT_DUE.search(text[:start]):
                    goal = re.split(r"[，。；]", text, maxsplit=1)[0]
                    yield ctx.finding(
                        r,
                        f"计划“{goal}”的完成时限“{text[start:end]}”不在{year + 1}年：是否写错了年份？",
                        b.start,
                        text,
                        section=s.id,
                    )
                    break
