"""What several notes tests share: extract notes written in a test into facts, and find their metrics by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from zongjie.notes import extract_notes

TODAY = dt.date(2026, 1, 10)


def extract_text(tmp_path: Path, text: str, profile: str | None = None) -> tuple[str, dict[str, Any]]:
    """The facts.yaml text extracted from notes `text` (as of TODAY), and the same parsed."""
    path = tmp_path / "n.md"
    path.write_text(text, encoding="utf-8")
    out = extract_notes(path, profile=profile, today=TODAY).text
    data = yaml.safe_load(out)
    assert isinstance(data, dict)
    return out, data


def metrics_by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every metric of extracted facts, the 职能s' and the summary's, by name."""
    found = [m for f in data.get("functions", []) for m in f.get("metrics", [])]
    found += data.get("summary", {}).get("metrics", [])
    return {m["name"]: m for m in found}
