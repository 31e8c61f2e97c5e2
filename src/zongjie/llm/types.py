"""Plain data passed between the session and the client module (no SDK types leak out of client.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


@dataclass(frozen=True)
class Reply:
    content: str
    finish_reason: str | None
    prompt_tokens: int = 0
    completion_tokens: int = 0
