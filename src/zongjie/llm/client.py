"""The only module in zongjie that imports openai / langchain. Chat calls go through langchain-openai's
ChatOpenAI against any OpenAI-compatible base URL, always streamed (`astream`, usage from the final chunk);
SDK errors are turned into the plain failures of llm/errors.py here, so nothing else depends on SDK types.
Imported lazily (it is slow to import).

Waiting is not failure: a local model on a CPU writes a few tokens per second and serves one request at a
time. So a call times out on *silence* — no token for `silence` seconds — not on its total length (that has
only a generous cap). A request that has not started yet while another of ours is receiving tokens is queued
behind it at the server, not stalled. A call given up on closes its stream, so the server stops generating.

Some gateways and proxies ignore `stream: true` and send the whole chat.completion as one JSON body; the
SDK's stream reader would find no events in it (and its structured-output helper then fails an assert).
The HTTP transport below (`_Unstreamed`) turns such an answer into the equivalent event stream, so it is
read as the complete answer it is, and counts it (`unstreamed`) for `doctor` and the tests.

The SDK's own retries are off (max_retries=0): llm/transport.py is the one retry layer. LangSmith tracing is
off unless zongjie's own settings turn it on: an unrelated LANGSMITH_TRACING in the environment must not send
an office's figures elsewhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx2
import openai
from langchain_core.messages import AIMessage, BaseMessage, BaseMessageChunk, HumanMessage, SystemMessage
from langchain_core.rate_limiters import InMemoryRateLimiter
from langchain_openai import ChatOpenAI
from langsmith import tracing_context

from zongjie.llm.errors import StatusFailure, TransportFailure
from zongjie.llm.types import Message, Reply

NO_KEY = "not-needed"  # local servers ignore the key; the SDK insists on having one
CONNECT_TIMEOUT = 10.0
LIMITS = httpx2.Limits(max_connections=1000, max_keepalive_connections=100)  # the SDK's defaults
# on_chunk(tokens so far, seconds since the first): a server streams one token per chunk, so chunks with
# text are counted (no tokenizer at run time); the final usage chunk gives the real count.
OnChunk = Callable[[int, float], None]


class ChatClient:
    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str | None,
        temperature: float,
        max_tokens: int,
        silence: float,
        total: float,
        extra_body: dict[str, Any] | None = None,
        completion_tokens_field: bool = False,
        rpm: float | None = None,
        tracing: bool = False,
    ) -> None:
        self.base_url = base_url
        self.model = model
        self.silence = silence
        self.total = total
        self.tracing = tracing
        self._api_key = api_key or NO_KEY
        self._temperature = temperature
        self._extra_body = dict(extra_body or {})
        self._max_tokens: int | None = None
        if completion_tokens_field:
            self._max_tokens = max_tokens  # ChatOpenAI sends it as max_completion_tokens (OpenAI itself)
        else:
            self._extra_body["max_tokens"] = max_tokens  # what most compatible servers understand
        # A token bucket of one: requests are spaced evenly at the provider's requests-per-minute.
        self._limiter = (
            InMemoryRateLimiter(requests_per_second=rpm / 60, check_every_n_seconds=0.05, max_bucket_size=1)
            if rpm
            else None
        )
        self._http: httpx2.AsyncClient | None = None
        self._chat: ChatOpenAI | None = None
        self._last_token = 0.0  # monotonic time any of this client's streams last received a chunk
        self._transport: _Unstreamed | None = None

    async def open(self) -> None:
        """Creates the HTTP client (on the running loop); `aclose` closes it. Reopening after close works."""
        if self._http is not None:
            return
        # httpx's read timeout is only a backstop: silence is measured per parsed chunk below.
        timeout = httpx2.Timeout(self.total, connect=CONNECT_TIMEOUT)
        self._transport = _Unstreamed(limits=LIMITS)
        self._http = openai.DefaultAsyncHttpxClient(timeout=timeout, transport=self._transport)
        self._chat = ChatOpenAI(
            model=self.model,
            base_url=self.base_url,
            api_key=self._api_key,
            temperature=self._temperature,
            max_tokens=self._max_tokens,
            timeout=timeout,
            max_retries=0,
            extra_body=self._extra_body or None,
            http_async_client=self._http,
            stream_usage=True,  # off by default for a custom base URL; servers that ignore it send none
            stream_chunk_timeout=None,  # our own silence rule (below) knows about queued requests
            rate_limiter=self._limiter,
        )
        # Structured output streams through the SDK's beta helpers, imported on first use (a second or more
        # on a busy machine): import them now, so that time is never counted as the server's silence.
        _ = self._chat.root_async_client.beta.chat.completions

    async def aclose(self) -> None:
        http, self._http, self._chat = self._http, None, None
        if http is not None:
            await http.aclose()

    @property
    def unstreamed(self) -> int:
        """Answers that came as one JSON body although a stream was asked for (read as complete answers)."""
        return self._transport.unstreamed if self._transport is not None else 0

    async def complete(
        self,
        messages: list[Message],
        response_format: dict[str, Any] | None,
        on_chunk: OnChunk | None = None,
    ) -> Reply:
        """One streamed chat completion; raises StatusFailure / TransportFailure. finish_reason=length is a
        Reply."""
        if self._chat is None:
            raise RuntimeError("ChatClient used before open(): use `async with Session(...)`")
        kwargs: dict[str, Any] = {}
        if response_format is not None:
            kwargs["response_format"] = response_format
        parts: list[str] = []
        reply = _Partial()
        try:
            with tracing_context(enabled=self.tracing):
                stream = self._chat.astream(_to_langchain(messages), **kwargs)
                async with contextlib.aclosing(self._paced(stream)) as chunks:  # type: ignore[type-var]
                    async for chunk in chunks:
                        text = _text(chunk)
                        if text:
                            parts.append(text)
                        reply.take(chunk)
                        if text and on_chunk is not None:
                            on_chunk(len(parts), reply.elapsed())
        except openai.LengthFinishReasonError:
            # With response_format set, the SDK's stream helper raises on truncation; the text is still data.
            reply.finish = "length"
        except openai.ContentFilterFinishReasonError:
            return Reply(content="", finish_reason="content_filter")
        except openai.APITimeoutError as exc:
            raise TransportFailure("timeout", f"no answer within {self.total:g}s") from exc
        except openai.APIConnectionError as exc:
            raise _connection_failure(exc) from exc
        except openai.APIStatusError as exc:
            raise _status_failure(exc) from exc
        except openai.APIError as exc:
            # An error object in a 200 stream (the SDK raises it as a plain APIError).
            raise TransportFailure("bad-response", str(exc)[:300]) from exc
        except (ValueError, KeyError, TypeError, AssertionError) as exc:
            # A 200 whose body is not a chat completion (proxies, error objects in a 200 body); the SDK's
            # stream helper asserts that a stream had at least one chunk.
            raise TransportFailure(
                "bad-response", f"not a chat completion ({type(exc).__name__}: {exc})"[:300]
            ) from exc
        return Reply(
            content="".join(parts),
            finish_reason=reply.finish,
            prompt_tokens=reply.prompt_tokens,
            completion_tokens=reply.completion_tokens,
        )

    async def _paced(self, stream: AsyncIterator[BaseMessageChunk]) -> AsyncIterator[BaseMessageChunk]:
        """Yields the stream's chunks; raises TransportFailure("timeout") after `silence` seconds without one
        (before the first chunk: without one on *any* of this client's streams, since a request queued at a
        one-slot server is silent while the server works on another), or past the overall cap. Always
        closes the stream, so an abandoned request stops generating on the server."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        heard = start  # this stream's last chunk
        started = False
        it = stream.__aiter__()
        pending: asyncio.Future[BaseMessageChunk] | None = None
        try:
            while True:
                if pending is None:
                    pending = asyncio.ensure_future(it.__anext__())
                since = heard if started else max(heard, self._last_token_at(loop))
                wait = min(since + self.silence, start + self.total) - loop.time()
                if wait > 0:
                    await asyncio.wait({pending}, timeout=wait)
                if pending.done():
                    try:
                        chunk = pending.result()
                    except StopAsyncIteration:
                        return
                    pending = None
                    heard = loop.time()
                    self._last_token = time.monotonic()
                    started = True
                    yield chunk
                    continue
                now = loop.time()
                if now >= start + self.total:
                    raise TransportFailure("timeout", f"the answer took longer than {self.total:g}s")
                still = heard if started else max(heard, self._last_token_at(loop))
                if now >= still + self.silence:
                    what = "no new token" if started else "no answer"
                    raise TransportFailure("timeout", f"{what} for {self.silence:g}s")
        finally:
            if pending is not None and not pending.done():
                pending.cancel()
                with contextlib.suppress(BaseException):
                    await pending
            close = getattr(it, "aclose", None)
            if close is not None:
                with contextlib.suppress(Exception):
                    await close()

    def _last_token_at(self, loop: asyncio.AbstractEventLoop) -> float:
        """The loop time of the last chunk any stream of this client received (or -inf)."""
        if not self._last_token:
            return float("-inf")
        return loop.time() - (time.monotonic() - self._last_token)

    async def slots(self) -> int | None:
        """How many requests the server serves at once, when it says (llama.cpp: GET /props total_slots)."""
        if self._http is None:
            return None
        root = self.base_url.rstrip("/").removesuffix("/v1")
        try:
            response = await self._http.get(f"{root}/props", timeout=CONNECT_TIMEOUT)
            value = response.json().get("total_slots") if response.status_code == 200 else None
        except (httpx2.HTTPError, ValueError, AttributeError):
            return None
        return value if isinstance(value, int) and value > 0 else None


