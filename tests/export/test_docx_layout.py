"""The reviewer's complaints about the Word file, each checked: column widths, 落款 date, document
properties, 0 → 0 panels, tables that break with their header row repeated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from export.export_helpers import FIXTURES, make_workspace
from zongjie.export import export_workspace
from zongjie.export.columns import PAD_MM, lines_to_fit, text_mm, widths_mm
from zongjie.export.fonts import CjkFont
from zongjie.facts.derive import fmt_date

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _doc(path: Path):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(str(path))


@pytest.fixture(scope="module")
def school_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workspace(FIXTURES / "school-full.yaml", tmp_path_factory.mktemp("ws") / "school")


@pytest.fixture(scope="module")
def undated_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A facts file with neither report.author nor report.date, as most first drafts are."""
    return make_workspace(FIXTURES / "property-small.yaml", tmp_path_factory.mktemp("ws") / "small")


def _grid_mm(table) -> list[float]:  # type: ignore[no-untyped-def]
    return [int(col.get(f"{W}w")) / 56.6929 for col in table._tbl.tblGrid.findall(f"{W}gridCol")]


def test_metric_name_column_is_widest_and_no_name_breaks(
    school_ws: Path, tmp_path: Path, fake_charts: Callable[[], CjkFont | None]
) -> None:
    result = export_workspace(school_ws, "docx", tmp_path / "s.docx", font_lookup=fake_charts)
    tables = _doc(result.path).tables
    assert tables
    names = []
    for table in tables:
        widths = _grid_mm(table)
        assert abs(sum(widths) - 156) < 0.5  # the text width, no more
        assert widths[0] == max(widths)  # 指标 is the widest column
        for row in list(table.rows)[1:]:
            name = row.cells[0].text
            names.append(name)
            assert text_mm(name) + PAD_MM <= widths[0] + 0.01, name  # one line: no 平均响应时/间
            for c in (1, 2):
                assert text_mm(row.cells[c].text) + PAD_MM <= widths[c] + 0.01  # figures never wrap
        assert table._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    assert "平均响应时间" in names


def test_widths_for_long_texts_stay_on_the_page() -> None:
    rows = [
        ("指标", "本年", "上年", "同比或变化", "目标"),
        ("生活垃圾分类投放准确率", "91.3%", "84.7%", "较上年提高6.6个百分点", "90%（达到）"),
        ("节约能源费用", "11.6万元", "7.3万元", "同比增长58.9%", "—"),
    ]
    widths = widths_mm(rows, 156)
    assert abs(sum(widths) - 156) < 1e-6 and widths[0] == max(widths)
    assert text_mm(rows[1][0]) + PAD_MM <= widths[0]
    assert lines_to_fit("较上年提高6.6个百分点", 30) == [
        "较上年提高",
        "6.6个百分点",
    ]  # breaks before the figure
    assert lines_to_fit("同比增长5%", 60) == ["同比增长5%"]


def test_header_row_repeats_and_rows_do_not_split(
    school_ws: Path, tmp_path: Path, fake_charts: Callable[[], CjkFont | None]
) -> None:
    result = export_workspace(school_ws, "docx", tmp_path / "s.docx", font_lookup=fake_charts)
    document = _doc(result.path)
    for table in document.tables:
        rows = list(table.rows)
        assert rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
        assert all(r._tr.trPr.find(f"{W}cantSplit") is not None for r in rows)
    captions = [p for p in document.paragraphs if p.text.startswith(("表", "图"))]
    table_captions = [p for p in captions if p.text.startswith("表")]
    assert table_captions and all(p.paragraph_format.keep_with_next for p in table_captions)


def test_signoff_dated_with_report_date(
    school_ws: Path, tmp_path: Path, fake_charts: Callable[[], CjkFont | None]
) -> None:
    result = export_workspace(school_ws, "docx", tmp_path / "s.docx", font_lookup=fake_charts)
    paragraphs = _doc(result.path).paragraphs
    assert [p.text for p in paragraphs[-2:]] == ["明德实验中学后勤保障中心", "2026年1月12日"]


def test_signoff_without_report_date_is_dated_the_day_of_export(undated_ws: Path, tmp_path: Path) -> None:
    before = fmt_date(dt.date.today())
    result = export_workspace(undated_ws, "docx", tmp_path / "s.docx", charts=False)
    after = fmt_date(dt.date.today())
    paragraphs = _doc(result.path).paragraphs
    # No author in the facts: the unit that reports signs.
    assert paragraphs[-2].text == "翠湖苑小区物业服务中心后勤组"
    assert paragraphs[-1].text in {before, after}
    assert paragraphs[-1].text.endswith("日") and "年0" not in paragraphs[-1].text  # 2026年1月8日, no zeros


def test_core_properties_title_author_and_now(
    school_ws: Path, tmp_path: Path, fake_charts: Callable[[], CjkFont | None]
) -> None:
    start = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    result = export_workspace(school_ws, "docx", tmp_path / "s.docx", font_lookup=fake_charts)
    props = _doc(result.path).core_properties
    assert props.title == "明德实验中学后勤保障中心2025年度工作总结"
    assert props.author == "明德实验中学后勤保障中心"
    for stamp in (props.created, props.modified):
        assert stamp is not None
        assert (
            start - dt.timedelta(seconds=1) <= stamp.replace(tzinfo=None) <= start + dt.timedelta(minutes=5)
        )


def test_zero_to_zero_metrics_left_out_of_charts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_charts: Callable[[], CjkFont | None]
) -> None:
    drawn: list[str] = []

    def render(metrics, font):  # type: ignore[no-untyped-def]
        from export.export_helpers import tiny_png

        drawn.extend(mf.metric.name for mf in metrics)
        return tiny_png()

    monkeypatch.setattr("zongjie.export.charts.render", render)
    ws = make_workspace(FIXTURES / "hospital-full.yaml", tmp_path / "h")
    export_workspace(ws, "docx", tmp_path / "h.docx", font_lookup=fake_charts)
    assert drawn and "食品安全事故" not in drawn and "医废流失泄漏事件" not in drawn  # 0 → 0
    assert "医用气体供应中断" in drawn  # 1 → 0 is news, and stays
