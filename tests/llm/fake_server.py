"""A real OpenAI-compatible HTTP server on 127.0.0.1 (http.server in a thread) with scripted replies.

Replies come from `script` (a queue, first in first out) and, when it is empty, from `responder(request)`.
Every request body is recorded in `requests` (in arrival order).

Like a local llama.cpp/Ollama server it can stream (SSE, when the request says `stream: true`, with usage in
a last chunk when `stream_options.include_usage` is set), write slowly (`seconds` per answer, spread over its
tokens), stall after some tokens, serve `slots` requests at a time (the others wait in its queue), and stop
generating when the client hangs up (`abandoned` counts those). Like some gateways and proxies it can also
ignore `stream: true` and answer with one plain chat.completion JSON body (`streams = False`, or `unstreamed`
on one reply)."""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Scripted:
    content: str | None = None  # a 200 chat completion with this content
    status: int = 200
    body: str | None = None  # raw body (JSON) for an error status, or instead of a completion
    finish_reason: str = "stop"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a hang when longer than the client's timeout)
    reset: bool = False  # drop the connection without answering
    usage: tuple[int, int] = (100, 50)
    seconds: float = 0.0  # streaming: the time the whole answer takes, spread evenly over its tokens
    stall_after: int | None = None  # streaming: go silent after this many tokens (until the client hangs up)
    token_chars: int = 16  # characters per streamed chunk (a real server sends ~1-2 汉字; tests stay fast)
    unstreamed: bool = False  # a plain JSON body even when the request asks for a stream


def ok(content: str | dict[str, Any], **kw: Any) -> Scripted:
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    return Scripted(content=text, **kw)


def error(status: int, message: str = "error", *, code: str | None = None, **kw: Any) -> Scripted:
    body = json.dumps({"error": {"message": message, "type": "error", "code": code}}, ensure_ascii=False)
    return Scripted(status=status, body=body, **kw)


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # the default backlog of 5 drops concurrent connects (1 s SYN retry)


class FakeServer:
    def __init__(
        self, latency: float = 0.0, *, slots: int | None = None, props: dict[str, Any] | None = None
    ) -> None:
        self.latency = latency
        # One-at-a-time serving: requests beyond `slots` wait (silently) in the server's queue.
        self._slots = threading.Semaphore(slots) if slots else None
        self.props = props  # GET /props (llama.cpp reports total_slots there); None: 404
        self.streams = True  # False: every answer is one JSON body, whatever the request asks
        self.abandoned = 0  # streams the client closed before the end (generation stopped)
        self.other_posts: list[str] = []  # paths of POSTs that are not chat completions (e.g. trace uploads)
        self.arrivals: list[float] = []  # time.monotonic() of each chat request
        self.busy = 0  # requests being generated right now
        self.most_busy = 0
        self.script: deque[Scripted] = deque()
        self.responder: Callable[[dict[str, Any]], Scripted] | None = None
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.block_on_close = False  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def calls(self) -> int:
        return len(self.requests)

    def push(self, *items: Scripted) -> None:
        self.script.extend(items)

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, request: dict[str, Any]) -> Scripted:
        with self._lock:
            self.requests.append(request)
            if self.script:
                return self.script.popleft()
        if self.responder is None:
            return error(500, "fake server: no scripted reply left")
        return self.responder(request)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # one small write per token: no 40 ms delayed-ACK stalls

            def log_message(self, format: str, *args: Any) -> None:
                return None

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/props"):
                    if server.props is None:
                        self._send(404, '{"error": {"message": "not found"}}', {})
                    else:
                        self._send(200, json.dumps(server.props), {})
                    return
                self._send(200, json.dumps({"object": "list", "data": [{"id": "m", "object": "model"}]}), {})

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length)
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    with server._lock:
                        server.other_posts.append(self.path)
                    self._send(200, "{}", {})
                    self.close_connection = True  # its body may be chunked: not read to the end
                    return
                request = json.loads(raw or b"{}")
                with server._lock:
                    server.headers.append(dict(self.headers))
                    server.arrivals.append(time.monotonic())
                reply = server._next(request)
                if server._slots is None:
                    self._serve(request, reply)
                    return
                with server._slots:
                    self._serve(request, reply)

            def _serve(self, request: dict[str, Any], reply: Scripted) -> None:
                with server._lock:
                    server.busy += 1
                    server.most_busy = max(server.most_busy, server.busy)
                try:
                    self._answer(request, reply)
                finally:
                    with server._lock:
                        server.busy -= 1

            def _answer(self, request: dict[str, Any], reply: Scripted) -> None:
                time.sleep(server.latency + reply.delay)
                if reply.reset:
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                    )
                    self.connection.close()
                    self.close_connection = True
                    return
                if reply.status != 200 or reply.body is not None:  # an error, or a raw 200 body
                    self._send(reply.status, reply.body or "{}", reply.headers)
                    return
                if request.get("stream") and server.streams and not reply.unstreamed:
                    self._stream(request, reply)
                    return
                body = {
                    "id": f"chatcmpl-{server.calls}",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": request.get("model", "m"),
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": reply.content},
                            "finish_reason": reply.finish_reason,
                        }
                    ],
                    "usage": {
                        "prompt_tokens": reply.usage[0],
                        "completion_tokens": reply.usage[1],
                        "total_tokens": sum(reply.usage),
                    },
                }
                self._send(200, json.dumps(body, ensure_ascii=False), reply.headers)

            def _stream(self, request: dict[str, Any], reply: Scripted) -> None:
                content = reply.content or ""
                size = reply.token_chars
                tokens = [content[i : i + size] for i in range(0, len(content), size)] or [""]
                gap = reply.seconds / len(tokens)
                base = {"id": f"chatcmpl-{server.calls}", "object": "chat.completion.chunk"}
                base |= {"created": int(time.time()), "model": request.get("model", "m")}

                def chunk(delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
                    return base | {"choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

                try:
                    self.send_response(200)
                    self.send_header("content-type", "text/event-stream")
                    self.send_header("transfer-encoding", "chunked")
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self._event(chunk({"role": "assistant", "content": ""}, None))
                    for n, token in enumerate(tokens):
                        if reply.stall_after is not None and n >= reply.stall_after:
                            self._wait(3600.0)  # silent until the client hangs up
                            raise BrokenPipeError
                        if not self._wait(gap):
                            raise BrokenPipeError
                        self._event(chunk({"content": token}, None))
                    self._event(chunk({}, reply.finish_reason))
                    if (request.get("stream_options") or {}).get("include_usage"):
                        usage = {"prompt_tokens": reply.usage[0], "completion_tokens": reply.usage[1]}
                        usage["total_tokens"] = sum(reply.usage)
                        self._event(base | {"choices": [], "usage": usage})
                    self._write(b"data: [DONE]\n\n")
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    with server._lock:
                        server.abandoned += 1
                    self.close_connection = True

            def _event(self, data: dict[str, Any]) -> None:
                self._write(b"data: " + json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n\n")

            def _write(self, data: bytes) -> None:
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

            def _wait(self, seconds: float) -> bool:
                """Sleeps `seconds`; False as soon as the client closes the connection (as llama.cpp notices
                a closed socket and stops generating)."""
                end = time.monotonic() + seconds
                while (left := end - time.monotonic()) > 0:
                    readable, _, _ = select.select([self.connection], [], [], min(left, 0.05))
                    if readable and not self.connection.recv(1, socket.MSG_PEEK):
                        return False
                return True

            def _send(self, status: int, text: str, headers: dict[str, str]) -> None:
                data = text.encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        return Handler
