"""Response cache (stdlib sqlite3): one row per request, keyed on a hash of prompt versions, schema, model,
parameters and messages, so an unchanged re-run makes no model call. It also remembers which
structured-output method an endpoint accepted, so a re-run does not probe again. The API key is never
part of a key or a row."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from zongjie.config import Method
from zongjie.llm.types import Reply

SCHEMA = """
CREATE TABLE IF NOT EXISTS replies (
    key TEXT PRIMARY KEY, content TEXT NOT NULL, finish_reason TEXT,
    prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS methods (endpoint TEXT PRIMARY KEY, method TEXT NOT NULL, created REAL NOT NULL);
"""


def request_key(parts: dict[str, Any]) -> str:
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def endpoint_key(base_url: str, model: str) -> str:
    return request_key({"base_url": base_url.rstrip("/"), "model": model})


class Cache:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=10, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)

    def get(self, key: str) -> Reply | None:
        row = self._db.execute(
            "SELECT content, finish_reason, prompt_tokens, completion_tokens FROM replies WHERE key = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        return Reply(content=row[0], finish_reason=row[1], prompt_tokens=row[2], completion_tokens=row[3])

    def put(self, key: str, reply: Reply) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO replies VALUES (?, ?, ?, ?, ?, ?)",
            (
                key,
                reply.content,
                reply.finish_reason,
                reply.prompt_tokens,
                reply.completion_tokens,
                time.time(),
            ),
        )

    def method(self, endpoint: str) -> Method | None:
        row = self._db.execute("SELECT method FROM methods WHERE endpoint = ?", (endpoint,)).fetchone()
        value = row[0] if row else None
        methods: tuple[Method, ...] = ("json_schema", "json_object", "text")
        return next((m for m in methods if m == value), None)

    def remember_method(self, endpoint: str, method: Method) -> None:
        self._db.execute("INSERT OR REPLACE INTO methods VALUES (?, ?, ?)", (endpoint, method, time.time()))

    def close(self) -> None:
        self._db.close()
