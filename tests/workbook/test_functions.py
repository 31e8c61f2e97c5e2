"""职能 names as sheets and 类别 cells write them: the heading number goes, the name stays whole."""

from __future__ import annotations

import pytest

from zongjie import profiles
from zongjie.workbook.functions import Functions, clean


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("一、设备设施", "设备设施"),
        ("（二）保洁", "保洁"),
        ("(3)食堂", "食堂"),
        ("1.安保", "安保"),
        ("1、安保", "安保"),
        ("2. 保洁绿化", "保洁绿化"),
        ("①保洁", "保洁"),
        ("二次供水", "二次供水"),
        ("一站式服务", "一站式服务"),
        ("十佳评选", "十佳评选"),
        ("三、二次供水", "二次供水"),
    ],
)
def test_a_heading_number_goes_and_the_name_stays_whole(written: str, name: str) -> None:
    assert clean(written) == name


def test_a_sheet_whose_name_opens_with_a_numeral_keeps_it() -> None:
    functions = Functions(profiles.load("school"))
    assert [functions.key(n) for n in ("二次供水", "一站式服务")] == [
        ("custom1", "二次供水"),
        ("custom2", "一站式服务"),
    ]
