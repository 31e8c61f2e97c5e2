"""A change stated in words when last year's figure is not at hand: `change: 下降一成`, `change: -10%`,
`change: 下降了8个百分点`. It is a fact (the clerk's), not a derived figure: it is written back in its own words
(下降一成 / 下降10%, 约 kept), never turned into a level (下降达到10%)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, WithJsonSchema, model_validator

from zongjie.text.stated import read_change
from zongjie.text.words import alternation

# The formal verbs (下降, 减少, 提高…); a spoken one (少了) or a sign (-10%) is written back with the usual verb.
_FORMAL = frozenset(alternation("up_by", "down_by").split("|"))


class StatedChange(BaseModel):
    """下降一成 as typed (`text`) and as read. Written and read back as its text, so a facts file, the web form
    and a workspace keep the clerk's words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    direction: Literal["up", "down"]
    amount: float  # > 0, in `unit`
    unit: str  # %, 个百分点, or a unit of the metric's own kind (件, 万元)
    hedge: str = ""  # 约 | 近 | 余
    cheng: bool = False  # written in 成 / 一半
    words: str = ""  # 一成, 三成多, 一半
    versus: str = ""  # 同比 | 较上年, as written
    verb: str = ""

    @model_validator(mode="before")
    @classmethod
    def _read(cls, data: Any) -> Any:
        """A text ("下降一成") or a record carrying its text: always read again from the text, so the record
        can never disagree with what the clerk wrote."""
        text = data.get("text") if isinstance(data, dict) else data
        if isinstance(text, int | float) and not isinstance(text, bool):
            text = f"{text:+g}%" if text else "0"  # -10 typed as a number: -10%
        if not isinstance(text, str):
            raise ValueError("must be a change in words, e.g. 下降一成, -10% or 提高2.3个百分点")
        s = read_change(text)  # NumberError is a ValueError: its message says what to write
        if s.direction == "down" and s.unit == "%" and s.amount > 100:
            # a count or an amount cannot fall by more than all of it (个百分点 of a rate is judged by the rate)
            raise ValueError(
                f"{text}: a fall of more than 100% cannot be (a count or an amount cannot fall below 0) — check the figure, e.g. 下降12% or 下降一成"
            )
        return {
            "text": " ".join(text.split()),
            "direction": s.direction,
            "amount": float(s.amount),
            "unit": s.unit,
            "hedge": s.hedge,
            "cheng": s.cheng,
            "words": s.words,
            "versus": s.versus,
            "verb": s.verb,
        }

    def scaled(self, factor: Decimal) -> StatedChange:
        """The amount in the metric's unit (减少1.5万元 for a metric in 万元: 1.5)."""
        return self.model_copy(update={"amount": float(Decimal(repr(self.amount)) / factor)})

    @property
    def signed(self) -> float:
        return self.amount if self.direction == "up" else -self.amount

    def wording(self, unit: str, amount: str) -> str:
        """The change in 公文 words: 下降一成, 同比下降约10%, 提高2.3个百分点, 减少470件; `amount` is the
        figure as the metric writes it (fmt)."""
        up = self.direction == "up"
        if self.verb in _FORMAL:
            verb = self.verb
        elif unit == "%" or self.unit == "个百分点":
            verb = ("提高" if up else "下降") if self.unit == "个百分点" else ("增长" if up else "下降")
        else:
            verb = "增加" if up else "减少"
        if self.cheng:
            size = self.words
            before = {"约": "约", "近": "近"}.get(self.hedge, "")
        else:
            size = f"{amount}{unit}"
            before = {"约": "约", "近": "近", "余": "逾"}.get(self.hedge, "")
        return f"{self.versus}{verb}{before}{size}"


Change = Annotated[
    StatedChange,
    WithJsonSchema(
        {
            "type": "string",
            "description": "上年数值不详时所述的变化，如 下降一成、减少三成左右、同比下降8%、下降了2个百分点、-10%",
        }
    ),
]


def tolerance_agrees(stated: StatedChange, actual: Decimal) -> bool:
    """Whether a change computed from value and previous (signed, in the stated unit) is what the clerk said.
    成 is within 5 points, 约 within a tenth (1 point for %), 近 at most the figure and 90% of it, 余 at least
    the figure; an exact figure agrees at its own precision (10% for 10.4%)."""
    said = Decimal(repr(stated.signed))
    if (actual > 0) != (said > 0) or actual == 0:
        return False
    a, s = abs(actual), abs(said)
    percent = stated.unit in ("%", "个百分点")
    if stated.cheng:
        return abs(a - s) <= 5
    if stated.hedge == "约":
        return abs(a - s) <= (1 if percent else s / 10)
    if stated.hedge == "近":
        return s - (2 if percent else s / 10) <= a <= s
    if stated.hedge == "余":
        return s <= a < s * Decimal("1.5")
    exp = s.normalize().as_tuple().exponent
    step = Decimal(1).scaleb(exp if isinstance(exp, int) and exp < 0 else 0)
    return abs(a - s) <= step / 2
