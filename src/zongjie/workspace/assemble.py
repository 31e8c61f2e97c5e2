"""Assembly: section files → draft.md, numbering headings 一、二、 and （一）（二） in order."""

from __future__ import annotations

from zongjie.skeleton import HEADINGS
from zongjie.text.markdown import OrdinalForm, fmt_ordinal, strip_ordinal
from zongjie.workspace.store import SectionRecord, Workspace

# The numbers a heading may already carry (from an earlier assembly, or typed by hand): replaced, never doubled.
NUMBERINGS: tuple[OrdinalForm, ...] = ("一、", "一.", "（一）")


def section_text(level: int, heading: str, body: str) -> str:
    """The content of one section file: its heading (unnumbered) and body."""
    body = body.strip()
    if level == 0:
        return body + "\n"
    if level == 1:
        return f"# {heading}\n"
    return f"{'#' * level} {heading}\n\n{body}\n"


def number_headings(markdown: str) -> str:
    """Numbers `##` as 一、 and `###` as （一）, restarting （一） under each `##`; old numbers are replaced."""
    out: list[str] = []
    h2 = h3 = 0
    for line in markdown.splitlines():
        if line.startswith("## "):
            h2, h3 = h2 + 1, 0
            line = f"## {fmt_ordinal(h2, '一、')}{strip_ordinal(line[3:].strip(), *NUMBERINGS)}"
        elif line.startswith("### "):
            h3 += 1
            line = f"### {fmt_ordinal(h3, '（一）')}{strip_ordinal(line[4:].strip(), *NUMBERINGS)}"
        out.append(line)
    return "\n".join(out)


def assemble(ws: Workspace, records: list[SectionRecord]) -> str:
    """Joins the section files as they are on disk (hand edits included) in plan order."""
    parts: list[str] = []
    in_review = False
    for rec in records:
        text = ws.read_section(rec)
        if text is None or not text.strip():
            continue
        if rec.group == "review" and not in_review:
            parts.append(f"## {HEADINGS['review']}")
        in_review = rec.group == "review"
        parts.append(text.strip())
    return number_headings("\n\n".join(parts)) + "\n"
