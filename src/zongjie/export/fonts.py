"""Finds a font that can draw Chinese chart labels. Without one, charts are skipped: tofu boxes never ship.

matplotlib is imported inside the functions: `zongjie --help` must not pay for it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "ZONGJIE_CJK_FONT"  # path to a font file, for machines whose fonts matplotlib cannot find
PROBE = "年度工作总结设备巡检本年上年同比"

# Simplified-Chinese faces first (a TTC's first face is often Japanese), sans before serif: chart labels
# read better in a 黑体-like face.
PREFERRED = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Noto Serif CJK SC",
    "Noto Serif SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "SimSun",
    "Songti SC",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)


@dataclass(frozen=True)
class CjkFont:
    path: Path
    family: str  # the name matplotlib knows the face by (selects the right face of a .ttc)
    index: int = 0  # face index inside a .ttc/.otc


FontLookup = Callable[[], "CjkFont | None"]


def covers(font: CjkFont, text: str) -> bool:
    """True if the font has a glyph for every non-space character of `text`."""
    from matplotlib.ft2font import FT2Font

    try:
        face = FT2Font(str(font.path), face_index=font.index) if font.index else FT2Font(str(font.path))
    except (OSError, RuntimeError, ValueError):
        return False
    charmap = face.get_charmap()
    return all(ord(ch) in charmap for ch in text if not ch.isspace())


def missing_glyphs(font: CjkFont, text: str) -> str:
    from matplotlib.ft2font import FT2Font

    face = FT2Font(str(font.path), face_index=font.index) if font.index else FT2Font(str(font.path))
    charmap = face.get_charmap()
    return "".join(sorted({ch for ch in text if not ch.isspace() and ord(ch) not in charmap}))


def _faces(path: str) -> list[CjkFont]:
    from matplotlib import font_manager

    return [
        CjkFont(Path(e.fname), e.name, int(getattr(e, "index", 0)))
        for e in font_manager.fontManager.ttflist
        if e.fname == path
    ]


def _register(path: str) -> None:
    from matplotlib import font_manager

    with contextlib.suppress(OSError, RuntimeError, ValueError):  # an unreadable file is no candidate
        font_manager.fontManager.addfont(path)


def _weight_gap(weight: object) -> int:
    numeric = (
        weight
        if isinstance(weight, int)
        else {"normal": 400, "regular": 400, "bold": 700}.get(str(weight), 400)
    )
    return abs(numeric - 400)


def find_cjk_font() -> CjkFont | None:
    """The first usable CJK face: $ZONGJIE_CJK_FONT, then preferred system families, then any face that
    covers the probe text. Fonts installed after matplotlib built its font cache are picked up too."""
    from matplotlib import font_manager

    override = os.environ.get(ENV_VAR)
    if override and Path(override).is_file():
        _register(override)
        found = next((f for f in _faces(override) if covers(f, PROBE)), None)
        if found:
            return found
    known = {e.fname for e in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known:
            _register(path)  # matplotlib's cached font list predates this font's installation
    # Regular weight first: the Bold face of a family shares its name and would otherwise come first.
    entries = sorted(
        font_manager.fontManager.ttflist, key=lambda e: (e.style != "normal", _weight_gap(e.weight))
    )
    for family in PREFERRED:
        for e in entries:
            if e.name == family:
                font = CjkFont(Path(e.fname), e.name, int(getattr(e, "index", 0)))
                if covers(font, PROBE):
                    return font
    for e in entries:
        font = CjkFont(Path(e.fname), e.name, int(getattr(e, "index", 0)))
        if covers(font, PROBE):
            return font
    return None
