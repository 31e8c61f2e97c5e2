"""One session per run: the client, the cache, the structured-output ladder and the usage totals.
It is an async context manager: `async with Session(settings) as session:` opens the HTTP client (and
learns how many requests a local server serves at once) and closes it again, so no connection outlives
the run.

`Session.ask()` is the generic validate → re-ask loop (in the spirit of instructor): the reply is parsed
into `schema`; pydantic errors and the problems `check()` returns go back to the model in a repair turn,
at most `max_repairs` times. Truncated (finish_reason=length) and empty replies count as invalid output.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from zongjie.config import Method, Settings, estimate_cost
from zongjie.llm.answer import Answer, Attempt
from zongjie.llm.cache import Cache, endpoint_key, request_key
from zongjie.llm.errors import AuthFailed, EndpointFailed, InvalidOutput, StatusFailure, TransportFailure
from zongjie.llm.ladder import Ladder, response_format, unsupported
from zongjie.llm.parse import NoJSON, extract_json, strip_reasoning
from zongjie.llm.transport import Backoff, is_quota, with_retries
from zongjie.llm.types import Message, Reply
from zongjie.prompt import load, render
from zongjie.writer.base import Usage

if TYPE_CHECKING:
    from zongjie.llm.client import ChatClient, OnChunk

T = TypeVar("T", bound=BaseModel)
Check = Callable[[T], list[str]]
CACHE_FORMAT = 1
_CLIP = 6000  # characters of a failed reply echoed back in a repair turn


class Session:
    def __init__(
        self,
        settings: Settings,
        *,
        client: ChatClient | None = None,
        cache: Cache | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        settings.require_endpoint()
        assert settings.base_url is not None and settings.model is not None
        self.settings = settings
        self.base_url: str = settings.base_url
        self.model: str = settings.model
        self.max_repairs = settings.max_repairs
        self.backoff = backoff or Backoff(settings.retries, settings.backoff, settings.backoff_max)
        self.client = client or _make_client(settings)
        if cache is None and not settings.no_cache:
            cache = Cache(settings.cache_path())
        self.cache = cache
        self._endpoint = endpoint_key(self.base_url, self.model)
        self.ladder = Ladder(_lower(settings.start_method, cache.method(self._endpoint) if cache else None))
        self.usage = Usage()
        self._fatal: AuthFailed | None = None
        # Set once the endpoint is known to be dead (refused connection, unknown host, 404, spent quota, 5xx
        # on every retry): later sections fall back at once instead of each waiting through the same retries.
        # A timeout never sets it: a slow model or a queue at a one-slot server is not a dead endpoint.
        self._down: str | None = None
        # Requests in flight at once: a local server's capacity (1 unless it says), else no limit of ours.
        self.slots: int | None = None
        self._gate: asyncio.Semaphore | None = None

    async def __aenter__(self) -> Session:
        await self.client.open()
        if self.cache is not None:
            self.cache.reopen()
        if self.settings.is_local:
            self.slots = await self.client.slots() or self.settings.jobs or 1
            self._gate = asyncio.Semaphore(self.slots)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.client.aclose()
        self.close()

    async def ask(
        self,
        prompt: str,
        variables: dict[str, Any],
        schema: type[T],
        check: Check[T] | None = None,
        *,
        system: str = "system",
        fresh: bool = False,
        progress: OnChunk | None = None,
    ) -> Answer[T]:
        """Renders `system` and `prompt` with `variables`, asks, validates into `schema`, runs `check`, and
        re-asks with the problems up to max_repairs times. Returns the accepted Answer or raises
        InvalidOutput (carrying the Answer with every attempt). Transport failures raise EndpointFailed,
        a rejected API key AuthFailed. `fresh`: every attempt goes to the model (the replies still refresh
        the cache), so asking again can give a new answer. `progress(tokens, seconds)` is called as tokens
        stream in."""
        answer: Answer[T] = Answer(prompt=prompt, prompt_version=load(prompt).tag)
        history: list[Message] = []
        for attempt in range(self.max_repairs + 1):
            try:
                reply, method, cached = await self._call(
                    prompt, variables, schema, history, system, answer.usage, attempt, fresh, progress
                )
            except EndpointFailed as exc:
                exc.answer = answer  # the attempts and usage so far, for the caller's report
                raise
            value, problems = _validate(reply, schema, check)
            answer.attempts.append(
                Attempt(reply.content, reply.finish_reason, method, cached, problems, value)
            )
            if not problems:
                answer.value, answer.problems = value, []
                return answer
            repair = render("repair", {"problems": problems, "shorter": reply.finish_reason == "length"})
            history = [Message("assistant", reply.content[:_CLIP] or "（空）"), Message("user", repair)]
        best = min(
            (a for a in reversed(answer.attempts) if a.value is not None),
            key=lambda a: len(a.problems),
            default=answer.attempts[-1],
        )
        answer.value = best.value if isinstance(best.value, schema) else None
        answer.problems = best.problems
        raise InvalidOutput(answer)

    def messages(
        self,
        prompt: str,
        variables: dict[str, Any],
        schema: type[BaseModel],
        method: Method,
        system: str = "system",
    ) -> list[Message]:
        example = getattr(schema, "EXAMPLE", None)
        fmt = render(
            "format",
            {
                "method": method,
                "schema": json.dumps(_schema_of(schema), ensure_ascii=False),
                "example": json.dumps(example, ensure_ascii=False, indent=1) if example else "",
            },
        )
        user = render(prompt, variables) + "\n\n" + fmt
        return [Message("system", render(system, variables)), Message("user", user)]

    async def _call(
        self,
        prompt: str,
        variables: dict[str, Any],
        schema: type[BaseModel],
        history: list[Message],
        system: str,
        usage: Usage,
        attempt: int,
        fresh: bool = False,
        progress: OnChunk | None = None,
    ) -> tuple[Reply, Method, bool]:
        while True:
            if self._fatal is not None:
                raise self._fatal
            if self._down is not None:
                raise EndpointFailed(f"{self._down} — not tried again in this run")
            method = self.ladder.method
            messages = [*self.messages(prompt, variables, schema, method, system), *history]
            key = self._key(prompt, system, schema, method, messages, attempt)
            hit = self.cache.get(key) if self.cache and not fresh else None
            if hit is not None:
                # Answered from the cache: no request reached the endpoint, so `calls` stays as it is.
                self._count(usage, Usage(cached_calls=1))
                return hit, method, True
            rf = response_format(method, schema.__name__, _schema_of(schema))
            request = _Request(self.client, messages, rf, self._gate, progress)
            try:
                reply = await with_retries(request.send, self.backoff)
            except StatusFailure as exc:
                self._count(usage, Usage(calls=request.sent))
                if exc.status in (401, 403):
                    self._fatal = AuthFailed(exc.status, self.base_url)
                    raise self._fatal from None
                if unsupported(exc) and self.ladder.step_down(method):
                    continue
                self._down = self._describe(exc)
                raise EndpointFailed(self._down, status=exc.status, cause=exc.body[:500]) from None
            except TransportFailure as exc:
                self._count(usage, Usage(calls=request.sent))
                if exc.kind == "unreachable":  # nobody is there: no retry, and no other section tries
                    self._down = f"{self.base_url}: cannot connect ({exc}) — is the server running?"
                    raise EndpointFailed(self._down) from None
                raise EndpointFailed(
                    f"{self.base_url}: {exc} (gave up after {request.sent} attempts)"
                ) from None
            cost = estimate_cost(self.model, reply.prompt_tokens, reply.completion_tokens)
            self._count(
                usage,
                Usage(
                    prompt_tokens=reply.prompt_tokens,
                    completion_tokens=reply.completion_tokens,
                    calls=request.sent,
                    cost=cost,
                ),
            )
            if self.cache is not None:
                self.cache.put(key, reply)
            if method == self.ladder.method and not self.ladder.confirmed:
                self.ladder.confirmed = True
                self.remember(method)  # the next run starts here instead of probing again
            return reply, method, False

    def _count(self, usage: Usage, delta: Usage) -> None:
        # Usage is a pydantic model with __add__; keep both the ask's and the session's totals.
        for target in (usage, self.usage):
            total = target + delta
            for name in type(total).model_fields:
                setattr(target, name, getattr(total, name))

    def _key(
        self,
        prompt: str,
        system: str,
        schema: type[BaseModel],
        method: Method,
        messages: list[Message],
        attempt: int,
    ) -> str:
        # The attempt number is part of the key: a re-ask that repeats an earlier request word for word must
        # reach the model (a new sample), while a re-run replays every attempt from the cache.
        return request_key(
            {
                "attempt": attempt,
                "format": CACHE_FORMAT,
                "prompts": [load(n).tag for n in (system, prompt, "format", "repair")],
                "schema": _schema_of(schema),
                "base_url": self.base_url.rstrip("/"),
                "model": self.model,
                "temperature": self.settings.temperature,
                "max_tokens": self.settings.max_tokens,
                "extra_body": self.settings.extra_body,
                "method": method,
                "messages": [[m.role, m.content] for m in messages],
            }
        )

    def _describe(self, exc: StatusFailure) -> str:
        where = f"{self.base_url} (model {self.model})"
        if exc.status == 404:
            return f"{where}: HTTP 404 — wrong base URL or unknown model name; check --base-url and --model"
        if is_quota(exc):
            return f"{where}: quota exhausted (HTTP 429 insufficient_quota) — top up the account or use another key"
        return f"{where}: HTTP {exc.status}: {exc.body[:200]}"

    async def send(
        self, messages: list[Message], method: Method, schema: type[BaseModel] | None = None
    ) -> Reply:
        """One uncached call with a given method, bypassing the ladder (used by `zongjie doctor`)."""
        rf = response_format(method, schema.__name__, _schema_of(schema)) if schema else None
        return await with_retries(lambda: self.client.complete(messages, rf), Backoff(retries=0))

    @property
    def tracing(self) -> bool:
        return self.settings.tracing

    def remember(self, method: Method) -> None:
        if self.cache is not None:
            self.cache.remember_method(self._endpoint, method)

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()


async def ask_once(
    settings: Settings,
    prompt: str,
    variables: dict[str, Any],
    schema: type[T],
    check: Check[T] | None = None,
    *,
    system: str = "system",
) -> Answer[T]:
    """One `ask` in a session of its own, opened and closed around it."""
    async with Session(settings) as session:
        return await session.ask(prompt, variables, schema, check, system=system)


@dataclass
class _Request:
    """One call to the endpoint; `sent` counts the HTTP requests it took (each retry is one, and so is a
    request whose structured-output format was rejected), so Usage.calls is what the server really saw.
    Each try waits for a free slot first (`gate`), so a one-slot server never holds a queue of ours."""

    client: ChatClient
    messages: list[Message]
    response_format: dict[str, Any] | None
    gate: asyncio.Semaphore | None = None
    progress: OnChunk | None = None
    sent: int = 0

    async def send(self) -> Reply:
        if self.gate is None:
            return await self._send()
        async with self.gate:
            return await self._send()

    async def _send(self) -> Reply:
        self.sent += 1
        if self.progress is not None:
            self.progress(0, 0.0)  # the request is out: waiting for the first token
        return await self.client.complete(self.messages, self.response_format, self.progress)


def _validate(reply: Reply, schema: type[T], check: Check[T] | None) -> tuple[T | None, list[str]]:
    if reply.finish_reason == "length":
        return None, ["输出超出长度上限被截断：请压缩篇幅，输出完整、合法的 JSON 对象"]
    content = strip_reasoning(reply.content)
    if not content:
        return None, ["输出为空：请输出要求的 JSON 对象"]
    try:
        data = extract_json(content)
    except NoJSON as exc:
        return None, [str(exc)]
    try:
        value = schema.model_validate(data)
    except ValidationError as exc:
        return None, [_pydantic_problem(e) for e in exc.errors()[:8]]
    return value, (check(value) if check else [])


def _pydantic_problem(error: Any) -> str:
    loc = ".".join(str(p) for p in error["loc"]) or "（整个对象）"
    return f"JSON 字段 {loc}：{error['msg']}"


@lru_cache(maxsize=64)
def _schema_of(schema: type[BaseModel]) -> dict[str, Any]:
    return schema.model_json_schema()


def _lower(a: Method, b: Method | None) -> Method:
    order = ("json_schema", "json_object", "text")
    return a if b is None or order.index(a) >= order.index(b) else b


def _make_client(settings: Settings) -> ChatClient:
    from zongjie.llm.client import ChatClient  # the SDK import, deferred until a model is really used

    assert settings.base_url is not None and settings.model is not None
    return ChatClient(
        base_url=settings.base_url,
        model=settings.model,
        api_key=settings.api_key.get_secret_value() if settings.api_key else None,
        temperature=settings.temperature,
        max_tokens=settings.max_tokens,
        silence=settings.timeout,
        total=settings.total_timeout,
        extra_body=settings.extra_body,
        completion_tokens_field=settings.provider == "openai",
        rpm=settings.requests_per_minute,
        tracing=settings.tracing,
    )
