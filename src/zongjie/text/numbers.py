"""Numbers in Chinese prose: Arabic and Chinese numerals, units, scale words, percentages, hedges, changes.

`extract(text)` returns every number it sees, each with a `kind` saying what it is. The kinds in
CLAIM_KINDS are claims a fact must back: exact quantities (METRIC_KINDS) and approximate ones (`approx`,
"3000余次", "五百多户"). Years, dates, ordinals, section numbers, codes (A4, 5G) and small counting words
(一批, 两个) are reported too so callers can tell them apart. Full-width digits and signs (１２３, ％, ９８．５,
1，326) read as their ASCII forms; offsets always point into the text as written.

`changes(text)` finds signed changes (下降两成, 提高2.3个百分点, 少了470件). One value a user typed in a field
is read by text.values (read_value, parse_number; re-exported here), a Chinese numeral token by text.numerals.

Approximate figures carry a `hedge`, and the facts check (lint.factset.hedged) gives each its tolerance:
- "余"  N余/N多 X:  a fact of unit X in [N, 1.5N), or one that rounds down to N at N's precision
         (3000余 ← 3000..4499; 1.2万余元 ← 12000..17999元); for % and 个百分点 only the rounding-down.
- "约"  约/大约/约为 N, N左右: a fact that rounds to N at N's last digit, and within 10% of N (within 1 point
         for % and 个百分点): 1248 backs 约1250 and 约1200, not 约1300; 326 backs 约330, not 约350.
- "近"  近/将近/接近 N: a fact at most N and at least 90% of N (N − 2 points for %).
- "成"  X成 (两成 = 20%) and 一半 (50%), read only right after a verb such as 占/达/降/了: a fact in %
         within 5 points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from zongjie.text.forms import FIGURE, YEAR
from zongjie.text.markdown import ordinal
from zongjie.text.numerals import CN_DIGITS, CN_NUM, CN_YEAR, DIGIT_VALUE, SCALE
from zongjie.text.numerals import chinese_value as chinese_value
from zongjie.text.units import ALL_UNITS, CN_NUMERAL_UNITS, longest_first, normalize, split_unit

# The field reader, re-exported: facts modules import it from here.
from zongjie.text.values import NumberError as NumberError
from zongjie.text.values import Reading as Reading
from zongjie.text.values import parse_number as parse_number
from zongjie.text.values import read_value as read_value
from zongjie.text.width import fold
from zongjie.text.words import alternation

Kind = Literal[
    "quantity", "percent", "points", "year", "date", "time", "ordinal", "index", "code", "count", "approx"
]
METRIC_KINDS = frozenset({"quantity", "percent", "points"})
CLAIM_KINDS = METRIC_KINDS | {"approx"}

# Base units, matched longest first. 千米/千克/千瓦时 are units in their own right, not 千 × 米.
_UNITS = longest_first(ALL_UNITS)
# Units after a Chinese numeral: stricter, so 一定/一线/十分/三级 are never read as quantities.
_CN_UNITS = longest_first(CN_NUMERAL_UNITS)
# 千 is a scale only when it does not start a unit of its own (千米, 千克, 千瓦时).
_UNIT_ALT = "|".join(re.escape(u) for u in _UNITS)
_CN_UNIT_ALT = "|".join(re.escape(u) for u in _CN_UNITS)
_AR_NUM = FIGURE

_DATE = re.compile(
    rf"(?P<y>{YEAR})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?!\d)"
    rf"|(?:(?P<y2>{YEAR})年(?:度)?)?(?P<m2>\d{{1,2}})月(?:份)?(?:(?P<d2>\d{{1,2}})[日号])?"
    rf"|(?P<y3>{YEAR})(?=年)"
    rf"|(?P<cy>{CN_YEAR})(?=年)"
)
_TIME = re.compile(r"(?<!\d)\d{1,2}[:：]\d{2}(?!\d)")
# Where a heading or list number may open a line: after spaces, a Markdown bullet and bold. The number itself is
# read by text.markdown.ordinal, the one ordinal grammar (1.2 设备巡检 is section 1.2, not the figure 1.2).
_LINE_OPENING = re.compile(r"^[ \t\u3000\u00a0]*(?:[-*+][ \t]+)?(?:\*\*)?", re.M)
# An ordinal inside a line opens with a bracket or is circled: （1） (一) ① ⑴.
_INLINE_OPENER = re.compile(r"[（(①-⒇]")
_INLINE_FORMS = frozenset({"（一）", "（1）", "①"})
_ARABIC = re.compile(
    rf"(?<![A-Za-z_\d.,])(?P<lead>第)?(?P<num>{_AR_NUM})"
    rf"(?:\s*(?P<pct>[%％])"
    rf"|(?P<approx>余|多)?(?P<scale>{SCALE})?(?P<approx2>余|多)?(?P<unit>{_UNIT_ALT})?)"
)
_CHINESE = re.compile(
    rf"(?P<lead>第|百分之)?(?P<num>{CN_NUM})(?P<approx>余|多)?(?P<scale>{SCALE})?(?P<approx2>余|多)?"
    rf"(?P<unit>{_CN_UNIT_ALT})?"
)
# 两成 = 20%, 一半 = 50%: only right after a verb of amount, and 成 not starting a word (一成不变, 九成新).
_CHENG = re.compile(
    r"(?<=[占达约近超逾了到有降升增减高低长省过少加])(?:(?P<n>[一二两三四五六七八九])成"
    r"(?![立功本果绩效员为熟就品交型都套年片群批个家不新器语事文])|(?P<half>一半))"
)
# A hedge word before the number; 节约/最近/附近 are words, not hedges.
_HEDGE_BEFORE = {"约": "约", "近": "近", "逾": "余"}
_NOT_HEDGE = frozenset("节制预签合公契相特违履婉简邀集践失毁赴条缔立续解守誓最附邻靠就亲贴临远")
_RANGE_SEP = re.compile(r"\s*(?:-|~|～|—|–|至|到)\s*")


@dataclass(frozen=True)
class Quantity:
    """A number as written: `value` in the unit written (9.8万元 → 9.8, "万元"); `base()` scales it."""

    value: Decimal
    unit: str
    start: int
    end: int
    raw: str
    kind: Kind
    in_range: bool = False
    hedge: str = ""  # 余 | 约 | 近 | 成: an approximate figure (see the module doc), "" when exact

    @property
    def is_metric(self) -> bool:
        return self.kind in METRIC_KINDS

    @property
    def decimals(self) -> int:
        exp = self.value.as_tuple().exponent
        return -exp if isinstance(exp, int) and exp < 0 else 0

    def base(self) -> tuple[Decimal, str]:
        return normalize(self.value, self.unit)


def _arabic(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


class _Taken:
    """The characters already read as a date, time or index: one cell per character, so asking whether a
    span overlaps them costs the span's length, not the number of spans seen (extract stays linear)."""

    def __init__(self, size: int) -> None:
        self.cells = bytearray(size)

    def overlaps(self, start: int, end: int) -> bool:
        return self.cells.find(1, start, end) >= 0

    def add(self, start: int, end: int) -> None:
        self.cells[start:end] = b"\x01" * (end - start)


