"""Orchestration: facts → plan → writer → lint → workspace → assemble. `sections` writes and records each
section, `report` assembles draft.md and writes report.json, `run` holds the commands (draft, regen,
reassemble, import_edits) that the CLI and the web page call."""

from zongjie.pipeline.report import RunResult, finish, write_report
from zongjie.pipeline.run import draft, import_edits, reassemble, regen
from zongjie.pipeline.sections import EventSink, TokenSink

__all__ = [
    "EventSink",
    "RunResult",
    "TokenSink",
    "draft",
    "finish",
    "import_edits",
    "reassemble",
    "regen",
    "write_report",
]
