"""Drafts run in a background thread, one per workspace: a second request while one runs is told to wait.
Quick changes (regen, edit, save) take the same per-workspace turn, so nothing writes a workspace twice at
once from this server (the workspace's own lock guards against other processes)."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from zongjie.errors import ZongjieError

log = logging.getLogger("zongjie.web")

EventSink = Callable[[str, str], None]


class Busy(ZongjieError):
    exit_code = 2


@dataclass
class Job:
    """A draft in progress: the per-section events so far ("start", "done", "kept", "edited", "failed")."""

    events: dict[str, str] = field(default_factory=dict)
    done: bool = False
    error: str | None = None
    summary: str = ""

    def on_event(self, section_id: str, what: str) -> None:
        self.events[section_id] = what


class Jobs:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._busy: set[Path] = set()
        self.last: dict[Path, Job] = {}

    def _take(self, key: Path) -> None:
        with self._lock:
            if key in self._busy:
                raise Busy("这个总结正在起草或修改中，请等当前这一步完成后再试")
            self._busy.add(key)

    def _release(self, key: Path) -> None:
        with self._lock:
            self._busy.discard(key)

    def running(self, key: Path) -> bool:
        with self._lock:
            return key in self._busy

    @contextlib.contextmanager
    def turn(self, key: Path) -> Iterator[None]:
        """Runs a quick change in the request itself, refused while a draft of that workspace runs."""
        self._take(key)
        try:
            yield
        finally:
            self._release(key)

    def start(self, key: Path, work: Callable[[Job], str]) -> Job:
        """Starts `work(job)` in a thread; it returns a one-line summary. Errors end up in job.error."""
        self._take(key)
        job = Job()
        self.last[key] = job

        def run() -> None:
            try:
                job.summary = work(job)
            except ZongjieError as exc:
                job.error = str(exc)
            except OSError as exc:
                job.error = f"{exc.filename or ''} {exc.strerror or exc}".strip()
            except Exception as exc:  # the page shows a message; the console names the type
                log.error("internal error while drafting: %s", type(exc).__name__)
                job.error = "内部错误，请报告这个问题（服务器加 --debug 可看到详情）"
            finally:
                job.done = True
                self._release(key)

        threading.Thread(target=run, name=f"draft {key.name}", daemon=True).start()
        return job
