"""The only module in zongjie that imports openai / langchain. Chat calls go through langchain-openai's
ChatOpenAI against any OpenAI-compatible base URL; SDK errors are turned into the plain failures of
llm/errors.py here, so nothing else depends on SDK types. Imported lazily (it is slow to import).

The SDK's own retries are off (max_retries=0): llm/transport.py is the one retry layer.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import time
from typing import Any

import openai
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI

from zongjie.llm.errors import StatusFailure, TransportFailure
from zongjie.llm.types import Message, Reply

NO_KEY = "not-needed"  # local servers ignore the key; the SDK insists on having one


class ChatClient:
    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str | None,
        temperature: float,
        max_tokens: int,
        timeout: float,
        extra_body: dict[str, Any] | None = None,
        completion_tokens_field: bool = False,
    ) -> None:
        self.base_url = base_url
        self.model = model
        self.timeout = timeout
        self._api_key = api_key or NO_KEY
        self._temperature = temperature
        self._extra_body = dict(extra_body or {})
        self._max_tokens: int | None = None
        if completion_tokens_field:
            self._max_tokens = max_tokens  # ChatOpenAI sends it as max_completion_tokens (OpenAI itself)
        else:
            self._extra_body["max_tokens"] = max_tokens  # what most compatible servers understand
        self._loop: asyncio.AbstractEventLoop | None = None
        self._chat: ChatOpenAI | None = None

    def _model(self) -> ChatOpenAI:
        # One HTTP client per event loop: the pipeline runs each command in its own asyncio.run, and a
        # connection pool must not outlive the loop it was made on.
        loop = asyncio.get_running_loop()
        if self._chat is None or self._loop is not loop:
            self._loop = loop
            self._chat = ChatOpenAI(
                model=self.model,
                base_url=self.base_url,
                api_key=self._api_key,
                temperature=self._temperature,
                max_tokens=self._max_tokens,
                timeout=self.timeout,
                max_retries=0,
                extra_body=self._extra_body or None,
                http_async_client=openai.DefaultAsyncHttpxClient(timeout=self.timeout),
            )
        return self._chat

    async def complete(self, messages: list[Message], response_format: dict[str, Any] | None) -> Reply:
        """One chat completion; raises StatusFailure / TransportFailure. finish_reason=length is a Reply."""
        chat = self._model()
        kwargs: dict[str, Any] = {"timeout": self.timeout}
        if response_format is not None:
            kwargs["response_format"] = response_format
        try:
            result = await chat.ainvoke(_to_langchain(messages), **kwargs)
        except openai.LengthFinishReasonError as exc:
            # With response_format set, the SDK's parse() raises on truncation; the reply is still usable data.
            return _reply_from_completion(exc.completion, "length")
        except openai.ContentFilterFinishReasonError:
            return Reply(content="", finish_reason="content_filter")
        except openai.APITimeoutError as exc:
            raise TransportFailure("timeout", f"no answer within {self.timeout:g}s") from exc
        except openai.APIConnectionError as exc:
            raise TransportFailure("connection", str(exc.__cause__ or exc)) from exc
        except openai.APIStatusError as exc:
            raise _status_failure(exc) from exc
        except (ValueError, KeyError, TypeError) as exc:
            # A 200 whose body is not a chat completion (proxies, error objects in a 200 body).
            raise TransportFailure("bad-response", str(exc)[:300]) from exc
        return _reply_from_message(result)


def _to_langchain(messages: list[Message]) -> list[BaseMessage]:
    kinds: dict[str, type[BaseMessage]] = {
        "system": SystemMessage,
        "user": HumanMessage,
        "assistant": AIMessage,
    }
    return [kinds[m.role](content=m.content) for m in messages]


def _reply_from_message(message: BaseMessage) -> Reply:
    content = message.content if isinstance(message.content, str) else _join_parts(message.content)
    usage = getattr(message, "usage_metadata", None) or {}
    finish = message.response_metadata.get("finish_reason")
    return Reply(
        content=content or "",
        finish_reason=str(finish) if finish is not None else None,
        prompt_tokens=int(usage.get("input_tokens", 0) or 0),
        completion_tokens=int(usage.get("output_tokens", 0) or 0),
    )


def _join_parts(parts: list[Any]) -> str:
    return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in parts)


def _reply_from_completion(completion: Any, finish: str) -> Reply:
    choice = completion.choices[0] if completion.choices else None
    usage = completion.usage
    return Reply(
        content=(choice.message.content or "") if choice is not None else "",
        finish_reason=finish,
        prompt_tokens=usage.prompt_tokens if usage else 0,
        completion_tokens=usage.completion_tokens if usage else 0,
    )


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
