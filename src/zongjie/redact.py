"""Secrets never leave the process: the one redaction step applied to everything zongjie writes or prints.

`redact(text)` replaces the API keys this process has seen (`remember`, called whenever settings hold a
key), `Authorization` header values, bearer tokens, `api_key=` parameters and URL credentials with ***.
Where it runs: every text file written through zongjie.files (state, report, sections, draft, exports,
facts from notes), the response cache, the HTTP error bodies the model layer keeps, and the CLI's stdout
and stderr (a wrapper installed by `zongjie.cli.app.main`). A server or proxy that echoes the
Authorization header back in a 400/500 body thus cannot put the key in a shared workspace or a log.
"""

from __future__ import annotations

import io
import re
import threading
from typing import TextIO
from urllib.parse import urlsplit

MASK = "***"
MIN_SECRET = 6  # shorter "keys" (e.g. "x" for a local server) would mask ordinary text

_secrets: set[str] = set()
_guard = threading.Lock()

_PATTERNS = [
    # Authorization: Bearer sk-… / "authorization": "Basic …" (header dumps, echoed requests, JSON)
    re.compile(r"(?i)(\bauthorization[\"']?\s*[:=]\s*[\"']?)[^\"'\r\n,}]+"),
    # a bearer/basic token outside a header: token-like (12+ characters with a digit), so that ordinary
    # English ("basic principles") in a user's file is left alone
    re.compile(r"(?i)(\b(?:bearer|basic)\s+)(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{12,}"),
    # api_key=… / "api-key": "…" / x-api-key: …
    re.compile(r"(?i)(\b(?:x-)?api[_-]?key[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"),
    # OpenAI-style keys, whoever they belong to
    re.compile(r"()\bsk-[A-Za-z0-9_-]{16,}"),
    # scheme://user:password@host
    re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://)[^\s/@:]*:[^\s/@]*@"),
]


def remember(secret: str | None) -> None:
    """Registers a secret (the API key of this run) so every later redact() masks it."""
    if secret and len(secret) >= MIN_SECRET:
        with _guard:
            _secrets.add(secret)


def redact(text: str) -> str:
    with _guard:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + MASK + ("@" if m.group(0).endswith("@") else ""), text)
    return text


def url_credentials(url: str) -> bool:
    """True when a URL carries a user name or password (http://user:pass@host)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.username is not None or parts.password is not None


class RedactingStream(io.TextIOBase):
    """A text stream that redacts what is written to it, then passes it on (stdout and stderr of the CLI)."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def write(self, s: str) -> int:
        self.inner.write(redact(s))
        return len(s)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.inner, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.inner, "errors", None)

    def writable(self) -> bool:
        return True