def _dates(text: str, out: list[Quantity], taken: _Taken) -> None:
    for m in _DATE.finditer(text):
        raw = m.group()
        if m.group("cy"):
            year = "".join(str(DIGIT_VALUE[c]) for c in m.group("cy"))
            out.append(Quantity(Decimal(year), "年", m.start(), m.end() + 1, raw + "年", "year"))
            taken.add(m.start(), m.end())
            continue
        parts = [
            ("y", "年"),
            ("m", "月"),
            ("d", "日"),
            ("y2", "年"),
            ("m2", "月"),
            ("d2", "日"),
            ("y3", "年"),
        ]
        month = m.group("m") or m.group("m2")
        if month and not 1 <= int(month) <= 12:
            continue
        for group, unit in parts:
            if m.group(group):
                kind: Kind = "year" if unit == "年" else "date"
                out.append(Quantity(Decimal(m.group(group)), unit, m.start(group), m.end(group), raw, kind))
        taken.add(m.start(), m.end())


def _kind_for(unit: str, lead: str | None, approx: str | None, nxt: str) -> Kind:
    if lead == "第" or nxt in ("号", "楼") or unit in ("号",):
        return "ordinal"
    if approx:
        return "approx"
    base = split_unit(unit)[1]
    if base == "%":
        return "percent"
    if base == "个百分点":
        return "points"
    return "quantity"


