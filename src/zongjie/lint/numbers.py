"""The number reader lives in zongjie.text.numbers; this re-export keeps the linter's callers working."""

from zongjie.text.numbers import CLAIM_KINDS, METRIC_KINDS, Kind, Quantity, chinese_value, extract
from zongjie.text.units import normalize, split_unit

__all__ = [
    "CLAIM_KINDS",
    "METRIC_KINDS",
    "Kind",
    "Quantity",
    "chinese_value",
    "extract",
    "normalize",
    "split_unit",
]
