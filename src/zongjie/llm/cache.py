"""Response cache (stdlib sqlite3): one row per request, keyed on a hash of prompt versions, schema, model,
parameters and messages, so an unchanged re-run makes no model call. It also remembers which
structured-output method an endpoint accepted, so a re-run does not probe again. The API key is never
part of a key or a row."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zongjie.config import Method
from zongjie.errors import BadInput
from zongjie.llm.types import Reply
from zongjie.redact import redact

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


ADVICE = "delete that file (it only holds cached replies) or run with --no-cache"


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


class Cache:
    """A cache that cannot be opened is BadInput (exit 2, before any model call). One that fails later, mid-run,
    is switched off with one warning: the replies already paid for must not be thrown away with the run."""

    def __init__(self, path: Path, *, warn: Callable[[str], None] = _stderr) -> None:
        self.path = path
        self._warn = warn
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BadInput(
                f"response cache: cannot create the folder {path.parent}: {exc.strerror or exc}; "
                "point ZONGJIE_CACHE_DIR at a folder or run with --no-cache"
            ) from None
        self._db: sqlite3.Connection | None = self._connect()
        self._broken = False

    def _connect(self) -> sqlite3.Connection:
        path = self.path
        try:
            db = sqlite3.connect(path, timeout=10, isolation_level=None)
        except sqlite3.Error as exc:
            raise BadInput(f"response cache {path}: cannot open it ({exc}); {ADVICE}") from None
        try:
            # sqlite opens any file lazily: a file that is not a database fails at the first statement.
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
        except sqlite3.Error as exc:
            db.close()
            raise BadInput(f"response cache {path}: not a usable cache database ({exc}); {ADVICE}") from None
        return db

    def reopen(self) -> None:
        """Opens the database again after close() (a session is entered once per command run)."""
        if self._db is None and not self._broken:
            self._db = self._connect()

    def _broke(self, exc: sqlite3.Error) -> None:
        self._warn(
            f"warning: response cache {self.path} failed ({exc}); continuing without it. To fix: {ADVICE}"
        )
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None
        self._broken = True

    @property
    def working(self) -> bool:
        return self._db is not None

    def _fetch(self, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        if self._db is None:
            return None
        try:
            row: tuple[Any, ...] | None = self._db.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            self._broke(exc)
            return None
        return row

    def _store(self, sql: str, params: tuple[Any, ...]) -> None:
        if self._db is None:
            return
        try:
            self._db.execute(sql, params)
        except sqlite3.Error as exc:
            self._broke(exc)

    def get(self, key: str) -> Reply | None:
        row = self._fetch(
            "SELECT content, finish_reason, prompt_tokens, completion_tokens FROM replies WHERE key = ?",
            (key,),
        )
        if row is None:
            return None
        return Reply(content=row[0], finish_reason=row[1], prompt_tokens=row[2], completion_tokens=row[3])

    def put(self, key: str, reply: Reply) -> None:
        self._store(
            "INSERT OR REPLACE INTO replies VALUES (?, ?, ?, ?, ?, ?)",
            (
                key,
                redact(reply.content),  # a reply that quotes the key must not keep it on disk
                reply.finish_reason,
                reply.prompt_tokens,
                reply.completion_tokens,
                time.time(),
            ),
        )

    def method(self, endpoint: str) -> Method | None:
        row = self._fetch("SELECT method FROM methods WHERE endpoint = ?", (endpoint,))
        value = row[0] if row else None
        methods: tuple[Method, ...] = ("json_schema", "json_object", "text")
        return next((m for m in methods if m == value), None)

    def remember_method(self, endpoint: str, method: Method) -> None:
        self._store("INSERT OR REPLACE INTO methods VALUES (?, ?, ?)", (endpoint, method, time.time()))

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
