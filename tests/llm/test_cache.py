"""A broken response cache: refused with advice before any model call, or switched off mid-run with one
warning. Never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cli_helpers import run_cli
from zongjie.errors import BadInput
from zongjie.llm.cache import Cache
from zongjie.llm.types import Reply

from .answers import Responder
from .conftest import FULL
from .fake_server import FakeServer, Scripted


def draft(
    capsys: pytest.CaptureFixture[str], server: FakeServer, out: Path, *extra: str
) -> tuple[int, str, str]:
    return run_cli(
        capsys, "draft", str(FULL), "-o", str(out), "--base-url", server.url, "--model", "m", *extra
    )


def test_a_file_that_is_not_a_database_is_bad_input(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    db = tmp_path / "cache" / "llm-cache.sqlite3"
    db.parent.mkdir()
    db.write_bytes(b"not a database, just some bytes " * 64)
    server.responder = Responder(FULL)
    code, _, err = draft(capsys, server, tmp_path / "out")
    assert code == 2, err
    assert f"response cache {db}: not a usable cache database" in err
    assert "--no-cache" in err and "delete that file" in err and "Traceback" not in err
    assert server.calls == 0 and not (tmp_path / "out").exists()
    code, _, err = draft(capsys, server, tmp_path / "out", "--no-cache")  # the advice works
    assert code == 0, err
    assert server.calls == 13


def test_a_cache_dir_that_is_a_file_is_bad_input(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(blocker))
    code, _, err = run_cli(capsys, "doctor", "--base-url", server.url, "--model", "m")
    assert code == 2 and f"cannot create the folder {blocker}" in err and "--no-cache" in err


def test_a_cache_that_breaks_mid_run_is_switched_off_with_one_warning(
    capsys: pytest.CaptureFixture[str], server: FakeServer, tmp_path: Path
) -> None:
    db = tmp_path / "cache" / "llm-cache.sqlite3"
    answer = Responder(FULL)
    broken: list[bool] = []

    def reply(request: dict[str, object]) -> Scripted:
        if not broken:  # the cache loses its table while the run is under way
            with sqlite3.connect(db) as other:
                other.execute("DROP TABLE replies")
            broken.append(True)
        return answer(request)

    server.responder = reply
    code, stdout, err = draft(capsys, server, tmp_path / "out", "--jobs", "1")
    assert code == 0, err
    assert err.count(f"warning: response cache {db} failed") == 1 and "no such table" in err
    assert "13 model calls, 0 cached" in stdout and (tmp_path / "out" / "draft.md").is_file()


def test_cache_api_after_a_failure(tmp_path: Path) -> None:
    warnings: list[str] = []
    cache = Cache(tmp_path / "c.sqlite3", warn=warnings.append)
    reply = Reply(content="{}", finish_reason="stop", prompt_tokens=1, completion_tokens=2)
    cache.put("k", reply)
    assert cache.get("k") == reply and cache.working
    with sqlite3.connect(tmp_path / "c.sqlite3") as other:
        other.execute("DROP TABLE replies")
    assert cache.get("k") is None and not cache.working
    cache.put("k", reply)
    cache.remember_method("e", "text")
    assert cache.method("e") is None and len(warnings) == 1
    cache.close()
    (tmp_path / "bad.sqlite3").write_bytes(b"\x00" * 4096)
    with pytest.raises(BadInput, match=r"bad.sqlite3: not a usable cache database"):
        Cache(tmp_path / "bad.sqlite3")
