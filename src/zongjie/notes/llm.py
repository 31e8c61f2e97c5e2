"""The model path for `extract` and `polish`. The model only classifies notes (kind, 职能, metric name/value/
unit, the stated change); code builds every entry from the note's own words, computes `previous`, and
rejects any number the notes do not hold (re-ask, then drop to unplaced with the reason)."""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from zongjie.config import Settings
from zongjie.facts.derive import fmt
from zongjie.facts.model import Metric
from zongjie.notes import metrics as mx
from zongjie.notes.cases import case_data, is_case
from zongjie.notes.fidelity import note_numbers
from zongjie.notes.match import describe, match_function
from zongjie.notes.parse import Item, Notes
from zongjie.notes.prose import Polished, polish_offline, render, verify
from zongjie.notes.report import report_block
from zongjie.notes.result import Entry, Extraction, Unplaced
from zongjie.notes.rules import extract as extract_offline
from zongjie.notes.sections import highlight_data, plan_data, problem_data
from zongjie.plan.task import SectionTask
from zongjie.profiles import Profile

Kind = Literal["metric", "work", "case", "highlight", "problem", "plan", "lesson", "team", "summary"]


class NoteEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    notes: list[int] = Field(min_length=1, description="这一条来自哪几条笔记（方括号里的编号）")
    kind: Kind
    function: str = Field(default="", description="职能键；判断不了填空字符串")
    name: str = Field(default="", description="指标名称（仅 metric）")
    value: float | None = Field(default=None, description="本年数值（仅 metric）")
    unit: str = ""
    change: float | None = Field(default=None, description="笔记写的与上年相比的变化量，如“少9次”填9")
    direction: Literal["up", "down", ""] = Field(default="", description="变化方向：up 增加，down 减少")
    previous: float | None = Field(default=None, description="只在笔记直接写了上年数值时填")
    target: float | None = Field(default=None, description="只在笔记写了目标值时填")