def extract(text: str) -> list[Quantity]:
    """Every number in `text`, in order of position; `raw` and offsets refer to `text` as written."""
    folded = fold(text)
    if folded == text:
        return _extract(text)
    return [
        replace(q, raw=text[q.start : q.end]) if q.raw == folded[q.start : q.end] else q
        for q in _extract(folded)
    ]


def _index(text: str, start: int, at: int, out: list[Quantity], taken: _Taken) -> bool:
    """Record the ordinal text[at:] opens with (per markdown.ordinal) as an index from `start` (the line's
    start: its indent and bullet belong to the marker); False if there is none."""
    head = text[at : at + 40]
    o = ordinal(head)
    if o is None:
        return False
    end = at + len(head) - len(head.lstrip(" \t\u3000")) + len(o.written)
    if taken.overlaps(start, end):
        return False
    out.append(Quantity(Decimal(o.value), "", start, end, text[start:end], "index"))
    taken.add(start, end)
    return True


def _indexes(text: str, out: list[Quantity], taken: _Taken) -> None:
    for m in _LINE_OPENING.finditer(text):
        _index(text, m.start(), m.end(), out, taken)
    for m in _INLINE_OPENER.finditer(text):
        o = ordinal(text[m.start() : m.start() + 12])
        if o is not None and o.form in _INLINE_FORMS:
            _index(text, m.start(), m.start(), out, taken)


