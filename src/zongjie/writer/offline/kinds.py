"""What a metric name counts, so that its clause gets a verb that fits, or none.

A verb asserts something: 完成 says the department did the work, 发生 that an incident happened, 供应 that it
supplied the servings. A name the writer cannot place gets no verb at all ("{name}{value}"), which reads
as a plain 名词谓语 statement for any noun or verb phrase; a wrong verb ("完成电梯困人3次") never does.
"""

from __future__ import annotations

from typing import Literal

from zongjie import wording

Kind = Literal["named", "measure", "handled", "incident", "complaint", "activity", "supply", "stock", "plain"]

# Names that already begin with a verb or a frame ("节约维修成本", "取得特种作业证书", "日均就餐") take
# no verb of their own.
VERB_PREFIXES = (
    "节约", "节省", "取得", "完成", "开展", "组织", "采购", "处理", "受理", "更换", "新增", "回收", "接待",
    "办理", "举办", "实施", "发放", "签订", "累计", "发生", "减少", "降低", "提供", "改造", "供应",
    "供餐", "出车", "新建", "建成", "安装", "增设", "加装", "配备", "培训", "引进", "招聘", "日均", "月均",
    "年均", "人均", "查处", "查获", "纠正", "劝阻", "制止", "清理", "清退", "消除", "整治", "降低", "压减",
)  # fmt: skip
# Verbs a note or a facts file may put after their object (路灯安装, 违规停车查处); a summary says the verb
# first (安装路灯300盏, 查处违规停车96起). Only verbs whose object is the thing counted.
OBJECT_FIRST_VERBS = (
    "安装", "加装", "增设", "新增", "新建", "新购", "查处", "查获", "纠正", "劝阻", "制止", "清退", "发放",
    "回收", "配备",
)  # fmt: skip
# Names of a measured quantity (用电量, 处置量, 行驶里程, 平均响应时间): "{name}为{value}".
MEASURE_ENDINGS = (
    "率", "度", "量", "数", "额", "费", "费用", "成本", "支出", "收入", "面积", "里程", "时间", "时长", "占比",
    "比例", "指数", "得分", "金额", "规模", "周期",
)  # fmt: skip
# Work named by its handling verb (警情处置, 水电故障处理): the name already says what was done.
HANDLED_ENDINGS = ("处置", "处理", "受理", "办理", "办结", "救援", "抢修")
# Things that happen to the department rather than work it does.
INCIDENTS = (
    "故障", "事故", "事件", "案件", "困人", "漏水", "渗水", "渗漏", "跑冒滴漏", "停水", "停电", "停气", "断水",
    "断电", "火情", "火灾", "被盗", "失窃", "盗窃", "中断", "泄漏", "险情", "纠纷", "伤亡", "中毒", "冒水",
    "爆管", "堵塞", "跳闸",
)  # fmt: skip
# An incident name that already ends in an event noun needs no "事件" after it (发生重大故障3起).
EVENT_NOUNS = ("故障", "事故", "事件", "案件", "火情", "火灾", "中断", "险情", "纠纷", "警情", "案")
COMPLAINTS = ("投诉",)
# Activities and the verbs that fit them, most natural first.
# A name ending in a service noun is service given: 提供考试保障16场.
SERVICES = ("保障", "支持", "服务", "配送")
SERVICE_VERBS = ("提供", "完成")
ACTIVITIES: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("工单", "报修"), ("受理",)),
    (("演练",), ("组织", "开展")),
    (("培训", "讲座", "活动", "宣传", "评比", "竞赛", "比武"), ("开展", "组织", "举办")),
    (("巡检",), ("完成", "开展")),
    (("排查", "检查", "消杀", "消毒", "巡查", "巡逻", "检测", "督查", "抽检", "盘点", "测评", "评估"), ("开展", "完成")),
    (("改造", "更新", "建设", "修缮", "翻新", "施工", "整治"), ("完成", "实施")),
    (("保养", "维护", "检修", "清洗", "清淤", "疏通", "修剪"), ("完成", "开展")),
    (("维修", "更换", "安装", "清运", "补植", "采购", "整改", "抢修", "调试"), ("完成", "实施")),
]  # fmt: skip
# Meals and other servings the department supplies (治疗膳食58600份 → 供应治疗膳食58600份).
SUPPLIES = ("膳食", "餐食", "营养餐", "盒饭", "套餐", "早餐", "午餐", "晚餐", "夜宵", "桶装水", "饮用水")
SUPPLY_UNITS = frozenset({"份", "餐", "盒"})
# Things the department has or looks after rather than does (监控摄像头320个).
STOCKS = (
    "摄像头", "探头", "车辆", "床位", "电梯", "供应商", "品种", "种类", "储备", "点位", "车位", "门禁", "灯具",
    "楼宇", "楼栋", "房间", "宿舍", "食堂", "库房", "设备台", "公务车", "新能源车", "充电桩", "灭火器",
)  # fmt: skip
STOCK_UNITS = frozenset({"辆", "张", "座", "家", "栋", "部"})
# Stock names that are already a count of sorts ("菜品品种为126种", not "菜品品种数量为126种").
COUNTED_STOCKS = ("品种", "种类", "储备")


