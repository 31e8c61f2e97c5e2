"""Domain errors. The CLI turns them into messages and exit codes at the edge; nothing else catches them."""

from __future__ import annotations


class ZongjieError(Exception):
    """Base for errors the user can act on."""

    exit_code = 1


class BadInput(ZongjieError):
    """Bad facts, notes, config or arguments: exit 2, nothing written."""

    exit_code = 2

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []

    def __str__(self) -> str:
        head = super().__str__()
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


class WorkspaceError(ZongjieError):
    """A workspace that cannot be used as asked (edited section, not a workspace): exit 2."""

    exit_code = 2
