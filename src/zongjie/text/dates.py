"""Dates and periods as Chinese users write them, validated, and printed back in 公文 form.

Accepted: 2025-07-23, 2025/7/23, 2025.7.23, 2025年7月23日 (or 23号), 二〇二五年七月二十三日, 7月23日 (the year
given by the caller), 2026年6月, 2026年6月底/月末/初/上旬/中旬/下旬, 2026年上半年/下半年, 2026年第三季度(末),
2026年底/年末/年中/年内, 年底 (with the caller's year), 2026年. Each reads to a `When`: a first and a last day
and its 公文 text (2025年7月23日, 2026年6月底, 2026年第三季度). Impossible dates (13月, 2月30日) raise
DateError with a message saying what is wrong; it never guesses.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from zongjie.text.forms import YEAR
from zongjie.text.numerals import DIGIT_VALUE, YEAR_DIGITS
from zongjie.text.width import fold
from zongjie.text.words import literal_alternation, longest_first, words

_N = rf"[\d{YEAR_DIGITS}十]{{1,4}}"
_SEP = re.compile(
    r"(?P<y>\d{4})\s*(?P<s>[-/.])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<d>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?"
)
_SEP_MONTH = re.compile(r"(?P<y>\d{4})\s*[-/.]\s*(?P<m>\d{1,2})")
_CN = re.compile(
    rf"(?:(?P<y>{_N})\s*年(?:度)?)?\s*"
    rf"(?:(?P<m>{_N})\s*月(?:份)?\s*(?:(?P<d>{_N})\s*[日号])?)?"
    r"(?P<part>上半年|下半年|第?[一二三四1-4]季度|年底|年末|年中|年内|全年|底|末|初|上旬|中旬|下旬)?"
    r"(?P<edge>末|底|初)?"
)
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_CN = "一二三四"
# A deadline's trailing words that add nothing to the date: 6月底前, 年底之前, 2026年6月30日前完成.
_TRAILER = re.compile(r"(?:之前|以前|前|为止|止|内完成|前完成|完成)$")


class DateError(ValueError):
    """A date that cannot be (13月, 2月30日) or is not a date at all; the message says what to write."""


@dataclass(frozen=True)
class When:
    """A day (first == last) or a period, with its 公文 text."""

    first: dt.date
    last: dt.date
    text: str

    @property
    def is_day(self) -> bool:
        return self.first == self.last and "底" not in self.text and "末" not in self.text

    @property
    def year(self) -> int:
        return self.first.year


def fmt_date(day: dt.date) -> str:
    """A date as 公文 writes it (GB/T 9704-2012 成文日期): 2025年7月3日, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def _int(token: str | None) -> int | None:
    if not token:
        return None
    if token.isdigit():
        return int(token)
    if all(c in DIGIT_VALUE for c in token):  # 二〇二五: digit by digit
        return int("".join(str(DIGIT_VALUE[c]) for c in token))
    from zongjie.text.numerals import chinese_value

    value = chinese_value(token)
    return int(value) if value is not None and value == value.to_integral_value() else None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _check(year: int, month: int | None, day: int | None, written: str) -> None:
    if not 1000 <= year <= 9999:
        raise DateError(f"{written!r}: {year} is not a year; write four digits, e.g. 2025年")
    if month is not None and not 1 <= month <= 12:
        raise DateError(
            f"{written!r} is not a valid date: there is no month {month} (months run from 1 to 12)"
        )
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(
                f"{written!r} is not a valid date: {year}年{month}月 has no day {day} (it has {last} days)"
            )


def _need_year(year: int | None, written: str) -> int:
    if year is None:
        raise DateError(f"{written!r} has no year: write it in full, e.g. 2025年7月23日")
    return year


