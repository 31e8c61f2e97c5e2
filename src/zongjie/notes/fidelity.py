"""Number fidelity between notes and what was made of them: every number in extracted facts or polished
prose occurs in the notes, unless code computed it and said so."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zongjie.notes.result import Entry, Extraction
from zongjie.text import METRIC_KINDS, Quantity, extract


@dataclass(frozen=True)
class Stray:
    """A number that is not in the notes: where it is and what it is."""

    entry: Entry
    field: str
    value: Decimal

    def describe(self) -> str:
        lines = ",".join(f"L{n}" for n in self.entry.lines)
        return f"{self.field} = {self.value} ({lines}) does not occur in the notes"


def _key(value: Decimal) -> Decimal:
    return value.normalize()


def note_numbers(text: str) -> set[Decimal]:
    """Every number written in the notes, dates and ordinals included (3号楼 is a number the notes hold).
    Read line by line: a number never spans lines, and the reader's cost grows faster than the text it is
    given, so one call per line keeps extraction linear in the notes' length."""
    return {_key(q.value) for line in text.splitlines() for q in extract(line)}


def _numbers_in(value: Any, path: str) -> list[tuple[str, Decimal]]:
    out: list[tuple[str, Decimal]] = []
    if isinstance(value, bool):
        return out
    if isinstance(value, int | float):
        out.append((path, Decimal(repr(value))))
    elif isinstance(value, dt.date):
        out += [(path, Decimal(value.month)), (path, Decimal(value.day))]
    elif isinstance(value, str):
        out += [(path, q.value) for q in extract(value) if q.kind not in ("index",)]
    elif isinstance(value, dict):
        for k, v in value.items():
            out += _numbers_in(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _numbers_in(v, f"{path}[{i}]")
    return out


def strays(ext: Extraction, notes_text: str) -> list[Stray]:
    """Numbers in the extracted entries that neither occur in the notes nor were computed by code."""
    allowed = note_numbers(notes_text)
    out = []
    for entry in ext.entries():
        data = entry.data if isinstance(entry.data, dict) else {"text": entry.data}
        for path, value in _numbers_in(data, ""):
            top = path.split(".")[0].split("[")[0]
            if top in entry.computed:
                continue
            if _key(value) not in allowed:
                out.append(Stray(entry, path, value))
    return out


def _base(q: Quantity) -> tuple[Decimal, str]:
    value, unit = q.base()
    return _key(value), unit


@dataclass(frozen=True)
class NumberDiff:
    missing: list[Quantity]  # in the notes, not in the output
    added: list[Quantity]  # in the output, not in the notes

    @property
    def ok(self) -> bool:
        return not self.missing and not self.added

    def describe(self) -> list[str]:
        out = [f"missing from the output: {q.raw}" for q in self.missing]
        return out + [f"not in the notes: {q.raw}" for q in self.added]


def compare(notes_text: str, output: str) -> NumberDiff:
    """Same numbers both ways: polish may neither drop a quantity from the notes nor add one."""
    notes_q = [q for q in extract(notes_text) if q.kind in METRIC_KINDS or q.kind in ("date", "year")]
    out_q = [q for q in extract(output) if q.kind in METRIC_KINDS or q.kind in ("date", "year")]
    have = Counter(_base(q) for q in out_q)
    want = Counter(_base(q) for q in notes_q)
    missing = []
    for q in notes_q:
        k = _base(q)
        if have[k] > 0:
            have[k] -= 1
        else:
            missing.append(q)
    added = []
    for q in out_q:
        k = _base(q)
        if want[k] > 0:
            want[k] -= 1
        else:
            added.append(q)
    return NumberDiff(missing, added)
