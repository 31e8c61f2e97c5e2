"""Writes an export file atomically. An existing file that is not exactly what zongjie last exported there
(the user may have edited it) is kept as FILE.bak first."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from zongjie.workspace.store import STATE_DIR

RECORD = "exports.json"  # path → sha256 of what zongjie last wrote there
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(title: str) -> str:
    """A file name from the report title, usable on Windows too."""
    return _UNSAFE.sub("_", title).strip(" .") or "draft"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an exported report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _records(ws_dir: Path) -> dict[str, str]:
    path = ws_dir / STATE_DIR / RECORD
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _backup_path(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    n = 2
    while candidate.exists():  # an older backup is never replaced
        candidate = path.with_name(f"{path.name}.bak{n}")
        n += 1
    return candidate


def save(ws_dir: Path, path: Path, data: bytes) -> Path | None:
    """Writes `data` to `path`; returns the backup made of the file that was there, if any."""
    records = _records(ws_dir)
    key = str(path.resolve())
    backup = None
    if path.is_file():
        current = path.read_bytes()
        if current != data and records.get(key) != _sha(current):
            backup = _backup_path(path)
            shutil.copy2(path, backup)
    write_bytes(path, data)
    records[key] = _sha(data)
    write_bytes(ws_dir / STATE_DIR / RECORD, json.dumps(records, ensure_ascii=False, indent=2).encode())
    return backup
