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
from zongjie.text.dates import opening_time
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
_AFTER_TIME = ("期间", "以来", "当天", "当晚", "当日", "时", "后", "前", "中", "内")


def _subject(text: str, m: Mention) -> bool:
    """The mention opens its clause (后勤科25分钟内启动预案, 对此，我科…), so it is who acts there; a name after
    责任人为 or inside a longer phrase (会同后勤科) is not the paragraph's subject."""
    start = max(text.rfind(c, 0, m.start) for c in _CLAUSE_ENDS) + 1
    lead = text[start : m.start]
    if start == 0:
        lead = lead[len(marker(lead + m.written)[1]) :]
    lead = lead.strip(" \t\u3000*#>")
    if lead in _LEADS:
        return True
    for tail in _AFTER_TIME:  # 暑假期间总务处完成…, 7月后勤科…: a time word, then who acted
        lead = lead.removesuffix(tail)
    return bool(lead) and opening_time(lead) == lead


def _forms(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.form for m in mentions))


def _quoted(forms: list[str]) -> str:
    return "".join(f"“{f}”" for f in forms)


def _finding(ctx: Context, said: str, main: str, s: Section, b: Block, m: Mention) -> Finding:
    return ctx.finding(
        this("department-name"),
        f"{said}，统一写作“{main}”",
        b.start + m.start,
        m.written,
        section=s.id,
        suggestion=f"统一写作“{main}”",
    )


@rule(
    "department-name",
    "warning",
    "对本部门的称呼前后不一：同一段里换了说法（物业后勤科……后勤科……我科），或全文用了两种名称、三种以上叫法。"
    "一段一个主语，全文统一用一个名称（先写全称、后文称“本中心”等不在同一段的，不算）。",
    examples=[
        Example(
            _TITLE + "2025年，阳光花园项目物业后勤科完成设备巡检1248次。后勤科在岗员工46人。\n\n"
            "5月20日，地库蚊虫投诉集中。对此，物业后勤科加密地库消杀至每周2次。\n",
            True,
            whole=True,
        ),
        Example(
            _TITLE + "2025年，阳光花园项目物业后勤科完成设备巡检1248次。后勤科在岗员工46人。\n\n"
            "5月20日，地库蚊虫投诉集中。对此，后勤科加密地库消杀至每周2次。\n",
            False,
            whole=True,
        ),
        Example("我科全年完成设备巡检1248次；本部门还承担了园区绿化养护。", True),
        Example(
            _TITLE + "2025年，后勤科完成设备巡检1248次。\n\n对此，物业后勤科立即组织抢修。\n\n"
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
    found: list[tuple[Section, Block, list[Mention]]] = []
    for s in ctx.doc.sections:
        if s.kind == "title":
            continue
        for b in s.body:
            mentions = [m for m in self_mentions(b.text, department, organization) if _subject(b.text, m)]
            if mentions:
                found.append((s, b, mentions))
    if found and not found[0][2][0].pronoun and found[0][2][0].form == department:
        # The name in full at its first mention (2025年，锦江苑物业服务中心…) introduces it; a shorter naming
        # after it (服务中心…) is how 公文 goes on, not a second name.
        s, b, first = found[0]
        found[0] = (s, b, first[1:])
    mentions = [m for _, _, ms in found for m in ms]
    forms = _forms(mentions)
    if not forms:
        return
    # The facts name the department; without them the naming the summary uses most is its choice.
    count = {f: sum(m.form == f for m in mentions) for f in forms}
    given = ctx.facts is not None and ctx.facts.department == department
    main = department if given else max(forms, key=lambda f: (count[f], f == department))
    flagged: set[int] = set()
    for s, b, ms in found:
        here = _forms(ms)
        if len(here) < 2:
            continue
        switch = next(m for m in ms if m.form != here[0])
        flagged.add(id(b))
        said = f"同一段里对本部门换了称呼（{_quoted(here)}）：一段一个主语"
        yield _finding(ctx, said, main, s, b, switch)
    names = _forms([m for m in mentions if not m.pronoun])
    if len(names) < 2 and len(forms) < 3:
        return
    for s, b, ms in found:
        m = next((m for m in ms if m.form != main), None)
        if m is not None and id(b) not in flagged:
            yield _finding(ctx, f"全文对本部门有{len(forms)}种称呼（{_quoted(forms)}）", main, s, b, m)
            return
