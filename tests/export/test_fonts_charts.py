"""The CJK font lookup and the charts: found → real Chinese labels; not found or lacking glyphs → no chart."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from zongjie.export import export_workspace
from zongjie.export.fonts import ENV_VAR, CjkFont, covers, find_cjk_font
from zongjie.facts.model import Metric
from zongjie.plan.task import MetricFact


def _dejavu() -> CjkFont:
    import matplotlib

    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    return CjkFont(path, "DejaVu Sans")


def _metrics() -> list[MetricFact]:
    from zongjie.facts.derive import derive

    ms = [
        Metric(name="设备巡检", value=1248, unit="次", previous=1102),
        Metric(name="设备完好率", value=99.1, unit="%", previous=98.7),
        Metric(name="重大故障", value=3, unit="起", previous=7, better="lower"),
    ]
    return [
        MetricFact(id=f"functions[0].metrics[{i}]", metric=m, derived=derive(m)) for i, m in enumerate(ms)
    ]


def test_a_latin_font_does_not_count_as_cjk() -> None:
    assert covers(_dejavu(), "Bar 123")
    assert not covers(_dejavu(), "设备巡检")


def test_no_cjk_font_on_the_machine_means_none(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib import font_manager

    latin_only = [e for e in font_manager.fontManager.ttflist if e.name.startswith("DejaVu")]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", latin_only)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert find_cjk_font() is None
    monkeypatch.setenv(ENV_VAR, str(_dejavu().path))  # an override without Chinese glyphs is ignored
    assert find_cjk_font() is None


def test_font_without_the_glyphs_skips_that_chart(property_ws: Path, tmp_path: Path) -> None:
    result = export_workspace(property_ws, "html", tmp_path / "x.html", font_lookup=_dejavu)
    assert result.charts == 0
    assert result.warnings and all("has no glyph" in w for w in result.warnings)
    assert "data:image/png" not in result.path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cjk_font() -> CjkFont:
    font = find_cjk_font()
    if font is None:
        pytest.skip("no CJK font on this machine (CI: apt-get install -y fonts-wqy-microhei)")
    return font


def test_found_font_covers_chinese_and_env_override_wins(
    cjk_font: CjkFont, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert covers(cjk_font, "设备巡检同比上年本年越低越好")
    monkeypatch.setenv(ENV_VAR, str(cjk_font.path))
    assert find_cjk_font() is not None
    assert find_cjk_font().path == cjk_font.path  # type: ignore[union-attr]


def test_chart_renders_with_the_found_font(cjk_font: CjkFont) -> None:
    from PIL import Image

    from zongjie.export.charts import render, width_inches

    png = render(_metrics(), cjk_font, dpi=60)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert abs(image.width - width_inches(3) * 60) <= 2  # three panels, not stretched to the page
    low, high = image.convert("L").getextrema()
    assert high - low > 100  # drawn, not blank


def test_real_export_embeds_charts(cjk_font: CjkFont, property_ws: Path, tmp_path: Path) -> None:
    import docx

    result = export_workspace(property_ws, "docx", tmp_path / "x.docx", font_lookup=lambda: cjk_font)
    assert result.warnings == [] and result.charts > 0
    document = docx.Document(str(result.path))
    captions = [p.text for p in document.paragraphs if p.text.startswith("图")]
    assert len(captions) == result.charts
    assert len(document.inline_shapes) >= result.charts  # one picture per row of panels
