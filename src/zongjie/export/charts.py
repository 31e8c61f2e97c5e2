"""Bar charts of this year vs last year: one small panel per metric, so 次 and % never share an axis,
every bar labelled with its fact value. matplotlib (Agg) is imported only when a chart is drawn."""

from __future__ import annotations

import io
import math
from typing import Any

from zongjie.export.fonts import CjkFont
from zongjie.facts.derive import fmt_quantity
from zongjie.plan.task import MetricFact

COLUMNS = 4
PANEL_INCHES = 1.45
TITLE_CHARS = 8  # characters of a panel title per line at 9.5 pt
PREVIOUS_COLOR = "#a6adb4"
CURRENT_COLOR = "#1f4e79"
LOWER_NOTE = "（越低越好）"
PREVIOUS_LABEL, CURRENT_LABEL = "上年", "本年"


def charted(mf: MetricFact) -> bool:
    """A metric earns a chart panel when it has last year's value and is not 0 → 0: two empty bars (安全事故
    0 → 0) say nothing a reader needs a picture for."""
    m = mf.metric
    return m.value is not None and m.previous is not None and not (m.previous == 0 and m.value == 0)


def chart_labels(metrics: list[MetricFact]) -> str:
    """All text a chart will draw, to check the font has every glyph before drawing."""
    parts = [PREVIOUS_LABEL, CURRENT_LABEL, LOWER_NOTE]
    for mf in metrics:
        m = mf.metric
        parts.append(m.name)
        if m.value is not None:
            parts.append(fmt_quantity(m.value, m.unit))
        if m.previous is not None:
            parts.append(fmt_quantity(m.previous, m.unit))
    return "".join(parts)


def chart_rows(metrics: list[MetricFact]) -> list[list[MetricFact]]:
    """Panels split into balanced rows of at most COLUMNS: 5 lay out 3 + 2, not 4 + 1."""
    rows = math.ceil(len(metrics) / COLUMNS)
    cols = math.ceil(len(metrics) / rows) if rows else 0
    return [metrics[i : i + cols] for i in range(0, len(metrics), cols)] if cols else []


def width_inches(panels: int) -> float:
    """Panels keep one width, so a two-metric chart is not stretched across the page."""
    rows = math.ceil(panels / COLUMNS)
    cols = math.ceil(panels / rows)
    return min(6.3, 0.5 + PANEL_INCHES * cols)


def panel_title(name: str, lower_better: bool) -> str:
    """Names wrap at TITLE_CHARS so neighbouring panel titles never run into each other."""
    lines = [name[i : i + TITLE_CHARS] for i in range(0, len(name), TITLE_CHARS)]
    return "\n".join(lines + ([LOWER_NOTE] if lower_better else []))


def render(metrics: list[MetricFact], font: CjkFont, *, dpi: int = 200) -> bytes:
    """PNG bytes; 16 cm wide (the A4 text width under GB/T 9704 margins)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    font_manager.fontManager.addfont(str(font.path))
    shown = [mf for mf in metrics if charted(mf)]
    rows = math.ceil(len(shown) / COLUMNS)
    cols = math.ceil(len(shown) / rows)  # 5 panels lay out 3 + 2, not 4 + 1
    style: Any = {
        "font.family": [font.family],
        "axes.unicode_minus": False,
        "font.size": 9,
        "svg.fonttype": "path",
    }
    with plt.rc_context(style):
        lines = max(panel_title(mf.metric.name, mf.metric.better == "lower").count("\n") + 1 for mf in shown)
        size = (width_inches(len(shown)), (1.9 + 0.17 * lines) * rows)
        fig, axes = plt.subplots(rows, cols, figsize=size, squeeze=False)
        try:
            for ax in axes.flat[len(shown) :]:
                ax.set_visible(False)
            for ax, mf in zip(axes.flat, shown, strict=False):
                _panel(ax, mf)
            fig.tight_layout(pad=0.6, h_pad=1.2, w_pad=1.0)
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
        finally:
            plt.close(fig)
    return buf.getvalue()


def _panel(ax: object, mf: MetricFact) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    m = mf.metric
    assert m.previous is not None and m.value is not None
    values = [m.previous, m.value]
    bars = ax.bar([PREVIOUS_LABEL, CURRENT_LABEL], values, color=[PREVIOUS_COLOR, CURRENT_COLOR], width=0.6)
    labels = [fmt_quantity(v, m.unit) for v in values]
    ax.bar_label(bars, labels=labels, padding=2, fontsize=8.5)
    ax.set_title(panel_title(m.name, m.better == "lower"), fontsize=9.5, pad=12, linespacing=1.3)
    low, high = min(*values, 0.0), max(*values, 0.0)
    span = (high - low) or 1.0
    ax.set_ylim(low - (0.22 * span if low < 0 else 0), high + 0.22 * span)  # room for the value labels
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", length=0)
