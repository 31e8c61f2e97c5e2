"""The one transport retry layer (tenacity): exponential backoff with jitter, Retry-After honoured.

Retried: 408, 409, 429 (except insufficient_quota), 5xx (except a 500 that rejects response_format, which
the structured-output ladder handles), silence past the timeout, dropped connections, malformed 200 bodies.
Never retried: 400, 401, 403, 404, 422, quota errors, and a refused connection or unknown host — retrying
cannot fix them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from zongjie.llm.errors import StatusFailure, TransportFailure
from zongjie.llm.types import Reply

RETRY_STATUS = frozenset({408, 409, 429})
QUOTA_CODES = frozenset({"insufficient_quota", "billing_hard_limit_reached"})


@dataclass(frozen=True)
class Backoff:
    retries: int = 4  # extra attempts after the first
    initial: float = 1.0  # seconds
    maximum: float = 30.0  # longest exponential wait
    retry_after_cap: float = 120.0  # a server's Retry-After is honoured up to this many seconds


def rejects_format(exc: StatusFailure) -> bool:
    """A 500 that is really "this response_format is not supported" (llama-cpp-python's server)."""
    body = exc.body.lower()
    return exc.status == 500 and ("response_format" in body or "json_schema" in body)


def is_quota(exc: StatusFailure) -> bool:
    return exc.status == 429 and (exc.code in QUOTA_CODES or "insufficient_quota" in exc.body)


def retryable(exc: BaseException) -> bool:
    if isinstance(exc, TransportFailure):
        return exc.kind != "unreachable"
    if isinstance(exc, StatusFailure):
        if is_quota(exc) or rejects_format(exc):
            return False
        return exc.status in RETRY_STATUS or exc.status >= 500
    return False


def _wait(backoff: Backoff) -> Callable[[RetryCallState], float]:
    exponential = wait_exponential(multiplier=backoff.initial, max=backoff.maximum) + wait_random(
        0, backoff.initial
    )

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, StatusFailure) and exc.retry_after is not None:
            return min(exc.retry_after, backoff.retry_after_cap)
        return float(exponential(state))

    return wait


async def with_retries(call: Callable[[], Awaitable[Reply]], backoff: Backoff) -> Reply:
    """Runs `call` until it returns or fails with a non-retryable error / the attempts are spent (re-raised)."""
    async for attempt in AsyncRetrying(
        stop=stop_after_attempt(backoff.retries + 1),
        wait=_wait(backoff),
        retry=retry_if_exception(retryable),
        reraise=True,
    ):
        with attempt:
            return await call()
    raise AssertionError("unreachable: tenacity either returns or re-raises")
