"""Notes → facts file on disk. The written file carries a stamp so a later run can tell whether the user
has corrected it since (a corrected file is never overwritten without --force)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zongjie import profiles
from zongjie.errors import BadInput, WorkspaceError, ZongjieError
from zongjie.facts.load import parse as parse_facts
from zongjie.files import atomic_write, replace_keeping_backup
from zongjie.notes.emit import emit
from zongjie.notes.fidelity import strays
from zongjie.notes.match import promote_headings
from zongjie.notes.parse import Notes, read
from zongjie.notes.profile import Choice, choose
from zongjie.notes.result import Extraction
from zongjie.notes.rules import extract as extract_offline

if TYPE_CHECKING:
    from collections.abc import Callable

    from zongjie.config import Settings

FACTS_NAME = "facts.yaml"
_STAMP = "# zongjie extract sha256="


@dataclass
class Extracted:
    notes: Notes
    extraction: Extraction
    text: str  # the facts file, stamped
    profile: Choice | None = None  # which profile, and why (said on screen)

    @property
    def questions(self) -> int:
        return sum(1 for line in self.text.splitlines() if line.lstrip().startswith("# ?"))

    def unplaced_lines(self) -> list[str]:
        return [f"L{u.item.line}: {u.item.text}（{u.reason}）" for u in self.extraction.unplaced]


def stamp(text: str) -> str:
    return f"{_STAMP}{hashlib.sha256(text.encode()).hexdigest()[:16]}\n{text}"


def edited(text: str) -> bool:
    """True unless `text` is exactly what extract wrote (its stamp matches the rest)."""
    first, _, rest = text.partition("\n")
    return not (first.startswith(_STAMP) and stamp(rest) == text)


# profiles.load itself raises BadInput for an unknown id; the alias stays for notes/polish.py, which imports it.


def extract_notes(
    notes_path: Path,
    *,
    profile: str | None = None,
    settings: Settings | None = None,
    year: int | None = None,
    organization: str | None = None,
    department: str | None = None,
    today: dt.date | None = None,
) -> Extracted:
    """Reads and extracts; raises BadInput for missing/empty notes or an unknown profile. Writes nothing.
    Without `profile`, the profile is inferred from the notes' words (and said, with the reason)."""
    raw = read(notes_path)
    choice = choose(raw.text, profile)
    spec = profiles.load(choice.id)
    notes = promote_headings(raw, spec)
    if settings is not None and settings.uses_llm:
        from zongjie.notes.llm import extract_with_model

        ext = extract_with_model(
            notes, spec, settings, year=year, organization=organization, department=department, today=today
        )
    else:
        ext = extract_offline(
            notes, spec, year=year, organization=organization, department=department, today=today
        )
    ext.report_comments.insert(0, choice.comment())
    for entry in ext.entries():
        entry.data = _punctuated(entry.data)
    problems = strays(ext, notes.text)
    if problems:  # a defect in the rules: refuse rather than write a number the notes do not hold
        raise ZongjieError(
            "extraction produced numbers not in the notes: " + "; ".join(p.describe() for p in problems)
        )
    text = stamp(emit(ext, spec))
    try:
        parse_facts(text, f"{notes_path.name} → {FACTS_NAME}")
    except BadInput as exc:
        raise ZongjieError(f"the extracted facts do not validate (please report this): {exc}") from None
    return Extracted(notes, ext, text, choice)


def _punctuated(value: Any) -> Any:
    """Texts with full-width marks next to 汉字 (the linter's fixer), as the draft will carry them."""
    from zongjie.writer.offline.phrases import punctuate

    if isinstance(value, str):
        return punctuate(value)
    if isinstance(value, dict):
        return {k: _punctuated(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_punctuated(v) for v in value]
    return value


def write_facts(extracted: Extracted, out: Path, *, force: bool = False) -> Path | None:
    return write_stamped(extracted.text, out, force=force)


def write_stamped(text: str, out: Path, *, force: bool = False) -> Path | None:
    """Writes a stamped facts text atomically; an existing file the user has edited is kept unless `force`,
    and then it is kept as FILE.bak (then .bak2, …). Returns that backup, if one was made."""
    # Undecodable bytes cannot be zongjie's own output: they read as an edit (refused, or backed up with force).
    current = out.read_bytes().decode("utf-8", "replace") if out.is_file() else None
    if current is None or current == text or not edited(current):
        atomic_write(out, text)  # nothing of the user's there: a fresh extraction replaces it
        return None
    if not force:
        raise WorkspaceError(
            f"{out} exists and was edited after extraction (or not written by zongjie extract); "
            "it is kept. Draft from it directly, or use --force / delete it to extract again"
        )
    return replace_keeping_backup(out, text)


def notes_to_facts_file(
    notes_path: Path,
    workspace_dir: Path,
    *,
    profile: str | None,
    settings: Settings | None,
    echo: Callable[[str], None] | None = None,
    year: int | None = None,
    organization: str | None = None,
    department: str | None = None,
) -> Path:
    """Extracts notes into WORKSPACE/facts.yaml (atomically) and returns its path; `draft NOTES.md` drafts
    from it, and the user corrects it and runs regen. `echo` receives the unplaced notes, one per call."""
    extracted = extract_notes(
        notes_path,
        profile=profile,
        settings=settings,
        year=year,
        organization=organization,
        department=department,
    )
    path = workspace_dir / FACTS_NAME
    try:
        write_facts(extracted, path)  # never forced: an edited facts.yaml is refused, so no backup is made
    except WorkspaceError:
        # `draft` has no --force: say what works from here.
        raise WorkspaceError(
            f"{path} exists and was edited after extraction (or not written by zongjie); it is kept. "
            f"Draft from it directly (`zongjie draft {path} -o {workspace_dir}`), or move it away to "
            "extract the notes again"
        ) from None
    if echo is not None:
        for line in summary_lines(extracted, path):
            echo(line)
    return path


def summary_lines(extracted: Extracted, path: Path | None) -> list[str]:
    ext = extracted.extraction
    where = f"wrote {path}" if path else "extracted"
    head = f"{where}: {len(ext.entries())} entries from {len(extracted.notes.items)} notes ({ext.method})"
    out = [head]
    if extracted.profile is not None:
        out.append(extracted.profile.said())
    if ext.year is not None:
        year = ext.year
        how = "certain" if year.certain else "a guess: a question is in the facts file; use --year to set it"
        out.append(f"year: {year.year} ({how}) — {year.reason}")
    if extracted.questions:
        out.append(f"{extracted.questions} question(s) for you in the file: lines starting with “# ?”")
    if ext.unplaced:
        out.append(f"unplaced ({len(ext.unplaced)}) — not used in the facts; move them into the right place:")
        out += [f"  - {line}" for line in extracted.unplaced_lines()]
    return out
