"""The section view's lists: every list form a clerk types is a list item (1、 included), sub-headings stay."""

from __future__ import annotations

from zongjie.web.trace import render_section


def test_every_numbered_form_is_a_list_item() -> None:
    html = render_section(
        "## 计划\n\n1、巡检管网\n2）维修水泵\n①更换阀门\n- 补招保洁\n（一）小标题\n", None, [], level=2
    )
    assert "<li>1、巡检管网</li>" in html and "<li>2）维修水泵</li>" in html and "<li>①更换阀门</li>" in html
    assert "<li>补招保洁</li>" in html and "<p>（一）小标题</p>" in html
