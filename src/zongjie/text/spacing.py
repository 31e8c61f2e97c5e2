"""The 公文 spacing rule, one for the whole tool: no space between 汉字 and a figure (巡检 1326 次 → 巡检1326次),
except the space after a line's outline number (1.2 设备巡检), which tells a heading from the figure 1.2.
Used by the notes reader, the punctuation fixer (model prose) and the offline writer."""

from __future__ import annotations

import re

from zongjie.text.markdown import ordinal
from zongjie.text.width import fold

_CJK = r"\u3400-\u9fff"
_BLANK = r"[ \t\u3000]+"
# Full-width digits and ％ too, so callers that keep the user's width (the punctuation fixer) share the rule.
_FIGURE = "0-9０-９A-Za-z%％"
_HEADING_WORD = re.compile(f"[{_CJK}]")
_FIGURE_SPACES = re.compile(
    rf"(?<=[0-9０-９]){_BLANK}(?=[%％])"  # 82.3 % → 82.3%
    rf"|(?<=[{_CJK}]){_BLANK}(?=[{_FIGURE}])"  # 巡检 1326 → 巡检1326
    rf"|(?<=[{_FIGURE}]){_BLANK}(?=[{_CJK}])"  # 1326 次 → 1326次
)
# Figures only, Latin words keep their spaces (the punctuation fixer on model prose: 使用 APP 报修 as written).
_DIGIT_SPACES = re.compile(rf"(?<=[{_CJK}]){_BLANK}(?=[0-9０-９])|(?<=[0-9０-９%％]){_BLANK}(?=[{_CJK}])")


def close_spaces(text: str, *, words: bool = True) -> str:
    """No space between 汉字 and a figure or a Latin word, nor between a number and %: the 公文 convention
    (巡检 1326 次 → 巡检1326次, 使用 APP 报修 → 使用APP报修), widths kept as written. The space after a line's
    outline number stays: 1.2 设备巡检 is a heading (ordinal needs the space to tell it from the figure 1.2).
    With words=False only figures are closed up (82.3 %, 使用 APP 报修 stay)."""
    rx = _FIGURE_SPACES if words else _DIGIT_SPACES
    out = []
    for line in text.split("\n"):
        o = ordinal(line)
        keep = o.end if o is not None and _HEADING_WORD.match(line, o.end) else 0  # not 82.3 %
        out.append(line[:keep] + rx.sub("", line[keep:]))
    return "\n".join(out)


def close_up(text: str) -> str:
    """close_spaces on the text with full-width forms folded first (82.3 ％ → 82.3%)."""
    return close_spaces(fold(text))
