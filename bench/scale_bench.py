"""Scale: draft (offline writer) and lint time for a facts file with 250 / 1,000 / 4,000 metrics.

Run: python bench/scale_bench.py [--sizes 250,1000,4000]
Prints seconds per size and the growth ratio per ×4 metrics: about 4 means linear, about 16 quadratic.
Numbers are checked against the facts through a value index (lint/factset.py), so each is matched in ~O(1).
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats
import tempfile
import time
from pathlib import Path

import yaml

from zongjie.facts.load import load
from zongjie.lint.api import lint_markdown
from zongjie.pipeline import draft
from zongjie.writer.offline import OfflineWriter

UNITS = ("次", "件", "项", "台", "%", "万元", "人次", "平方米")


def facts_text(metrics: int) -> str:
    """A property facts file with `metrics` metrics spread over six 职能, all figures distinct."""
    keys = ("facilities", "environment", "security", "procurement", "admin", "energy")
    functions: list[dict[str, object]] = [{"key": k, "metrics": []} for k in keys]
    for i in range(metrics):
        unit = UNITS[i % len(UNITS)]
        value = 50 + (i % 40) + i / 100 if unit == "%" else 100 + 7 * i
        previous = value - 1.5 if unit == "%" else value - 3 - i % 5
        m = {"name": f"指标{i}号", "value": round(value, 2), "unit": unit, "previous": round(previous, 2)}
        functions[i % len(keys)]["metrics"].append(m)  # type: ignore[union-attr]
    data = {
        "report": {
            "organization": "规模测试项目",
            "department": "后勤科",
            "profile": "property",
            "year": 2025,
        },
        "functions": functions,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def run(metrics: int, work: Path) -> tuple[float, float]:
    path = work / f"facts-{metrics}.yaml"
    path.write_text(facts_text(metrics), encoding="utf-8")
    start = time.perf_counter()
    draft(path, work / f"ws-{metrics}", OfflineWriter(), jobs=1)
    drafted = time.perf_counter() - start
    text = (work / f"ws-{metrics}" / "draft.md").read_text(encoding="utf-8")
    facts = load(path)
    start = time.perf_counter()
    lint_markdown(text, facts)
    return drafted, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="250,1000,4000")
    parser.add_argument("--profile", type=int, default=0, help="profile the lint at this size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.profile:
            path = work / "p.yaml"
            path.write_text(facts_text(args.profile), encoding="utf-8")
            prof = cProfile.Profile()
            prof.runcall(draft, path, work / "ws-p", OfflineWriter(), jobs=1)
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
            return
        run(50, work)  # warm-up: imports, caches and the first cn2an call are not the cost of scale
        rows = [(n, *run(n, work)) for n in sizes]
    print(f"{'metrics':>8} {'draft s':>9} {'lint s':>8}")
    for n, d, lint_s in rows:
        print(f"{n:>8} {d:>9.2f} {lint_s:>8.2f}")
    for (n0, d0, l0), (n1, d1, l1) in itertools.pairwise(rows):
        print(
            f"×{n1 / n0:g} metrics: draft ×{d1 / d0:.1f}, lint ×{l1 / l0:.1f}  (linear would be ×{n1 / n0:g})"
        )


if __name__ == "__main__":
    main()
