"""The one writer interface: `await writer.write(task, hint=...) -> SectionDraft`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from zongjie.finding import Finding
from zongjie.plan.task import SectionTask

# ok: passed first time; repaired: passed after repair turns; fallback: the offline text replaced a failing
# model answer; flagged: a failing model answer kept as written (--on-fail keep), with its error findings;
# spliced: the model's sentences that passed the checks, with the offline writer's sentence for each fact left out.
Status = Literal["ok", "repaired", "fallback", "flagged", "spliced"]
# Sections in these states are asked afresh on the next draft (never answered from the response cache).
REASK: frozenset[str] = frozenset({"fallback", "flagged", "spliced"})


class Usage(BaseModel):
    """Token counts as the endpoint reported them (never estimated with a tokenizer)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0  # HTTP requests the endpoint received (retries included); cache hits are cached_calls
    cached_calls: int = 0
    cost: float = 0.0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            calls=self.calls + other.calls,
            cached_calls=self.cached_calls + other.cached_calls,
            cost=round(self.cost + other.cost, 6),
        )


class Sentences(BaseModel):
    """A spliced section: model sentences kept as written, dropped for an error, and offline sentences added
    for the facts left out."""

    kept: int = 0
    dropped: int = 0
    filled: int = 0


class SectionDraft(BaseModel):
    """A section's body (Markdown, without its heading: assembly adds and numbers headings)."""

    section_id: str
    body: str
    status: Status = "ok"
    writer: str
    prompt_version: str | None = None
    fact_ids: list[str] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    attempts: int = 1
    sentences: Sentences | None = None  # set when status is "spliced"


# progress(tokens so far, seconds since the first token): a model writer calls it as its answer streams in.
Progress = Callable[[int, float], None]


class Writer(Protocol):
    """Implemented by the offline writer and the LLM writer."""

    @property
    def name(self) -> str: ...

    async def write(
        self,
        task: SectionTask,
        *,
        hint: str | None = None,
        fresh: bool = False,
        progress: Progress | None = None,
    ) -> SectionDraft:
        """`fresh`: ask the model again rather than replay cached replies (regen, and sections that failed).
        A writer holding connections is also an async context manager; the pipeline enters it for the run."""
        ...
