"""Errors of the model layer. Transport-level ones are internal; the ZongjieError ones reach the CLI."""

from __future__ import annotations

from typing import Any

from zongjie.errors import ZongjieError
from zongjie.llm.answer import Answer
from zongjie.redact import redact


class StatusFailure(Exception):
    """The endpoint answered with an HTTP error status."""

    def __init__(
        self, status: int, body: str, *, retry_after: float | None = None, code: str | None = None
    ) -> None:
        # Masked as it enters zongjie: a server or proxy may echo the Authorization header in its body.
        body = redact(body)
        super().__init__(f"HTTP {status}: {body[:300]}")
        self.status = status
        self.body = body
        self.retry_after = retry_after
        self.code = code  # e.g. "insufficient_quota"


class TransportFailure(Exception):
    """No usable HTTP answer: silence past the timeout, nobody there, a dropped connection, a malformed 200."""

    def __init__(self, kind: str, detail: str = "") -> None:
        detail = redact(detail)
        super().__init__(f"{kind}: {detail}" if detail else kind)
        # "timeout" | "unreachable" (refused, unknown host) | "connection" (dropped) | "bad-response"
        self.kind = kind


class AuthFailed(ZongjieError):
    """401/403: the run stops at once; nothing is retried."""

    exit_code = 2

    def __init__(self, status: int, base_url: str) -> None:
        super().__init__(
            f"the endpoint {base_url} refused the API key (HTTP {status}): check ZONGJIE_API_KEY "
            "(or OPENAI_API_KEY) in the environment or .env"
        )
        self.status = status


class EndpointFailed(ZongjieError):
    """A call that could not be completed: retries spent, or an error status that retrying cannot fix."""

    exit_code = 1

    def __init__(self, message: str, *, status: int | None = None, cause: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.cause = cause
        self.answer: Answer[Any] | None = None  # set by Session.ask: attempts and usage before the failure


class InvalidOutput(ZongjieError):
    """The model's answers kept failing validation after `max_repairs` re-asks. `answer` holds every
    attempt with its problems and the best value that parsed (if any), like instructor's retry error."""

    exit_code = 1

    def __init__(self, answer: Answer[Any]) -> None:
        problems = "; ".join(answer.problems[:5])
        super().__init__(
            f"{answer.prompt}: output still invalid after {len(answer.attempts)} attempts: {problems}"
        )
        self.answer = answer
