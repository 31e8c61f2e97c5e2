"""The document every format renders: the draft's blocks, with each function's metrics table and chart
inserted after its subsection, and the 落款 and date at the end."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from zongjie.export.fonts import CjkFont, FontLookup, find_cjk_font
from zongjie.export.markdown import Block, parse
from zongjie.facts.derive import fmt_date, fmt_quantity
from zongjie.facts.model import Facts
from zongjie.plan import build_plan
from zongjie.plan.task import MetricFact, SectionTask
from zongjie.text.dates import DateError, is_numeric_day, parse_when

TABLE_MIN_METRICS = 3  # a function with fewer metrics reads better as prose alone
TABLE_HEADER = ("指标", "本年", "上年", "同比或变化", "目标")
NO_FONT_WARNING = (
    "charts skipped: no font with Chinese glyphs was found. Install one (Debian/Ubuntu: "
    "apt-get install fonts-wqy-microhei) or point ZONGJIE_CJK_FONT at a .ttf/.otf/.ttc file; "
    "--no-charts silences this"
)


@dataclass
class MetricTable:
    caption: str
    rows: list[tuple[str, str, str, str, str]]
    header: tuple[str, ...] = TABLE_HEADER


@dataclass
class Figure:
    """A chart as one picture per row of panels: a row can start at the foot of a page and the next row go
    on the following one, where one tall picture would leave half a page empty."""

    rows: list[tuple[bytes, float]]  # (PNG, width in mm)
    caption: str


Item = Block | MetricTable | Figure


@dataclass
class ExportDoc:
    title: str
    items: list[Item] = field(default_factory=list)
    signoff: list[str] = field(default_factory=list)  # 落款 then date, right-aligned at the end
    author: str | None = None
    warnings: list[str] = field(default_factory=list)
    charts: int = 0

    def text(self) -> str:
        """Every visible text of the document, one piece per line (for tests and checks)."""
        out = [self.title]
        for item in self.items:
            if isinstance(item, Block):
                out.append(item.text)
            elif isinstance(item, MetricTable):
                out += [item.caption, *("\t".join(r) for r in [item.header, *item.rows])]
            else:
                out.append(item.caption)
        return "\n".join([*out, *self.signoff])


def _change_text(mf: MetricFact) -> str:
    by_kind = {d.kind: d.text for d in mf.derived}
    return by_kind.get("yoy") or by_kind.get("pp") or by_kind.get("change") or by_kind.get("stated") or "—"


def _target_text(mf: MetricFact) -> str:
    m = mf.metric
    if m.target is None:
        return "—"
    met = next((d.met for d in mf.derived if d.met is not None), None)
    verdict = "" if met is None else ("（达到）" if met else "（未达到）")
    return fmt_quantity(m.target, m.unit) + verdict


def metric_rows(metrics: list[MetricFact]) -> list[tuple[str, str, str, str, str]]:
    """Only fact values and derived texts: the table states no number the facts do not give."""
    rows = []
    for mf in metrics:
        m = mf.metric
        previous = fmt_quantity(m.previous, m.unit) if m.previous is not None else "—"
        value = fmt_quantity(m.value, m.unit) if m.value is not None else "—"
        rows.append((m.name, value, previous, _change_text(mf), _target_text(mf)))
    return rows


def signer(facts: Facts) -> str:
    """Who signs (落款) and authors the file: report.author, else the unit that reports."""
    report = facts.report
    return report.author or f"{report.organization}{report.department}"


def _signoff(facts: Facts, blocks: list[Block], today: dt.date) -> list[str]:
    """落款 and 成文日期: report.date, else the day of the export (a 公文 is dated when it is issued)."""
    wanted = [signer(facts), fmt_date(facts.report.date or today)]
    last = blocks[-1].text.strip() if blocks and blocks[-1].kind == "para" else ""
    if _is_date_line(last):
        return []  # the user already typed a 落款 and date at the end of the draft: not repeated
    return wanted


def _is_date_line(text: str) -> bool:
    """The paragraph is one dated day and nothing else (2025年12月31日, 二〇二五年十二月三十一日, 2025-12-31)."""
    if not (text.endswith(("日", "号")) or is_numeric_day(text)):
        return False
    try:
        return parse_when(text).is_day
    except DateError:
        return False


class _Charts:
    """Looks the font up once, on the first chart wanted; remembers a missing font as one warning."""

    def __init__(self, lookup: FontLookup, warnings: list[str]) -> None:
        self.lookup = lookup
        self.warnings = warnings
        self.font: CjkFont | None = None
        self.looked = False

    def make(self, heading: str, metrics: list[MetricFact]) -> Figure | None:
        from zongjie.export.charts import chart_labels, chart_rows, render, width_inches

        if not self.looked:
            self.looked = True
            self.font = self.lookup()
            if self.font is None:
                self.warnings.append(NO_FONT_WARNING)
        if self.font is None:
            return None
        from zongjie.export.fonts import missing_glyphs

        missing = missing_glyphs(self.font, chart_labels(metrics))
        if missing:
            self.warnings.append(
                f"chart for {heading} skipped: font {self.font.family} has no glyph for {missing!r}"
            )
            return None
        font = self.font
        return Figure([(render(row, font), width_inches(len(row)) * 25.4) for row in chart_rows(metrics)], "")


def _function_tasks(facts: Facts) -> dict[str, SectionTask]:
    return {t.heading: t for t in build_plan(facts) if t.kind == "function"}


def build(
    markdown: str,
    facts: Facts,
    *,
    charts: bool = True,
    font_lookup: FontLookup = find_cjk_font,
    today: dt.date | None = None,
) -> ExportDoc:
    blocks = parse(markdown)
    title = next((b.text for b in blocks if b.kind == "title"), facts.report.display_title)
    doc = ExportDoc(title=title, author=signer(facts))
    tasks = _function_tasks(facts)
    maker = _Charts(font_lookup, doc.warnings) if charts else None
    tables = figures = 0
    current: SectionTask | None = None

    def close_subsection() -> None:
        nonlocal tables, figures
        if current is None:
            return
        name = current.heading
        if len(current.metrics) >= TABLE_MIN_METRICS:
            tables += 1
            doc.items.append(MetricTable(f"表{tables}　{name}主要指标", metric_rows(current.metrics)))
        from zongjie.export.charts import charted

        with_previous = [mf for mf in current.metrics if charted(mf)]
        if maker is not None and with_previous:
            figure = maker.make(name, with_previous)
            if figure is not None:
                figures += 1
                figure.caption = f"图{figures}　{name}主要指标本年与上年对比"
                doc.items.append(figure)

    body = [b for b in blocks if b.kind != "title"]
    for block in body:
        if block.kind == "heading" and block.level <= 3:
            close_subsection()
            current = tasks.get(block.bare_heading) if block.level == 3 else None
        doc.items.append(block)
    close_subsection()
    doc.signoff = _signoff(facts, body, today or dt.date.today())
    doc.charts = figures
    return doc
