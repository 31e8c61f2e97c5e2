"""Whether a higher or a lower figure is the better one for a metric the facts do not mark: shared by the
section plan (every metric's wording) and the commitment check (is a carried plan met)."""

from __future__ import annotations

from zongjie.facts.model import Metric
from zongjie.profiles import Better, FunctionSpec, Profile

# Work done about an incident is work: 停电应急演练, 故障处理 count up, whatever 停电/故障 do.
_ACTIVITY_ENDINGS = (
    "演练",
    "培训",
    "检查",
    "排查",
    "巡检",
    "维修",
    "处置",
    "处理",
    "抢修",
    "整改",
    "及时率",
    "响应率",
)


def better_of(m: Metric, spec: FunctionSpec | None, profile: Profile) -> Better:
    """Whether lower is better (故障, 损耗率, 用电量) comes from the profile's indicator of the same kind:
    a rate never takes the direction of a count that shares a word with it."""
    if m.name.endswith(_ACTIVITY_ENDINGS):
        return "higher"
    specs = ([spec] if spec else []) + list(profile.functions)
    for s in specs:
        for ind in s.indicators:
            if ind.matches(m.name) and (ind.unit == "%") == (m.unit == "%"):
                return ind.better
    return "higher"
