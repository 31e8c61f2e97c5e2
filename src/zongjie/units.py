"""Moved to zongjie.text.units (the unit table with its aliases); kept as a re-export while callers move."""

from zongjie.text.units import (
    ALL_UNITS,
    CN_NUMERAL_UNITS,
    COUNT_UNITS,
    DURATION_UNITS,
    MEASURE_UNITS,
    RATIO_UNITS,
    longest_first,
)

__all__ = [
    "ALL_UNITS",
    "CN_NUMERAL_UNITS",
    "COUNT_UNITS",
    "DURATION_UNITS",
    "MEASURE_UNITS",
    "RATIO_UNITS",
    "longest_first",
]
