"""Workspace files and state. Every write is atomic (temp file + rename); a user's edit is never lost."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from zongjie.errors import WorkspaceError
from zongjie.files import atomic_write as atomic_write  # re-exported: workspace code writes through it
from zongjie.finding import Finding
from zongjie.writer.base import Status, Usage

STATE_DIR = ".zongjie"
STATE_FILE = "state.json"
STATE_VERSION = 1
NOTES_FACTS = "facts.yaml"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SectionRecord(BaseModel):
    id: str
    file: str  # relative to the workspace, e.g. sections/02-review-facilities.md
    heading: str
    level: int
    group: str | None = None
    task_digest: str
    content_sha256: str
    writer: str
    prompt_version: str | None = None
    status: Status = "ok"
    hint: str | None = None
    fact_ids: list[str] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    attempts: int = 1
    generated_at: str = ""


class Endpoint(BaseModel):
    """Which model wrote the draft, so `regen` can reuse it. The API key is never recorded."""

    provider: str | None = None
    base_url: str | None = None
    model: str | None = None


class State(BaseModel):
    version: int = STATE_VERSION
    facts_path: str
    facts_sha256: str
    endpoint: Endpoint | None = None
    sections: list[SectionRecord] = Field(default_factory=list)
    draft_sha256: str | None = None
    findings: list[Finding] = Field(default_factory=list)  # whole-draft findings from the last assembly

    def record(self, section_id: str) -> SectionRecord | None:
        return next((r for r in self.sections if r.id == section_id), None)


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def state_path(self) -> Path:
        return self.root / STATE_DIR / STATE_FILE

    @property
    def draft_path(self) -> Path:
        return self.root / "draft.md"

    @property
    def report_path(self) -> Path:
        return self.root / "report.json"

    @property
    def backup_dir(self) -> Path:
        return self.root / "backups"

    def exists(self) -> bool:
        return self.state_path.is_file()

    def check_usable(self) -> None:
        """A directory is usable if it is missing, empty, or already a zongjie workspace."""
        if self.root.exists() and not self.root.is_dir():
            raise WorkspaceError(f"{self.root} exists and is not a directory")
        # facts.yaml is what `draft NOTES.md` extracts into the workspace before drafting; never overwritten here.
        foreign = [p for p in self.root.iterdir() if p.name != NOTES_FACTS] if self.root.is_dir() else []
        if foreign and not self.exists():
            raise WorkspaceError(
                f"{self.root} is not empty and not a zongjie workspace; choose another -o directory"
            )

    def load_state(self) -> State:
        if not self.exists():
            raise WorkspaceError(
                f"{self.root} is not a zongjie workspace (no {STATE_DIR}/{STATE_FILE}); run `zongjie draft` first"
            )
        try:
            return State.model_validate_json(self.state_path.read_text(encoding="utf-8"))
        except ValidationError as exc:
            raise WorkspaceError(
                f"{self.state_path}: unreadable workspace state: {exc.errors()[0]['msg']}"
            ) from None

    def save_state(self, state: State) -> None:
        atomic_write(self.state_path, state.model_dump_json(indent=2))

    def facts_path(self, state: State) -> Path:
        p = Path(state.facts_path)
        return p if p.is_absolute() else self.root / p

    def relative_facts_path(self, facts: Path) -> str:
        """Inside the workspace: relative (the workspace can move). Elsewhere: absolute."""
        facts = facts.resolve()
        try:
            return str(facts.relative_to(self.root.resolve()))
        except ValueError:
            return str(facts)

    def read_section(self, rec: SectionRecord) -> str | None:
        path = self.root / rec.file
        return path.read_text(encoding="utf-8") if path.is_file() else None

    def edited(self, rec: SectionRecord) -> bool:
        """True if the section file no longer holds what zongjie wrote (edited, or deleted)."""
        current = self.read_section(rec)
        return current is not None and sha256(current) != rec.content_sha256

    def backup(self, path: Path) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backup_dir / f"{path.stem}.{stamp}{path.suffix}"
        atomic_write(target, path.read_text(encoding="utf-8"))
        return target

    def write_section(self, rec_file: str, content: str) -> str:
        atomic_write(self.root / rec_file, content)
        return sha256(content)

    def write_draft(self, state: State, text: str) -> Path | None:
        """Writes draft.md; a draft.md the user edited by hand is backed up first. Returns the backup."""
        saved = None
        if self.draft_path.is_file():
            current = self.draft_path.read_text(encoding="utf-8")
            if state.draft_sha256 is not None and sha256(current) != state.draft_sha256 and current != text:
                saved = self.backup(self.draft_path)
        atomic_write(self.draft_path, text)
        state.draft_sha256 = sha256(text)
        return saved


def section_file_name(index: int, section_id: str) -> str:
    return f"sections/{index:02d}-{section_id}.md"
