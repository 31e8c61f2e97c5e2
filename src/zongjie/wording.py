"""Words the project reads and writes in more than one place: the verbs of a change (增长/下降…), and how a
plan names its owner (责任人) and its deadline (6月底前). One vocabulary, so the linter, the notes reader and
the offline writer agree on what counts as a trend, an owner or a time limit."""

from __future__ import annotations

import re

from zongjie.text import dates
from zongjie.text.words import literal_alternation, words

# The lists are data files under text/lexicon/ (up_by.txt …).
# A change by an amount: 同比增长13.2%, 较上年减少4起.
UP_BY: tuple[str, ...] = words("up_by")
DOWN_BY: tuple[str, ...] = words("down_by")
# Words before a figure that make it a change (同比下降100%, 较上年减少1次), not one of the metric's figures;
# 提升至/降为 give the new level, which is a figure. A regex source, for rules to search with or build on.
CHANGE_BEFORE = r"同比|环比|较|比|(?:" + literal_alternation(UP_BY + DOWN_BY) + r")(?![至到为])"
# A change to a level: 由7起降至3起.
UP_TO: tuple[str, ...] = words("up_to")
DOWN_TO: tuple[str, ...] = words("down_to")
UP: tuple[str, ...] = UP_BY + UP_TO
DOWN: tuple[str, ...] = DOWN_BY + DOWN_TO

# Who is responsible: 责任人为工程主管李明 / 牵头人：赵敏 / 由环境主管赵敏负责. The name is group 1 or 2.
OWNER_LABELS: tuple[str, ...] = words("owner_labels")
OWNER_LABEL = "|".join(OWNER_LABELS)
OWNER = re.compile(
    rf"(?:{OWNER_LABEL}|牵头)(?:为|是|：|:)?\s*([^，。；、,;)）\s]{{2,16}})|由([^，。；,;]{{2,16}}?)(?:牵头)?负责"
)

# When a plan is due (2026年6月底, 3个月内, 2026年起) is a date form: text.dates defines it; the names stay
# here for the rules and grammars that build on them.
WHEN = dates.WHEN
DEADLINE = dates.DEADLINE

NONE_HAPPENED = ("未发生", "没有发生", "未出现", "没有出现")


def zero_said(text: str, name: str) -> bool:
    """The text says that the thing a zero count counts did not happen: 全年未发生安全事故 (安全事故 0起),
    连续两年未发生食品安全事故, 未发生电梯困人事件."""
    start = text.find(name)
    while start >= 0:
        before = re.split(r"[，。；,;！？]", text[max(0, start - 8) : start])[-1]
        if any(w in before for w in NONE_HAPPENED):
            return True
        start = text.find(name, start + 1)
    return False
