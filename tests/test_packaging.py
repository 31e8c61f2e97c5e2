"""What a non-editable install must carry: prompts, fixtures, profiles. CI installs non-editable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import zongjie
from cli_helpers import run_cli
from zongjie import profiles
from zongjie.resources import data_dir

INSTALLED = "site-packages" in Path(zongjie.__file__).parts


def test_data_dirs_resolve() -> None:
    assert (data_dir("fixtures") / "property-full.yaml").is_file()
    assert any(data_dir("prompts").iterdir())
    assert "property" in profiles.available()


@pytest.mark.skipif(not INSTALLED, reason="editable install: data comes from the checkout")
def test_wheel_carries_data() -> None:
    root = Path(zongjie.__file__).parent
    assert (root / "_data" / "fixtures" / "property-full.yaml").is_file()
    assert (root / "_data" / "prompts").is_dir()
    assert (root / "profiles" / "property.yaml").is_file()
    assert (root / "web" / "templates" / "facts.html").is_file() and (
        root / "web" / "static" / "app.js"
    ).is_file()


def test_example_drafts_from_any_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = tmp_path / "facts.yaml"
    assert run_cli(capsys, "init", str(facts), "--example")[0] == 0
    assert "阳光花园" in facts.read_text(encoding="utf-8")
    # A real process, started elsewhere, as a user would run it.
    proc = subprocess.run(
        [sys.executable, "-m", "zongjie", "draft", str(facts), "-o", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "draft.md").is_file()