def parse_when(text: str | dt.date, *, year: int | None = None) -> When:
    """A date or period in any accepted form; `year` fills in a date written without one (7月23日, 年底).
    Raises DateError when the text is not a date or names an impossible one."""
    if isinstance(text, dt.datetime):
        text = text.date()
    if isinstance(text, dt.date):
        return When(text, text, fmt_date(text))
    written = " ".join(str(text).split())
    folded = _TRAILER.sub("", fold(written).strip().rstrip("。，,;；"))
    if not folded:
        raise DateError("is empty: write a date, e.g. 2025年7月23日")
    if sep := _SEP.fullmatch(folded):
        ys, ms, ds = int(sep.group("y")), int(sep.group("m")), int(sep.group("d"))
        _check(ys, ms, ds, written)
        day = dt.date(ys, ms, ds)
        return When(day, day, fmt_date(day))
    if sep := _SEP_MONTH.fullmatch(folded):
        ys, ms = int(sep.group("y")), int(sep.group("m"))
        _check(ys, ms, None, written)
        return When(dt.date(ys, ms, 1), _month_end(ys, ms), f"{ys}年{ms}月")
    m = _CN.fullmatch(folded)
    if m is None or not any(m.group(g) for g in ("y", "m", "part")):
        raise DateError(f"{written!r} is not a date: write e.g. 2025年7月23日 or 2025-07-23")
    y_written, mo, d = _int(m.group("y")), _int(m.group("m")), _int(m.group("d"))
    unread = [g for g, v in (("y", y_written), ("m", mo), ("d", d)) if m.group(g) and v is None]
    if unread:
        raise DateError(f"{written!r} is not a date: write e.g. 2025年7月23日 or 2025-07-23")
    part, edge = m.group("part") or "", m.group("edge") or ""
    y = y_written if y_written is not None else _need_year(year, written)
    _check(y, mo, d, written)
    prefix = f"{y}年"
    if mo is not None:
        if d is not None:
            if part or edge:
                raise DateError(f"{written!r}: a day needs no {part or edge}; write e.g. {y}年{mo}月{d}日")
            day = dt.date(y, mo, d)
            return When(day, day, fmt_date(day))
        return _month_part(y, mo, part + edge, written)
    if not part:
        if edge:
            part = "年" + edge  # 2026年底
        else:
            return When(dt.date(y, 1, 1), dt.date(y, 12, 31), prefix)
    return _year_part(y, part, edge, written)


def _month_part(y: int, mo: int, part: str, written: str) -> When:
    first, last = dt.date(y, mo, 1), _month_end(y, mo)
    label = f"{y}年{mo}月"
    spans = {
        "": (first, last),
        "底": (last, last),
        "末": (last, last),
        "初": (first, dt.date(y, mo, 10)),
        "上旬": (first, dt.date(y, mo, 10)),
        "中旬": (dt.date(y, mo, 11), dt.date(y, mo, 20)),
        "下旬": (dt.date(y, mo, 21), last),
    }
    if part not in spans:
        raise DateError(f"{written!r} is not a date: write e.g. {label}底 or {label}30日")
    a, b = spans[part]
    return When(a, b, label + part)


def _year_part(y: int, part: str, edge: str, written: str) -> When:
    if "季度" in part:
        q = _QUARTER[part.removeprefix("第")[0]]
        a, b = dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        label = f"{y}年第{_QUARTER_CN[q - 1]}季度"
        if edge in ("末", "底"):
            return When(b, b, label + "末")
        return When(a, b, label + edge)
    if edge:
        raise DateError(f"{written!r} is not a date: write e.g. {y}年底 or {y}年上半年")
    spans = {
        "上半年": (dt.date(y, 1, 1), dt.date(y, 6, 30), f"{y}年上半年"),
        "下半年": (dt.date(y, 7, 1), dt.date(y, 12, 31), f"{y}年下半年"),
        "年底": (dt.date(y, 12, 31), dt.date(y, 12, 31), f"{y}年底"),
        "年末": (dt.date(y, 12, 31), dt.date(y, 12, 31), f"{y}年末"),
        "底": (dt.date(y, 12, 31), dt.date(y, 12, 31), f"{y}年底"),
        "末": (dt.date(y, 12, 31), dt.date(y, 12, 31), f"{y}年末"),
        "年中": (dt.date(y, 6, 30), dt.date(y, 6, 30), f"{y}年年中"),
        "年内": (dt.date(y, 1, 1), dt.date(y, 12, 31), f"{y}年内"),
        "全年": (dt.date(y, 1, 1), dt.date(y, 12, 31), f"{y}年全年"),
    }
    if part not in spans:
        raise DateError(f"{written!r} is not a date: write e.g. {y}年底 or {y}年上半年")
    a, b, label = spans[part]
    return When(a, b, label)


