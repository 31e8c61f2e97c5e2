"""Notes extraction speed: realistic bullet notes repeated to 1,000 / 4,000 / 16,000 bullets, extracted offline.

Run: python bench/notes_bench.py   (the per-bullet time should stay about flat: extraction is linear in lines)
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from zongjie.notes import extract_notes

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "notes-school-messy.md"


def notes(bullets: int) -> str:
    """The fixture's bullets repeated under numbered headings, every figure and name made distinct per copy
    (a repeated metric would be listed as unplaced, not extracted)."""
    lines = [ln for ln in FIXTURE.read_text(encoding="utf-8").splitlines() if ln.startswith("- ")]
    out = ["# 2025年度总务处工作笔记"]
    n = 0
    copy = 0
    while n < bullets:
        copy += 1
        out.append(f"## 食堂第{copy}组")
        for ln in lines:
            out.append(f"- 第{copy}批{ln[2:]}")
            n += 1
            if n >= bullets:
                break
    return "\n".join(out) + "\n"


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 4000, 16000]
    previous: float | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"notes-{size}.md"
            path.write_text(notes(size), encoding="utf-8")
            start = time.perf_counter()
            extracted = extract_notes(path, profile="school", year=2025, today=dt.date(2026, 1, 10))
            took = time.perf_counter() - start
            per = took / size * 1000
            ratio = f", {per / previous:.2f}× the per-bullet time of the size before" if previous else ""
            print(
                f"{size:>6} bullets: {took:6.2f} s ({per:.3f} ms per bullet{ratio}); "
                f"{len(extracted.extraction.entries())} entries, {len(extracted.extraction.unplaced)} unplaced"
            )
            previous = per


if __name__ == "__main__":
    main()
