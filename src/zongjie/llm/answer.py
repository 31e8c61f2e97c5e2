"""What one `Session.ask` produced: every attempt with its problems, and the value accepted (or the best one).
Plain data, below both the session that fills it and the errors that carry it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pydantic import BaseModel

from zongjie.config import Method
from zongjie.writer.base import Usage

T = TypeVar("T", bound=BaseModel)


@dataclass
class Attempt:
    """One reply and what was wrong with it (empty `problems`: it was accepted)."""

    content: str
    finish_reason: str | None
    method: Method
    cached: bool
    problems: list[str]
    value: BaseModel | None = None


@dataclass
class Answer(Generic[T]):
    prompt: str
    prompt_version: str  # e.g. "function@1", for report.json
    value: T | None = None  # the accepted value; after InvalidOutput, the best value that parsed (or None)
    problems: list[str] = field(default_factory=list)  # problems of `value` (empty when accepted)
    attempts: list[Attempt] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)

    @property
    def ok(self) -> bool:
        return self.value is not None and not self.problems

    @property
    def repaired(self) -> bool:
        return self.ok and len(self.attempts) > 1
