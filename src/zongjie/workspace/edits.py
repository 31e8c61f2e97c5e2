"""Edits made where people make them — in draft.md, or in the exported .docx read back as Markdown — split
back into the section files by heading, so that regenerating one section keeps every other edit.

A section whose text changed is written to its file, which then differs from what zongjie wrote: it is a
hand-edited section like any other (kept by `draft`, refused by `regen` without --force). Text that belongs
to no section (a heading renamed or added, text under the review group's heading) is reported and kept in
unplaced-edits.md, never dropped; a section whose heading is gone from the edited text keeps its file as it
was, and is reported too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from zongjie.files import atomic_write
from zongjie.skeleton import HEADINGS
from zongjie.text.markdown import Line, read_lines, strip_ordinal
from zongjie.workspace.assemble import NUMBERINGS
from zongjie.workspace.store import SectionRecord, State, Workspace, sha256

UNPLACED_FILE = "unplaced-edits.md"
_LEVELS = 3  # the title, the chapters and the review's parts: deeper headings belong inside a section


def _heading(line: Line) -> tuple[int, str] | None:
    """(level, text) of a heading zongjie splits at, read by the one Markdown reader (＃ and code fences too)."""
    return (line.level, line.content) if line.kind == "heading" and line.level <= _LEVELS else None


@dataclass
class Unplaced:
    heading: str  # the heading the text stood under, as written ("" before any heading)
    text: str


@dataclass
class EditsTaken:
    """What split_back did with an edited draft."""

    source: str  # "draft.md" or the .docx file's name
    changed: list[str] = field(default_factory=list)  # section ids whose files now hold the edits
    unplaced: list[Unplaced] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)  # section ids whose heading the edited text no longer has
    kept_in: Path | None = None  # where the unplaced text was saved
    backups: list[Path] = field(default_factory=list)  # earlier hand edits of section files now replaced


@dataclass
class _Chunk:
    record: SectionRecord | None
    heading: str  # as written, without the hashes
    lines: list[str] = field(default_factory=list)
    group: bool = False  # the review group's own heading (no section file of its own)

    @property
    def body(self) -> str:
        return "\n".join(self.lines).strip()


def bare(heading: str) -> str:
    """A heading without its 一、/（一） numbering, as section files and the plan write it."""
    return strip_ordinal(heading.strip(), *NUMBERINGS).strip()


def draft_edited(ws: Workspace, state: State) -> bool:
    """True if draft.md no longer holds what zongjie last assembled."""
    return (
        state.draft_sha256 is not None
        and ws.draft_path.is_file()
        and sha256(ws.read_draft()) != state.draft_sha256
    )


def _normal(text: str) -> list[str]:
    """Lines that matter for "did it change": numbering of headings, spacing and blank lines do not."""
    out = []
    for line in read_lines(text):
        if line.kind == "blank":
            continue
        h = _heading(line)
        out.append(f"{'#' * h[0]} {bare(h[1])}" if h else line.raw.strip())
    return out


def _chunks(text: str, records: list[SectionRecord]) -> list[_Chunk]:
    by_heading = {(r.level, bare(r.heading)): r for r in records if r.level >= 2}
    title = next((r for r in records if r.level == 1), None)
    preface = next((r for r in records if r.level == 0), None)
    chunks = [_Chunk(None, "")]  # text before the title
    seen_title = False
    for line in read_lines(text):
        h = _heading(line)
        current = chunks[-1]
        if h is None:
            current.lines.append(line.raw)
            continue
        level, heading = h
        rec = by_heading.get((level, bare(heading)))
        if level == 1 and not seen_title:
            seen_title = True
            chunks += [_Chunk(title, heading), _Chunk(preface, "")]  # the preface has no heading
        elif rec is not None:
            chunks.append(_Chunk(rec, heading))
        elif level == 2 and bare(heading) == HEADINGS["review"]:
            chunks.append(_Chunk(None, heading, group=True))
        elif level == 3 and current.record is not None and current.record.level == 2:
            current.lines.append(line.raw)  # a sub-heading the user (or model) wrote inside a section
        else:
            chunks.append(_Chunk(None, heading))
    return chunks


def _content(chunk: _Chunk, rec: SectionRecord) -> str:
    """The section file for an edited chunk, in the shape assembly reads (heading unnumbered)."""
    if rec.level == 0:
        return chunk.body + "\n"
    if rec.level == 1:
        return f"# {chunk.heading}\n"
    return f"{'#' * rec.level} {rec.heading}\n\n{chunk.body}\n"


def split_back(ws: Workspace, state: State, text: str, source: str) -> EditsTaken:
    """Writes each section whose text in `text` differs from its file; reports what cannot be placed."""
    taken = EditsTaken(source=source)
    chunks = _chunks(text, state.sections)
    placed = {c.record.id for c in chunks if c.record is not None}
    for chunk in chunks:
        rec = chunk.record
        if rec is None:
            if chunk.body or (chunk.heading and not chunk.group):
                taken.unplaced.append(Unplaced(chunk.heading, chunk.body))
            continue
        new = _content(chunk, rec)
        current = ws.read_section(rec)
        if current is not None and _normal(current) == _normal(new):
            continue
        if current is not None and ws.edited(rec):
            taken.backups.append(ws.backup(ws.section_path(rec.file)))  # an earlier hand edit is kept too
        ws.write_section(rec.file, new)
        taken.changed.append(rec.id)
    for rec in state.sections:
        current = ws.read_section(rec)
        if rec.id not in placed and current is not None and current.strip():
            taken.gone.append(rec.id)
    if taken.unplaced:
        taken.kept_in = _keep_unplaced(ws, taken)
    return taken


def _keep_unplaced(ws: Workspace, taken: EditsTaken) -> Path:
    """Appends the text that fits no section to unplaced-edits.md, with where and when it came from."""
    path = ws.path(UNPLACED_FILE)
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    parts = [old.rstrip("\n"), f"<!-- from {taken.source}, {stamp}: text that matched no section -->"]
    for item in taken.unplaced:
        parts.append("\n\n".join(x for x in (f"## {item.heading}" if item.heading else "", item.text) if x))
    atomic_write(path, "\n\n".join(p for p in parts if p) + "\n")
    return path
