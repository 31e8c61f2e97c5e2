"""Workspace confinement: every path zongjie writes, deletes or reads inside a workspace is a relative name
checked here and resolved against the workspace root. A name that would leave the root — `..`, absolute,
through a symlink, with a NUL byte, or too long for a file system — is refused with a message naming the
field it came from (a 职能 key, a state.json entry), because workspaces are shared and state.json can be
edited by anyone who had the folder."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from zongjie.errors import WorkspaceError

NAME_MAX_BYTES = 240  # one path component, with room for ".bak2" and a temp-file prefix
PATH_MAX_BYTES = 1024


def relative_problem(name: str) -> str | None:
    """Why `name` (a workspace-relative POSIX path) could point outside the workspace, or None."""
    if "\x00" in name:
        return "contains a NUL byte"
    if not name or name.strip() != name:
        return "is empty or has surrounding spaces"
    if len(name.encode("utf-8")) > PATH_MAX_BYTES:
        return "is too long"
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "must be a relative path inside the workspace"
    parts = PurePosixPath(name).parts
    if any(p in ("..", ".") for p in parts) or any(p in ("..", ".") for p in name.split("/")):
        return "must not contain '..' or '.'"
    if any(len(p.encode("utf-8")) > NAME_MAX_BYTES for p in parts):
        return "has a file name that is too long"
    return None


def inside(root: Path, name: str, field: str) -> Path:
    """`root / name`, after checking that it stays inside `root`: `name` is relative without `..`, and no
    part of the path below `root` is a symlink (a link could lead anywhere). Raises WorkspaceError naming
    `field`. The final file need not exist."""
    problem = relative_problem(name)
    if problem is not None:
        raise WorkspaceError(f"{field} {_shown(name)} {problem}")
    path = root
    for part in PurePosixPath(name).parts:
        path = path / part
        if path.is_symlink():
            raise WorkspaceError(
                f"{field} {_shown(name)}: {path} is a symbolic link; zongjie reads and writes only real "
                "files inside the workspace (replace the link with a copy of the file)"
            )
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        raise WorkspaceError(f"{field} {_shown(name)} resolves outside the workspace {root}") from None
    return path


def _shown(value: str) -> str:
    # repr shows NUL and control characters visibly; long values are cut so the message stays readable
    return repr(value if len(value) <= 80 else value[:77] + "…")
