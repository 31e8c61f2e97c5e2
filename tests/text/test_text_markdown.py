"""The one Markdown reader, and the sentence/clause splitter."""

from __future__ import annotations

import re

from zongjie.text import clauses, read_blocks, read_lines, sentences
from zongjie.text.markdown import CN_ORDINAL, ENUMERATOR, RUN_IN_ITEM

DOC = """# 标题
前言一行
续行

## 一、工作回顾
- 巡检100次
-巡检200次
  续写一行
1. 第一项
2、第二项
（一）设备
**粗体不是列表**
---
```
- 代码里的不算
```
<!-- zongjie-disable -->
① 圆圈编号
"""


def test_blocks_kinds_markers_and_offsets() -> None:
    blocks = read_blocks(DOC)
    got = [(b.kind, b.number, b.style, b.marker, b.content) for b in blocks]
    assert got == [
        ("heading", 1, "", "", "标题"),
        ("para", 2, "", "", "前言一行\n续行"),
        ("heading", 5, "", "", "一、工作回顾"),
        ("item", 6, "bullet", "-", "巡检100次"),
        ("item", 7, "bullet", "-", "巡检200次\n续写一行"),
        ("item", 9, "number", "1.", "第一项"),
        ("item", 10, "number", "2、", "第二项"),
        ("item", 11, "chinese", "（一）", "设备\n**粗体不是列表**"),
        ("item", 18, "circled", "①", "圆圈编号"),
    ]
    for b in blocks:
        assert DOC[b.start : b.start + len(b.text)] == b.text


def test_line_kinds() -> None:
    kinds = {line.number: line.kind for line in read_lines(DOC)}
    assert kinds[4] == "blank" and kinds[13] == "rule" and kinds[14] == "fence"
    assert kinds[15] == "code" and kinds[17] == "comment"
    heading = read_lines("### （二）安保 ###")[0]
    assert (heading.kind, heading.level, heading.content) == ("heading", 3, "（二）安保")


def test_crlf_offsets_stay_exact() -> None:
    text = "第一段\r\n\r\n- 第二段\r\n"
    blocks = read_blocks(text)
    assert [b.content for b in blocks] == ["第一段", "第二段"]
    assert text[blocks[1].start : blocks[1].start + 5] == "- 第二段"


def test_a_negative_number_or_a_decimal_is_not_a_bullet() -> None:
    assert [b.kind for b in read_blocks("-5度的低温\n\n3.5万元")] == ["para", "para"]


def test_sentences_keep_marks_and_offsets() -> None:
    text = "全年巡检1248次。他说“满意度92.3%！”）\n下一句"
    spans = sentences(text)
    assert [s for _, s in spans] == ["全年巡检1248次。", "他说“满意度92.3%！”）", "下一句"]
    assert all(text[o : o + len(s)] == s for o, s in spans)


def test_clauses() -> None:
    assert [c for _, c in clauses("甲，乙；丙。丁")] == ["甲", "乙", "丙", "丁"]
    assert [c for _, c in clauses("甲、乙", enumeration=True)] == ["甲", "乙"]
    assert [c for _, c in clauses("甲、乙")] == ["甲、乙"]


def test_run_in_item_fragments() -> None:
    marks = re.compile(rf"(?:^|(?<=[。；]))(?:{RUN_IN_ITEM})")
    text = "一是加强巡检；二是（一）完善制度。1.落实责任。节约1.5万元。"
    assert [m.group() for m in marks.finditer(text)] == ["一是", "二是", "1."]
    assert re.fullmatch(CN_ORDINAL, "二十一") and not re.fullmatch(CN_ORDINAL, "一百")
    assert re.fullmatch(ENUMERATOR, "三是")
