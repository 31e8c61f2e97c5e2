"""Reading the draft's Markdown into blocks."""

from __future__ import annotations

from zongjie.export.markdown import Run, parse


def test_headings_paragraphs_items_and_bold() -> None:
    blocks = parse(
        "# 标题\n\n前言第一行\n接着写 Word\nand more\n\n## 一、主要工作\n\n### （一）设施运维\n\n"
        "1. **引入系统。**效果好\n2. 第二项\n- 要点\n\n#### 1.细项\n\n2.5万元的投入是一段延续\n"
    )
    kinds = [(b.kind, b.level) for b in blocks]
    assert kinds == [
        ("title", 1),
        ("para", 0),
        ("heading", 2),
        ("heading", 3),
        ("para", 0),
        ("para", 0),
        ("para", 0),
        ("heading", 4),
        ("para", 0),
    ]
    assert blocks[1].text == "前言第一行接着写 Word and more"
    assert blocks[3].bare_heading == "设施运维"
    assert blocks[4].runs == [Run("1."), Run("引入系统。", bold=True), Run("效果好")]
    assert blocks[5].text == "2.第二项" and blocks[6].text == "要点"
    assert blocks[8].text == "2.5万元的投入是一段延续"  # a decimal is not a list number


def test_second_h1_is_a_heading_not_a_title() -> None:
    blocks = parse("# 标题\n\n# 另一个\n")
    assert [b.kind for b in blocks] == ["title", "heading"]
