"""A real OpenAI-compatible HTTP server on 127.0.0.1 (http.server in a thread) with scripted replies.

Replies come from `script` (a queue, first in first out) and, when it is empty, from `responder(request)`.
Every request body is recorded in `requests` (in arrival order)."""

from __future__ import annotations

import json
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
    body: str | None = None  # raw body for an error status
    finish_reason: str = "stop"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a hang when longer than the client's timeout)
    reset: bool = False  # drop the connection without answering
    usage: tuple[int, int] = (100, 50)


def ok(content: str | dict[str, Any], **kw: Any) -> Scripted:
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    return Scripted(content=text, **kw)


def error(status: int, message: str = "error", *, code: str | None = None, **kw: Any) -> Scripted:
    body = json.dumps({"error": {"message": message, "type": "error", "code": code}}, ensure_ascii=False)
    return Scripted(status=status, body=body, **kw)


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # the default backlog of 5 drops concurrent connects (1 s SYN retry)


class FakeServer:
    def __init__(self, latency: float = 0.0) -> None:
        self.latency = latency
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

            def log_message(self, format: str, *args: Any) -> None:
                return None

            def do_GET(self) -> None:
                self._send(200, json.dumps({"object": "list", "data": [{"id": "m", "object": "model"}]}), {})

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                request = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    server.headers.append(dict(self.headers))
                reply = server._next(request)
                time.sleep(server.latency + reply.delay)
                if reply.reset:
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                    )
                    self.connection.close()
                    self.close_connection = True
                    return
                if reply.status != 200:
                    self._send(reply.status, reply.body or "{}", reply.headers)
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
