"""One subject: a summary names its own department one way (物业后勤科 throughout, not 物业后勤科 … 后勤科 … 我科).

The department is the facts' (report.department) when the linter has facts, else the one the title names
(阳光花园项目物业后勤科2025年度工作总结). What counts as naming it — the name in full with or without the
organisation, a shorter form of it, 我科/本部门 — is wording.self_mentions, which the offline writer uses too.
Naming it in full first and as 本中心 later, in another paragraph, is ordinary 公文 and passes; a paragraph that
switches between two namings, or a summary with two forms of the name (物业后勤科 and 后勤科) or three namings in
all, is a warning."""

from __future__ import annotations

from collections.abc import Iterator

from zongjie.finding import Finding
from zongjie.lint.document import Block, Section
from zongjie.lint.rules.base import Context, Example, rule, this
from zongjie.text.markdown import marker
from zongjie.wording import Mention, department_in_title, self_mentions

_TITLE = "# 阳光花园项目物业后勤科2025年度工作总结\n\n"


def _who(ctx: Context) -> tuple[str, str]:
    """(organisation, department) the summary is written by: the facts', else the title's."""
    if ctx.facts is not None and ctx.facts.department:
        return ctx.facts.organization, ctx.facts.department
    if ctx.doc.title is not None and ctx.doc.title.heading:
        return department_in_title(ctx.doc.title.heading)
    return "", ""


_CLAUSE_ENDS = "，。；！？：,;!?:\n"
# What may stand between a clause's start and the department acting in it: 由后勤科牵头, 本项目物业后勤科….
_LEADS = ("", "由", "并由", "均由", "本", "我")


def _subject(text: str, m: Mention) -> bool:
    """The mention opens its clause (后勤科25分钟内启动预案, 对此，我科…), so it is who acts there; a name after
    责任人为 or inside a longer phrase (会同后勤科) is not the paragraph's subject."""
    start = max(text.rfind(c, 0, m.start) for c in _CLAUSE_ENDS) + 1
    lead = text[start : m.start]
    if start == 0:
        lead = lead[len(marker(lead + m.written)[1]) :]
    return lead.strip(" \t\u3000*#>") in _LEADS


def _forms(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.form for m in mentions))


def _quoted(forms: list[str]) -> str:
    return "".join(f"“{f}”" for f in forms)


@rule(
    "department-name",
    "warning",
    "对本部门的称呼前后不一：同一段里换了说法（物业后勤科……后勤科……我科），或全文用了两种名称、三种以上叫法。"
    "一段一个主语，全文统一用一个名称（先写全称、后文称“本中心”等不在同一段的，不算）。",
    examples=[
        Example(
            _TITLE + "2025年，阳光花园项目物业后勤科完成设备巡检1248次。后勤科在岗员工46人。\n", True, whole=True
        ),
        Example("我科全年完成设备巡检1248次；本部门还承担了园区绿化养护。", True),
        Example(
            _TITLE + "2025年，物业后勤科完成设备巡检1248次。\n\n对此，后勤科立即组织抢修。\n\n"
            "2026年，我科将重点做好以下工作。\n",
            True,
            whole=True,
        ),
        Example(
            _TITLE + "2025年，阳光花园项目物业后勤科完成设备巡检1248次。物业后勤科在岗员工46人。\n\n"
            "对此，物业后勤科立即组织抢修，2小时内恢复供电。\n",
            False,
            whole=True,
        ),
        Example(
            "# 翠湖苑物业服务中心2025年度工作总结\n\n翠湖苑物业服务中心服务住户640户。\n\n"
            "本中心现有员工12人，其中保安4人。\n",
            False,
            whole=True,
        ),
        Example(
            _TITLE + "2025年，物业后勤科会同保卫科、一站式服务中心完成消防演练6次，我们全程参与。\n",
            False,
            whole=True,
        ),
        Example("全年完成设备巡检1248次，维修及时率97.6%。", False),
    ],
)
def department_name(ctx: Context) -> Iterator[Finding]:
    organization, department = _who(ctx)
    found: list[tuple[Section, Block, Mention]] = []
    flagged: set[int] = set()
    for s in ctx.doc.sections:
        if s.kind == "title":
            continue
        for b in s.body:
            mentions = [m for m in self_mentions(b.text, department, organization) if _subject(b.text, m)]
            found += [(s, b, m) for m in mentions]
            forms = _forms(mentions)
            if len(forms) < 2:
                continue
            switch = next(m for m in mentions if m.form != forms[0])
            flagged.add(id(b))
            yield ctx.finding(
                this("department-name"),
                f"同一段里对本部门换了称呼（{_quoted(forms)}）：一段一个主语，"
                f"统一写作“{department or forms[0]}”",
                b.start + switch.start,
                switch.written,
                section=s.id,
                suggestion=f"统一写作“{department or forms[0]}”",
            )
    mentions = [m for _, _, m in found]
    names = _forms([m for m in mentions if not m.pronoun])
    forms = _forms(mentions)
    if len(names) < 2 and len(forms) < 3:
        return
    # The naming the summary uses most is its choice; the others are pointed at (a tie goes to the facts').
    count = {f: sum(m.form == f for m in mentions) for f in forms}
    main = max(forms, key=lambda f: (count[f], f == department))
    for s, b, m in found:
        if m.form != main and id(b) not in flagged:
            yield ctx.finding(
                this("department-name"),
                f"全文对本部门有{len(forms)}种称呼（{_quoted(forms)}）：统一写作“{main}”",
                b.start + m.start,
                m.written,
                section=s.id,
                suggestion=f"统一写作“{main}”",
            )
            return
