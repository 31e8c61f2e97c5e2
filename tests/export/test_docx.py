"""The .docx as a reader gets it: GB/T 9704 page, East Asian fonts, headings, page numbers, every number."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from export.export_helpers import numbers
from zongjie.export import ExportResult, export_workspace
from zongjie.export.fonts import CjkFont
from zongjie.facts.load import load
from zongjie.plan import build_plan

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
THEME_ATTRS = ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")


@pytest.fixture
def exported(
    property_ws: Path, tmp_path: Path, fake_charts: Callable[[], CjkFont | None]
) -> tuple[ExportResult, Path]:
    result = export_workspace(property_ws, "docx", tmp_path / "out.docx", font_lookup=fake_charts)
    return result, property_ws


def _doc(path: Path):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(str(path))


def _east_asia(run) -> str | None:  # type: ignore[no-untyped-def]
    fonts = run._r.rPr.find(f"{W}rFonts")
    return None if fonts is None else fonts.get(f"{W}eastAsia")


def _all_text(document) -> str:  # type: ignore[no-untyped-def]
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_page_is_a4_with_gbt9704_margins(exported: tuple[ExportResult, Path]) -> None:
    section = _doc(exported[0].path).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]


def test_east_asian_fonts_on_title_body_and_heading_runs(exported: tuple[ExportResult, Path]) -> None:
    document = _doc(exported[0].path)
    paragraphs = document.paragraphs
    title = paragraphs[0]
    assert title.style.name == "Title"
    assert {_east_asia(r) for r in title.runs if r.text} == {"方正小标宋简体"}
    assert title.runs[0].font.size is None or title.runs[0].font.size.pt == 22
    assert title.style.font.size.pt == 22
    by_style: dict[str, set[str | None]] = {}
    for p in paragraphs[1:]:
        if p.text.startswith("表"):
            assert {_east_asia(r) for r in p.runs} == {"黑体"}  # table captions
            continue
        for r in p.runs:
            if r.text.strip():
                by_style.setdefault(p.style.name, set()).add(_east_asia(r))
    assert by_style["Heading 1"] == {"黑体"}
    assert by_style["Heading 2"] == {"楷体"}
    assert by_style["Normal"] == {"仿宋"}
    body = next(p for p in paragraphs if p.style.name == "Normal" and len(p.text) > 40)
    assert body.style.font.size.pt == 16
    assert round(body.style.paragraph_format.line_spacing.pt, 2) == 28.95


def test_theme_fonts_removed_and_fallbacks_declared(exported: tuple[ExportResult, Path]) -> None:
    with zipfile.ZipFile(exported[0].path) as z:
        styles = z.read("word/styles.xml").decode()
        effects = z.read("word/stylesWithEffects.xml").decode()
        font_table = z.read("word/fontTable.xml").decode()
        body = z.read("word/document.xml").decode()
    for xml in (styles, effects, body):
        assert not any(f"w:{a}=" in xml for a in THEME_ATTRS)
    assert 'w:name="仿宋"><w:altName w:val="FangSong"/>' in font_table
    assert 'w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in font_table


def test_heading_levels_follow_the_draft(exported: tuple[ExportResult, Path]) -> None:
    result, ws = exported
    draft = (ws / "draft.md").read_text(encoding="utf-8").splitlines()
    document = _doc(result.path)
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert h1 == [line[3:] for line in draft if line.startswith("## ")]
    assert h2 == [line[4:] for line in draft if line.startswith("### ")]
    assert h1[0] == "一、主要工作回顾与成果" and h2[0].startswith("（一）")


def test_page_number_field_in_odd_and_even_footers(exported: tuple[ExportResult, Path]) -> None:
    with zipfile.ZipFile(exported[0].path) as z:
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
        settings = z.read("word/settings.xml").decode()
    assert len(footers) == 2
    for xml in footers:
        assert "<w:instrText" in xml and " PAGE " in xml
        assert xml.index("— ") < xml.index('w:fldCharType="begin"') < xml.index(" —")
    assert "<w:evenAndOddHeaders" in settings
    section = _doc(exported[0].path).sections[0]
    assert section.footer.paragraphs[0].alignment == 2  # odd pages: right
    assert section.even_page_footer.paragraphs[0].alignment == 0  # even pages: left


def test_every_section_and_number_of_the_draft_is_present(exported: tuple[ExportResult, Path]) -> None:
    result, ws = exported
    draft = (ws / "draft.md").read_text(encoding="utf-8")
    text = _all_text(_doc(result.path))
    for line in draft.splitlines():
        if line.startswith("#"):
            assert line.lstrip("# ") in text
    body_text = "\n".join(p.text for p in _doc(result.path).paragraphs)
    missing = [n for n in numbers(draft) if n not in body_text]
    assert not missing
    for para in (p for p in draft.split("\n\n") if p and not p.startswith("#")):
        # 公文 numbering drops the space after "1." ; bold markers are formatting, not text
        plain = re.sub(r"^(\d+)\. ", r"\1.", para.replace("**", "").replace("\n", ""))
        assert plain[:30] in body_text


def test_metric_tables_hold_only_fact_numbers(exported: tuple[ExportResult, Path]) -> None:
    result, ws = exported
    from zongjie.export.document import TABLE_MIN_METRICS
    from zongjie.facts.derive import fmt
    from zongjie.workspace.store import Workspace

    store = Workspace(ws)
    facts = load(store.facts_path(store.load_state()))
    allowed: set[str] = set()
    expected_tables = 0
    for task in build_plan(facts):
        if task.kind != "function":
            continue
        expected_tables += len(task.metrics) >= TABLE_MIN_METRICS
        for mf in task.metrics:
            m = mf.metric
            allowed |= {fmt(v) for v in (m.value, m.previous, m.target) if v is not None}
            allowed |= {fmt(d.value) for d in mf.derived}
    tables = _doc(result.path).tables
    assert len(tables) == expected_tables
    assert [c.text for c in tables[0].rows[0].cells] == ["指标", "本年", "上年", "同比或变化", "目标"]
    cells = [c.text for t in tables for row in list(t.rows)[1:] for c in row.cells]
    stray = {n for cell in cells for n in numbers(cell)} - allowed
    assert not stray
    assert "1248次" in cells and "同比增长13.2%" in cells and "98%（达到）" in cells


def test_signoff_and_date_at_the_end(exported: tuple[ExportResult, Path]) -> None:
    paragraphs = _doc(exported[0].path).paragraphs
    assert [p.text for p in paragraphs[-2:]] == ["阳光花园项目物业后勤科", "2026年1月8日"]
    assert all(p.alignment == 2 for p in paragraphs[-2:])


def test_charts_embedded_after_their_subsection_when_a_font_is_found(
    exported: tuple[ExportResult, Path],
) -> None:
    result, _ = exported
    document = _doc(result.path)
    assert result.charts == len([p for p in document.paragraphs if p.text.startswith("图")]) > 0
    assert len(document.inline_shapes) >= result.charts  # one picture per row of panels
    assert result.warnings == []
    texts = [p.text for p in document.paragraphs]
    first_chart = texts.index("图1　设备设施运行与维护主要指标本年与上年对比")
    assert texts.index("（一）设备设施运行与维护") < first_chart < texts.index("（二）环境卫生管理")


def test_charts_skipped_with_one_warning_when_no_font(property_ws: Path, tmp_path: Path) -> None:
    calls: list[int] = []

    def no_font() -> CjkFont | None:
        calls.append(1)
        return None

    result = export_workspace(property_ws, "docx", tmp_path / "x.docx", font_lookup=no_font)
    assert result.charts == 0 and len(_doc(result.path).inline_shapes) == 0
    assert len(result.warnings) == 1 and "no font with Chinese glyphs" in result.warnings[0]
    assert calls == [1]  # looked up once, not once per chart
    assert len(_doc(result.path).tables) > 0  # tables need no font


def test_no_charts_never_looks_for_a_font(property_ws: Path, tmp_path: Path) -> None:
    def boom() -> CjkFont | None:
        raise AssertionError("font lookup with --no-charts")

    result = export_workspace(property_ws, "docx", tmp_path / "x.docx", charts=False, font_lookup=boom)
    assert result.charts == 0 and result.warnings == []


def test_long_title_breaks_before_the_year() -> None:
    from zongjie.export.word import title_lines

    assert title_lines("阳光花园项目物业后勤科2025年度工作总结") == ["阳光花园项目物业后勤科2025年度工作总结"]
    assert title_lines("仁济市第二人民医院后勤保障部2025年度工作总结") == [
        "仁济市第二人民医院后勤保障部",
        "2025年度工作总结",
    ]
    # The year as users type it: full-width digits, Chinese numerals (the old pattern saw neither).
    assert title_lines("仁济市第二人民医院后勤保障部２０２５年度工作总结")[1] == "２０２５年度工作总结"
    assert title_lines("仁济市第二人民医院后勤保障部二〇二五年度工作总结")[1] == "二〇二五年度工作总结"
