"""Writing rules that need no facts: placeholders, 空泛无物, 套话, 流水账, long sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from zongjie.finding import Finding
from zongjie.lint import lexicon
from zongjie.lint.document import Block, Section, Sentence, plain
from zongjie.lint.rules.base import Context, Example, rule, this
from zongjie.text.forms import DIGIT, NUMBER, NUMERAL
from zongjie.text.markdown import ENUMERATOR, ordinal
from zongjie.text.numbers import METRIC_KINDS, extract
from zongjie.text.width import fold
from zongjie.text.words import words
from zongjie.wording import DEADLINE

# Verbs after which a bare measure word (维护次，) means the number was never filled in; 每次/多次/首次/
# 层次/名次/档次 are words because their first character is no verb here.
_WORK_VERBS = "|".join(
    [
        "维护",
        "维修",
        "检修",
        "巡检",
        "巡查",
        "检查",
        "保养",
        "演练",
        "培训",
        "处理",
        "完成",
        "开展",
        "组织",
        "举办",
        "召开",
        "清洗",
        "消杀",
        "抽检",
        "排查",
        "接待",
        "出车",
        "更换",
        "维保",
        "整改",
        "受理",
        "发生",
        "服务",
        "清运",
        "修复",
        "检测",
        "宣传",
        "走访",
        "回访",
    ]
)
_BLANK = "[Xx×_＿]"
_CJK = "\u4e00-\u9fff"
_PLACEHOLDER = re.compile(
    # A blank date is one blank: 202X年X月X日, 20__年__月, x月x日.
    rf"(?:20[{DIGIT}Xx×_＿]{{2}}年)?{_BLANK}{{1,2}}月(?:{_BLANK}{{1,2}}日)?"
    rf"|20[{DIGIT}Xx×_＿]?{_BLANK}+年?"  # 202X年, 20__年, 20××年
    r"|(?<![A-Za-z])[Xx×]{2,}(?![A-Za-z])%?|○{2,}|_{2,}|＿{2,}"  # XX%, xx户, ××
    # One x standing for a number or a name next to 汉字 (保安x人, x中心); X光 and X线 are words.
    rf"|(?<![A-Za-z{DIGIT}])(?:(?<=[{_CJK}])[Xx](?![A-Za-z{DIGIT}光线射])|[Xx](?=[{_CJK}%])(?![光线射]))"
    r"|某某|某(?=单位|公司|部门|中心|学校|医院|小区|项目|同志|科室|科长|主任|经理|处长|局长|校长)"
    r"|【[^】]{0,8}(?:待|补充|填写)[^】]{0,8}】"
    r"|[（(](?:待补充|待填写|待定)[)）]|……等数据|\{\{[^}]*\}\}"
    r"|(?<![为除罢末])了(?:次|项|件|起)(?=[，。、；全])"  # 进行了次全面检修
    # 维护次，: a verb of work, then a measure word with no number, then the clause ends.
    rf"|(?:{_WORK_VERBS})(?:人次|次|项|件|起)(?=[，。、；,;])"
    # 更换灯具套，: a verb, what was done, and its measure word with no number before it.
    r"|(?<=更换|安装|新增|清洗|采购|购置|配备|新建)[\u4e00-\u9fff]{1,4}?"
    rf"(?<![{NUMERAL}几多余数整全配成])(?:套|台|盏|辆|只|棵|株)(?=[，。、；,;])"
    # 水电故障余起: 余 with no number before it (其余/剩余/业余 are words).
    rf"|(?<![{NUMERAL}其剩业多结富盈残节课工闲空有之以年月日天])余(?:人次|起|次|件|项|台|套|户|处|条|场|万)"
    # 达到了万公里, 下降了万元: a scale word with no number before it.
    r"|(?<=[了到为约达计共省])万(?:元|公里|度|吨|平方米|立方米|人次|千瓦时|册|㎡)"
    r"|(?<=[\u4e00-\u9fff])%"  # 下降了%: the number was never filled in (％ is folded to %)
)


def blanks(text: str) -> list[re.Match[str]]:
    """Unfilled blanks in a text: each is one placeholder finding and nothing else. Matched on the folded
    text (ＸＸ％ is XX%), same offsets: take what was written from the text itself."""
    return list(_PLACEHOLDER.finditer(fold(text)))


def blank_kinds(text: str) -> set[str]:
    """What the blanks in a text stand for: a date, a name or a number (for the plan rules)."""
    out = set()
    for m in blanks(text):
        s = m.group()
        out.add(
            "date" if ("年" in s or "月" in s or s.startswith("20")) else "name" if "某" in s else "number"
        )
    return out


_FALLBACK_ORG = "本单位"


def _all_sentences(ctx: Context) -> Iterator[tuple[Section, Sentence]]:
    for s in ctx.doc.sections:
        for b in s.body:
            for sent in ctx.sentences(b):
                yield s, sent


@rule(
    "placeholder",
    "error",
    "模板留下未填写的占位符：XXX、XX%、X月X日、202X、某某、【待补充】、数字空缺（“下降了%”“维护次，”"
    "“故障余起”“达到了万公里”），标题里的“本单位”（事实文件没有写单位名称）。",
    examples=[
        Example("全年完成设备巡检XXX次，设备完好率达到XX%。", True),
        Example("202X年X月X日，园区突发停电。", True),
        Example("本年度水电费支出较去年下降了%，节约明显。", True),
        Example("由某某负责落实，时间【待补充】。", True),
        Example("本年度共完成空调系统维护次，确保了正常运行。", True),
        Example("及时处理了水电故障余起，避免影响运营。", True),
        Example("车辆安全行驶里程达到了万公里，未发生事故。", True),
        Example("本单位2025年度工作总结", True, kind="title"),
        Example(
            "# 本单位物业后勤科2025年度工作总结\n\n2025年，后勤科完成设备巡检1248次。\n", True, whole=True
        ),
        Example("全年完成设备巡检1248次，设备完好率达到99.1%。", False),
        Example("更换LED灯具540套，为了次年改造预留备件。", False),
        Example("本单位全年完成设备巡检1248次，次日即完成整改。", False),
        Example("每次巡检都有记录，首次实行一次性验收，历次检查均合格。", False),
        Example("开展应急演练多次，提高了服务层次，档次和名次均有提升。", False),
        Example("其余人员、剩余件均已处理，全年节约近万元。", False),
        Example("全年维修次数，保养项目，培训人次均有统计。", False),
    ],
)
def placeholder(ctx: Context) -> Iterator[Finding]:
    for s in ctx.doc.sections:
        for b in s.blocks:
            for m in blanks(b.text):
                written = b.text[m.start() : m.end()]
                yield ctx.finding(
                    this("placeholder"),
                    f"未填写的占位符“{written}”：填入事实或删去此句",
                    b.start + m.start(),
                    written,
                    section=s.id,
                )
            # The notes reader writes organization "本单位" when the notes name none: in the title it is a
            # gap the user must fill; in running text it is ordinary prose.
            at = b.text.find(_FALLBACK_ORG) if s.kind == "title" else -1
            if at >= 0:
                yield ctx.finding(
                    this("placeholder"),
                    f"标题中的“{_FALLBACK_ORG}”是占位：写明单位名称",
                    b.start + at,
                    _FALLBACK_ORG,
                    section=s.id,
                    suggestion="在事实文件 report.organization 中填写单位名称",
                    facts_gap=True,
                )


_VAGUE = lexicon.pattern("vague", "vague")


def vague_only(text: str) -> bool:
    """Empty words and nothing to check: a vague phrase, no figure, no blank meant for one."""
    return bool(_VAGUE.search(text)) and not has_number(text) and not blanks(text)


@lru_cache(maxsize=4096)
def has_number(text: str) -> bool:
    return any(q.kind in METRIC_KINDS or q.kind == "approx" for q in extract(text))


@rule(
    "vague-claim",
    "warning",
    "空泛无物：“大幅提升”“显著提高”“积极推进”等说法所在句子没有数据支撑。",
    examples=[
        Example("通过预见性维护，显著降低了设备的维护成本。", True),
        Example("全年取得了一定成绩，服务水平大幅提升。", True),
        Example("下一步将进一步加强员工培训。", True, kind="plans"),
        Example("后勤保障能力显著增强，赢得了全院职工的一致好评。", True),
        Example("保障工作得到院领导充分肯定，服务水平取得长足进步。", True),
        Example("通过预见性维护，重大故障由7起降至3起，维修成本节约8.6万元，成效显著。", False),
        Example("业主满意度达到92.3%，较上年提高2.7个百分点。", False),
    ],
)
def vague_claim(ctx: Context) -> Iterator[Finding]:
    for _, sent in _all_sentences(ctx):
        m = _VAGUE.search(sent.text)
        # A sentence with a blank (节电XX万度) meant to give its figure: the placeholder is its one finding.
        if m and not has_number(sent.text) and not blanks(sent.text):
            yield ctx.finding(
                this("vague-claim"),
                f"“{m.group()}”没有数据支撑：写出具体数字，或删去",
                sent.start + m.start(),
                sent.text,
            )


BUZZWORDS = words("buzzwords")
_OPENING = lexicon.pattern("cliche", "cliche_openings")
_SCAFFOLD = ("首先", "其次", "最后")


@rule(
    "ai-cliche",
    "warning",
    "套话：首先/其次/最后的八股结构、“赋能”“抓手”“闭环”堆砌、“在……的正确领导下”“时光荏苒”式开头、“再接再厉”“为……作出更大贡献”式结尾。",
    examples=[
        Example("首先，我们加强设备巡检。其次，我们完善维保制度。最后，我们提升服务质量。", True),
        Example("以智能巡检为抓手，赋能设备管理，形成闭环。", True),
        Example("时光荏苒，2025年已经过去。", True, kind="preface"),
        Example("全年完成设备巡检1248次，同比增长13.2%。", False),
        Example("智能巡检系统实现异常自动派单，形成闭环管理。", False),
    ],
)
def ai_cliche(ctx: Context) -> Iterator[Finding]:
    r = this("ai-cliche")
    for s in ctx.doc.sections:
        body = [b for b in s.body]
        text = "\n".join(b.text for b in body)
        if all(w in text for w in _SCAFFOLD[:2]) and body and not _concrete_steps(ctx, body):
            b = next(b for b in body if "首先" in b.text)
            yield ctx.finding(
                r,
                "“首先……其次……最后”是八股结构：按事项本身组织段落",
                b.start + b.text.index("首先"),
                b.text,
                section=s.id,
            )
        for b in body:
            for sent in ctx.sentences(b):
                words = [w for w in BUZZWORDS if w in sent.text]
                if len(words) >= 2:
                    yield ctx.finding(
                        r, f"新词堆砌（{'、'.join(words)}）：用具体做法代替", sent.start, sent.text
                    )
                # One finding a sentence, naming each set phrase in it (在……领导下，紧紧围绕……中心工作).
                found = [m.group() for m in _OPENING.finditer(plain(sent.text))]
                if found:
                    yield ctx.finding(
                        r,
                        f"穿靴戴帽的套话{''.join(f'“{w}”' for w in found)}：删去，直接写事实",
                        sent.start + max(sent.text.find(found[0]), 0),
                        sent.text,
                    )


def _concrete_steps(ctx: Context, body: list[Block]) -> bool:
    """首先……其次……第三…… listing dated projects, each with its figures, is a list of facts, not 八股
    (首先完成巡检860次，其次完成保养210项 with no date is still the scaffold)."""
    steps = [s.text for b in body for s in ctx.sentences(b) if plain(s.text).lstrip().startswith(_SCAFFOLD)]
    dated = any(DEADLINE.search(s) for s in steps)
    return dated and all(has_number(s) or DEADLINE.search(s) for s in steps)


@rule(
    "long-sentence",
    "warning",
    "长句：一句话超过设定的字数（默认120字，zongjie.toml 的 lint.long_sentence）。",
    examples=[
        Example("全年" + "完成设备巡检和保养工作，" * 12 + "保障了设备正常运行。", True),
        Example("全年完成设备巡检1248次，保养326项，设备完好率达到99.1%。", False),
    ],
)
def long_sentence(ctx: Context) -> Iterator[Finding]:
    limit = ctx.config.long_sentence
    for _, sent in _all_sentences(ctx):
        # Parallel clauses joined by 分号 are read one by one: each part is measured on its own.
        n = max(len(part.strip()) for part in re.split(r"[；;]", plain(sent.text)))
        if n > limit:
            yield ctx.finding(
                this("long-sentence"), f"句子长{n}字，超过{limit}字：拆成两三句", sent.start, sent.text
            )


_ENUMERATOR = re.compile(ENUMERATOR)
MONOTONE_RUN = 3


def _opening(text: str) -> str:
    """The first two 汉字 of a sentence or item, after its number (一、 （二） 3. ①) or 一是."""
    t = plain(text).strip().lstrip(">\u3000 \t")
    o = ordinal(t)
    t = t[o.end :] if o is not None else _ENUMERATOR.sub("", t, count=1) if _ENUMERATOR.match(t) else t
    t = re.sub(r"^[，,：:\s]+", "", t)
    return t[:2] if len(t) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in t[:2]) else ""


@rule(
    "monotone-openings",
    "warning",
    "流水账：连续多句或多个条目以同样的词开头（完成……完成……完成……）。",
    examples=[
        Example("完成3号楼电梯主板更换。完成5号楼水泵大修。完成园区绿化补植。完成消防水带更换。", True),
        Example("- 完成电梯主板更换\n- 完成水泵大修\n- 完成绿化补植", True),
        Example("全年完成设备巡检1248次。针对老旧设备，实施预防性维护。重大故障由7起降至3起。", False),
    ],
)
def monotone_openings(ctx: Context) -> Iterator[Finding]:
    r = this("monotone-openings")
    for s in ctx.doc.sections:
        units: list[tuple[str, int, str]] = []
        for b in s.body:
            parts = [(b.text, b.start)] if b.kind == "item" else [(x.text, x.start) for x in ctx.sentences(b)]
            units += [(_opening(t), o, t) for t, o in parts]
        run: list[tuple[str, int, str]] = []
        for u in [*units, ("", -1, "")]:
            if run and u[0] and u[0] == run[-1][0]:
                run.append(u)
                continue
            # Parallel items that each give a figure or a date (三项“加强……”措施) are a list, not 流水账.
            if len(run) >= MONOTONE_RUN and not all(has_number(x[2]) or DEADLINE.search(x[2]) for x in run):
                yield ctx.finding(
                    r,
                    f"连续{len(run)}句以“{run[0][0]}”开头：合并同类事项，突出重点和成效",
                    run[0][1],
                    run[0][2],
                    section=s.id,
                )
            run = [u] if u[0] else []


# 维修及时率97.6%，比上年提高2.5% — a rate's change said in % is read as a relative change (2.5% of 95.1%),
# almost never what the writer meant (2.5 个百分点). Only the unambiguous shape: the rate with its % value,
# then at once, in the next clause and with no subject of its own, its change in %.
_RATE_CHANGE = re.compile(
    rf"(?P<name>[\u4e00-\u9fff]{{0,8}}(?:率|满意度))(?:为|是|达|达到|保持在)?(?P<value>{NUMBER})%"
    r"[，,]\s*(?:比上年|较上年|比去年|较去年|比上一年|较上一年|与上年相比|同比|环比)?"
    rf"(?P<verb>提高|提升|上升|增长|增加|下降|降低|减少)了?(?P<change>{NUMBER})%(?![{DIGIT}.]*个百分点)"
)


@rule(
    "rate-change-percent",
    "warning",
    "比率的变化写成了百分数：“及时率97.6%，比上年提高2.5%”应写“提高2.5个百分点”（除非确指相对增幅）。",
    examples=[
        Example("维修及时率97.6%，比上年提高2.5%。", True),
        Example("食堂满意度88%，同比增长3%。", True),
        Example("维修及时率97.6%，比上年提高2.5个百分点。", False),
        Example("维修及时率97.6%，报修量比上年增长12.4%。", False),
        Example("全年受理报修工单1326件，比上年增长12.4%。", False),
    ],
)
def rate_change_percent(ctx: Context) -> Iterator[Finding]:
    for _, sent in _all_sentences(ctx):
        text = fold(sent.text)
        for m in _RATE_CHANGE.finditer(text):
            if float(m.group("change")) >= 100:
                continue  # 增长150%: a relative change, not points
            yield ctx.finding(
                this("rate-change-percent"),
                f"“{m.group('name')}”是比率，“{m.group('verb')}{m.group('change')}%”易被读作相对增幅："
                f"若指差值，写“{m.group('verb')}{m.group('change')}个百分点”",
                sent.start + m.start("verb"),
                sent.text,
            )


@rule(
    "question-mark",
    "warning",
    "总结的句子里有问号：多是笔记里还要核实的数字或疑问，核实后写成陈述句，或删去。",
    examples=[
        Example("从主要指标看，能耗同比减少近一半？现将全年工作总结如下。", True),
        Example("全年医废转运112.6吨?", True),
        Example("全年能耗同比下降8.2%，节能效果明显。", False),
    ],
)
def question_mark(ctx: Context) -> Iterator[Finding]:
    for _, sent in _all_sentences(ctx):
        text = plain(sent.text)
        at = max(text.find("？"), text.find("?"))
        if at >= 0:
            yield ctx.finding(
                this("question-mark"), "句中有问号：核实后写成陈述句，或删去", sent.start, sent.text
            )


# 学生公寓 热水故障: a space typed between two 汉字 in the notes; 公文 has none.
_CJK_SPACE = re.compile(r"[\u4e00-\u9fff][ \t]+[\u4e00-\u9fff]")


@rule(
    "cjk-space",
    "warning",
    "汉字之间有空格（多是从笔记照抄）：“学生公寓 热水故障减少三成”应写“学生公寓热水故障减少三成”。",
    examples=[
        Example("本年度学生公寓 热水故障减少三成。", True),
        Example("办公用品集中采购 节约资金约12万元。", True),
        Example("全年更换LED灯具540套，节约电费约12万元。", False),
        Example("更换 LED 灯具540套。", False),
    ],
)
def cjk_space(ctx: Context) -> Iterator[Finding]:
    for _, sent in _all_sentences(ctx):
        m = _CJK_SPACE.search(plain(sent.text))
        if m is not None:
            yield ctx.finding(
                this("cjk-space"), f"汉字之间有空格“{m.group()}”：删去空格", sent.start, sent.text
            )
