"""The workspace lock: one writer at a time per workspace.

`draft`, `regen`, `assemble` and `export` hold it while they write (the pipeline and export take it
themselves), and so does the local web page (`zongjie serve`) around every request that changes a
workspace: use it as

    with workspace_lock(root, command="serve: regen"):
        ...

A second writer gets WorkspaceBusy (a BadInput: exit 2, "workspace in use …"), or waits with `wait=`.

The lock is an OS file lock (flock / msvcrt) on .zongjie/lock, so the OS releases it when the holder dies,
even by SIGKILL: a lock file left by a killed process is detected (its recorded pid no longer holds the
lock), cleared and reported. The file records pid, command and start time only to say who holds it.
Within one thread the lock is re-entrant, so a command that holds it can call the pipeline, which takes it
again; other threads of the same process wait like another process would.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from zongjie.errors import BadInput

LOCK_DIR = ".zongjie"
LOCK_FILE = "lock"
POLL_SECONDS = 0.2

Notify = Callable[[str], None]


class WorkspaceBusy(BadInput):
    """Another run is writing this workspace."""

    def __init__(self, root: Path, holder: str) -> None:
        super().__init__(
            f"workspace in use: {root} is being written by {holder}; try again when it has finished "
            "(or add --wait to wait for it)"
        )
        self.root = root
        self.holder = holder


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fh: IO[str]) -> bool:
        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fh: IO[str]) -> None:
        fh.seek(0)
        with contextlib.suppress(OSError):
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fh: IO[str]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


_held: dict[tuple[str, int], int] = {}  # (lock path, thread id) → depth
_held_guard = threading.Lock()


def lock_path(root: Path) -> Path:
    return root / LOCK_DIR / LOCK_FILE


def _describe(record: str) -> str:
    try:
        data = json.loads(record)
        return f"`zongjie {data['command']}` (pid {int(data['pid'])}, since {data['since']})"
    except (ValueError, KeyError, TypeError):
        return "another zongjie run"


def _missing_dirs(path: Path) -> list[Path]:
    """The folders above `path` that do not exist yet, deepest first."""
    missing = []
    for parent in path.parents:
        if parent.exists():
            break
        missing.append(parent)
    return missing


def _tidy(path: Path, created: list[Path]) -> None:
    """A run that made the workspace folder and then failed before writing any state leaves nothing behind:
    not even the lock file."""
    with contextlib.suppress(OSError):
        if [p.name for p in path.parent.iterdir()] == [LOCK_FILE]:
            path.unlink()
    for folder in created:  # deepest first; a folder that holds anything stays
        with contextlib.suppress(OSError):
            folder.rmdir()


def _open(path: Path) -> IO[str]:
    for link in (path.parent, path):  # a shared workspace's links must not lead the lock file elsewhere
        if link.is_symlink():
            raise BadInput(f"{link} is a symbolic link; zongjie keeps its own files there — replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    # "a+" creates the file without truncating it: the holder's record stays readable for the message.
    return path.open("a+", encoding="utf-8")


def _read_record(fh: IO[str]) -> str:
    fh.seek(0)
    return fh.read(4096)


@contextlib.contextmanager
def workspace_lock(
    root: Path,
    *,
    command: str,
    wait: bool = False,
    notify: Notify = _stderr,
) -> Iterator[None]:
    """Holds the lock of the workspace at `root` (created if missing) for the `with` block.

    Raises WorkspaceBusy at once when another run holds it, or with `wait=True` waits for it (saying once
    who it is waiting for). `notify` is told about a stale lock that was cleared and about waiting."""
    path = lock_path(root)
    key = (str(path.resolve()), threading.get_ident())
    with _held_guard:
        depth = _held.get(key, 0)
        if depth:
            _held[key] = depth + 1
    if depth:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
        return

    created = _missing_dirs(path)
    fh = _open(path)
    try:
        said_waiting = False
        while not _try_lock(fh):
            holder = _describe(_read_record(fh))
            if not wait:
                raise WorkspaceBusy(root, holder)
            if not said_waiting:
                notify(f"waiting: {root} is being written by {holder} …")
                said_waiting = True
            time.sleep(POLL_SECONDS)
        previous = _read_record(fh).strip()
        if previous:
            # The OS released the lock, yet a record is left: its holder died without cleaning up.
            notify(
                f"note: cleared a stale workspace lock left by {_describe(previous)}, which is no longer running"
            )
        record = {
            "pid": os.getpid(),
            "command": command,
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(record))
        fh.flush()
        with _held_guard:
            _held[key] = 1
        try:
            yield
        finally:
            with _held_guard:
                del _held[key]
            # Emptied before unlocking: an empty record means "released cleanly".
            with contextlib.suppress(OSError):
                fh.seek(0)
                fh.truncate()
                fh.flush()
            if created:
                _tidy(path, created)
            _unlock(fh)
    finally:
        fh.close()
