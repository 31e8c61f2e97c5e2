"""One session per run: the client, the cache, the structured-output ladder and the usage totals.

`Session.ask()` is the generic validate → re-ask loop (in the spirit of instructor): the reply is parsed
into `schema`; pydantic errors and the problems `check()` returns go back to the model in a repair turn,
at most `max_repairs` times. Truncated (finish_reason=length) and empty replies count as invalid output.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from zongjie.config import Method, Settings, estimate_cost
from zongjie.llm.cache import Cache, endpoint_key, request_key
from zongjie.llm.errors import AuthFailed, EndpointFailed, InvalidOutput, StatusFailure, TransportFailure
from zongjie.llm.ladder import Ladder, response_format, unsupported
from zongjie.llm.parse import NoJSON, extract_json, strip_reasoning
from zongjie.llm.transport import Backoff, is_quota, with_retries
from zongjie.llm.types import Message, Reply
from zongjie.prompt import load, render
from zongjie.writer.base import Usage

if TYPE_CHECKING:
    from zongjie.llm.client import ChatClient

T = TypeVar("T", bound=BaseModel)
Check = Callable[[T], list[str]]
CACHE_FORMAT = 1
_CLIP = 6000  # characters of a failed reply echoed back in a repair turn


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
        # Set once the endpoint has failed a call for good (retries spent, 404, quota): later sections fall
        # back at once instead of each waiting through the same retries against a dead server.
        self._down: str | None = None

    async def ask(
        self,
        prompt: str,
        variables: dict[str, Any],
        schema: type[T],
        check: Check[T] | None = None,
        *,
        system: str = "system",
        fresh: bool = False,
    ) -> Answer[T]:
        """Renders `system` and `prompt` with `variables`, asks, validates into `schema`, runs `check`, and
        re-asks with the problems up to max_repairs times. Returns the accepted Answer or raises
        InvalidOutput (carrying the Answer with every attempt). Transport failures raise EndpointFailed,
        a rejected API key AuthFailed. `fresh`: every attempt goes to the model (the replies still refresh
        the cache), so asking again can give a new answer."""
        answer: Answer[T] = Answer(prompt=prompt, prompt_version=load(prompt).tag)
        history: list[Message] = []
        for attempt in range(self.max_repairs + 1):
            try:
                reply, method, cached = await self._call(
                    prompt, variables, schema, history, system, answer.usage, attempt, fresh
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
            request = _Request(self.client, messages, rf)
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
                self._down = f"{self.base_url}: {exc} (gave up after {self.backoff.retries + 1} attempts)"
                raise EndpointFailed(self._down) from None
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

    def remember(self, method: Method) -> None:
        if self.cache is not None:
            self.cache.remember_method(self._endpoint, method)

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()


@dataclass
class _Request:
    """One call to the endpoint; `sent` counts the HTTP requests it took (each retry is one, and so is a
    request whose structured-output format was rejected), so Usage.calls is what the server really saw."""

    client: ChatClient
    messages: list[Message]
    response_format: dict[str, Any] | None
    sent: int = 0

    async def send(self) -> Reply:
        self.sent += 1
        return await self.client.complete(self.messages, self.response_format)


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
        timeout=settings.timeout,
        extra_body=settings.extra_body,
        completion_tokens_field=settings.provider == "openai",
    )
