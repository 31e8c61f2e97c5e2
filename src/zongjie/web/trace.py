"""A section as the review page shows it: Markdown rendered to HTML where every number that traces to a
fact carries that fact (shown on hover or tap) and every finding is marked where it is, with its message
and suggestion. The tracing is the linter's own (the section's allowed quantities and `states`)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from zongjie.finding import Finding
from zongjie.lint.factset import Allowed, claims, states, task_quantities
from zongjie.plan.task import MetricFact, SectionTask
from zongjie.text.markdown import marker

FIGURE_WORDS = {
    "value": "本年",
    "previous": "上年",
    "target": "目标",
    "change": "较上年变化",
    "yoy": "同比",
    "pp": "百分点变化",
    "completion": "目标完成率",
    "target_gap": "与目标相差",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    tip: str
    kind: str  # "num" or "finding error|warning|info"


def _label(a: Allowed, metrics: dict[str, MetricFact], task: SectionTask) -> str:
    owner, _, figure = a.source.rpartition(".")
    mf = metrics.get(owner)
    if mf is not None and figure in FIGURE_WORDS:
        return f"{FIGURE_WORDS[figure]} · {mf.line()}（事实 {mf.id}）"
    if a.source == "report.year":
        return "报告年度（report.year）"
    plan = next((p for p in task.plans if a.source == f"{p.id}.target"), None)
    if plan is not None and plan.plan.target is not None:
        t = plan.plan.target
        return f"计划目标值 · {plan.plan.goal}：{t.name} {a.value.normalize():f}{t.unit}（事实 {plan.id}）"
    return f"出自事实 {a.source}：{a.where}" if a.where else f"事实 {a.source}"


def number_spans(text: str, task: SectionTask) -> list[Span]:
    """Each claimed number in `text` that a fact of the section states, with the fact it traces to."""
    allowed = task_quantities(task)
    # Metric figures first: a number that is both a figure and part of a note is shown as the figure.
    allowed.sort(key=lambda a: a.text)
    metrics = {m.id: m for m in task.all_metrics()}
    out = []
    for q in claims(text):
        source = next((a for a in allowed if states(q, a.value, a.unit)), None)
        if source is not None:
            out.append(Span(q.start, q.end, _label(source, metrics, task), "num"))
    return out


def finding_spans(text: str, body_start: int, findings: list[Finding]) -> tuple[list[Span], list[Finding]]:
    """Findings placed at their excerpt in the body (the line/column they carry count from the body's
    start); those with nothing to point at are returned to be listed above the section."""
    placed: list[Span] = []
    loose: list[Finding] = []
    lines_start = [body_start]
    body = text[body_start:]
    for n, ch in enumerate(body):
        if ch == "\n":
            lines_start.append(body_start + n + 1)
    for f in findings:
        at = -1
        if f.excerpt:
            if f.line and f.column and f.line <= len(lines_start):
                guess = lines_start[f.line - 1] + f.column - 1
                if text.startswith(f.excerpt, guess):
                    at = guess
            if at < 0:
                at = text.find(f.excerpt, body_start)
        overlaps = any(s.start < at + len(f.excerpt or "") and at < s.end for s in placed)
        if at < 0 or not f.excerpt or overlaps:
            loose.append(f)
            continue
        tip = f.message + (f"；建议：{f.suggestion}" if f.suggestion else "")
        placed.append(Span(at, at + len(f.excerpt), tip, f"finding {f.severity}"))
    return placed, loose


def _numbers(text: str, a: int, b: int, nums: list[Span]) -> str:
    out, pos = [], a
    for s in nums:
        if s.start < a or s.end > b:
            continue
        out.append(escape(text[pos : s.start]))
        out.append(
            Markup(
                '<span class="num" tabindex="0">{}<span class="tip" role="tooltip">{}</span></span>'
            ).format(text[s.start : s.end], s.tip)
        )
        pos = s.end
    out.append(escape(text[pos:b]))
    return "".join(out)


def inline(text: str, a: int, b: int, nums: list[Span], marks: list[Span]) -> str:
    """text[a:b] as HTML: findings as <mark> around their excerpt, numbers inside or outside them."""
    out, pos = [], a
    for m in marks:
        if m.start < a or m.end > b:
            continue
        out.append(_numbers(text, pos, m.start, nums))
        inner = _numbers(text, m.start, m.end, nums)
        out.append(
            Markup(
                '<mark class="{}" tabindex="0">{}<span class="tip" role="tooltip">{}</span></mark>'
            ).format(m.kind, Markup(inner), m.tip)
        )
        pos = m.end
    out.append(_numbers(text, pos, b, nums))
    return "".join(out)


def body_start(text: str, level: int) -> int:
    """Where the body begins in a section file: after its heading line and the blank lines after it."""
    if level <= 0 or not text.startswith("#"):
        return 0
    end = text.find("\n")
    if end < 0:
        return len(text)
    while end < len(text) and text[end] in "\n \t":
        end += 1
    return end


def render_section(
    text: str, task: SectionTask | None, findings: list[Finding], *, level: int, heading: bool = True
) -> Markup:
    """The section file as HTML (headings, paragraphs, lists) with traced numbers and marked findings;
    without its heading line when the page shows the heading already (and the title section then shows
    nothing more)."""
    start = body_start(text, level)
    nums = number_spans(text, task) if task is not None else []
    marks, loose = finding_spans(text, start, findings)
    nums = [
        n
        for n in nums
        if not any(
            m.start < n.end and n.start < m.end and not (m.start <= n.start and n.end <= m.end) for m in marks
        )
    ]
    html: list[str] = []
    if loose:
        items = "".join(
            Markup('<li class="{}">{}{}</li>').format(
                f.severity, f.message, f"（建议：{f.suggestion}）" if f.suggestion else ""
            )
            for f in loose
        )
        html.append(Markup('<ul class="loose">{}</ul>').format(Markup(items)))
    in_list = False
    pos = 0
    for line in text.splitlines(keepends=True):
        a, b = pos, pos + len(line.rstrip("\n"))
        pos += len(line)
        stripped = line.strip()
        style, mark = marker(stripped)
        is_item = style in (
            "bullet",
            "number",
            "circled",
        )  # 一、/（一） lines are sub-headings, kept as paragraphs
        if in_list and not is_item:
            html.append("</ul>")
            in_list = False
        if not stripped:
            continue
        if stripped.startswith("#") and not heading and a < start:
            continue
        if stripped.startswith("#"):
            depth = min(len(stripped) - len(stripped.lstrip("#")), 4)
            head_at = text.index(stripped.lstrip("#").strip(), a)
            html.append(f"<h{depth + 1}>{inline(text, head_at, b, nums, marks)}</h{depth + 1}>")
        elif is_item:
            if not in_list:
                html.append("<ul>")
                in_list = True
            item_at = a + len(line) - len(line.lstrip()) + (len(mark) if style == "bullet" else 0)
            html.append(f"<li>{inline(text, item_at, b, nums, marks)}</li>")
        else:
            html.append(f"<p>{inline(text, a, b, nums, marks)}</p>")
    if in_list:
        html.append("</ul>")
    return Markup("\n".join(html))
