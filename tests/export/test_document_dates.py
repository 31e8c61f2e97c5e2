"""The 落款 date a user already typed at the end of the draft is recognised in the forms users write it."""

from __future__ import annotations

import pytest

from zongjie.export.document import _is_date_line
from zongjie.export.wordread import _style_level
from zongjie.text import caption_number


@pytest.mark.parametrize(
    "text",
    [
        "2025年12月31日",
        "二〇二五年十二月三十一日",
        "２０２５年１２月３１日",
        "2025-12-31",
        "2025/12/31",
        "2025年12月31号",
    ],
)
def test_a_typed_date_line(text: str) -> None:
    assert _is_date_line(text)


@pytest.mark.parametrize(
    "text", ["2025年12月", "12月31日", "2025年12月31日前完成", "2025年2月30日", "全年完成巡检1248次。", ""]
)
def test_not_a_date_line(text: str) -> None:
    assert not _is_date_line(text)


def test_captions_and_heading_styles() -> None:
    assert caption_number("表1　主要指标") == ("表", 1)
    assert caption_number("图２ 对比") == ("图", 2)
    assert caption_number("表扬了3名同事") is None and caption_number("表1中的数据") is None
    assert [_style_level(n) for n in ("Heading 2", "heading2", "标题 3", "Normal", "Headings 2")] == [
        2,
        2,
        3,
        None,
        None,
    ]