class Unclear(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: int
    reason: str


class ExtractedNotes(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[NoteEntry]
    unclear: list[Unclear] = Field(default_factory=list)

    EXAMPLE: ClassVar[dict[str, Any]] = {
        "items": [
            {
                "notes": [1],
                "kind": "metric",
                "function": "facilities",
                "name": "电梯维修",
                "value": 32,
                "unit": "次",
                "change": 9,
                "direction": "down",
            },
            {"notes": [2], "kind": "case", "function": "facilities"},
        ],
        "unclear": [{"note": 3, "reason": "与工作无关"}],
    }


class PolishedLines(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lines: list[str]
    EXAMPLE: ClassVar[dict[str, Any]] = {"lines": ["全年完成电梯维修32次，较上年减少9次。"]}


def numbered(items: list[Item]) -> str:
    return "\n".join(f"[{k}] {i.text}" for k, i in enumerate(items, 1))


def _num(v: float) -> Decimal:
    return Decimal(repr(float(v))).normalize()


def entry_problems(e: NoteEntry, items: list[Item], profile: Profile) -> list[str]:
    """What is wrong with one classified note, phrased for the model."""
    if any(not 1 <= n <= len(items) for n in e.notes):
        return [f"编号 {e.notes} 不存在：只能用 1 到 {len(items)}"]
    out = []
    if e.function and profile.function(e.function) is None:
        out.append(f"职能键“{e.function}”不存在，只能用：{'、'.join(profile.keys)}，或空字符串")
    source = "\n".join(items[n - 1].text for n in e.notes)
    allowed = note_numbers(source)
    for label, v in (
        ("value", e.value),
        ("change", e.change),
        ("previous", e.previous),
        ("target", e.target),
    ):
        if v is not None and _num(v) not in allowed:
            out.append(f"第{e.notes}条：{label} 的数字“{v:g}”不在这条笔记里，只能照抄笔记中的数字")
    if e.kind == "metric":
        if not e.name or (e.value is None and e.change is None):
            out.append(f"第{e.notes}条是 metric，但缺 name 或 value（只写了变化的，填 change 和 direction）")
        elif len(e.name) > 12 or any(c.isdigit() for c in e.name) or "，" in e.name:
            out.append(f"第{e.notes}条：指标名称“{e.name}”像一句话，不是指标名；整句事件应归为 case 或 work")
        if is_case(source):
            out.append(f"第{e.notes}条是有日期的一次性事件，应归为 case，不是指标")
    return out


def _check(items: list[Item], profile: Profile) -> Any:
    def check(value: ExtractedNotes) -> list[str]:
        return [p for e in value.items for p in entry_problems(e, items, profile)]

    return check


def extract_with_model(
    notes: Notes,
    profile: Profile,
    settings: Settings,
    *,
    year: int | None = None,
    organization: str | None = None,
    department: str | None = None,
    today: dt.date | None = None,
) -> Extraction:
    report, comments, title, year_choice = report_block(
        notes, profile, year=year, organization=organization, department=department, today=today
    )
    from zongjie.llm import EndpointFailed, InvalidOutput, ask_once

    variables = {
        "org": report["organization"],
        "dept": report["department"],
        "year": report["year"],
        "notes": numbered(notes.items),
        "functions": [f"{f.key}（{f.name}）" for f in profile.functions],
    }
    try:
        answer = asyncio.run(
            ask_once(
                settings,
                "extract-notes",
                variables,
                ExtractedNotes,
                _check(notes.items, profile),
                system="notes-system",
            )
        )
        value, method = answer.value, f"model {settings.model}"
    except InvalidOutput as exc:
        value, method = exc.answer.value, f"model {settings.model}, invalid entries dropped"
    except EndpointFailed as exc:
        if settings.on_fail != "offline":
            raise
        ext = extract_offline(
            notes, profile, year=year, organization=organization, department=department, today=today
        )
        ext.method = f"offline rules; the model failed: {exc}"
        return ext
    out = Extraction(source=notes.source, report=report, report_comments=comments, report_items=title)
    out.headings, out.method, out.year = notes.headings, method, year_choice
    if value is None:
        out.unplaced = [Unplaced(i, "模型没有给出可用的结果") for i in notes.items]
        return out
    _Builder(out, notes.items, profile).build(value)
    return out


class _Builder:
    def __init__(self, out: Extraction, items: list[Item], profile: Profile) -> None:
        self.out, self.items, self.profile = out, items, profile
        self.year = int(out.report["year"])

    def build(self, value: ExtractedNotes) -> None:
        used: set[int] = set()
        for e in value.items:
            problems = entry_problems(e, self.items, self.profile)
            if problems:
                for n in (n for n in e.notes if 1 <= n <= len(self.items)):
                    self.out.unplaced.append(
                        Unplaced(self.items[n - 1], "模型结果被拒绝：" + "；".join(problems))
                    )
                    used.add(n)
                continue
            used |= set(e.notes)
            self._place(e, [self.items[n - 1] for n in e.notes])
        reasons = {u.note: u.reason for u in value.unclear}
        for k, item in enumerate(self.items, 1):
            if k not in used:
                self.out.unplaced.append(Unplaced(item, f"模型没有使用这条：{reasons.get(k, '未说明原因')}"))
        self.out.unplaced.sort(key=lambda u: (u.item.line, self.items.index(u.item)))

    def _key(self, e: NoteEntry, text: str) -> tuple[str | None, list[str]]:
        if e.function:
            return e.function, []
        found = match_function(text, self.profile, e.name or None)
        if found.key:
            return found.key, [
                f"? 职能不确定：模型没有判断，按关键词暂归入 {describe(found.key, self.profile)}"
            ]
        return None, []

    def _place(self, e: NoteEntry, items: list[Item]) -> None:
        text = "，".join(i.text for i in items)
        key, asks = self._key(e, text)
        top = self.out.top
        if e.kind == "metric":
            self._metric(e, items, text, key, asks)
        elif e.kind == "case" and key:
            certain = self.out.year is None or self.out.year.certain
            data, more, computed = case_data(text, self.year, year_certain=certain)
            self.out.function(key).cases.append(Entry(items, data, asks + more, computed))
        elif e.kind == "work" and key:
            self.out.function(key).work.append(Entry(items, text, asks))
        elif e.kind == "highlight":
            top["highlights"].append(Entry(items, highlight_data(text)))
        elif e.kind == "problem":
            top["problems"].append(Entry(items, *problem_data(text)))
        elif e.kind == "plan":
            top["plans"].append(Entry(items, *plan_data(text, self.year)))
        elif e.kind == "lesson":
            top["lessons"].append(Entry(items, text))
        elif e.kind in ("team", "summary"):
            top[f"{e.kind}.notes"].append(Entry(items, text))
        else:
            self.out.unplaced += [Unplaced(i, f"模型归为 {e.kind}，但职能不明") for i in items]

    def _metric(self, e: NoteEntry, items: list[Item], text: str, key: str | None, asks: list[str]) -> None:
        if e.value is None:
            # Only a change (用气量下降一成): the note's own words go into `change`, read by code, not the model.
            only = next((m for m in mx.read(text).metrics if m.value is None), None)
            if only is None:
                self.out.unplaced += [
                    Unplaced(i, f"模型读作只有变化的指标“{e.name}”，但读不出变化的写法") for i in items
                ]
                return
            self._keep(items, only, key, asks)
            return
        value = _num(e.value)
        draft = mx.MetricDraft(e.name, value, e.unit, text)
        if e.target is not None:
            draft.target = _num(e.target)
        # The offline pattern pass on the note computes previous; the model's change is the fallback.
        offline = next((m for m in mx.read(text).metrics if m.value == draft.value), None)
        if offline is not None and offline.previous is not None:
            draft.previous, draft.comments, draft.computed = (
                offline.previous,
                offline.remarks(),
                offline.computed,
            )
            draft.note = offline.note
        elif e.previous is not None:
            draft.previous = _num(e.previous)
        elif e.change is not None and e.direction:
            sign = "-" if e.direction == "up" else "+"
            previous = value - _num(e.change) if e.direction == "up" else value + _num(e.change)
            if previous >= 0:
                draft.previous = previous
                draft.computed.add("previous")
                draft.comments.append(
                    f"计算：previous = {fmt(value)} {sign} {fmt(_num(e.change))} = {fmt(previous)}"
                    "（模型读出的变化量）"
                )
        spec = self.profile.function(key) if key else None
        mx.unit_questions(draft, spec.indicator_for(e.name) if spec else None)
        self._keep(items, draft, key, asks)

    def _keep(self, items: list[Item], draft: mx.MetricDraft, key: str | None, asks: list[str]) -> None:
        try:
            Metric.model_validate(draft.data())
        except ValidationError as exc:
            reason = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
            self.out.unplaced += [Unplaced(i, f"模型读出的指标“{draft.name}”不合法：{reason}") for i in items]
            return
        entry = Entry(items, draft.data(), asks + draft.remarks(), draft.computed)
        if key is None:
            entry.comments.append("? 职能不确定：暂放在 summary；可移到对应职能的 metrics 下")
            self.out.top["summary.metrics"].append(entry)
        else:
            self.out.function(key).metrics.append(entry)


def polish_with_model(
    notes: Notes, section: str, style: str, task: SectionTask, settings: Settings
) -> Polished:
    """One polished sentence per note; a sentence whose numbers differ from its note is sent back."""
    from zongjie.llm import EndpointFailed, InvalidOutput, ask_once
    from zongjie.notes.fidelity import compare

    def check(value: PolishedLines) -> list[str]:
        if len(value.lines) != len(notes.items):
            return [f"输出了{len(value.lines)}条，应为{len(notes.items)}条：每条输入对应一条输出"]
        out = []
        for k, (item, line) in enumerate(zip(notes.items, value.lines, strict=True), 1):
            diff = compare(item.text, line)
            if not diff.ok:
                out.append(f"第{k}条数字与原文不一致：{'；'.join(diff.describe())}")
        return out

    variables = {
        "org": task.report.organization,
        "dept": task.report.department,
        "year": task.report.year,
        "lines": [i.text for i in notes.items],
        "style": style,
    }
    messages = [f"polish: model {settings.model}, section {section}, style {style}"]
    try:
        answer = asyncio.run(
            ask_once(settings, "polish-notes", variables, PolishedLines, check, system="notes-system")
        )
    except (InvalidOutput, EndpointFailed) as exc:
        fallback = polish_offline(notes, section, style, task)
        fallback.messages = [*messages, f"the model's polish was not usable ({exc}); used the offline polish"]
        return fallback
    assert answer.value is not None
    if answer.repaired:
        messages.append(f"repaired after {len(answer.attempts)} attempts")
    text = render(notes, [s.strip() for s in answer.value.lines], section, style)
    problems = verify(notes, text, task)
    return Polished(text, not problems, problems, messages)