def parse_date(text: str | dt.date, *, year: int | None = None) -> dt.date:
    """One day in any accepted form (2025-07-23, 2025/7/23, 2025.7.23, 2025年7月23日, 7月23日 with `year`).
    Raises DateError for a period (2025年7月: which day?) or an impossible date."""
    when = parse_when(text, year=year)
    if not when.is_day:
        raise DateError(
            f"{text!r} is a period, not a day: write the day, e.g. {when.last.year}年{when.last.month}月{when.last.day}日"
        )
    return when.first


def parse_year(text: str | int) -> int:
    """A year as written in a field: 2025, "2025", "2025年", "2025年度", "二〇二五年"."""
    if isinstance(text, bool):
        raise DateError("must be a year such as 2025, not true/false")
    if isinstance(text, int):
        return text
    written = " ".join(str(text).split())
    m = re.fullmatch(rf"(?P<y>{_N})\s*(?:年度?)?", fold(written))
    y = _int(m.group("y")) if m else None
    if y is None:
        raise DateError(f"{written!r} is not a year: write four digits, e.g. 2025")
    _check(y, None, None, written)
    return y


@dataclass(frozen=True)
class YearMention:
    """A year a text names: `start`/`end` offsets into the text as written, `end` after 年/年度/学年 when
    written; `dated` when a month or day follows (2026年9月底: the year of a date, not of a title)."""

    year: int
    start: int
    end: int
    dated: bool


_YEAR_WORD = re.compile(r"[ \t\u3000]*(?:学年|年度|年)")


def years(text: str) -> list[YearMention]:
    """The years a text names, in order: 2025, 2025年, 2025年度, ２０２５, 二〇二五年, both ends of 2024—2025学年,
    and the year of a date (marked `dated`). A count (2025次), an amount (2050元) or a figure outside
    1900–2099 is not a year."""
    from zongjie.text.numbers import extract

    found = extract(text)
    days = [q.start for q in found if q.kind == "date"]
    out: list[YearMention] = []
    for q in found:
        plain = q.kind == "quantity" and q.unit == "" and fold(q.raw).strip().isdigit()  # 2025总务处…
        if not (q.kind == "year" or plain) or not 1900 <= q.value <= 2099:
            continue
        end = q.end
        if word := _YEAR_WORD.match(text, end):
            end = word.end()
        out.append(YearMention(int(q.value), q.start, end, any(q.end <= d <= end + 1 for d in days)))
    return out


_LEADING_YEAR = re.compile(rf"^\s*({YEAR})\s*年")


def leading_year(text: str) -> int | None:
    """The year a text opens with (2026年6月底前完成改造 → 2026), or None."""
    m = _LEADING_YEAR.match(fold(text))
    return int(m.group(1)) if m else None


def leading_date(text: str, *, year: int | None = None) -> tuple[When, str] | None:
    """The date or period a text opens with (2025年7月23日暴雨…, 7月23日…, 2025-07-23…, 3月份…) and the written
    token; None when it opens with none, or with a date that needs a year (7月23日) and `year` is None.
    Raises DateError for an impossible date (2月30日)."""
    from zongjie.text.numbers import extract

    head = fold(text[:24])
    first = next((q for q in extract(head) if q.kind in ("year", "date")), None)
    if first is None or not head.startswith(first.raw):
        return None
    token = text[: len(first.raw)]
    try:
        when = parse_when(first.raw.removesuffix("份"), year=year)
    except DateError:
        if year is None and _needs_year(first.raw):
            return None
        raise
    return when, token


def _needs_year(written: str) -> bool:
    try:
        parse_when(written.removesuffix("份"), year=2000)
    except DateError:
        return False
    return True


_NUMERIC_DAY = re.compile(r"\d{4}\s*[-/.／]\s*\d{1,2}\s*[-/.／]\s*\d{1,2}")
# A date inside free text: 2026年13月底前完成改造 holds 2026年13月.
_DATE_LIKE = re.compile(
    r"(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{4}\s*[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{1,2})?"
)


def is_numeric_day(text: str) -> bool:
    """True for a day written with separators only (2026/6/30, 2026-06-30, ２０２６．６．３０)."""
    return bool(_NUMERIC_DAY.fullmatch(fold(text).strip()))


def check_dates_in(text: str, *, year: int | None = None) -> None:
    """Raises DateError for the first impossible date inside free text (下学期开学前 has none; 2026年13月底前
    has one); `year` fills in a date written without one."""
    for piece in _DATE_LIKE.finditer(fold(text)):
        parse_when(piece.group(), year=year or 2000)


