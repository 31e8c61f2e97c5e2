"""The folder `zongjie serve` serves: each summary is one workspace sub-folder holding its facts.yaml (or the
folder itself when it already is a workspace). Every path the web layer touches is derived here from a
validated name and checked to stay inside the folder — a name from a URL or a form is never used as a path."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from zongjie.errors import BadInput, WorkspaceError
from zongjie.workspace.paths import inside
from zongjie.workspace.store import NOTES_FACTS, Workspace

# The summary id "-" is the served folder itself (when it is a workspace); any other id is the name of one
# direct sub-folder: letters (汉字 included), digits, '_', '-', '.', never starting with '.' or '-'.
HERE = "-"
_SID = re.compile(r"[^\W_][\w.-]{0,63}")
# Section ids as the plan makes them: title, preface, review-<key>, …
_SECTION = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
FACTS_SUFFIXES = (".yaml", ".yml", ".json")


class NotFound(BadInput):
    """A summary or section name that is not one of ours (also every traversal attempt)."""


@dataclass(frozen=True)
class Summary:
    sid: str
    path: Path
    drafted: bool


def check_section_id(section_id: str) -> str:
    if not _SECTION.fullmatch(section_id):
        raise NotFound(f"no section {section_id!r}")
    return section_id


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True


class Folder:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def workspace_dir(self, sid: str) -> Path:
        """The workspace folder of summary `sid`; anything else (a path, '..', a symlink out) is NotFound."""
        if sid == HERE:
            if not Workspace(self.root).exists() and not (self.root / NOTES_FACTS).is_file():
                raise NotFound("the served folder is not itself a summary")
            return self.root
        if not _SID.fullmatch(sid) or ".." in sid:
            raise NotFound(f"no summary {sid!r}")
        try:
            path = inside(self.root, sid, "summary")  # the workspace's own confinement: no link out
        except WorkspaceError:
            raise NotFound(f"no summary {sid!r}") from None
        if not path.is_dir():
            raise NotFound(f"no summary {sid!r}")
        return path

    def facts_path(self, sid: str) -> Path:
        """The facts file of a summary: the one its workspace records, else its facts.yaml. A recorded file
        outside the served folder is refused (the page never reads or writes outside it)."""
        ws = Workspace(self.workspace_dir(sid))
        path = ws.facts_path(ws.load_state()) if ws.exists() else ws.root / NOTES_FACTS
        if not _inside(self.root, path):
            raise WorkspaceError(
                f"this workspace's facts file {path} is outside the served folder {self.root}; "
                "serve the folder that holds it"
            )
        return path

    def summaries(self) -> list[Summary]:
        out = []
        if Workspace(self.root).exists() or (self.root / NOTES_FACTS).is_file():
            out.append(Summary(HERE, self.root, Workspace(self.root).exists()))
        for p in sorted(self.root.iterdir()) if self.root.is_dir() else []:
            if not p.is_dir() or p.is_symlink() or not _SID.fullmatch(p.name):
                continue
            ws = Workspace(p)
            if ws.exists() or (p / NOTES_FACTS).is_file():
                out.append(Summary(p.name, p, ws.exists()))
        return out

    def facts_files(self) -> list[str]:
        """Facts files lying directly in the served folder, by name (opening one copies it into a summary)."""
        return sorted(
            p.name
            for p in self.root.iterdir()
            if p.suffix.lower() in FACTS_SUFFIXES and p.is_file() and not p.is_symlink()
        )

    def facts_file(self, name: str) -> Path:
        """A facts file of the served folder, by one of the names facts_files() lists."""
        if name not in self.facts_files():
            raise NotFound(f"no facts file {name!r} in the served folder")
        return self.root / name

    def new_summary(self, wanted: str) -> tuple[str, Path]:
        """Makes a fresh sub-folder named after `wanted` (made safe, numbered if taken)."""
        base = re.sub(r"[^\w.-]+", "-", wanted).strip("-._")[:40] or "summary"
        for n in range(1, 1000):
            sid = base if n == 1 else f"{base}-{n}"
            path = self.root / sid
            if not path.exists():
                path.mkdir(parents=True)
                return sid, path
        raise WorkspaceError(f"too many summaries named {base} in {self.root}")
