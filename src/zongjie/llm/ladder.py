"""The structured-output ladder: json_schema → json_object (schema in the prompt) → JSON in plain text.
One Ladder per run, shared by every section: once a method is found unsupported, nobody asks with it again."""

from __future__ import annotations

from typing import Any

from zongjie.config import Method
from zongjie.llm.errors import StatusFailure
from zongjie.llm.transport import rejects_format

METHODS: tuple[Method, ...] = ("json_schema", "json_object", "text")
_NOT_FORMAT = ("context length", "context_length", "maximum context", "too long", "too many tokens")


class Ladder:
    def __init__(self, start: Method = "json_schema") -> None:
        self.method: Method = start
        self.confirmed = False  # a call with self.method has succeeded

    def step_down(self, failed: Method) -> bool:
        """Called when `failed` was rejected. False if there is nothing lower to try."""
        index = METHODS.index(failed)
        if index + 1 >= len(METHODS):
            return False
        if METHODS.index(self.method) <= index:  # another section may have stepped down already
            self.method = METHODS[index + 1]
            self.confirmed = False
        return True


def unsupported(exc: StatusFailure) -> bool:
    """The endpoint says the structured-output method is unsupported (never 401/403/429)."""
    if exc.status in (400, 422):
        body = exc.body.lower()
        return not any(word in body for word in _NOT_FORMAT)
    return rejects_format(exc)


def response_format(method: Method, name: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    if method == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": False}}
    if method == "json_object":
        return {"type": "json_object"}
    return None
