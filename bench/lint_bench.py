"""Lint speed: a realistic draft repeated to ~50k and ~100k characters, linted with the facts.

Run: python bench/lint_bench.py   (target: ≤ 0.5 s at 100,000 characters; the two rates show it is linear)
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from zongjie.facts.load import load
from zongjie.facts.model import Facts
from zongjie.lint.api import lint_markdown

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "lint" / "corpus"


def draft(size: int) -> str:
    """Title + sections from the corpus, with the review paragraphs repeated until `size` characters."""
    base = (CORPUS / "01-clean-full.md").read_text(encoding="utf-8")
    head, _, rest = base.partition("### （二）")
    filler = "\n\n".join(
        (CORPUS / name).read_text(encoding="utf-8").split("## 一、", 1)[1].split("## 二、", 1)[0]
        for name in (
            "02-number-drift.md",
            "04-trend.md",
            "12-vague.md",
            "14-monotone.md",
            "16-punctuation.md",
        )
    )
    parts = [head]
    while sum(map(len, parts)) + len(rest) < size:
        # Shift every number per copy so no cache sees the same figure twice (a worst case: all mismatches).
        shift = len(parts)
        parts.append(re.sub(r"\d+", lambda m, k=shift: str(int(m.group()) + k), filler))
    return "\n\n".join(parts) + "\n\n### （二）" + rest


def main() -> int:
    facts = load(ROOT / "fixtures" / "property-full.yaml")
    lint_markdown(draft(5_000), facts)  # warm-up: imports, cn2an, autocorrect config
    worst = 0.0
    for size in (50_000, 100_000):
        text = draft(size)
        runs = [_time(text, facts) for _ in range(3)]
        best, cpu = min(w for w, _ in runs), min(c for _, c in runs)
        worst = max(worst, best) if size == 100_000 else worst
        # CPU time too: on a shared machine the wall clock also counts other people's work.
        print(f"{len(text):>7} chars  {best:.3f} s  (cpu {cpu:.3f} s)  {len(text) / best:,.0f} chars/s")
    print("target ≤ 0.5 s at 100k:", "met" if worst <= 0.5 else "MISSED")
    return 0 if worst <= 0.5 else 1


def _time(text: str, facts: Facts) -> tuple[float, float]:
    t, c = time.perf_counter(), time.process_time()
    lint_markdown(text, facts)
    return time.perf_counter() - t, time.process_time() - c


if __name__ == "__main__":
    sys.exit(main())
