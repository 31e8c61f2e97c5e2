"""A .docx read back into the draft's Markdown — one zongjie exported and someone revised in Word or WPS, or
a Word file of the same summary — so its edits can be split back into the section files.

Headings come from their styles (Title, Heading 1–3, or their Chinese names) or, in a file that uses none,
from 一、/（一） numbering on a short line; bold runs become **bold**. What zongjie itself adds on export is
left out: the metrics tables and charts (they are made from the facts file), their 表N/图N captions and the
right-aligned 落款 and date. A paragraph whose text is unchanged is written back exactly as its section
file has it, so an untouched section reads as untouched."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zongjie.errors import BadInput
from zongjie.export.comments import AUTHOR
from zongjie.export.markdown import parse
from zongjie.text.markdown import caption_number, ordinal

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NOT_TEXT = {f"{W}del", f"{W}moveFrom", f"{W}txbxContent"}  # deleted, moved away, or in a text box
_CHARS = {f"{W}tab": "\t", f"{W}br": "", f"{W}cr": "", f"{W}noBreakHyphen": "-"}  # a line break joins
_HEADING_STYLES = ("heading", "标题")  # Heading 2, 标题 2
_LEVEL_OF: dict[str, int] = {
    "一、": 2,
    "（一）": 3,
}  # a short line numbered 一、 or （一） in a file without styles
HEADING_LINE_MAX = 30  # characters: a numbered line longer than this is a paragraph, not a heading


@dataclass
class WordText:
    markdown: str
    skipped: list[str] = field(default_factory=list)  # what was left out, said in words


def sources(section_texts: list[str]) -> dict[str, str]:
    """Visible text of each paragraph of the section files → its Markdown as written there."""
    out: dict[str, str] = {}
    for text in section_texts:
        lines = text.splitlines()
        blocks = parse(text)
        for i, block in enumerate(blocks):
            if block.kind != "para" or not block.line:
                continue
            end = blocks[i + 1].line - 1 if i + 1 < len(blocks) and blocks[i + 1].line else len(lines)
            source = "\n".join(lines[block.line - 1 : end]).strip()
            out.setdefault(block.text, source)
    return out


def _open(path: Path) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadInput(f"{path}: not a Word .docx file that can be read ({exc.__class__.__name__})") from None


def _level(paragraph: Any, text: str) -> int:
    """Markdown heading level of a paragraph: 1 title, 2 一、, 3 （一）, 4 (a 1. heading), 0 for text."""
    name = paragraph.style.name if paragraph.style is not None else ""
    if name == "Title" or name == "标题":
        return 1
    if (level := _style_level(name)) is not None:
        return min(level + 1, 4)
    outline = paragraph._p.find(f"{W}pPr/{W}outlineLvl")
    if outline is not None and (value := outline.get(f"{W}val", "")).isdigit() and int(value) < 9:
        return min(int(value) + 2, 4)  # a heading set by outline level, as WPS and some templates do
    if len(text) <= HEADING_LINE_MAX and not text.endswith(("。", "；", "：")):
        o = ordinal(text)
        if o is not None and not text[:1].isspace():
            return _LEVEL_OF.get(o.form, 0)
    return 0


def _style_level(name: str) -> int | None:
    """The level in a heading style's name: Heading 2, heading2, 标题 3 → 2, 2, 3; None for other styles."""
    low = name.strip().lower()
    for prefix in _HEADING_STYLES:
        rest = low.removeprefix(prefix).strip()
        if low.startswith(prefix) and len(rest) == 1 and rest in "0123456789":
            return int(rest)
    return None


def _pieces(paragraph: Any) -> list[tuple[str, bool]]:
    """(text, bold) of each run as the document now reads: tracked insertions (w:ins) count, tracked
    deletions and moved-away text do not — python-docx's paragraph.text sees neither kind, and a 科长
    revising with Track Changes on would otherwise lose every insertion."""
    p = paragraph._p
    out: list[tuple[str, bool]] = []
    for run in p.iter(f"{W}r"):
        parent, skip = run.getparent(), False
        while parent is not None and parent is not p:
            if parent.tag in _NOT_TEXT:
                skip = True
                break
            parent = parent.getparent()
        if skip:
            continue
        text = "".join(
            (child.text or "") if child.tag == f"{W}t" else _CHARS.get(child.tag, "") for child in run
        )
        bold = run.find(f"{W}rPr/{W}b")
        out.append((text, bold is not None and bold.get(f"{W}val", "true") not in ("0", "false")))
    return out


def _markdown_runs(pieces: list[tuple[str, bool]]) -> str:
    out = [f"**{text}**" if bold and text.strip() else text for text, bold in pieces]
    return "".join(out).replace("****", "")


def _looks_like_title(text: str) -> bool:
    return len(text) <= 2 * HEADING_LINE_MAX and "总结" in text and not text.endswith(("。", "；", "，"))


def _is_signoff(paragraph: Any) -> bool:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return bool(paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT)


def read_docx(path: Path, known: dict[str, str]) -> WordText:
    """The document's headings and paragraphs as Markdown; `known` maps unchanged paragraph texts back to
    the Markdown they came from (see sources())."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = _open(path)
    items = list(document.iter_inner_content())
    texts = {id(i): "".join(t for t, _ in _pieces(i)).strip() for i in items if isinstance(i, Paragraph)}
    written = [i for i in items if isinstance(i, Paragraph) and texts[id(i)]]
    signoff = 0
    while signoff < min(2, len(written)) and _is_signoff(written[-1 - signoff]):
        signoff += 1
    tail = set(map(id, written[len(written) - signoff :]))
    result = WordText("")
    parts: list[str] = []
    tables = 0
    for item in items:
        if isinstance(item, Table):
            tables += 1
            continue
        text = texts[id(item)]
        if not text or id(item) in tail or caption_number(text):
            continue
        level = _level(item, text)
        if not parts and not level and _looks_like_title(text):
            level = 1  # a Word file of someone's own: its first short line naming the 总结 is the title
        if level:
            parts.append(f"{'#' * level} {text}")
        else:
            parts.append(known.get(text) or _markdown_runs(_pieces(item)).strip())
    if tables:
        result.skipped.append(
            f"{tables} table(s): tables are made from the facts file; change the figures there"
        )
    theirs = [c for c in document.comments if c.author != AUTHOR]
    if theirs:
        result.skipped.append(
            f"{len(theirs)} comment(s) (批注) by {', '.join(sorted({c.author or '?' for c in theirs}))}: "
            "comments stay in the Word file; put what they ask for into the text"
        )
    if signoff:
        result.skipped.append("the 落款 and date at the end (made from report.author and report.date)")
    result.markdown = "\n\n".join(parts) + "\n"
    return result
