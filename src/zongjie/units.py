"""The units zongjie knows, in one place: facts validation, the linter's number reader and the notes
extractor all draw on these lists."""

from __future__ import annotations

# Discrete things counted: a negative value is a typing error, not a fact.
COUNT_UNITS = frozenset(
    [
        "次",
        "项",
        "起",
        "件",
        "人",
        "户",
        "个",
        "台",
        "套",
        "份",
        "名",
        "场",
        "批",
        "类",
        "处",
        "条",
        "辆",
        "栋",
        "间",
        "部",
        "张",
        "把",
        "盏",
        "棵",
        "株",
        "具",
        "盘",
        "家",
        "所",
        "支",
        "组",
        "块",
        "根",
        "只",
        "箱",
        "袋",
        "桶",
        "轮",
        "篇",
        "本",
        "册",
        "单",
        "座",
        "位",
        "趟",
        "片",
        "人次",
        "户次",
        "台次",
        "件次",
        "车次",
    ]
)
DURATION_UNITS = frozenset(["天", "周", "个月", "年", "小时", "分钟", "秒"])
MEASURE_UNITS = frozenset(
    [
        "元",
        "吨",
        "度",
        "米",
        "方",
        "斤",
        "升",
        "亩",
        "公斤",
        "千克",
        "公里",
        "千米",
        "平方米",
        "平米",
        "平方公里",
        "立方米",
        "千瓦时",
        "kWh",
        "km",
        "kg",
        "m²",
        "t",
        "㎡",
    ]
)
# 分 is a score or minutes, 倍 a ratio; 百分点 are the difference of two percentages.
RATIO_UNITS = frozenset(["个百分点", "百分点", "倍", "分"])

ALL_UNITS = COUNT_UNITS | DURATION_UNITS | MEASURE_UNITS | RATIO_UNITS

# After a Chinese numeral only these count as a quantity: 一把手, 一部分, 一片, 一本正经, 一位, 一张一弛,
# 三番五次 … are words, so the measure words that form them are left out.
CN_NUMERAL_UNITS = (
    (
        COUNT_UNITS
        - set(
            [
                "件次",
                "位",
                "册",
                "单",
                "只",
                "台次",
                "块",
                "座",
                "张",
                "户次",
                "把",
                "本",
                "株",
                "根",
                "桶",
                "棵",
                "片",
                "盏",
                "箱",
                "篇",
                "袋",
                "趟",
                "车次",
                "部",
            ]
        )
    )
    | DURATION_UNITS - {"年", "秒"}
    | {"元", "吨", "度", "平方米", "立方米", "个百分点", "倍"}
)


def longest_first(units: frozenset[str] | set[str]) -> list[str]:
    """For regex alternation: 平方米 before 米, 个百分点 before 个."""
    return sorted(units, key=lambda u: (-len(u), u))
