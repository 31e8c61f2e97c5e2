"""What an extraction produces before it is written: facts entries that remember their note lines, the
questions to ask the user, and the notes that found no place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zongjie.notes.parse import Heading, Item
from zongjie.notes.report import YearChoice

# The Facts lists an entry can go to, in the order the facts file lists them.
Slot = str  # "summary.notes", "summary.metrics", "highlights", "team.notes", "team.metrics", "problems", ...
TOP_SLOTS: tuple[Slot, ...] = (
    "summary.notes",
    "summary.metrics",
    "highlights",
    "team.notes",
    "team.metrics",
    "problems",
    "lessons",
    "plans",
)
FUNCTION_SLOTS = ("metrics", "work", "cases")


@dataclass
class Entry:
    """One facts entry (a mapping, or a string for text lists) and the notes it came from."""

    items: list[Item]
    data: dict[str, Any] | str
    comments: list[str] = field(default_factory=list)  # "?"-prefixed ones are questions for the user
    computed: set[str] = field(default_factory=set)  # fields whose value code computed (dates, previous)
    where: str = ""  # a source other than note lines, e.g. "台账.xlsx 能耗!B7" for a workbook row

    @property
    def lines(self) -> list[int]:
        return sorted({i.line for i in self.items})


@dataclass
class FunctionBlock:
    key: str
    name: str | None = None  # only for functions the profile does not know
    comments: list[str] = field(default_factory=list)
    metrics: list[Entry] = field(default_factory=list)
    work: list[Entry] = field(default_factory=list)
    cases: list[Entry] = field(default_factory=list)

    def entries(self) -> list[Entry]:
        return [*self.metrics, *self.work, *self.cases]


@dataclass
class Unplaced:
    item: Item
    reason: str


@dataclass
class Extraction:
    source: str  # the notes file name, for the header comment
    report: dict[str, Any]
    report_comments: list[str] = field(default_factory=list)
    report_items: list[Item] = field(default_factory=list)
    functions: dict[str, FunctionBlock] = field(default_factory=dict)
    top: dict[Slot, list[Entry]] = field(default_factory=lambda: {s: [] for s in TOP_SLOTS})
    unplaced: list[Unplaced] = field(default_factory=list)
    doubts: list[Unplaced] = field(default_factory=list)  # notes the clerk marked as unchecked: questions
    headings: list[Heading] = field(default_factory=list)
    method: str = "offline rules"
    trailer: list[str] = field(default_factory=list)  # closing comment lines (a workbook's unread rows)
    year: YearChoice | None = None  # the report year and where it came from (said on screen)

    def function(self, key: str, name: str | None = None) -> FunctionBlock:
        if key not in self.functions:
            self.functions[key] = FunctionBlock(key=key, name=name)
        return self.functions[key]

    def entries(self) -> list[Entry]:
        out = [e for fn in self.functions.values() for e in fn.entries()]
        return out + [e for slot in TOP_SLOTS for e in self.top[slot]]

    def lists(self) -> list[list[Entry]]:
        """Every list an entry can be added to (a few per function): enough to see what one note added
        without walking every entry again, so extraction stays linear in the number of notes."""
        out = [lst for fn in self.functions.values() for lst in (fn.metrics, fn.work, fn.cases)]
        return out + [self.top[slot] for slot in TOP_SLOTS]
