"""Column widths of a metrics table, from what the cells hold: a name never breaks mid-word (`平均响应时/间`)
while the 同比 and 目标 texts, which read well on two lines, give way first; 指标 is the widest column."""

from __future__ import annotations

from collections.abc import Sequence

CJK_MM = 12 / 72 * 25.4  # one full-width character at 小四 (12 pt)
PAD_MM = 3.8 + 1.2  # Word's default cell margins (1.9 mm a side) and a little slack for rounding
NAME, CURRENT, PREVIOUS, CHANGE, TARGET = range(5)
WRAPPABLE = (CHANGE, TARGET)  # in order of who gives way first


def text_mm(text: str) -> float:
    """Approximate width at 小四: full-width characters one em, ASCII digits and signs about half."""
    return sum(CJK_MM if not ch.isascii() else CJK_MM * 0.55 for ch in text)


def widths_mm(rows: Sequence[Sequence[str]], total: float) -> list[float]:
    """Widths (mm) for the five columns of `rows` (header first), summing to `total`."""
    natural = [max(text_mm(row[c]) for row in rows) + PAD_MM for c in range(5)]
    header = rows[0]
    floor = [text_mm(header[c]) + PAD_MM for c in range(5)]
    widths = list(natural)
    over = sum(widths) - total
    for c in WRAPPABLE:  # two lines of 同比 text are fine; never less than the header or half its text
        if over <= 0:
            break
        least = max(floor[c], natural[c] / 2 + PAD_MM / 2)
        give = min(over, widths[c] - least)
        widths[c] -= give
        over -= give
    if over > 0:  # very long names: they wrap after all, but at no less than six characters
        widths[NAME] = max(6 * CJK_MM + PAD_MM, widths[NAME] - over)
    widths[NAME] += max(0.0, total - sum(widths))  # room to spare goes to the names
    # 指标 is the column a reader scans: at least as wide as any other, taken from the wrappable texts.
    for c in WRAPPABLE:
        gap = widths[c] - widths[NAME]
        if gap > 0:
            widths[c] -= gap / 2
            widths[NAME] += gap / 2
    scale = total / sum(widths)
    return [w * scale for w in widths]


def lines_to_fit(text: str, width: float) -> list[str]:
    """A 同比 text too wide for its cell breaks before its figure (较上年提高 / 2.3个百分点), never inside it."""
    if text_mm(text) + PAD_MM <= width:
        return [text]
    at = next((i for i, ch in enumerate(text) if ch.isdigit()), 0)
    return [text[:at], text[at:]] if at else [text]
