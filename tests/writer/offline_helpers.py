"""Checks shared by the offline writer's tests: every fact number and text stated, nothing invented, 公文 register."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from zongjie.facts.derive import fmt, fmt_quantity
from zongjie.facts.load import load
from zongjie.facts.model import Facts
from zongjie.lint.api import lint_section
from zongjie.plan.build import build_plan
from zongjie.plan.task import SectionTask
from zongjie.punctuation import fix_line
from zongjie.wording import name_department
from zongjie.writer.offline import OfflineWriter
from zongjie.writer.offline.metrics import names_its_change, zero_outcome

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Complete facts files (the notes-*.expected.yaml ones may lack causes, owners or whole sections).
COMPLETE = sorted(p for p in FIXTURES.glob("*.yaml") if not p.name.startswith("notes-"))
FIXTURE = FIXTURES / "property-full.yaml"
WRITER = OfflineWriter()

NUMBER = re.compile(r"\d+(?:\.\d+)?")
LIST_MARKER = re.compile(r"^\d+\. ", re.MULTILINE)
PLACEHOLDER = re.compile(r"X{2,}|XX|某某|【.*?】|待补充|待定|202X|X月X日|（未提供）|\?\?|？？")
EMPTY_PHRASES = re.compile(r"取得了一定成绩|大幅提升|显著提高|进一步加强|首先|其次|最后|赋能|抓手|闭环")
COUNTING_WORDS = re.compile(r"[一二三四五六七八九十两]+(?:个|项|条|点|方面|大)")
SPACED = re.compile(r"[\u4e00-\u9fff][ \t]+\d|\d[ \t]+[\u4e00-\u9fff]")

FIXTURE_TASKS = build_plan(load(FIXTURE))


def make_facts(**sections: Any) -> Facts:
    report = {"organization": "测试项目", "department": "物业后勤科", "year": 2025}
    return Facts.model_validate({"report": report, **sections})


def task_of(facts: Facts, section_id: str) -> SectionTask:
    return next(t for t in build_plan(facts) if t.id == section_id)


def fact_texts(task: SectionTask) -> list[str]:
    """Every free text the task carries (each must appear verbatim, up to punctuation the linter fixes)."""
    out = [t.text for t in (*task.notes, *task.work, *task.lessons)]
    out += [m.metric.note for m in task.all_metrics() if m.metric.note]
    for c in task.cases:
        out += [x for x in (c.case.event, c.case.response, c.case.result) if x]
    for h in task.highlights:
        out += [x for x in (h.highlight.title, h.highlight.detail) if x]
    for p in task.problems:
        out += [x for x in (p.problem.problem, p.problem.cause, p.problem.measure) if x]
    for pl in task.plans:
        out += [pl.plan.goal, *pl.plan.actions]
        out += [x for x in (pl.plan.owner, pl.deadline_text) if x]
    # Half-width marks next to 汉字 are normalised by the linter's own fixer as the text is copied, and the
    # department is named one way (后勤科/我科 → the facts' 物业后勤科).
    r = task.report
    return [name_department(fix_line(t.strip()).rstrip("。；，"), r.department, r.organization) for t in out]


def expected_strings(task: SectionTask) -> list[str]:
    """Quantities with their units and derived texts, exactly as the body must state them."""
    out = []
    for mf in task.all_metrics():
        m = mf.metric
        if zero_outcome(mf):
            # 全年未发生安全事故 (上年1起，较上年减少1起): the 0 is said in words, 同比下降100% not at all.
            # 连续两年未发生…: a previous 0 is said in words too.
            out += [fmt_quantity(v, m.unit) for v in (m.previous, m.target) if v]
            out += [d.text for d in mf.derived if d.kind != "yoy" and d.text != "与上年持平"]
            continue
        if names_its_change(mf):
            # 电梯故障减少14次（上年22次），减幅较上年收窄8次: the change of the amount, in the writer's words.
            out += [fmt_quantity(v, m.unit) for v in (m.value, m.previous, m.target) if v is not None]
            out += [fmt(d.value) for d in mf.derived if d.kind in ("change", "pp") and d.direction != "flat"]
            out += [d.text for d in mf.derived if d.kind not in ("change", "pp", "yoy")]
            continue
        out += [fmt_quantity(v, m.unit) for v in (m.value, m.previous, m.target) if v is not None]
        out += [d.text for d in mf.derived]
    for pl in task.plans:
        if pl.plan.target:
            out.append(fmt_quantity(pl.plan.target.value, pl.plan.target.unit))
    return out


def allowed_numbers(task: SectionTask) -> set[str]:
    r = task.report
    allowed = {fmt(r.year), fmt(r.year + 1)}
    for mf in task.all_metrics():
        m = mf.metric
        allowed |= {fmt(v) for v in (m.value, m.previous, m.target) if v is not None}
        allowed |= {fmt(d.value) for d in mf.derived}
        allowed |= set(NUMBER.findall(m.name))
    for pl in task.plans:
        if pl.plan.target:
            allowed |= {fmt(pl.plan.target.value), *NUMBER.findall(pl.plan.target.name)}
    for c in task.cases:
        if c.case.date:
            allowed |= {str(c.case.date.year), str(c.case.date.month), str(c.case.date.day)}
    for text in [*fact_texts(task), r.organization, r.department, task.heading]:
        allowed |= set(NUMBER.findall(text))
    return allowed


def body_numbers(body: str) -> list[str]:
    return NUMBER.findall(LIST_MARKER.sub("", body))


def check_fidelity(task: SectionTask, body: str) -> None:
    for s in expected_strings(task):
        assert s in body, f"{task.id}: missing {s!r}"
    numbers = set(body_numbers(body))
    for text in fact_texts(task):
        assert text in body, f"{task.id}: fact text not copied faithfully: {text!r}"
        for n in NUMBER.findall(text):
            assert n in numbers, f"{task.id}: number {n} of {text!r} dropped"
    extra = [n for n in body_numbers(body) if n not in allowed_numbers(task)]
    assert not extra, f"{task.id}: numbers not in the facts: {extra}"


def own_words(task: SectionTask, body: str) -> str:
    """The body without the fact texts it copies: what the writer itself wrote."""
    for text in sorted(fact_texts(task), key=len, reverse=True):
        body = body.replace(text, "")
    return body


def check_register(task: SectionTask, body: str) -> None:
    assert body.strip(), task.id
    assert not PLACEHOLDER.search(body), PLACEHOLDER.search(body)
    # Fact texts are the user's words, copied verbatim; these checks are about the writer's own.
    own = own_words(task, body)
    assert not EMPTY_PHRASES.search(own), EMPTY_PHRASES.search(own)
    assert not COUNTING_WORDS.search(own), COUNTING_WORDS.search(own)
    assert not SPACED.search(body), SPACED.search(body)
    assert not body.lstrip().startswith("#"), "the body must not carry its own heading"
    # The linter's own 流水账 rule, so the writer is held to exactly what `zongjie lint` would flag.
    monotone = [f.excerpt for f in lint_section(task, body) if f.rule == "monotone-openings"]
    assert not monotone, f"{task.id}: monotone openings at {monotone}"
