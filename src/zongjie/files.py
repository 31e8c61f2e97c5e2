"""The user's files: atomic writes, numbered backups that are never replaced, and reads whose failures are
messages (BadInput) instead of tracebacks. Every command writes and reads user files through here."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from zongjie.errors import BadInput


def _file_mode() -> int:
    # The umask can only be read by setting it; done once at import, before any thread could race with it.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()


def _bytes(data: str | bytes) -> bytes:
    # Text is written as UTF-8 exactly as given: no newline translation, no BOM.
    return data.encode("utf-8") if isinstance(data, str) else data


def atomic_write(path: Path, data: str | bytes) -> None:
    """Readers see the old file or the new one, never half of either; a failed write leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_bytes(data))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; a user's document should get the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _keep_backup(path: Path, current: bytes) -> Path:
    """Copies `current` (the content of `path`) to the first free FILE.bak, FILE.bak2, … name. The backup is
    created exclusively, so an older backup is never replaced, even by a concurrent run."""
    n = 1
    while True:
        candidate = path.with_name(f"{path.name}.bak" + (str(n) if n > 1 else ""))
        try:
            with candidate.open("xb") as fh:
                fh.write(current)
                fh.flush()
                os.fsync(fh.fileno())
        except FileExistsError:
            n += 1
            continue
        shutil.copystat(path, candidate)  # the backup keeps the original's mode and time
        return candidate


def replace_keeping_backup(path: Path, data: str | bytes) -> Path | None:
    """Writes `data` to `path` atomically, first keeping the file that was there as FILE.bak (then FILE.bak2,
    …; an older backup is never replaced). Returns the backup, or None when there was no file or it already
    held exactly `data` (then nothing is written)."""
    new = _bytes(data)
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        atomic_write(path, new)
        return None
    if current == new:
        return None
    backup = _keep_backup(path, current)
    atomic_write(path, new)
    return backup


def read_text(path: Path, what: str, *, encoding: str = "utf-8") -> str:
    """Reads a user's text file; every way that can fail is BadInput saying which file and why,
    e.g. "facts file: /x: is a directory"."""
    try:
        return path.read_text(encoding=encoding)
    except FileNotFoundError:
        reason = "no such file"
    except IsADirectoryError:
        reason = "is a directory"
    except PermissionError:
        reason = "permission denied"
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 text (byte {exc.start}); save it as UTF-8"
    except OSError as exc:  # NotADirectoryError (a file used as a folder), I/O errors, …
        reason = f"cannot read: {exc.strerror or exc}"
    raise BadInput(f"{what}: {path}: {reason}")
