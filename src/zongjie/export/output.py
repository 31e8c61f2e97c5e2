"""Writes an export file atomically. An existing file that is not exactly what zongjie last exported there
(the user may have edited it) is kept as FILE.bak (then FILE.bak2, …) first."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from zongjie.files import atomic_write, replace_keeping_backup
from zongjie.workspace.store import STATE_DIR

RECORD = "exports.json"  # path → sha256 of what zongjie last wrote there
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


NAME_BYTES = 180  # file systems allow 255 bytes per name; room is left for ".docx.bak2" and a temp prefix


def safe_name(title: str) -> str:
    """A file name from the report title, usable on Windows too; a long title is cut (at a character,
    within NAME_BYTES of UTF-8) rather than failing with "File name too long"."""
    name = _UNSAFE.sub("_", title).strip(" .")
    while len(name.encode("utf-8")) > NAME_BYTES:
        name = name[:-1]
    return name.rstrip(" .") or "draft"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _records(ws_dir: Path) -> dict[str, str]:
    path = ws_dir / STATE_DIR / RECORD
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save(ws_dir: Path, path: Path, data: bytes) -> Path | None:
    """Writes `data` to `path`; returns the backup made of the file that was there, if any."""
    records = _records(ws_dir)
    key = str(path.resolve())
    ours = path.is_file() and records.get(key) == _sha(path.read_bytes())
    if ours:  # exactly what zongjie exported there last time: nothing of the user's to keep
        atomic_write(path, data)
        backup = None
    else:
        backup = replace_keeping_backup(path, data)
    records[key] = _sha(data)
    atomic_write(ws_dir / STATE_DIR / RECORD, json.dumps(records, ensure_ascii=False, indent=2))
    return backup
