"""Helpers for the export tests: workspaces drafted with the offline writer, numbers in a text, a tiny PNG."""

from __future__ import annotations

import io
import re
from pathlib import Path

from zongjie.export.fonts import CjkFont
from zongjie.pipeline import draft
from zongjie.writer.offline import OfflineWriter

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def numbers(text: str) -> list[str]:
    return NUMBER.findall(text)


def make_workspace(facts: Path, root: Path) -> Path:
    result = draft(facts, root, OfflineWriter())
    assert not result.errors, result.errors
    return root


# A stand-in for a found font: charts.render is replaced where it is used, so no glyph is drawn with it.
FAKE_FONT = CjkFont(Path("/nonexistent/fake-cjk.ttf"), "Fake CJK")


def tiny_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buf, format="PNG")
    return buf.getvalue()
