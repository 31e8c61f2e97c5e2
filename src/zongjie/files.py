"""The user's files: atomic writes, numbered backups that are never replaced, and reads whose failures are
messages (BadInput) instead of tracebacks. Every command writes and reads user files through here."""

from __future__ import annotations

import codecs
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from zongjie.errors import BadInput
from zongjie.redact import redact


def _file_mode() -> int:
    # The umask can only be read by setting it; done once at import, before any thread could race with it.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()


def _bytes(data: str | bytes) -> bytes:
    # Text is written as UTF-8 as given (no newline translation, no BOM), secrets masked (zongjie.redact).
    return redact(data).encode("utf-8") if isinstance(data, str) else data


def atomic_write(path: Path, data: str | bytes) -> None:
    """Readers see the old file or the new one, never half of either; a failed write leaves the old file."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(_bytes(data))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; a user's document should get the usual mode
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and _about_temp(exc, path):
            # The user knows the file they asked for, not our temporary .NAME.xxxx.tmp beside it.
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise


def _about_temp(exc: OSError, path: Path) -> bool:
    if exc.filename is None:
        return True
    name = Path(str(exc.filename)).name
    return name.startswith(f".{path.name}.") and name.endswith(".tmp")


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


# A slug: letters (any script, so 绿化 is fine), digits, '_' and '-'. No '.', '/', '\\', NUL, spaces.
_SLUG = re.compile(r"^[^\W][\w-]*$")
SLUG_MAX = 64  # characters; 64 CJK characters are 192 bytes, under the usual 255-byte name limit


def slug_problem(value: str, *, limit: int = SLUG_MAX) -> str | None:
    """Why `value` cannot be part of a file name, or None if it can."""
    if "\x00" in value:
        return "contains a NUL byte"
    if not value:
        return "is empty"
    if len(value) > limit:
        return f"is {len(value)} characters long (at most {limit})"
    if not _SLUG.match(value):
        return "may only hold letters, digits, '-' and '_' (no '/', '.', spaces or brackets)"
    return None


MAX_INPUT_ENV = "ZONGJIE_MAX_INPUT_MB"
DEFAULT_MAX_INPUT_MB = 20.0  # a year of notes or facts is well under 1 MB; this only stops /dev/zero


def max_input_bytes() -> int:
    """The size cap on anything zongjie reads as input (ZONGJIE_MAX_INPUT_MB, default 20)."""
    raw = os.environ.get(MAX_INPUT_ENV, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_INPUT_MB
    except ValueError:
        raise BadInput(f"{MAX_INPUT_ENV}={raw!r} is not a number of megabytes") from None
    if not mb > 0:
        raise BadInput(f"{MAX_INPUT_ENV}={raw!r} must be a positive number of megabytes")
    return int(mb * 1024 * 1024)


def _too_big(what: str, where: str, cap: int) -> BadInput:
    return BadInput(
        f"{what}: {where}: larger than {cap // (1024 * 1024)} MB; is it the right file? "
        f"(raise the limit with {MAX_INPUT_ENV})"
    )


def read_capped(fh: BinaryIO, what: str, where: str) -> bytes:
    """Reads at most the size cap from an open binary stream (a file, stdin, /dev/zero)."""
    cap = max_input_bytes()
    data = fh.read(cap + 1)
    if len(data) > cap:
        raise _too_big(what, where, cap)
    return data


Warn = Callable[[str], None]


def warn_stderr(message: str) -> None:
    print(message, file=sys.stderr)


_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v") | {"\x7f"}


def looks_binary(text: str) -> bool:
    """Text with NUL or many control characters is not something a person typed (a .docx, an image, zeros)."""
    if "\x00" in text:
        return True
    sample = text[:4096]
    return sum(ch in _CONTROL for ch in sample) > max(8, len(sample) // 100)


def _damaged_utf8(data: bytes) -> bool:
    """Mostly valid UTF-8 with a few bad bytes is a damaged UTF-8 file, not GB18030: decoding it as GB18030
    would turn every Chinese character into two wrong ones. Real GB18030 text fails UTF-8 almost everywhere."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return good >= 8 and bad * 20 <= good


