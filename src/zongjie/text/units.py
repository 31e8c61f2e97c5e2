"""The units zongjie knows, in one table: facts validation, the number reader, the notes reader and the linter
all draw on these lists, so a unit a user may write is accepted (or refused) the same way everywhere.

- `spelling(unit)`: the one way a unit is written in facts and drafts (％ → %, ㎡/平米 → 平方米, 百分点 → 个百分点).
- `split_unit(unit)`: a scaled unit's factor and base, with equivalent units folded together for comparing
  figures (万元 → (10000, 元); 千瓦时/kWh → 度; 公斤 → 千克).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from zongjie.text.words import longest_first

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


# Scaled forms that are units of their own in notes and facts (节约4.3万元, 用电12万度).
SCALED_UNITS = frozenset(
    ["万元", "千元", "亿元", "万度", "万吨", "万千瓦时", "万平方米", "万立方米", "万人次"]
)

# The written form a user may type → the one zongjie writes. Only true synonyms of spelling: a full-width sign,
# a symbol, a colloquial name of the same unit.
SPELLINGS: dict[str, str] = {
    "％": "%",
    "百分比": "%",
    "百分点": "个百分点",
    "pp": "个百分点",
    "㎡": "平方米",
    "m²": "平方米",
    "m2": "平方米",
    "平米": "平方米",
    "平方": "平方米",
    "m³": "立方米",
    "m3": "立方米",
    "kWh": "千瓦时",
    "kwh": "千瓦时",
    "KWh": "千瓦时",
    "km": "公里",
    "kg": "千克",
    "t": "吨",
    "RMB": "元",
}
# For comparing figures, units that measure the same thing count as one (1度 = 1千瓦时).
EQUIVALENT: dict[str, str] = {
    "千瓦时": "度",
    "千米": "公里",
    "公斤": "千克",
}
SCALES: dict[str, Decimal] = {
    "亿": Decimal(100_000_000),
    "千万": Decimal(10_000_000),
    "百万": Decimal(1_000_000),
    "万": Decimal(10_000),
    "千": Decimal(1_000),
}
# Units that start with a scale character but are not scaled: 千米 is not 1000 米.
_NOT_SCALED = frozenset(["千米", "千克", "千瓦时", "千瓦"])


def spelling(unit: str) -> str:
    """The unit as zongjie writes it: full-width and symbol forms folded (％ → %, ㎡ → 平方米, 万㎡ → 万平方米)."""
    unit = unit.strip().replace("\u3000", "")
    if unit in SPELLINGS:
        return SPELLINGS[unit]
    for scale in SCALES:
        rest = unit[len(scale) :]
        if unit.startswith(scale) and rest in SPELLINGS and unit not in _NOT_SCALED:
            return scale + SPELLINGS[rest]
    return unit


def known(unit: str) -> bool:
    """True when `unit` (any spelling, scaled or not) is in the table."""
    base = split_unit(unit)[1]
    return base in ALL_UNITS or base in EQUIVALENT.values() or base in ("%", "个百分点", "")


@lru_cache(maxsize=1024)
def split_unit(unit: str) -> tuple[Decimal, str]:
    """ "万元" → (10000, "元"); "万" → (10000, ""); "千瓦时" → (1, "度"); "千米" → (1, "公里")."""
    unit = spelling(unit)
    if unit not in _NOT_SCALED and unit not in ALL_UNITS:
        for word, factor in SCALES.items():
            if unit.startswith(word):
                rest = spelling(unit[len(word) :])
                return factor, EQUIVALENT.get(rest, rest)
    return Decimal(1), EQUIVALENT.get(unit, unit)


def normalize(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """A figure in its base unit: (9.8, "万元") → (98000, "元")."""
    factor, base = split_unit(unit)
    return (value * factor).normalize(), base


__all__ = [
    "ALL_UNITS",
    "CN_NUMERAL_UNITS",
    "COUNT_UNITS",
    "DURATION_UNITS",
    "EQUIVALENT",
    "MEASURE_UNITS",
    "RATIO_UNITS",
    "SCALED_UNITS",
    "SCALES",
    "SPELLINGS",
    "known",
    "longest_first",
    "normalize",
    "spelling",
    "split_unit",
]
