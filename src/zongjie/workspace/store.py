"""Workspace files and state. Every write is atomic (temp file + rename); a user's edit is never lost."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError, field_validator

from zongjie.errors import BadInput, WorkspaceError
from zongjie.files import Warn, read_back, slug_problem, warn_stderr
from zongjie.files import atomic_write as atomic_write  # re-exported: workspace code writes through it
from zongjie.finding import Finding
from zongjie.redact import redact
from zongjie.workspace.paths import inside, relative_problem
from zongjie.writer.base import Sentences, Status, Usage

STATE_DIR = ".zongjie"
STATE_FILE = "state.json"
STATE_VERSION = 1
ID_MAX = 80  # "review-" and a 职能 key of up to 64 characters
NOTES_FACTS = "facts.yaml"
SECTIONS_DIR = "sections"
FACTS_SUFFIXES = (".yaml", ".yml", ".json")


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
    sentences: Sentences | None = None  # a spliced section's kept/dropped/filled sentence counts
    generated_at: str = ""

    # state.json is read like user input: a shared workspace's state may have been edited by anyone.
    @field_validator("id")
    @classmethod
    def _safe_id(cls, v: str) -> str:
        problem = slug_problem(v, limit=ID_MAX)
        if problem is not None:
            raise ValueError(f"section id {problem}")
        return v

    @field_validator("file")
    @classmethod
    def _safe_file(cls, v: str) -> str:
        problem = relative_problem(v)
        if problem is None and not (
            v.startswith(f"{SECTIONS_DIR}/") and v.endswith(".md") and v.count("/") == 1
        ):
            problem = f"must be a {SECTIONS_DIR}/NAME.md file"
        if problem is not None:
            raise ValueError(f"section file {v[:80]!r} {problem}")
        return v

    @field_validator("level")
    @classmethod
    def _level(cls, v: int) -> int:
        if not 0 <= v <= 3:
            raise ValueError("heading level must be 0 to 3")
        return v


class Endpoint(BaseModel):
    """Which model wrote the draft, so `regen` can reuse it. The API key is never recorded."""

    provider: str | None = None
    base_url: str | None = None
    model: str | None = None

    @field_validator("base_url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        from zongjie.config import url_problem

        problem = None if v is None else url_problem(v)
        if problem is not None:
            raise ValueError(f"recorded endpoint: {problem}")
        return v

    @field_validator("provider", "model")
    @classmethod
    def _plain(cls, v: str | None) -> str | None:
        if v is not None and (len(v) > 200 or any(ord(c) < 32 for c in v)):
            raise ValueError("recorded endpoint: not a plain name")
        return v


class State(BaseModel):
    version: int = STATE_VERSION
    facts_path: str
    facts_sha256: str
    endpoint: Endpoint | None = None
    sections: list[SectionRecord] = Field(default_factory=list)
    draft_sha256: str | None = None
    findings: list[Finding] = Field(default_factory=list)  # whole-draft findings from the last assembly

    @field_validator("version")
    @classmethod
    def _version(cls, v: int) -> int:
        if v != STATE_VERSION:
            raise ValueError(f"version {v} is not one this zongjie understands ({STATE_VERSION})")
        return v

    @field_validator("facts_path")
    @classmethod
    def _facts_path(cls, v: str) -> str:
        if "\x00" in v or not v.strip() or len(v) > 4096:
            raise ValueError("facts path is empty, too long or holds a NUL byte")
        if not v.lower().endswith(FACTS_SUFFIXES):
            raise ValueError(f"facts path {v[:80]!r} is not a .yaml/.yml/.json file")
        if not Path(v).is_absolute():
            problem = relative_problem(v)
            if problem is not None:
                raise ValueError(f"facts path {v[:80]!r} {problem}")
        return v

    def record(self, section_id: str) -> SectionRecord | None:
        return next((r for r in self.sections if r.id == section_id), None)


class Workspace:
    """Every path below `root` is made by `path()`, which keeps it inside the workspace. `warn` hears about
    files converted from GB18030 on the way in."""

    def __init__(self, root: Path, *, warn: Warn = warn_stderr) -> None:
        self.root = root
        self.warn = warn

    def path(self, name: str, field: str = "workspace file") -> Path:
        return inside(self.root, name, field)

    @property
    def state_path(self) -> Path:
        return self.path(f"{STATE_DIR}/{STATE_FILE}", "workspace state")

    @property
    def draft_path(self) -> Path:
        return self.path("draft.md")

    @property
    def report_path(self) -> Path:
        return self.path("report.json")

    @property
    def backup_dir(self) -> Path:
        return self.path("backups")

    def read_draft(self) -> str:
        return self._read(self.draft_path, "draft")

    def exists(self) -> bool:
        return self.state_path.is_file()

    def check_usable(self, *, locked: bool = False) -> None:
        """A directory is usable if it is missing, empty, or already a zongjie workspace. Before the lock is
        taken (`locked` False), a folder with zongjie's lock file may be a first draft under way: the lock
        decides ("workspace in use"), and the check is made again once it is held."""
        if self.root.exists() and not self.root.is_dir():
            raise WorkspaceError(f"{self.root} exists and is not a directory")
        # facts.yaml is what `draft NOTES.md` extracts into the workspace before drafting; never overwritten here.
        # Its backups (facts.yaml.bak, .bak2, … kept when the web form saves it) are ours too.
        foreign = (
            [
                p
                for p in self.root.iterdir()
                if p.name != NOTES_FACTS and not p.name.startswith(f"{NOTES_FACTS}.bak") and not _only_lock(p)
            ]
            if self.root.is_dir()
            else []
        )
        if foreign and not self.exists():
            from zongjie.workspace.lock import lock_path

            if not locked and lock_path(self.root).is_file():
                return
            raise WorkspaceError(
                f"{self.root} is not empty and not a zongjie workspace; choose another -o directory"
            )

    def require(self) -> None:
        if not self.exists():
            raise WorkspaceError(
                f"{self.root} is not a zongjie workspace (no {STATE_DIR}/{STATE_FILE}); run `zongjie draft` first"
            )

    def load_state(self) -> State:
        self.require()
        try:
            text = read_back(self.state_path, "workspace state", warn=self.warn)
        except BadInput as exc:
            raise WorkspaceError(str(exc)) from None
        try:
            state = State.model_validate_json(text)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise WorkspaceError(
                f"{self.state_path}: unusable workspace state ({where}: {first['msg']}); "
                "it may have been edited by hand or by another program — restore it from a backup, "
                "or draft into a new folder"
            ) from None
        ids = [r.id for r in state.sections]
        files = [r.file for r in state.sections]
        if len(set(ids)) != len(ids) or len(set(files)) != len(files):
            raise WorkspaceError(f"{self.state_path}: unusable workspace state (a section listed twice)")
        return state

    def save_state(self, state: State) -> None:
        atomic_write(self.state_path, state.model_dump_json(indent=2))

    def facts_path(self, state: State) -> Path:
        p = Path(state.facts_path)
        return p if p.is_absolute() else self.path(state.facts_path, "facts path in the workspace state")

    def relative_facts_path(self, facts: Path) -> str:
        """Inside the workspace: relative (the workspace can move). Elsewhere: absolute."""
        facts = facts.resolve()
        try:
            return str(facts.relative_to(self.root.resolve()))
        except ValueError:
            return str(facts)

    def section_path(self, rec_file: str) -> Path:
        return self.path(rec_file, "section file")

    def read_section(self, rec: SectionRecord) -> str | None:
        path = self.section_path(rec.file)
        return self._read(path, "section file") if path.is_file() else None

    def _read(self, path: Path, what: str) -> str:
        try:
            return read_back(path, what, warn=self.warn)
        except BadInput as exc:
            raise WorkspaceError(str(exc)) from None

    def edited(self, rec: SectionRecord) -> bool:
        """True if the section file no longer holds what zongjie wrote (edited, or deleted)."""
        current = self.read_section(rec)
        return current is not None and sha256(current) != rec.content_sha256

    def backup(self, path: Path) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backup_dir / f"{path.stem}.{stamp}{path.suffix}"
        atomic_write(target, self._read(path, "workspace file"))
        return target

    def write_section(self, rec_file: str, content: str) -> str:
        content = redact(content)  # what is hashed is what is on disk
        atomic_write(self.section_path(rec_file), content)
        return sha256(content)

    def remove_section(self, rec_file: str) -> None:
        self.section_path(rec_file).unlink()

    def write_draft(self, state: State, text: str) -> Path | None:
        """Writes draft.md; a draft.md the user edited by hand is backed up first. Returns the backup."""
        saved = None
        text = redact(text)
        if self.draft_path.is_file():
            current = self.read_draft()
            if state.draft_sha256 is not None and sha256(current) != state.draft_sha256 and current != text:
                saved = self.backup(self.draft_path)
        atomic_write(self.draft_path, text)
        state.draft_sha256 = sha256(text)
        return saved


def section_file_name(index: int, section_id: str) -> str:
    """sections/NN-ID.md; an id that could not be a file name (from a 职能 key) is refused, naming it."""
    problem = slug_problem(section_id, limit=ID_MAX)
    if problem is not None:
        raise BadInput(f"section id {section_id[:80]!r} (from a 职能 key) {problem}")
    return f"{SECTIONS_DIR}/{index:02d}-{section_id}.md"


def _only_lock(path: Path) -> bool:
    """A .zongjie folder holding nothing but the lock file (or not even that yet): a run that is starting,
    or one that stopped before writing any state."""
    from zongjie.workspace.lock import LOCK_FILE

    try:
        return path.name == STATE_DIR and [p.name for p in path.iterdir()] in ([], [LOCK_FILE])
    except OSError:
        return False