def decode(data: bytes, what: str, where: str) -> tuple[str, bool]:
    """UTF-8 (a BOM dropped), UTF-16 with its BOM, else GB18030 — what Windows Notepad saves as "ANSI" on a Chinese system.
    Returns (text, True if it was GB18030). Binary data is BadInput naming the file."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's "Unicode" save
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise BadInput(f"{what}: {where}: UTF-16 text cut short; save it as UTF-8") from None
        if looks_binary(text):
            raise BadInput(f"{what}: {where}: not a text file (it holds binary data); save it as UTF-8 text")
        return text, False
    try:
        text, legacy = data.decode("utf-8-sig"), False
    except UnicodeDecodeError as exc:
        if _damaged_utf8(data):
            raise BadInput(
                f"{what}: {where}: UTF-8 text with a damaged byte at {exc.start} (a cut-off save?); "
                "fix or restore it, then run again"
            ) from None
        try:
            text, legacy = data.decode("gb18030"), True
        except UnicodeDecodeError:
            raise BadInput(
                f"{what}: {where}: neither UTF-8 nor GB18030 text (byte {exc.start}); save it as UTF-8"
            ) from None
    if looks_binary(text):
        raise BadInput(f"{what}: {where}: not a text file (it holds binary data); save it as UTF-8 text")
    return text, legacy


def _read_bytes(path: Path, what: str) -> bytes:
    try:
        with path.open("rb") as fh:
            return read_capped(fh, what, str(path))
    except FileNotFoundError:
        reason = "no such file"
    except IsADirectoryError:
        reason = "is a directory"
    except PermissionError:
        reason = "permission denied"
    except OSError as exc:  # NotADirectoryError (a file used as a folder), I/O errors, …
        reason = f"cannot read: {exc.strerror or exc}"
    raise BadInput(f"{what}: {path}: {reason}")


def read_text(path: Path, what: str, *, encoding: str = "utf-8", legacy: Warn | None = None) -> str:
    """Reads a user's text file (up to the size cap); every way that can fail is BadInput saying which file
    and why, e.g. "facts file: /x: is a directory". With `legacy`, a GB18030 file is read too, and
    `legacy` is told so (the file itself is not touched: it is the user's input, maybe outside the
    workspace); without it, non-UTF-8 is refused with advice."""
    data = _read_bytes(path, what)
    if legacy is None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise BadInput(f"{what}: {path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    text, was_legacy = decode(data, what, str(path))
    if was_legacy:
        legacy(f"warning: {what} {path} is not UTF-8; read it as GB18030 (Windows 'ANSI'). Save it as UTF-8")
    return text


def read_stdin(what: str, *, warn: Warn = warn_stderr) -> str:
    """Standard input as text, up to the size cap: UTF-8, else GB18030 with a warning (a Windows console or
    a file piped from one), else BadInput."""
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:  # already text (an embedding program, a test): only the cap applies
        cap = max_input_bytes()
        text = sys.stdin.read(cap + 1)
        if len(text) > cap:
            raise _too_big(what, "<stdin>", cap)
        return text.removeprefix("\ufeff")
    data = read_capped(binary, what, "<stdin>")
    text, legacy = decode(data, what, "<stdin>")
    if legacy:
        warn(f"warning: {what} on stdin are not UTF-8; read them as GB18030")
    return text


def read_back(path: Path, what: str, *, warn: Warn = warn_stderr) -> str:
    """Reads a file zongjie wrote and a person may have re-saved (a section file, draft.md, state.json).
    GB18030 (Notepad's "ANSI") is accepted: the file is rewritten as UTF-8, the original kept as FILE.bak,
    and `warn` says so. Binary content is BadInput naming the file."""
    data = _read_bytes(path, what)
    text, legacy = decode(data, what, str(path))
    if legacy:
        backup = _keep_backup(path, data)
        atomic_write(path, text)
        warn(
            f"warning: {path} was saved as GB18030 (Windows 'ANSI'), not UTF-8; converted it to UTF-8 "
            f"(the original is kept as {backup.name})"
        )
    return text