def _extract(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    taken = _Taken(len(text))
    _dates(text, out, taken)
    for m in _TIME.finditer(text):
        if not taken.overlaps(m.start(), m.end()):
            value = Decimal(m.group()[: 2 if m.group()[1:2].isdigit() else 1])
            out.append(Quantity(value, "", m.start(), m.end(), m.group(), "time"))
            taken.add(m.start(), m.end())
    _indexes(text, out, taken)
    _arabic_numbers(text, out, taken)
    _chinese_numbers(text, out, taken)
    if "成" in text or "一半" in text:
        _fractions(text, out, taken)
    out.sort(key=lambda q: q.start)
    return out


def _hedge(text: str, start: int, end: int, approx: bool) -> str:
    """The hedge of the number at text[start:end]: 余/多 after it, 约/近/逾 before it, 左右 after its unit."""
    if approx:
        return "余"
    if text.startswith("左右", end):
        return "约"
    before = text[start - 1] if start else ""
    if before == "为" and text[start - 2 : start] == "约为":
        return "约"
    if before in _HEDGE_BEFORE and (start < 2 or text[start - 2] not in _NOT_HEDGE):
        return _HEDGE_BEFORE[before]
    return ""


def _fractions(text: str, out: list[Quantity], taken: _Taken) -> None:
    for m in _CHENG.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        value = Decimal(50) if m.group("half") else (chinese_value(m.group("n")) or Decimal(0)) * 10
        out.append(Quantity(value, "%", m.start(), m.end(), m.group(), "percent", hedge="成"))
        taken.add(m.start(), m.end())


def _arabic_numbers(text: str, out: list[Quantity], taken: _Taken) -> None:
    pending: Quantity | None = None  # first half of a range such as 3-5次
    pending_at = -1  # its index in `out`
    for m in _ARABIC.finditer(text):
        if taken.overlaps(m.start("num"), m.end("num")):
            continue
        end = m.end()
        nxt = text[end : end + 1]
        value = _arabic(m.group("num"))
        unit = "%" if m.group("pct") else (m.group("scale") or "") + (m.group("unit") or "")
        approx = m.group("approx") or m.group("approx2")
        if unit == "" and nxt and (nxt.isascii() and nxt.isalpha()):
            kind: Kind = "code"
        elif m.group("num").startswith("0") and len(m.group("num")) > 1 and "." not in m.group("num"):
            kind = "code"  # 0571, serial numbers
        else:
            kind = _kind_for(unit, m.group("lead"), approx, nxt)
        start = m.start("num") if not m.group("lead") else m.start()
        hedge = _hedge(text, start, end, bool(approx)) if kind in CLAIM_KINDS else ""
        q = Quantity(value, unit, start, end, m.group(), kind, hedge=hedge)
        if pending is not None and _RANGE_SEP.fullmatch(text[pending.end : m.start()]):
            # The first half takes the second half's unit: 3-5次 is (3次, 5次).
            first = replace(
                pending,
                unit=pending.unit or unit,
                kind=pending.kind if pending.unit else q.kind,
                in_range=True,
            )
            out[pending_at] = first
            q = replace(q, in_range=True)
        out.append(q)
        pending, pending_at = (q, len(out) - 1) if q.kind in CLAIM_KINDS else (None, -1)


def _chinese_numbers(text: str, out: list[Quantity], taken: _Taken) -> None:
    if not re.search(f"[{CN_DIGITS}十百千]", text):
        return
    for m in _CHINESE.finditer(text):
        lead, unit, num = m.group("lead"), m.group("unit") or "", m.group("num")
        approx = m.group("approx") or m.group("approx2")
        if unit and m.group("scale"):
            unit = m.group("scale") + unit  # 零点五万元, 十余万元
        if taken.overlaps(m.start(), m.end()):
            continue
        if lead != "百分之" and not unit and not text.startswith("个百分点", m.end()):
            continue  # a bare numeral run (统一, 一线, 十四五) is not a quantity
        if lead == "百分之" and num == "百":
            value: Decimal | None = Decimal(100)
        elif num in ("万", "亿", "千", "百", "十万", "百万"):
            continue
        else:
            value = chinese_value(num)
        if value is None:
            continue
        if text.startswith("个百分点", m.end()) and not unit:
            unit, end = "个百分点", m.end() + 4
        else:
            end = m.end()
        kind: Kind
        if lead == "百分之":
            unit, kind = "%", "percent"
        elif lead == "第":
            kind = "ordinal"
        elif num in ("一", "两", "二", "俩") and unit not in ("个百分点",):
            kind = "count"  # 一批、两个、一次: counting words, not metrics
        else:
            kind = _kind_for(unit, None, approx, text[end : end + 1])
        hedge = _hedge(text, m.start(), end, bool(approx)) if kind in CLAIM_KINDS else ""
        out.append(Quantity(value, unit, m.start(), end, text[m.start() : end], kind, hedge=hedge))


Direction = Literal["up", "down"]


@dataclass(frozen=True)
class Change:
    """A signed change as written: 下降两成 (down, 20%), 提高2.3个百分点 (up, 2.3 points), 少了470件."""

    direction: Direction
    amount: Quantity
    verb: str


@lru_cache(maxsize=1)
def _change_verbs() -> tuple[re.Pattern[str], frozenset[str]]:
    up = {*alternation("up_by", "spoken_up").split("|")}
    down = {*alternation("down_by", "spoken_down").split("|")}
    every = sorted({*up, *down}, key=len, reverse=True)
    rx = re.compile(rf"(?P<verb>{'|'.join(every)})了?(?:约|大约|近|将近|接近|逾)?$")
    return rx, frozenset(up)


def changes(text: str) -> list[Change]:
    """Every figure stated as a change by an amount (the verb right before it): 同比下降两成, 较上年提高2.3个百分点,
    比去年少了470件. A change *to* a level (降至3起) is not a change by an amount and is not returned."""
    rx, up = _change_verbs()
    out: list[Change] = []
    for q in extract(text):
        if q.kind not in CLAIM_KINDS:
            continue
        m = rx.search(text, max(0, q.start - 8), q.start)
        if m is None or m.end() != q.start:
            continue
        verb = m.group("verb")
        out.append(Change("up" if verb in up else "down", q, verb))
    return out
