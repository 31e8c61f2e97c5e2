"""zongjie.text — the base layer for reading what users write: numbers, units, dates, Markdown, word lists.

It imports nothing from the rest of zongjie, and every other part reads text through it, so a form a user may
write (１２３, 1，326, ％, 2025年7月23日, 下降两成) is accepted or refused the same way everywhere. Stable API:

numbers   extract(text) -> list[Quantity]     every number in prose, with kind (quantity/percent/points/approx/
                                              year/date/ordinal/…), unit, hedge (约/近/余/成), in_range
          changes(text) -> list[Change]       signed changes: 下降两成, 提高2.3个百分点, 少了470件
values    read_value(text) -> Reading         one field value: "1,326", "１３２６", "一千三百二十六", "1.2万", "约1200"
          parse_number(text) -> Decimal       exactly one plain figure, else NumberError (a ValueError)
numerals  chinese_value(token)                cn2an on one numeral token (never on free text)
units     spelling(unit)                      ％ → %, ㎡/平米 → 平方米, 百分点 → 个百分点 (how zongjie writes it)
          split_unit(unit), normalize(v, u)   万元 → (10000, 元); 千瓦时/kWh → 度: for comparing figures
          ALL_UNITS, COUNT_UNITS, …           the unit table
dates     parse_when(text, year=) -> When     a day or period (2026年6月底, 2026年上半年, 第三季度, 年底), 公文 text
          parse_date(text, year=) -> date     one day (2025/3/15, 2025年7月23日, 7月23日 with year=)
          parse_year(text) -> int             2025, "2025年", "2025年度", "二〇二五年"
          leading_date(text, year=)           the date a text opens with (7月23日暴雨…) and its written token
          fmt_date(date) -> str               2025年7月3日; DateError (a ValueError) names what is wrong
          find_deadline(text), DEADLINE, WHEN a time limit in prose (2026年6月底, 3个月内, 2026年起)
          opening_time(text), span_end(text)  the time phrase a text opens with; a whole month/year alone
          years(text) -> list[YearMention]    the years a title names (2025总务处…, 2025年度, 2024—2025学年)
          dates_in(text)                      (start, end, When) for each dated day or period in free text
markdown  read_lines(text), read_blocks(text) one Markdown reader: headings, items, paragraphs, with offsets
          ordinal(text) -> Ordinal | None     the heading/list number a text opens with (一、 （一） 1. （1） ① 第三章)
          strip_ordinal(text, *forms)         the text without it; fmt_ordinal(n, form) writes one (3 → 三、)
          marker(line)                        the list marker a line starts with and its style
          opens_section(line)                 a Markdown heading or a line opening with 一、/（一）
          caption_number(text)                the 表N/图N a caption opens with
          CN_ORDINAL, ENUMERATOR, RUN_IN_ITEM ordinal fragments (一…九十九, 一是, 一是/（一）/1. inside a paragraph)
sentences sentences(text), clauses(text)      (offset, text) spans
          list_items(text)                    a list typed in one cell: 1.甲 2.乙 / ①甲②乙 / 甲；乙
words     words(name), pattern(*names)        word lists from text/lexicon/*.txt (vague, cliche_openings, …)
width     fold(text)                          full-width digits and signs to ASCII, same length
          ungroup(text), close_up(text)       1,326 → 1326; 巡检 1326 次 → 巡检1326次 (公文 spacing)
          close_spaces(text)                  the same spacing rule with widths kept (1.2 设备巡检 keeps its space)
forms     NUMBER, YEAR, unit_alternation()    regex fragments for grammars built elsewhere (the notes'
                                              <指标><数字><单位>): the slot a figure, a year or a unit fills
          DIGIT, NUMERAL                      character-class bodies: a digit (half/full width); any numeral
"""

from __future__ import annotations

from zongjie.text.dates import (
    DateError,
    When,
    YearMention,
    dates_in,
    fmt_date,
    leading_date,
    parse_date,
    parse_when,
    parse_year,
    years,
)
from zongjie.text.forms import NUMBER, YEAR, ends_with_figure, unit_alternation
from zongjie.text.markdown import (
    Block,
    Line,
    Ordinal,
    caption_number,
    fmt_ordinal,
    marker,
    opens_section,
    ordinal,
    read_blocks,
    read_lines,
    strip_ordinal,
)
from zongjie.text.numbers import CLAIM_KINDS, METRIC_KINDS, Change, Quantity, changes, extract
from zongjie.text.numerals import chinese_value
from zongjie.text.sentences import clauses, list_items, sentences
from zongjie.text.spacing import close_spaces, close_up
from zongjie.text.units import normalize, spelling, split_unit
from zongjie.text.values import NumberError, Reading, parse_number, read_value
from zongjie.text.width import fold, ungroup
from zongjie.text.words import alternation, pattern, words

__all__ = [
    "CLAIM_KINDS",
    "METRIC_KINDS",
    "NUMBER",
    "YEAR",
    "Block",
    "Change",
    "DateError",
    "Line",
    "NumberError",
    "Ordinal",
    "Quantity",
    "Reading",
    "When",
    "YearMention",
    "alternation",
    "caption_number",
    "changes",
    "chinese_value",
    "clauses",
    "close_spaces",
    "close_up",
    "dates_in",
    "ends_with_figure",
    "extract",
    "fmt_date",
    "fmt_ordinal",
    "fold",
    "leading_date",
    "list_items",
    "marker",
    "normalize",
    "opens_section",
    "ordinal",
    "parse_date",
    "parse_number",
    "parse_when",
    "parse_year",
    "pattern",
    "read_blocks",
    "read_lines",
    "read_value",
    "sentences",
    "spelling",
    "split_unit",
    "strip_ordinal",
    "ungroup",
    "unit_alternation",
    "words",
    "years",
]