def verb_first(name: str) -> str:
    """路灯安装 → 安装路灯; a name that already begins with a verb, or is only the verb, stays."""
    for verb in OBJECT_FIRST_VERBS:
        thing = name.removesuffix(verb)
        if thing != name and len(thing) >= 2 and not thing.startswith(VERB_PREFIXES):
            return verb + thing
    return name


def kind(name: str, unit: str) -> Kind:
    """The category of a (non-percent) metric name; see the module docstring. Order matters: a name that
    begins with a verb is never given another, 水电故障处理 is handled work not an incident, and
    医疗废物处置量 is a measured quantity not an activity."""
    if name.startswith(VERB_PREFIXES) or any(w in name for w in _AVERAGES):
        return "named"  # 职工食堂日均供餐: an average is no amount supplied (never 供应职工食堂日均供餐)
    if name.endswith(MEASURE_ENDINGS):
        return "measure"
    if name.endswith(HANDLED_ENDINGS):
        return "handled"
    if name.endswith(SERVICES) or name.endswith(tuple(k for keys, _ in ACTIVITIES for k in keys)):
        return "activity"  # 停电应急演练, 管道漏水维修: work about an incident, not the incident
    if any(k in name for k in INCIDENTS):
        return "incident"
    if any(k in name for k in COMPLAINTS):
        return "complaint"
    if name.endswith(SERVICES) or any(k in name for keys, _ in ACTIVITIES for k in keys):
        return "activity"
    if unit in SUPPLY_UNITS or any(k in name for k in SUPPLIES):
        return "supply"
    if unit in STOCK_UNITS or any(k in name for k in STOCKS):
        return "stock"
    return "plain"


_AVERAGES = ("日均", "月均", "年均", "人均", "平均")


def activity_verbs(name: str) -> tuple[str, ...]:
    if name.endswith(SERVICES):
        return SERVICE_VERBS
    return next((verbs for keys, verbs in ACTIVITIES if any(k in name for k in keys)), ("完成",))


def event_name(name: str) -> str:
    """An incident as a noun phrase: 电梯困人 → 电梯困人事件; 重大故障 stays."""
    return name if name.endswith(EVENT_NOUNS) else f"{name}事件"


def stock_subject(name: str) -> str:
    """A stock as the subject of 为: 监控摄像头 → 监控摄像头数量; 菜品品种 stays."""
    return name if name.endswith(COUNTED_STOCKS) else f"{name}数量"


# A name that ends in a verb of change by an amount (能耗下降) takes its figure directly: 能耗下降30%.
VERB_SUFFIXES = (*wording.UP_BY, *wording.DOWN_BY, "节约", "节省")


def says_change(name: str) -> bool:
    """The name itself states a direction or an action (用气量下降, 节约采购成本, 餐厨垃圾减少): its figure
    follows the name directly, with no 达到/降至/为 glued on (用气量下降10%, not 用气量下降达到10%)."""
    return name.endswith(VERB_SUFFIXES) or name.startswith(VERB_PREFIXES)


LOWER_HINTS = (
    "损耗", "流失", "故障", "事故", "投诉", "漏", "能耗", "油耗", "费用", "支出", "成本", "时间", "时长", "天数",
    "库存", "发生率", "差错",
)  # fmt: skip


def target_clause(name: str, quantity: str) -> str:
    """A plan's target as a clause after "目标：", grammatical for a verb-led or a noun name."""
    if name.endswith(VERB_SUFFIXES) or kind(name, "") == "named":
        return f"{name}{quantity}"  # 完成改造病区6个, 宿舍热水系统能耗下降30%
    if any(k in name for k in LOWER_HINTS):
        return f"{name}控制在{quantity}以内"  # 保洁员流失率控制在15%以内
    return f"{name}达到{quantity}"
