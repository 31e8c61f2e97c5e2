"""The offline polish and the checks every polish passes: bullets → 公文 sentences for one section, rendered
into paragraphs; the output's numbers compared with the notes' and the prose linted (`verify`). The model path
(notes/llm.py) renders and verifies with the same functions; notes/polish.py chooses between the two."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from zongjie.errors import BadInput
from zongjie.facts.model import Report
from zongjie.lint.api import lint_section
from zongjie.notes import patterns
from zongjie.notes.fidelity import compare
from zongjie.notes.match import match_function
from zongjie.notes.parse import Item, Notes
from zongjie.plan.task import SectionKind, SectionTask, TextFact
from zongjie.profiles import Profile
from zongjie.skeleton import HEADINGS, ORDER
from zongjie.text import NUMBER
from zongjie.writer.offline.items import LESSON_INTROS, PROBLEM_INTROS, cause_sentence, measure_sentence
from zongjie.writer.offline.phrases import CONNECTORS, Prose, clean, end, punctuate

STYLES = ("正式", "简洁")
_NUMBERED = ("problems", "lessons", "plans", "highlights")
# Spoken note wording → 公文 wording. Only connective words change; numbers and names never do.
_N = rf"(?={NUMBER})"  # the rewrite applies only before a figure (比去年多了12次, not 比去年多了一些)
_REWRITES: tuple[tuple[str, str], ...] = (
    (r"^(?:今年|本年度|这一年)(?:我们|我科|我组)?", "全年"),
    (rf"(?:比|较)(?:去年|上年)(?:同期)?(?:多了?|增加了?){_N}", "较上年增加"),
    (rf"(?:比|较)(?:去年|上年)(?:同期)?(?:少了?|减少了?){_N}", "较上年减少"),
    (rf"(?:比|较)(?:去年|上年)(?:同期)?(?:提高了?|提升了?|上升了?){_N}", "较上年提高"),
    (rf"(?:比|较)(?:去年|上年)(?:同期)?(?:下降了?|降低了?){_N}", "较上年下降"),
    (rf"(?<![较比])去年(?:是|为|有)?{_N}", "上年为"),
    (r"(?<![较比])去年", "上年"),
    (rf"做了{_N}", "完成"),
    (r"一共|总共", "共"),
    (r"搞了", "开展了"),
    (r"(^|，)我们", r"\1"),
    (r"^(.{1,6}?)这块，", r"\1方面，"),
)
# 保洁合格率98%: a rate and its figure with nothing between get 为 (the name holds no figure of its own).
_BARE_PERCENT = re.compile(rf"^(?P<name>[^，]{{2,12}}?率)(?P<num>{NUMBER}%)$")
# 原因：… / 措施：… under a problem (or 负责人：… under a plan) belong to the item before them.
_SUB = re.compile(
    r"^(?P<label>主要原因|原因|整改措施|措施|对策|下一步|负责人|责任人|完成时限|时限)[:：]\s*(?P<rest>.+)$"
)
_FORWARD = ("将", "拟", "下一步", "计划", "争取", "力争", "明年", "年内", "继续")
# 简洁 drops what a terse line does without: the year-long frame and connectors between sentences.
_TERSE = ((rf"^全年(?!{NUMBER}|，|$)", ""), (r"^(?:同时|此外|另外|并且|而且|与此同时)，?", ""))
_MERGE_UP_TO = 40  # 简洁 merges sentences this short (characters) into one, clauses joined with ；


@dataclass
class Polished:
    text: str
    ok: bool
    problems: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def smooth(text: str) -> str:
    """One note as one 公文 sentence: spoken connectives replaced, 率 given a verb, 。 at the end."""
    out = clean(text)
    for pattern, repl in _REWRITES:
        out = re.sub(pattern, repl, out)
    m = _BARE_PERCENT.match(out)
    if m:
        out = f"{m.group('name')}为{m.group('num')}"
    return end(out.strip("，") or clean(text))


def content_free(text: str) -> bool:
    """A line that says nothing on its own (完成。/ 正常 / 没完成): flagged and left out, never padded."""
    return patterns.content_free(clean(text))


def usable(notes: Notes) -> tuple[Notes, list[str]]:
    """The notes without content-free lines, and one message per line left out."""
    keep = [i for i in notes.items if not content_free(i.text)]
    messages = [
        f"polish: L{i.line} “{i.text}” says nothing on its own (what was done, how much?); "
        "left out of the prose — write the content into the notes"
        for i in notes.items
        if content_free(i.text)
    ]
    if not keep:
        raise BadInput(f"{notes.source}: nothing to polish — every note is content-free (e.g. “完成”)")
    return replace(notes, items=keep), messages


def sub_label(text: str) -> re.Match[str] | None:
    return _SUB.match(clean(text))


def _sub_sentence(m: re.Match[str], style: str) -> str:
    label, rest = m.group("label"), clean(m.group("rest"))
    if style == "简洁":
        return end(f"{label}：{rest}")
    if label in ("主要原因", "原因"):
        said = cause_sentence(rest)
        return end(f"主要原因是{rest}" if said.startswith("究其原因") else said)
    if label in ("整改措施", "措施", "对策", "下一步"):
        return end(rest if rest.startswith(_FORWARD) else measure_sentence(rest))
    return end(f"{'责任人' if label in ('负责人', '责任人') else '完成时限'}：{rest}")


def sentence(text: str, section: str, style: str) -> str:
    """The offline sentence for one note in the given style."""
    sub = sub_label(text)
    if sub and section in _NUMBERED:
        return _sub_sentence(sub, style)
    out = smooth(text)
    if style == "简洁":
        for pattern, repl in _TERSE:
            out = re.sub(pattern, repl, out) or out
    return out


def _groups(notes: Notes) -> list[list[Item]]:
    """Notes under one heading form one paragraph; without headings, a blank line or a change of line."""
    groups: list[list[Item]] = []
    last: tuple[str | None, int] | None = None
    for item in notes.items:
        key = (item.heading, 0 if item.heading else item.line)
        if (notes.headings and last is not None and key[0] == last[0]) or (
            not notes.headings and groups and _same_paragraph(notes, groups[-1][-1], item)
        ):
            groups[-1].append(item)
        else:
            groups.append([item])
        last = key
    return groups


def _same_paragraph(notes: Notes, prev: Item, item: Item) -> bool:
    lines = notes.text.splitlines()
    between = lines[prev.line : item.line - 1]
    return prev.line == item.line or (item.line - prev.line == 1) or not any(not x.strip() for x in between)


def _merge(parts: list[str]) -> str:
    """简洁: short sentences run together as clauses of one sentence (；), long ones stay apart."""
    out: list[str] = []
    for part in parts:
        body = part.rstrip("。")
        if out and len(out[-1]) + len(body) <= _MERGE_UP_TO and "。" not in body and "。" not in out[-1]:
            out[-1] = f"{out[-1]}；{body}"
        else:
            out.append(body)
    return "".join(end(o) for o in out)


def _connected(parts: list[str], prose: Prose) -> list[str]:
    """正式: every second sentence of a paragraph opens with a connector (varied; one on every sentence
    would read as 套话), so the paragraph reads as one account rather than a list."""
    out = []
    for k, part in enumerate(parts):
        linked = k % 2 == 1 and not part.startswith(tuple(CONNECTORS))
        out.append(prose.note(prose.pick([c + part for c in CONNECTORS] if linked else [part])))
    return out


def _entries(notes: Notes, sentences: list[str]) -> list[list[str]]:
    """Numbered items: one per note, with 原因：/措施：/负责人： lines joined to the item before them."""
    entries: list[list[str]] = []
    for item, text in zip(notes.items, sentences, strict=True):
        if entries and sub_label(item.text):
            entries[-1].append(text)
        else:
            entries.append([text])
    return entries


def render(notes: Notes, sentences: list[str], section: str, style: str) -> str:
    """Sentences (one per note item, in order) into paragraphs; numbered items for list sections."""
    prose = Prose()
    if section in _NUMBERED:
        entries = _entries(notes, sentences)
        if style == "简洁":
            return "\n\n".join(f"{n}. {_merge(e)}" for n, e in enumerate(entries, 1))
        intro = {
            "problems": PROBLEM_INTROS[0],
            "lessons": LESSON_INTROS[0],
            "plans": "下一年度重点做好以下工作：",
        }.get(section)
        items = [f"{n}. {prose.note(''.join(e))}" for n, e in enumerate(entries, 1)]
        return "\n\n".join([prose.note(intro), *items] if intro else items)
    by_item = dict(zip(((i.line, i.text) for i in notes.items), sentences, strict=True))
    paragraphs = []
    for group in _groups(notes):
        parts = [by_item[(i.line, i.text)] for i in group]
        paragraphs.append("".join(_connected(parts, prose) if style == "正式" else [_merge(parts)]))
    return "\n\n".join(paragraphs)


def section_task(notes: Notes, section: str, profile: Profile, year: int) -> SectionTask:
    """The section the prose is for, carrying the notes as its facts, so the linter judges it like a draft."""
    texts = [TextFact(id=f"notes.L{i.line}", text=i.text) for i in notes.items]
    report = Report(organization="本单位", department=profile.department, profile=profile.id, year=year)
    key = section.removeprefix("review-") if section.startswith("review-") else None
    spec = profile.function(key) if key else None
    kind: SectionKind = "function" if key else "lessons" if section == "lessons" else "preface"
    return SectionTask(
        id=section,
        kind=kind,
        heading=(spec.name if spec else section) if key else HEADINGS.get(section, section),
        level=3 if key else 2,
        group="review" if key else None,
        report=report,
        profile_name=profile.name,
        served=profile.served,
        function_key=key,
        work=texts if key else [],
        lessons=texts if kind == "lessons" else [],
        notes=texts if not key and kind != "lessons" else [],
    )


def known_sections(profile: Profile) -> list[str]:
    """The sections prose can be polished for: the skeleton's, one per 职能 for the review; the title and the
    closing are written from the rest, never from notes."""
    out: list[str] = []
    for part in ORDER:
        if part == "review":
            out += [f"review-{k}" for k in profile.keys]
        elif part not in ("title", "closing"):
            out.append(part)
    return out


def guess_section(notes: Notes, profile: Profile) -> str:
    """The function most notes belong to, else 前言 (a general paragraph)."""
    counts: dict[str, int] = {}
    for item in notes.items:
        key = match_function(item.text, profile).key
        if key:
            counts[key] = counts.get(key, 0) + 1
    return f"review-{max(counts, key=lambda k: counts[k])}" if counts else "preface"


def verify(notes: Notes, text: str, task: SectionTask) -> list[str]:
    source = "\n".join(i.text for i in notes.items)
    problems = compare(source, text).describe()
    problems += [
        f"lint {f.rule}: {f.message}" + (f"「{f.excerpt}」" if f.excerpt else "")
        for f in lint_section(task, text)
        if f.is_error
    ]
    return problems


def failure(problems: list[str]) -> str:
    """What went wrong, in one line: changed numbers, or the lint rules the prose breaks."""
    reasons = []
    if any(not p.startswith("lint ") for p in problems):
        reasons.append("the numbers in the prose do not match the notes")
    rules = sorted({p.split(":", 1)[0].removeprefix("lint ") for p in problems if p.startswith("lint ")})
    if rules:
        reasons.append(f"the prose breaks lint rule{'s' if len(rules) > 1 else ''} {', '.join(rules)}")
    return "; ".join(reasons) or "unknown"


def polish_offline(notes: Notes, section: str, style: str, task: SectionTask) -> Polished:
    text = punctuate(render(notes, [sentence(i.text, section, style) for i in notes.items], section, style))
    problems = verify(notes, text, task)
    return Polished(text, not problems, problems, [f"polish: offline, section {section}, style {style}"])
