"""One change typed in a field, the way a clerk states it when last year's figure is not at hand: 下降一成,
同比下降8%, 减少三成左右, 下降了8个百分点, 少了470件, -10%, ＋2.3个百分点.

`changes()` (numbers) finds changes inside prose; `read_change()` reads a whole field as exactly one change and
says what to write when it is not one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from zongjie.text.numbers import CLAIM_KINDS, Direction, NumberError, extract, read_value
from zongjie.text.width import fold
from zongjie.text.words import alternation

# A sign typed before the figure: ASCII, full-width (folded to ASCII) or the typographic minus.
_SIGNS: dict[str, Direction] = {"+": "up", "-": "down", "−": "down", "﹣": "down", "﹢": "up"}
# 成 and 半 are tenths and a half of last year's figure: 一成 = 10%, 一半 = 50%.
_CHENG = {"成": Decimal(10), "半": Decimal(50)}


@dataclass(frozen=True)
class Stated:
    """A change as stated: `amount` (> 0) in `unit` (%, 个百分点, or the metric's own unit such as 件);
    `cheng` when written in 成 or 一半 (written back the same way, as `words`); `hedge` 约/近/余 or ""."""

    direction: Direction
    amount: Decimal
    unit: str
    hedge: str = ""
    cheng: bool = False
    words: str = ""  # the amount as written when cheng: 一成, 三成, 一半
    versus: str = ""  # 同比 / 较上年 when the clerk wrote one
    verb: str = ""  # as written (下降, 少); "" for a sign


@lru_cache(maxsize=1)
def _verbs() -> tuple[re.Pattern[str], frozenset[str]]:
    up = frozenset(alternation("up_by", "spoken_up").split("|"))
    down = frozenset(alternation("down_by", "spoken_down").split("|"))
    every = sorted(up | down, key=len, reverse=True)
    return re.compile(rf"(?P<verb>{'|'.join(map(re.escape, every))})了?"), up


def _versus(prefix: str) -> str:
    if "同比" in prefix:
        return "同比"
    return "较上年" if any(w in prefix for w in ("上年", "去年", "上一年")) else ""


def read_change(text: str) -> Stated:
    """`text` as one change. Raises NumberError saying what to write when it is not one (no direction, no
    figure, a level rather than a change, two changes)."""
    written = " ".join(str(text).split())
    folded = fold(written).replace(" ", "")
    if not folded:
        raise NumberError("is empty: write the change, e.g. 下降一成 or -10%")
    direction: Direction
    versus = verb = ""
    if folded[0] in _SIGNS:
        direction = _SIGNS[folded[0]]
        rest = folded[1:]
    else:
        rx, up = _verbs()
        found = rx.search(folded)
        if re.search(alternation("down_to", "up_to"), folded):
            raise NumberError(
                f"{written!r} is a level, not a change: put this year's figure in value (降至3起 → value: 3)"
            )
        if found is None:
            raise NumberError(
                f"{written!r} has no direction: write it as 下降一成, 增长8% or 提高2.3个百分点 (or -10%)"
            )
        prefix = folded[: found.start()]
        if extract(prefix):
            raise NumberError(f"{written!r} holds a figure before the change: write the change alone")
        verb = found.group("verb")
        direction = "up" if verb in up else "down"
        versus, rest = _versus(prefix), folded[found.end() :]
    try:
        r = read_value(rest)
    except NumberError:
        raise NumberError(
            f"{written!r} is not one change: write one direction and one figure, e.g. 下降一成, -10%, 少了470件"
        ) from None
    if r.upper is not None:
        raise NumberError(f"{written!r} is a range: write one figure (约…, …左右 say it is approximate)")
    unit, amount, cheng = r.unit, r.value, False
    if unit.startswith(tuple(_CHENG)):
        hedge = "余" if unit.endswith("多") else r.hedge
        amount, unit, cheng = r.value * _CHENG[unit[0]], "%", True
    else:
        hedge = r.hedge
    if amount <= 0:
        raise NumberError(f"{written!r} is no change: leave change out (or say 持平 in a note)")
    if not unit:
        raise NumberError(
            f"{written!r} has no unit: write % (下降8%), 个百分点, 成 or the metric's unit (少了470件)"
        )
    words = rest.removeprefix("约").removeprefix("近").removesuffix("左右") if cheng else ""
    return Stated(direction, amount.normalize(), unit, hedge, cheng, words, versus, verb)


# The comparison a change may follow its name with (能耗同比下降8%, 报修比去年少了120件).
_VERSUS = re.compile(r"(?:同比|(?:比|较|相比|与)(?:去年|上年|上一年度?|前一年)(?:同期)?(?:的)?(?:相比)?)$")


def named_change(text: str) -> tuple[str, Stated] | None:
    """(name, change) for a note that says only how something moved: 用气量下降一成 → (用气量, −10%),
    能耗同比下降8% → (能耗, …), 投诉减少三成左右. None when `text` is not a name followed by one change."""
    text = text.strip()
    rx, _ = _verbs()
    for found in rx.finditer(text):
        head = text[: found.start()]
        versus = _VERSUS.search(head)
        name = (head[: versus.start()] if versus else head).strip()
        if len(name) < 2 or any(q.kind in CLAIM_KINDS for q in extract(name)):
            continue
        try:
            return name, read_change(text[versus.start() if versus else found.start() :])
        except NumberError:
            continue
    return None
