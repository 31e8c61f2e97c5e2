"""The .docx as LibreOffice lays it out: rendered headless to PDF, then read back with poppler's pdftohtml
(which says which font drew each piece of text).

The machine plays one without the GB2312 faces but with fonts named 仿宋, 黑体 and 楷体 (a fontconfig file in
the test maps those names to three different installed CJK faces). Then body text must come out in the 仿宋
face, 一、 headings in the 黑体 face and （一） headings in the 楷体 face: before the fix, body and 楷体
headings asked for 仿宋_GB2312 and 楷体_GB2312, fell back to one default face, and read as one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from export.export_helpers import FIXTURES, make_workspace
from zongjie.export import export_workspace

STAND_INS = {"仿宋": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC", "楷体": "WenQuanYi Micro Hei"}
PDF_NAMES = {
    "Noto Serif CJK SC": "notoserifcjk",
    "Noto Sans CJK SC": "notosanscjk",
    "WenQuanYi Micro Hei": "wenquanyi",
}
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
{aliases}
</fontconfig>
"""
_TEXT = re.compile(r'<text top="(\d+)" left="\d+" width="\d+" height="(\d+)" font="(\d+)">(.*?)</text>')
_FONTSPEC = re.compile(r'<fontspec id="(\d+)" size="[\d.]+" family="([^"]+)"')
_IMAGE = re.compile(r'<image top="(\d+)" left="\d+" width="\d+" height="(\d+)"')
_PAGE = re.compile(r'<page number="(\d+)"[^>]*height="(\d+)"')


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
    if shutil.which("pdftohtml") is None or shutil.which("fc-list") is None:
        pytest.skip("poppler-utils (pdftohtml) or fontconfig is not installed")
    installed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
    missing = [f for f in STAND_INS.values() if f not in installed]
    if missing:
        pytest.skip(
            f"fonts to stand in for 仿宋/黑体/楷体 not installed: {missing} (fonts-noto-cjk, fonts-wqy-microhei)"
        )
    return exe


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    exe = _soffice()
    tmp = tmp_path_factory.mktemp("render")
    ws = make_workspace(FIXTURES / "school-full.yaml", tmp / "ws")
    docx = export_workspace(ws, "docx", tmp / "report.docx").path
    aliases = "\n".join(
        f'  <alias binding="same"><family>{name}</family><accept><family>{face}</family></accept></alias>'
        for name, face in STAND_INS.items()
    )
    conf = tmp / "fonts.conf"
    conf.write_text(FONTS_CONF.format(aliases=aliases), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(tmp)}
    subprocess.run(
        [exe, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp), str(docx)],
        env=env, capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    pdf = tmp / "report.pdf"
    pictures = tmp / "pictures"
    pictures.mkdir()
    xml = subprocess.run(  # run in a folder of its own: pdftohtml writes the pictures it finds there
        ["pdftohtml", "-xml", "-stdout", "-q", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
        cwd=pictures,
    ).stdout
    return docx, xml


def _texts(xml: str) -> list[tuple[int, int, str, str]]:
    """(page, bottom, font family, text) for every piece of text."""
    fonts = dict(_FONTSPEC.findall(xml))
    out = []
    for number, page in enumerate(re.split(r"<page number=", xml)[1:], start=1):
        for top, height, font, text in _TEXT.findall(page):
            out.append((number, int(top) + int(height), fonts[font].split("+")[-1].lower(), text))
    return out


def _pictures(xml: str) -> dict[int, list[int]]:
    """Bottom edges of the pictures (chart rows) on each page."""
    out: dict[int, list[int]] = {}
    for number, page in enumerate(re.split(r"<page number=", xml)[1:], start=1):
        out[number] = [int(top) + int(height) for top, height in _IMAGE.findall(page)]
    return out


def _family_of(texts: list[tuple[int, int, str, str]], paragraph: str) -> str:
    """The face of the longest line piece of `paragraph` that is Chinese text only (figures are set in the
    Latin face; a short piece could be a quote of the title)."""
    pieces = [(len(t), f) for _, _, f, t in texts if t in paragraph and not any(c.isascii() for c in t)]
    return max(pieces)[1]


def test_headings_and_body_in_their_own_faces(rendered: tuple[Path, str]) -> None:
    docx, xml = rendered
    import docx as python_docx

    document = python_docx.Document(str(docx))
    texts = _texts(xml)
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert h1 and h2
    for heading in h1:
        assert _family_of(texts, heading).startswith(PDF_NAMES[STAND_INS["黑体"]]), heading
    for heading in h2:
        assert _family_of(texts, heading).startswith(PDF_NAMES[STAND_INS["楷体"]]), heading
    body = [p.text for p in document.paragraphs if p.style.name == "Normal" and len(p.text) > 60]
    assert len(body) > 5
    for text in body:
        assert _family_of(texts, text).startswith(PDF_NAMES[STAND_INS["仿宋"]]), text


def test_page_count_and_no_half_empty_pages(rendered: tuple[Path, str]) -> None:
    _, xml = rendered
    pages = [(int(n), int(h)) for n, h in _PAGE.findall(xml)]
    assert 7 <= len(pages) <= 10  # 11 before charts were split by row and 0 → 0 panels dropped
    texts = _texts(xml)
    pictures = _pictures(xml)
    for number, height in pages[:-1]:
        # The lowest text above the page number (— 2 —): every page but the last is filled to its foot,
        # give or take one chart row that moved on.
        bottoms = [b for p, b, _, t in texts if p == number and not re.fullmatch(r"—\s*\d+\s*—", t.strip())]
        bottoms += pictures.get(number, [])
        assert max(bottoms) > 0.7 * height, f"page {number} is less than 70% full"