# A point in time a plan is due, inside free text: 2026年6月底, 6月30日, 年底, 第三季度末, 2026-06-30, 3个月内.
# A regex source, for grammars that need a date slot (the notes' deadline clauses); `find_deadline` reads one.
WHEN = (
    r"(?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}[日号])?|年底|年末|年中|年内|上半年|下半年|第?[一二三四1-4]季度)"
    r"(?:底|末|初|中旬|上旬|下旬)?"
    r"|\d{4}年(?:底|末|内)"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|[一二三四五六七八九十\d]+个?月内"
)
# A time limit anywhere in prose: a point in time, or a year a plan runs to or from (2026年前, 2026年起).
DEADLINE = re.compile(rf"{WHEN}|\d{{4}}年(?:前|起|完成)|月底前")
_OPENING_TIME = re.compile(
    rf"^(?:{WHEN}|\d{{4}}年|\d{{1,2}}[日号]|{literal_alternation(words('time_words'))})"
)


def find_deadline(text: str) -> str | None:
    """The first time limit written in `text` (2026年6月底, 3个月内, 2026年起), as written; None if none."""
    m = DEADLINE.search(text)
    return m.group() if m else None


def opening_time(text: str) -> str:
    """The time phrase `text` opens with, as written (2026年6月底 in 2026年6月底前完成…, 汛期 in 汛期前完成…,
    明年 in 明年将…), or "" when it opens with none."""
    m = _OPENING_TIME.match(text)
    return m.group() if m else ""


def span_end(text: str) -> bool:
    """True when `text` is a whole month or a whole year alone (2026年12月, 12月, 明年12月, 2026年): a span whose
    end is the deadline it means (2026年12月 → 2026年12月底前)."""
    word = next((w for w in longest_first(words("time_words")) if text.startswith(w)), "")
    text = text[len(word) :] if word and not word.startswith("年") else text  # 明年12月 is a month too
    try:
        when = parse_when(text, year=2000)
    except DateError:
        return False
    folded = fold(text).strip()
    if not folded.endswith(("月", "年")) or folded.endswith(("半年", "全年")):
        return False
    whole_month = when.first.day == 1 and when.last == _month_end(when.first.year, when.first.month)
    whole_year = (when.first.month, when.first.day, when.last.month, when.last.day) == (1, 1, 12, 31)
    return whole_month or whole_year


# A date or period with its year, inside free text (责任人王芳，2026年6月底前完成): what dates_in reads.
_IN_TEXT = re.compile(
    r"\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}"
    r"|\d{4}\s*年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号]|底|末|初|上旬|中旬|下旬)?"
    r"|上半年|下半年|第?[一二三四1-4]季度末?|年底|年末|年中|底|末)"
)


def dates_in(text: str) -> list[tuple[int, int, When]]:
    """(start, end, When) for each day or period written with its year inside free text: 2026年6月底,
    2026年9月30日, 2026-06-30, 2026年底, 2026年上半年. A bare year (2026年) is no date here; an impossible
    one (2026年13月) is skipped (check_dates_in is what refuses it)."""
    out: list[tuple[int, int, When]] = []
    for m in _IN_TEXT.finditer(fold(text)):
        try:
            out.append((m.start(), m.end(), parse_when(m.group())))
        except DateError:
            continue
    return out


# A plan's time written without its year: 明年3月前, 年底, 6月底, 第三季度, 上半年 (3个月内 and 汛期 are no dates).
_NEXT_YEAR = re.compile(r"^(?:明年|来年|下一年度?|下年度?)")
_YEARLESS = re.compile(r"^(?:年底|年末|年中|年内|上半年|下半年|第?[一二三四1-4]季度|\d{1,2}月(?!内))")


def in_year(text: str, year: int) -> str:
    """A plan's deadline with the plan's `year` written in: 年底 → 2026年底, 明年3月前 → 2026年3月前, 明年 →
    2026年, 9月底 → 2026年9月底; a deadline that has its year, or is no date (下学期开学前), stays."""
    if m := _NEXT_YEAR.match(text):
        rest = text[m.end() :]
        return f"{year}{rest}" if rest.startswith("年") else f"{year}年{rest}"
    if _YEARLESS.match(fold(text)):
        return f"{year}{text}" if text.startswith("年") else f"{year}年{text}"
    return text