class _Unstreamed(httpx2.AsyncHTTPTransport):
    """Passes every exchange through, except a streamed chat request answered with a complete
    `chat.completion` JSON body: that answer is re-expressed as the event stream it stands for (one chunk
    with the whole text and the finish reason, one with the usage, then [DONE])."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.unstreamed = 0

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await super().handle_async_request(request)
        kind = response.headers.get("content-type", "")
        if response.status_code != 200 or "json" not in kind or not _asks_stream(request):
            return response
        try:
            raw = await response.aread()
        finally:
            await response.aclose()
        events = _as_events(raw)
        if events is None:  # not a completion: the SDK sees the body as it came
            return httpx2.Response(200, headers=response.headers, content=raw, request=request)
        self.unstreamed += 1
        headers = {"content-type": "text/event-stream; charset=utf-8"}
        return httpx2.Response(200, headers=headers, content=events, request=request)


def _asks_stream(request: httpx2.Request) -> bool:
    if request.method != "POST" or not request.url.path.endswith("/chat/completions"):
        return False
    try:
        return json.loads(request.content or b"{}").get("stream") is True
    except (ValueError, AttributeError, httpx2.RequestNotRead):
        return False


def _as_events(raw: bytes) -> bytes | None:
    """The SSE form of a complete chat.completion body; None when the body is something else."""
    try:
        body = json.loads(raw)
        choices = body["choices"]
        message = choices[0]["message"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if not isinstance(message, dict):
        return None
    head = {k: body[k] for k in ("id", "created", "model") if k in body}
    head["object"] = "chat.completion.chunk"
    delta = {k: v for k, v in message.items() if k in ("role", "content", "reasoning_content", "refusal")}
    chunk = {
        **head,
        "choices": [{"index": 0, "delta": delta, "finish_reason": choices[0].get("finish_reason")}],
    }
    out = [chunk]
    if isinstance(body.get("usage"), dict):
        out.append({**head, "choices": [], "usage": body["usage"]})
    text = "".join(f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in out) + "data: [DONE]\n\n"
    return text.encode("utf-8")


class _Partial:
    """What the stream said besides its text: finish reason and the usage of its final chunk."""

    def __init__(self) -> None:
        self.finish: str | None = None
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self._first: float | None = None

    def take(self, chunk: BaseMessageChunk) -> None:
        if self._first is None:
            self._first = time.monotonic()
        finish = chunk.response_metadata.get("finish_reason")
        if finish is not None:
            self.finish = str(finish)
        usage = getattr(chunk, "usage_metadata", None)
        if usage:
            self.prompt_tokens = int(usage.get("input_tokens", 0) or 0)
            self.completion_tokens = int(usage.get("output_tokens", 0) or 0)

    def elapsed(self) -> float:
        return time.monotonic() - self._first if self._first is not None else 0.0


def _to_langchain(messages: list[Message]) -> list[BaseMessage]:
    kinds: dict[str, type[BaseMessage]] = {
        "system": SystemMessage,
        "user": HumanMessage,
        "assistant": AIMessage,
    }
    return [kinds[m.role](content=m.content) for m in messages]


def _text(chunk: BaseMessageChunk) -> str:
    content = chunk.content
    if isinstance(content, str):
        return content
    return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content)


def _connection_failure(exc: openai.APIConnectionError) -> TransportFailure:
    """A refused connection or an unknown host means nobody is there ("unreachable": the endpoint is down at
    once); a connection dropped mid-answer is worth another try ("connection")."""
    cause: BaseException | None = exc
    while cause is not None:  # langchain wraps the SDK's error, which wraps the transport's
        if isinstance(cause, httpx2.ConnectError):
            return TransportFailure("unreachable", str(cause) or "connection refused")
        cause = cause.__cause__
    return TransportFailure("connection", str(exc.__cause__ or exc))


def _status_failure(exc: openai.APIStatusError) -> StatusFailure:
    response = exc.response
    try:
        body = response.text
    except Exception:  # a streamed or closed body
        body = json.dumps(exc.body, ensure_ascii=False) if exc.body is not None else exc.message
    code = None
    if isinstance(exc.body, dict):
        err = exc.body.get("error", exc.body)
        if isinstance(err, dict):
            code = err.get("code") or err.get("type")
    return StatusFailure(
        exc.status_code, body, retry_after=_retry_after(response.headers), code=str(code) if code else None
    )


def _retry_after(headers: Any) -> float | None:
    """Seconds from retry-after-ms / retry-after (seconds or an HTTP date)."""
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None
