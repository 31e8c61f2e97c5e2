"""Which 职能 or section a note belongs to: by the heading it sits under, by a label (问题：), or by the
profile's function names, indicator names and keywords. Ties are reported, never settled silently."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from zongjie.notes.parse import Heading, Item, Notes
from zongjie.notes.patterns import FUNCTION_LABEL
from zongjie.profiles import FunctionSpec, Indicator, Profile

SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("plans", ("计划", "打算", "明年", "下一年", "来年", "下一步", "思路", "下学期", "下一学期", "新学年")),
    ("problems", ("问题", "不足", "短板", "困难")),
    ("highlights", ("亮点", "创新", "特色")),
    ("lessons", ("经验", "体会", "启示", "心得")),
    ("team", ("团队", "队伍", "人员", "培训", "人才")),
    ("summary", ("总体", "概况", "基本情况", "综述", "总述")),
)
LABEL = re.compile(
    r"^(?P<label>问题|不足|短板|计划|明年计划|明年|下学期|下一学期|新学年|亮点|创新|经验|体会|启示|培训|团队|概况|总体情况|总体)[:：]\s*"
)
TEAM_WORDS = ("培训", "持证", "证书", "师带徒", "员工", "人才", "队伍", "团队", "招聘", "流失率", "技能")
SUMMARY_WORDS = ("在岗", "员工", "住户", "户数", "栋", "服务面积", "建筑面积", "满意度", "投诉")


@dataclass(frozen=True)
class FunctionMatch:
    key: str | None  # best function, or None when nothing matched
    others: list[str]  # functions that scored the same (a question for the user)
    indicator: Indicator | None = None


def section_of_label(label: str) -> str:
    for section, words in SECTION_WORDS:
        if any(w in label for w in words):
            return section
    return "summary"


def section_of_heading(heading: str, profile: Profile) -> str | None:
    """ "plans", "problems", … or "function:<key>" for a heading; None for headings like 其他."""
    for section, words in SECTION_WORDS:
        if any(w in heading for w in words):
            return section
    found = match_function(heading, profile)
    if found.key is not None and not found.others:
        return f"function:{found.key}"
    key = function_of_parts(heading, profile)
    return f"function:{key}" if key else None


# 保洁/环境, 保洁、环境, 安保＆消防: a heading that names one 职能 in several words.
_PART_SEP = re.compile(r"\s*[/／、&＆+＋]\s*")
_NAMED, _IN_NAME, _KEYWORD = 100, 50, 10


def _part_score(part: str, spec: FunctionSpec) -> int:
    """A word's weight for one function: named by it, part of its name (环境 in 环境与绿化), plus a keyword
    (安全 is in 食品安全 and 安全保障 alike, but a keyword of the security function only)."""
    names = [spec.name, *spec.aliases]
    score = _KEYWORD if part in spec.keywords else 0
    if part in names or part == spec.key:
        return score + _NAMED
    if len(part) >= 2 and any(part in n for n in names):
        return score + _IN_NAME
    return score


def function_of_parts(heading: str, profile: Profile, *, strict: bool = False) -> str | None:
    """The one function a heading's words name, each word scored against every function's name, aliases
    and keywords. `strict`: every word must name some function, and a one-word heading must be a name or
    part of one (used for lines that are not marked as headings)."""
    parts = [p for p in _PART_SEP.split(heading.strip().rstrip("：:")) if p]
    totals: dict[str, int] = {}
    for part in parts:
        scores = {spec.key: _part_score(part, spec) for spec in profile.functions}
        best = max(scores.values(), default=0)
        if strict and best < (_IN_NAME if len(parts) == 1 else _KEYWORD):
            return None
        for key, score in scores.items():
            totals[key] = totals.get(key, 0) + score
    top = max(totals.values(), default=0)
    winners = [k for k, v in totals.items() if v == top]
    return winners[0] if top and len(winners) == 1 else None


# A line that is only such words (保洁/环境, 安全：) reads as a subheading, bullet or not.
HEADING_LINE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:\s*[/／、&＆+＋]\s*[\u4e00-\u9fff]{2,8})*\s*[:：]?$")


def function_label(text: str, profile: Profile) -> tuple[str, str] | None:
    """(function key, the note without its label) for 安全：演练6次; None when the label names no one 职能
    (a label shared by several, 消防：…, stays in the text for the usual matching; metric_name drops it)."""
    m = FUNCTION_LABEL.match(text)
    if m is None:
        return None
    label = m.group("label")
    key = function_of_parts(label, profile, strict=True)
    if key is None:
        found = match_function(label, profile)
        key = found.key if found.key and not found.others else None
    return (key, text[m.end() :]) if key else None


def promote_headings(notes: Notes, profile: Profile) -> Notes:
    """Lines that only name a 职能 (a bare "保洁/环境" in a .txt, a "- 安全" bullet) become headings: the
    notes after them, up to the next heading, belong to that 职能."""
    items: list[Item] = []
    headings = list(notes.headings)
    renamed: tuple[str | None, str] | None = None  # (heading the parser gave, the promoted one)
    for item in notes.items:
        if renamed and item.heading != renamed[0]:
            renamed = None
        under = section_of_heading(item.heading, profile) if item.heading else None
        if (
            HEADING_LINE.match(item.text)
            and (under is None or under.startswith("function:"))
            and function_of_parts(item.text, profile, strict=True)
        ):
            text = item.text.rstrip("：: ")
            headings.append(Heading(item.line, text, 3))
            renamed = (item.heading, text)
            continue
        items.append(replace(item, heading=renamed[1]) if renamed else item)
    if len(headings) == len(notes.headings):
        return notes
    return replace(notes, items=items, headings=sorted(headings, key=lambda h: h.line))


def _names(spec: FunctionSpec) -> list[str]:
    return [spec.name, *spec.aliases, spec.key]


def indicator_of(metric_name: str, spec: FunctionSpec) -> tuple[int, Indicator | None]:
    """The longest indicator name or alias the metric name contains (or equals)."""
    best: tuple[int, Indicator | None] = (0, None)
    for ind in spec.indicators:
        for alias in (ind.name, *ind.aliases):
            if len(alias) >= 2 and (alias in metric_name or metric_name == alias) and len(alias) > best[0]:
                best = (len(alias), ind)
    return best


def match_function(text: str, profile: Profile, metric_name: str | None = None) -> FunctionMatch:
    """Scores every function: indicator and function names weigh ten times a keyword."""
    scores: dict[str, tuple[int, Indicator | None]] = {}
    for spec in profile.functions:
        size, ind = indicator_of(metric_name, spec) if metric_name else (0, None)
        score = size * 10
        score += 10 * max((len(n) for n in _names(spec) if len(n) >= 2 and n in text), default=0)
        score += sum(1 for k in spec.keywords if k in text)
        if score:
            scores[spec.key] = (score, ind)
    if not scores:
        return FunctionMatch(None, [])
    top = max(s for s, _ in scores.values())
    best = [k for k in profile.keys if k in scores and scores[k][0] == top]
    return FunctionMatch(best[0], best[1:], scores[best[0]][1])


def describe(key: str, profile: Profile) -> str:
    spec = profile.function(key)
    return f"{key}（{spec.name}）" if spec else key


def tie(key: str, others: list[str], profile: Profile) -> str:
    """The question for a note that fits several 职能 equally well."""
    alts = "、".join(describe(k, profile) for k in others)
    return f"? 职能不确定：暂归入 {describe(key, profile)}，也可能是 {alts}"
