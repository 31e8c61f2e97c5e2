"""Which 职能 or section a note belongs to: by the heading it sits under, by a label (问题：), or by the
profile's function names, indicator names and keywords. Ties are reported, never settled silently."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zongjie.profiles import FunctionSpec, Indicator, Profile

SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("plans", ("计划", "打算", "明年", "下一年", "来年", "下一步", "思路")),
    ("problems", ("问题", "不足", "短板", "困难")),
    ("highlights", ("亮点", "创新", "特色")),
    ("lessons", ("经验", "体会", "启示", "心得")),
    ("team", ("团队", "队伍", "人员", "培训", "人才")),
    ("summary", ("总体", "概况", "基本情况", "综述", "总述")),
)
LABEL = re.compile(
    r"^(?P<label>问题|不足|短板|计划|明年计划|明年|亮点|创新|经验|体会|启示|培训|团队|概况|总体情况|总体)[:：]\s*"
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
    return None


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
