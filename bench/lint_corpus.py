"""Precision and recall of the linter on summaries written the way people write them (tests/lint/genre/).

Every file there is labelled by hand, finding by finding ("rule@line"); this prints, per rule and overall for
the semantic rules (everything except punctuation), how many findings were right (precision) and how many of
the labelled problems were found (recall), for the whole corpus and for each batch ("half"): 1 was written
before the rules were changed, 2 after (then the rules were fixed on what it showed), 3 last and never tuned on.

Run: python bench/lint_corpus.py [-v]   (target: semantic precision ≥ 0.90, recall ≥ 0.80; -v lists misses)
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zongjie.lint.api import lint_markdown

ROOT = Path(__file__).resolve().parents[1]
GENRE = ROOT / "tests" / "lint" / "genre"
NOT_SEMANTIC = frozenset({"punctuation"})
PRECISION, RECALL = 0.90, 0.80


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, want: Counter[str], got: Counter[str]) -> None:
        for key in want | got:
            rule = key.split("@")[0]
            self.tp[rule] += min(want[key], got[key])
            extra, missing = got[key] - want[key], want[key] - got[key]
            if extra > 0:
                self.fp[rule] += extra
                self.misses.append(f"{name}: false alarm {key}" + (f" ×{extra}" if extra > 1 else ""))
            if missing > 0:
                self.fn[rule] += missing
                self.misses.append(f"{name}: missed {key}" + (f" ×{missing}" if missing > 1 else ""))

    def totals(self, rules: set[str] | None = None) -> tuple[int, int, int]:
        keep = (lambda r: r not in NOT_SEMANTIC) if rules is None else (lambda r: r in rules)
        return (
            sum(v for r, v in self.tp.items() if keep(r)),
            sum(v for r, v in self.fp.items() if keep(r)),
            sum(v for r, v in self.fn.items() if keep(r)),
        )

    def precision_recall(self, rules: set[str] | None = None) -> tuple[float, float]:
        tp, fp, fn = self.totals(rules)
        return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def expected() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = yaml.safe_load((GENRE / "expected.yaml").read_text(encoding="utf-8"))
    return data


def labels(name: str, spec: dict[str, Any]) -> tuple[Counter[str], Counter[str]]:
    text = (GENRE / name).read_text(encoding="utf-8")
    found = lint_markdown(text, disable=spec.get("disable", ()))
    got = Counter(f"{f.rule}@{f.line if f.line is not None else f.section}" for f in found)
    return Counter(spec["findings"]), got


def score(half: int | None = None) -> Score:
    s = Score()
    for name, spec in expected().items():
        if half is None or spec.get("half") == half:
            s.add(name, *labels(name, spec))
    return s


def report(s: Score, title: str) -> list[str]:
    rules = sorted(set(s.tp) | set(s.fp) | set(s.fn))
    lines = [title]
    for r in rules:
        p, rc = s.precision_recall({r})
        lines.append(
            f"  {r:<24} tp={s.tp[r]:<3} fp={s.fp[r]:<3} fn={s.fn[r]:<3} precision={p:.2f} recall={rc:.2f}"
        )
    tp, fp, fn = s.totals()
    p, rc = s.precision_recall()
    lines.append(
        f"  {'semantic rules':<24} tp={tp:<3} fp={fp:<3} fn={fn:<3} precision={p:.2f} recall={rc:.2f}"
    )
    return lines


def main(argv: list[str]) -> int:
    whole = score()
    files = expected()
    print(f"{len(files)} labelled summaries in {GENRE.relative_to(ROOT)}")
    print("\n".join(report(whole, "all")))
    for half in sorted({spec.get("half", 0) for spec in files.values()}):
        n = sum(1 for spec in files.values() if spec.get("half") == half)
        if n:
            p, r = score(half).precision_recall()
            print(f"half {half} ({n} files): semantic precision={p:.2f} recall={r:.2f}")
    if "-v" in argv:
        print("\n".join(whole.misses) or "no misses")
    p, r = whole.precision_recall()
    met = p >= PRECISION and r >= RECALL
    print(f"target precision ≥ {PRECISION}, recall ≥ {RECALL}:", "met" if met else "MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
