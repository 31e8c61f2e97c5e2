"""`zongjie doctor`: is the endpoint reachable, does the model answer, which structured-output method works.
Exit code: 0 all good, 1 a problem with the endpoint or model, 2 bad configuration (incl. a refused key)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict, ValidationError

from zongjie.config import Method, Settings
from zongjie.errors import BadInput
from zongjie.llm.errors import StatusFailure, TransportFailure
from zongjie.llm.ladder import METHODS, unsupported
from zongjie.llm.parse import NoJSON, extract_json
from zongjie.llm.session import Session
from zongjie.llm.types import Message

Say = Callable[[str], None]
CONNECT_HINT = (
    "--provider deepseek (with ZONGJIE_API_KEY) or --base-url http://127.0.0.1:8080/v1 --model NAME"
)


class Ping(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ok: bool
    word: str


PING = [
    Message("system", "你是接口自检程序。只输出一个 JSON 对象，不要输出其他文字。"),
    Message("user", '请输出 JSON 对象 {"ok": true, "word": "后勤"}，键名为 ok 和 word。'),
]


def run_doctor(settings: Settings, say: Say) -> int:
    if not settings.uses_llm:
        say(f"no model configured: drafts use the offline writer. To connect one: {CONNECT_HINT}")
        return 2
    try:
        settings.require_endpoint()
    except BadInput as exc:
        say(f"configuration: {exc}")
        return 2
    key = "set" if settings.api_key else "not set"
    say(
        f"endpoint: {settings.base_url}  model: {settings.model}  API key: {key}  "
        f"timeout: {settings.timeout:g}s without a token"
    )
    say(
        "LangSmith tracing: on (tracing = true in zongjie's config): prompts and answers are sent to LangSmith"
        if settings.tracing
        else "LangSmith tracing: off (only `tracing = true` in zongjie.toml or ZONGJIE_TRACING turns it on)"
    )
    return asyncio.run(_opened(Session(settings), say))


async def _opened(session: Session, say: Say) -> int:
    async with session:
        if session.slots is not None:
            say(f"local server: {session.slots} request(s) at a time")
        return await _diagnose(session, say)


async def _diagnose(session: Session, say: Say) -> int:
    try:
        reply = await session.send(PING, "text")
    except TransportFailure as exc:
        if exc.kind == "timeout":
            say(
                f"✗ no token within {session.settings.timeout:g}s: the server is up but slow — raise --timeout"
            )
        else:
            say(f"✗ cannot reach {session.base_url} ({exc}): is the server running? check --base-url")
        return 1
    except StatusFailure as exc:
        return _status_advice(session, exc, say)
    say(f"✓ reachable; the model answers ({reply.prompt_tokens}+{reply.completion_tokens} tokens)")
    working: list[Method] = []
    for method in METHODS:
        verdict = await _try(session, method)
        say(f"  {'✓' if verdict == 'works' else '✗'} {method}: {verdict}")
        if verdict == "works":
            working.append(method)
            break  # the highest working rung is the one draft will use
    if not working:
        say("✗ the model did not return valid JSON with any method: try a larger model, or another provider")
        return 1
    session.remember(working[0])
    say(f"✓ draft will ask with {working[0]} (remembered for this endpoint)")
    return 0


async def _try(session: Session, method: Method) -> str:
    messages = (
        PING
        if method == "json_schema"
        else [PING[0], Message("user", PING[1].content + ' Schema: {"ok": boolean, "word": string}')]
    )
    try:
        reply = await session.send(messages, method, Ping)
    except StatusFailure as exc:
        if unsupported(exc):
            return f"not supported by the endpoint (HTTP {exc.status})"
        return f"failed (HTTP {exc.status}: {exc.body[:120]})"
    except TransportFailure as exc:
        return f"failed ({exc})"
    if reply.finish_reason == "length":
        return "answer cut off (finish_reason=length)"
    try:
        Ping.model_validate(extract_json(reply.content))
    except (NoJSON, ValidationError) as exc:
        return f"answered, but not the JSON asked for ({str(exc).splitlines()[0][:80]})"
    return "works"


def _status_advice(session: Session, exc: StatusFailure, say: Say) -> int:
    if exc.status in (401, 403):
        say(
            f"✗ the endpoint refused the API key (HTTP {exc.status}): check ZONGJIE_API_KEY (or OPENAI_API_KEY)"
        )
        return 2
    if exc.status == 404:
        say(f"✗ HTTP 404: wrong base URL or unknown model {session.model!r}: check --base-url and --model")
        return 1
    if exc.status == 429:
        say("✗ HTTP 429: rate limited or quota exhausted: wait, or check the account's balance")
        return 1
    say(f"✗ HTTP {exc.status}: {exc.body[:200]}")
    return 1
