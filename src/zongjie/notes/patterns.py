"""The note patterns the offline extractor recognises: <指标><数字><单位>, 达到/为<数字>%, 比去年/同比
增加/减少<数字>, 去年<数字>, 目标<数字>, dates, deadlines and 负责人."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from zongjie import wording
from zongjie.facts.derive import fmt
from zongjie.text import METRIC_KINDS, NUMBER, YEAR, ends_with_figure, extract, spelling, unit_alternation
from zongjie.text.forms import DIGIT
from zongjie.text.units import ALL_UNITS

# The figure slot of every pattern below: the form is the text layer's (notes are folded and ungrouped first).
NUM = NUMBER
# Scaled forms are units of their own in notes (节约4.3万元, 用电312.5万kWh); 年/周/分/倍/秒 after a number in
# a note are ages, scores or ratios more often than metrics. 万 alone is a unit too (asked about below).
UNITS = ALL_UNITS - {"年", "周", "分", "倍", "秒"}
UNIT = f"{unit_alternation(UNITS, scaled=True)}|{unit_alternation({'%', '万'})}"
# 万 alone could be 万元, 万度, 万吨…: the extractor asks instead of choosing.
BARE_SCALE = "万"

_LEAD = [
    "本科室",
    "科室",
    "本部门",
    "部门",
    "班组",
    "我部",
    "我处",
    "这一年",
    "今年",
    "全年",
    "本年度",
    "本年",
    "年内",
    "全年度",
    "我们",
    "我科",
    "我组",
    "后勤科",
    "后勤组",
    "后勤部",
    "后勤",
    "一共",
    "共计",
    "总共",
    "累计",
    "共",
    "其中",
    "完成了",
    "完成",
    "开展了",
    "开展",
    "组织了",
    "组织",
    "进行了",
    "进行",
    "实施了",
    "实施",
    "做了",
    "搞了",
    "把",
    "将",
]
_TRAIL = [
    # 报修全年1326件, 及时率全年96.2%: the year-long frame after the name, as before it
    "全年",
    "今年",
    "本年度",
    "本年",
    "年内",
    "做了",
    # 及时率今年到了89.5%: a reaching verb before the figure is no part of the name
    "到了",
    "达到了",
    "达到",
    "达",
    "为",
    "是",
    "共计",
    "总计",
    "共",
    "累计",
    "有",
    "了",
    "约",
    "完成了",
    "完成",
    "一共",
    "的",
    "：",
    ":",
]

METRIC = re.compile(
    rf"^(?P<name>.*?)(?P<num>{NUM})(?P<approx>余|多)?(?P<unit>{UNIT})?(?P<tail>以上|以内|以下|左右)?$"
)
_PAST = r"(?:去年|上年|上一年度?|前一年)(?:同期)?(?:的)?"


def _spoken(verbs: tuple[str, ...], *extra: str) -> list[str]:
    """Notes say a change by an amount only (a 降至 level is read elsewhere), often with 了 or colloquially."""
    return sorted({*verbs, *(v + "了" for v in verbs), *extra}, key=len, reverse=True)


UP = _spoken(wording.UP_BY, "多了", "多")
_DOWN = _spoken(wording.DOWN_BY, "少了", "少", "减了")
DELTA = re.compile(
    rf"^(?:(?:比|较|相比|与){_PAST}(?:相比)?|同比)"
    rf"(?P<dir>{'|'.join(UP + _DOWN)})(?P<num>{NUM})(?P<unit>{UNIT})?$"
)
# 比去年的1102次多146次: the previous value stated, the change too (both kept, and checked against each other).
PREV_DELTA = re.compile(
    rf"^(?:比|较|相比|与){_PAST}(?P<prev>{NUM})(?P<punit>{UNIT})?(?:相比)?(?:有所|略有|有)?"
    rf"(?P<dir>{'|'.join(UP + _DOWN)})(?:(?P<num>{NUM})(?P<unit>{UNIT})?)?$"
)
# 比上年(78.5%)有提高: the bracket holds the comparison's previous value, not a clause of its own.
BRACKETED_PREVIOUS = re.compile(rf"((?:比|较|相比|与){_PAST})[（(]([^（()）]{{1,12}})[)）]")
# 比上年78.5%有提高的是及时率: the comparison first, the metric it is about last.
INVERTED = re.compile(
    rf"^(?P<change>(?:(?:比|较|相比|与){_PAST}|同比).+?)的(?:是|为)(?P<name>[^，,]{{2,12}})$"
)
# 师生就餐投诉比去年少了120件: a name, then its change; the value may follow in the next clause (全年38件).
NAMED_CHANGE = re.compile(rf"^(?P<name>.+?)(?P<change>(?:(?:比|较|相比|与){_PAST}(?:相比)?|同比).+)$")
# 保洁满意度提高了3个百分点: a name and its change with no 比上年 (the value may follow: ，达到92%).
SPOKEN_CHANGE = re.compile(rf"^(?P<name>.+?)(?P<change>(?:{'|'.join(UP + _DOWN)}){NUM}(?:{UNIT})?)$")
# A bound (早餐≤5元, 不超过30分钟, 10分钟以内) stays in the text: it is not a figure the year reached.
# 能耗同比减少近一半？（需要再核）: the clerk doubts the figure; it is asked about, never stated.
DOUBT = re.compile(r"[？?][）)]?\s*$|待核|需要?再核|再核实|需核实|待确认|有待确认|不确定|存疑|待查")

BOUND = re.compile(r"[≤≥<>＜＞≦≧]|不超过|不高于|不低于|不少于|不多于|控制在|以内|以下|以上|低于|高于|超过$")
# What a clause opens with when it continues the one before it instead of saying something of its own.
_CONTINUES = ("比", "较", "同比", "环比", "相比", "与上年", "与去年", "上年", "去年", "有所", "略有")

# 业主满意度从88%提高到91.5%: previous and current in one clause.
FROM_TO = re.compile(
    rf"^(?P<name>.*?)(?:由|从)(?:{_PAST})?(?P<prev>{NUM})(?P<punit>{UNIT})?"
    rf"(?:(?:{'|'.join(UP + _DOWN)})(?:到|至|为)|[增升降减](?:到|至|为))了?(?:今年|本年|本年度)?(?:的)?"
    rf"(?P<num>{NUM})(?P<unit>{UNIT})?$"
)
# A number the note only estimates (约1.5万平方米) is not an exact metric: it stays as text.
APPROX_BEFORE = re.compile(r"(?:约|大约|大概|将近|接近|近|差不多|超过|逾|多达)$")
PREVIOUS = re.compile(rf"^{_PAST}(?:为|是|有|共|达)?(?P<num>{NUM})(?P<unit>{UNIT})?$")
TARGET = re.compile(rf"^(?:年度)?目标(?:值)?(?:为|是)?(?P<num>{NUM})(?P<unit>{UNIT})?$")
_WHEN = wording.WHEN
DEADLINE = re.compile(rf"(?P<when>{_WHEN})(?:之?前|以前)?(?:完成)?")
# 2026年6月底前完成地库照明改造: a deadline opening the clause, the goal after it.
DEADLINE_LEAD = re.compile(
    rf"^(?:争取|力争)?(?:在|于)?(?P<when>{_WHEN}|{YEAR}年)"
    rf"(?:(?:之前|以前|前)|(?=(?:内)?(?:完成|建成|实现|启动|投用|上线|落实)))(?P<rest>.*)$"
)
# Notes name an owner tersely (负责人：李明, 李明负责) and a clause at a time, so the grammar is the notes' own;
# the labels are the shared ones.
OWNER = re.compile(
    rf"(?:{wording.OWNER_LABEL})[:：]?\s*(?P<a>[^，,；;。（）()]+)|(?:由)?(?P<b>[^，,；;。（）()]{{2,12}}?)(?:牵头)?负责$"
)
PLAN_TARGET = re.compile(
    rf"^(?P<name>.*?)(?P<verb>提升至|提升到|提高至|提高到|提到|达到|降至|降到|降低至|降低到|控制在|不低于|不超过|保持在|稳定在)"
    rf"(?P<num>{NUM})(?P<unit>{UNIT})?(?P<tail>以上|以内|以下|左右)?$"
)
RESULT_WORDS = (
    "恢复",
    "解决",
    "修复",
    "未发生",
    "降为",
    "消除",
    "好评",
    "表扬",
    "通行",
    "正常",
    "排除",
    "处理完毕",
)
RESPONSE_WORDS = ("立即", "连夜", "及时", "启动", "组织", "安排", "采取", "紧急", "调派", "我们", "随即")
CASE_WORDS = ("突发", "抢修", "应急处置", "险情", "紧急")
TOPIC = re.compile(r"^(?:关于)?(?P<topic>.{1,6}?)(?:这块|这边|方面|部分)$")


# A note that says nothing on its own: done/not done, fine/so-so, see above. It becomes no fact (extract lists
# it as unplaced, polish leaves it out): "没完成" is not a work item, "还行" not a result.
CONTENT_FREE = re.compile(
    r"(?:已经?|均已|都已|基本|全部|都)?(?:完成了?|办结|处理了?|落实了?|弄完了?|做完了?|搞定了?|搞完了?)|"
    r"(?:还|都|也|暂|尚|仍)?(?:没有?|未)(?:有)?(?:完成|弄完|做完|搞完|弄好|做好|搞好|落实|处理|开始|动|做|弄|搞)了?|"
    r"还没|没有|暂无|无|略|同上|见上|待定|待补充|再说|再议|再商量|看情况|"
    r"(?:还|也|都|基本|总体|整体)?(?:好|良好|正常|一般|一般般|还行|还可以|可以|不错|凑合|差不多|行|ok|OK)(?:吧|了|的)?|"
    r"有|是|否|ok|done|√|✓|×|？+|\?+",
    re.I,
)
# 安全：演练6次 / 保洁、绿化：… — a short label naming a 职能 before a colon is a hint where the note
# belongs, not part of what it says.
FUNCTION_LABEL = re.compile(
    r"^(?P<label>[\u4e00-\u9fff]{1,8}(?:\s*[/／、]\s*[\u4e00-\u9fff]{1,8})*)\s*[:：]\s*(?=\S)"
)
# A heading that is one word of work (维修, 食堂, 宿舍公寓): what a rate under it with no name of its own is of.
HEADING_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}")
# Words that only say "in total" (消杀一共30次): filler wherever they sit in a metric name.
_TOTAL_WORDS = re.compile(r"一共|共计|总共|总计|合计|累计")


# 800平 is spoken for 800平方米 (平台, 平均, 平稳 are words): read so, and asked about.
_PING = re.compile(rf"(?P<num>{NUMBER}万?)平(?![方米台板房安顶衡均常时稳整整价])")


# 大概800平方米 stays an estimate, in the written word for one: 约800平方米.
_ABOUT = re.compile(rf"(?:大概|大约|差不多)(?={NUMBER})")


def square_metres(text: str) -> tuple[str, list[str]]:
    """The note with "800平" written 800平方米 (one question per change, quoting the note) and a spoken
    estimate (大概/大约) written 约; the numbers stay as they are."""
    asked = [
        f"? 单位：笔记写作“{m.group()}”，记为“{m.group('num')}平方米”，请确认" for m in _PING.finditer(text)
    ]
    return _ABOUT.sub("约", _PING.sub(r"\g<num>平方米", text)), asked


def content_free(text: str) -> bool:
    bare = text.strip().strip("。.!！，,；; ")
    return len(bare) < 2 or bool(CONTENT_FREE.fullmatch(bare))


@dataclass(frozen=True)
class Change:
    up: bool
    amount: Decimal
    unit: str


# 消防演练12次 去年8次: a space after a figure and its unit ends a clause as a comma would.
_SPACE_AFTER_FIGURE = re.compile(rf"({NUMBER}[%\u4e00-\u9fff]{{0,4}})[ \t\u3000]+(?=[\u4e00-\u9fff])")

# 满意度91.3%比上年提高1.8个百分点: a comparison right after a figure opens a clause of its own.
_FIGURE_THEN_COMPARISON = re.compile(rf"({NUMBER}(?:{UNIT})?)(?=(?:比|较|相比|与){_PAST}|同比)")


def clauses(text: str) -> list[str]:
    """A note cut at ，；, brackets, a space after a figure and a comparison right after one: each piece is
    one claim (metric, change, target) or plain text."""
    text = _FIGURE_THEN_COMPARISON.sub(r"\1，", _SPACE_AFTER_FIGURE.sub(r"\1，", text))
    parts = re.split(r"[，,；;（()）]", text)
    return [p.strip(" ：:") for p in parts if p.strip(" ：:")]


def arabic(clause: str) -> tuple[str, list[str]]:
    """The clause with Chinese numerals that are quantities (一千二百次, 百分之十五) written in Arabic, and
    one comment per numeral quoting the note. Numerals in words (一线, 统一) and counting words stay."""
    out = clause
    notes: list[str] = []
    for q in reversed(extract(clause)):
        if q.kind not in METRIC_KINDS or any(c.isdigit() for c in q.raw):
            continue
        written = f"{fmt(q.value)}{q.unit}"
        out = out[: q.start] + written + out[q.end :]
        notes.insert(0, f"数字：笔记写作“{q.raw}”，记为{written}")
    return out, notes


def unit_of(raw: str | None) -> str:
    return spelling(raw) if raw else ""


def metric_name(raw: str) -> str:
    """The indicator name as the note writes it, without 今年/一共/做了-style filler around it."""
    name = _FORMAL[0][0].sub("", raw.strip(" ：:，,"))  # 学生公寓 热水故障: one name
    # 消防：更换水带 — a label before a colon says where the note belongs, never what it counts.
    name = re.sub(r"^[^：:]*[：:]\s*", "", name) or name
    name = _TOTAL_WORDS.sub("", name) or name
    # 共接报修1326件, 接到报修: 接 is the desk taking the call; the metric is 报修.
    name = re.sub(r"^(?:共|全年|今年)?接(?:到|收)?(?=报修|投诉|报警|诉求)", "", name) or name
    changed = True
    while changed and name:
        changed = False
        for word in _LEAD:
            if name.startswith(word) and len(name) > len(word):
                name, changed = name[len(word) :], True
        for word in _TRAIL:
            if name.endswith(word) and len(name) > len(word):
                name, changed = name[: -len(word)], True
    name = name.strip(" ：:")
    # 监控摄像头新增 → 新增监控摄像头: the verb first, as a summary states it.
    moved = re.fullmatch(r"(?P<what>[\u4e00-\u9fff]{2,10}?)(?P<verb>新增|新装|新建|加装|增设|新购)", name)
    return f"{moved.group('verb')}{moved.group('what')}" if moved else name


def bare_name(raw: str) -> bool:
    """The words before a figure say nothing of what it counts: 全年38件, 共计12次, 78.5%."""
    name = _TOTAL_WORDS.sub("", raw.strip(" ：:，,"))
    changed = True
    while changed and name:
        changed = False
        for word in (*_LEAD, *_TRAIL):
            if name.startswith(word):
                name, changed = name[len(word) :], True
    return not name.strip(" ：:")


# 保洁外包后, 疫情期间, 开学以来: a time or condition clause that needs the clause after it.
_CONDITION = re.compile(r"(?:(?<=[^\s小])时|以后|之后|(?<=\S)后|期间|以来)$")


def _condition(text: str) -> bool:
    """保洁外包后, 疫情期间; not 3时 or 24后 (a figure before 时/后 makes it a time or a count)."""
    m = _CONDITION.search(text)
    return m is not None and not (len(m.group()) == 1 and ends_with_figure(text[: m.start()]))


def fragment(clause: str) -> bool:
    """A piece of a note that cannot stand as a sentence: a comparison or change with no subject (比上年，
    同比减少近一半, 有提高), a figure with no name (全年38件) or a condition split off its main clause
    (保洁外包后). It is attached to its metric, or listed."""
    text = arabic(clause)[0]
    said = text.removeprefix("有")
    if text.startswith(_CONTINUES) or said.startswith(tuple(UP + _DOWN)) or _condition(text):
        return True
    m = METRIC.match(text)
    return bool(m and bare_name(m.group("name")))


def change(clause: str) -> Change | None:
    m = DELTA.match(clause)
    if not m:
        return None
    return Change(m.group("dir") in UP, Decimal(m.group("num")), unit_of(m.group("unit")))


def named_qualifier(clause: str) -> tuple[str, str] | None:
    """(metric name, what is said of it) for a clause that only compares a named metric, with no value of its
    own: 比上年78.5%有提高的是及时率, 及时率比上年78.5%有提高, 报修比去年多146件."""
    if len(clauses(clause)) != 1:
        return None
    m = INVERTED.match(clause) or NAMED_CHANGE.match(clause)
    if m is None:
        return None
    said, name = m.group("change"), metric_name(m.group("name"))
    if len(name) < 2 or not (change(said) or PREV_DELTA.match(said)):
        return None
    return name, said


def owner(text: str) -> tuple[str | None, str]:
    """(负责人, the text without the owner clause)."""
    for piece in clauses(text):
        m = OWNER.search(piece)
        if m:
            who = (m.group("a") or m.group("b") or "").strip()
            rest = text.replace(piece, "")
            return (who or None), rest
    return None, text


# What a clerk says and a 公文 does not, before a figure: 花了46.8万元, 比去年多了200来件, 学生公寓 热水故障.
# Every figure stays; only the words around it change.
_FORMAL: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])"), ""),
    (re.compile(rf"(?:共)?花了(?:大概|大约)?(?={NUMBER})"), "投入"),
    (re.compile(rf"(?<=[{DIGIT}])来(?=[件次个起人台项处])"), "余"),
    (re.compile(rf"(?:比|较){_PAST}多了?(?={NUMBER})"), "较上年增加"),
    (re.compile(rf"(?:比|较){_PAST}少了?(?={NUMBER})"), "较上年减少"),
)


def formal(text: str) -> str:
    """A note's words as a summary may print them (for work lines and a metric's remark)."""
    for pattern, repl in _FORMAL:
        text = pattern.sub(repl, text)
    return text
