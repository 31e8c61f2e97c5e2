"""The on-disk workspace: one editable file per section, the assembled draft, the report, and the state
that makes regenerating one section safe."""

from zongjie.workspace.store import SectionRecord, State, Workspace, atomic_write

__all__ = ["SectionRecord", "State", "Workspace", "atomic_write"]
