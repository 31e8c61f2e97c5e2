"""Words the project reads and writes in more than one place: the verbs of a change (增长/下降…), and how a
plan names its owner (责任人) and its deadline (6月底前). One vocabulary, so the linter, the notes reader and
the offline writer agree on what counts as a trend, an owner or a time limit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from zongjie.text import dates
from zongjie.text.words import literal_alternation, words

# The lists are data files under text/lexicon/ (up_by.txt …).
# A change by an amount: 同比增长13.2%, 较上年减少4起.
UP_BY: tuple[str, ...] = words("up_by")
DOWN_BY: tuple[str, ...] = words("down_by")
# Words before a figure that make it a change (同比下降100%, 较上年减少1次), not one of the metric's figures;
# 提升至/降为 give the new level, which is a figure. A regex source, for rules to search with or build on.
CHANGE_BEFORE = r"同比|环比|较|比|(?:" + literal_alternation(UP_BY + DOWN_BY) + r")(?![至到为])"
# A change to a level: 由7起降至3起.
UP_TO: tuple[str, ...] = words("up_to")
DOWN_TO: tuple[str, ...] = words("down_to")
UP: tuple[str, ...] = UP_BY + UP_TO
DOWN: tuple[str, ...] = DOWN_BY + DOWN_TO

# Who is responsible: 责任人为工程主管李明 / 牵头人：赵敏 / 由环境主管赵敏负责. The name is group 1 or 2.
OWNER_LABELS: tuple[str, ...] = words("owner_labels")
OWNER_LABEL = "|".join(OWNER_LABELS)
OWNER = re.compile(
    rf"(?:{OWNER_LABEL}|牵头)(?:为|是|：|:)?\s*([^，。；、,;)）\s]{{2,16}})|由([^，。；,;]{{2,16}}?)(?:牵头)?负责"
)

# When a plan is due (2026年6月底, 3个月内, 2026年起) is a date form: text.dates defines it; the names stay
# here for the rules and grammars that build on them.
WHEN = dates.WHEN
DEADLINE = dates.DEADLINE

NONE_HAPPENED = ("未发生", "没有发生", "未出现", "没有出现")


def zero_said(text: str, name: str) -> bool:
    """The text says that the thing a zero count counts did not happen: 全年未发生安全事故 (安全事故 0起),
    连续两年未发生食品安全事故, 未发生电梯困人事件."""
    start = text.find(name)
    while start >= 0:
        before = re.split(r"[，。；,;！？]", text[max(0, start - 8) : start])[-1]
        if any(w in before for w in NONE_HAPPENED):
            return True
        start = text.find(name, start + 1)
    return False


# ---- How a summary names its own department (one subject, written one way) ----
# Where an organisation's name ends and a department's begins: 明德中学|后勤处, 阳光花园项目|物业后勤科.
_ORG_ENDS = "院校学司区园目局委厅馆心团所厂场"
# What a department's name ends with (a title's last words before the year name the department).
_UNIT_ENDS = ("科", "部", "处", "中心", "组", "室", "站", "队", "办", "班", "股")
# Characters that may stand right before a mention of the department: 由后勤科牵头, 对此，后勤科…, 本项目物业后勤科.
# After any other 汉字 the name is part of another word (一站式服务中心 is not the 后勤服务中心, 医疗保障部 not the
# 后勤保障部), except after the end of an organisation's name (…小区物业服务中心后勤组).
# A time word may stand right before it too (暑假期间总务处…, 7月后勤科…, 当晚服务中心…).
_BEFORE_NAME = "由在对经为是和与及同向让请使将被把从给年度此的并即本我间天晚时后前来月日季期" + _ORG_ENDS
_NOT_PRONOUN_AFTER = {"我处": "理置罚"}  # 我处理了… is 我 handling something


@dataclass(frozen=True)
class Mention:
    """One place where a text names its own department: `written` as in the text, `form` how it names it —
    the department's name when written in full (with or without the organisation in front), else as written
    (后勤科 for 物业后勤科, 我科, 本部门)."""

    start: int
    end: int
    written: str
    form: str
    pronoun: bool


def department_in_title(title: str) -> tuple[str, str]:
    """(organisation, department) read from a title: 阳光花园项目物业后勤科2025年度工作总结 → (阳光花园项目,
    物业后勤科); ("", "") when the title names no department (2025年度后勤工作总结)."""
    from zongjie.text import extract

    text = title
    for q in sorted((q for q in extract(text) if q.kind == "year"), key=lambda q: -q.start):
        text = text[: q.start] + " " + text[q.end :]
    name = ""
    for part in re.split(r"[^\u4e00-\u9fff]+", text):  # runs of 汉字: 20__年度 and xx小区 leave words
        part = part.removeprefix("年").removeprefix("度")
        for tail in ("工作总结报告", "工作总结", "年终总结", "总结报告", "总结", "工作"):
            part = part.removesuffix(tail)
        part = part.removesuffix("年度").removesuffix("年")
        if part.endswith(_UNIT_ENDS):
            name = part
    if len(name) < 3:
        return "", ""
    cut = max((i + 1 for i, c in enumerate(name[:-3]) if c in _ORG_ENDS), default=0)
    return name[:cut], name[cut:]


def self_mentions(text: str, department: str, organization: str = "") -> list[Mention]:
    """Every place `text` names its own department: by its name or a shorter form of it (后勤科 for 物业后勤科),
    with or without the organisation, or by a word such as 我科/本部门 (text/lexicon/self_names.txt)."""
    pattern, pronouns = _self_pattern(department, organization)
    out: list[Mention] = []
    for m in pattern.finditer(text):
        written, start = m.group(), m.start()
        before = text[start - 1] if start else ""
        if written in pronouns:
            after = text[m.end() : m.end() + 1]
            if before == "自" or (after and after in _NOT_PRONOUN_AFTER.get(written, "")):
                continue
            out.append(Mention(start, m.end(), written, written, True))
            continue
        if before and "\u4e00" <= before <= "\u9fff" and before not in _BEFORE_NAME:
            continue
        form = department if len(written) >= len(department) else written
        out.append(Mention(start, m.end(), written, form, False))
    return out


def _short_forms(department: str) -> list[str]:
    """The name's head and its unit word, the middle left out: 后勤处 for 后勤管理处, 后勤部 for 后勤保障部, 物业中心
    for 物业服务中心 — a short form clerks use as often as the suffixes (管理处)."""
    unit = next((u for u in _UNIT_ENDS if department.endswith(u)), "")
    middle = department[2 : len(department) - len(unit)]
    if not unit or middle not in _GENERIC_MIDDLES:
        return []  # 总务处, 物业后勤科 (物业科 would be another 科): no generic word in the middle to leave out
    return [department[:2] + unit]


# Words of a department's name that say only what kind of office it is: left out, the name means the same.
_GENERIC_MIDDLES = ("管理", "保障", "服务", "事务", "工作")


@lru_cache(maxsize=32)
def _self_pattern(department: str, organization: str) -> tuple[re.Pattern[str], frozenset[str]]:
    full = f"{organization}{department}" if department else ""
    names = {full[i:] for i in range(len(full) - 2)} | set(_short_forms(department))
    pronouns = frozenset(words("self_names"))
    return re.compile(literal_alternation(names | pronouns)), pronouns


def name_department(text: str, department: str, organization: str = "") -> str:
    """`text` with every other way of naming its own department (后勤科, 我科, 本部门) written as `department`,
    so a draft has one subject throughout; the name in full (with the organisation or not) stays as written."""
    if not department:
        return text
    out, at = [], 0
    for m in self_mentions(text, department, organization):
        if m.form != department:
            out += [text[at : m.start], department]
            at = m.end
    return "".join(out) + text[at:] if out else text
