"""The .html: one self-contained page (charts inlined, no scripts, no external requests), phone-readable."""

from __future__ import annotations

import base64
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from export.export_helpers import numbers
from zongjie.export import export_workspace
from zongjie.export.fonts import CjkFont


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in ("meta", "img", "br", "link"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]


@pytest.fixture
def page(
    property_ws: Path, tmp_path: Path, fake_charts: Callable[[], CjkFont | None]
) -> tuple[Page, str, int]:
    result = export_workspace(property_ws, "html", tmp_path / "x.html", font_lookup=fake_charts)
    source = result.path.read_text(encoding="utf-8")
    parsed = Page()
    parsed.feed(source)
    parsed.close()
    assert parsed.open == []  # every element closed
    return parsed, source, result.charts


def test_self_contained_no_scripts_no_external_requests(page: tuple[Page, str, int]) -> None:
    parsed, source, charts = page
    assert not parsed.find("script") and not parsed.find("link") and not parsed.find("iframe")
    for _, attrs in parsed.tags:
        for name in ("src", "href", "action", "srcset"):
            assert not attrs.get(name, "").startswith(("http:", "https:", "//")), attrs
    assert "http://" not in source and "https://" not in source and "@import" not in source
    images = parsed.find("img")
    assert charts > 0 and len(parsed.find("figure")) == charts and len(images) >= charts  # a picture a row
    for img in images:
        assert img["src"].startswith("data:image/png;base64,") and img["alt"].startswith("图")
        assert base64.b64decode(img["src"].split(",", 1)[1]).startswith(b"\x89PNG")


def test_readable_on_a_phone(page: tuple[Page, str, int]) -> None:
    parsed, source, _ = page
    viewport = [m for m in parsed.find("meta") if m.get("name") == "viewport"]
    assert viewport and "width=device-width" in viewport[0]["content"]
    assert "max-width: 42em" in source and "font-size: 18px" in source
    assert "overflow-x: auto" in source  # wide tables scroll inside their box, not the page
    assert parsed.find("html")[0]["lang"] == "zh-CN"


def test_all_text_and_numbers_of_the_draft(page: tuple[Page, str, int], property_ws: Path) -> None:
    parsed, _, _ = page
    text = "".join(parsed.text)
    draft = (property_ws / "draft.md").read_text(encoding="utf-8")
    assert all(n in text for n in numbers(draft))
    for line in draft.splitlines():
        if line.startswith("#"):
            assert line.lstrip("# ") in text
    assert "2026年1月8日" in text and text.count("同比或变化") == len(parsed.find("table"))


def test_markup_in_facts_is_escaped(property_ws: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    import shutil

    shutil.copytree(property_ws, ws)
    draft = ws / "draft.md"
    draft.write_text(
        draft.read_text(encoding="utf-8") + "\n补充说明<script>alert(1)</script>**重点**\n", encoding="utf-8"
    )
    result = export_workspace(ws, "html", tmp_path / "x.html", charts=False)
    source = result.path.read_text(encoding="utf-8")
    assert "<script>" not in source and "&lt;script&gt;" in source
    assert "<strong>重点</strong>" in source
