"""Runs the real CLI entry point in-process and returns (exit code, stdout, stderr)."""

from __future__ import annotations

import pytest

from zongjie.cli.app import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else (0 if code is None else 1)), out.out, out.err
