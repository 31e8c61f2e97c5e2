"""Scale: text.extract (and text.changes, built on it) on 10k and 100k characters of prose as users write it.

Run: python bench/extract_bench.py [--small 10000] [--large 100000] [--repeat 3]
Prints the best-of-N seconds for each length and the ratio large/small: about 10 means linear (the target),
about 100 quadratic. The text mixes full-width digits, dates, ranges, Chinese numerals, hedges and list
numbers, so every reader inside extract (dates, times, indexes, Arabic, Chinese, 成) has work to do.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence

from zongjie.text import changes, extract

PARAGRAPH = (
    "一、设施设备运维\n"
    "（一）全年完成巡检１２４８次，较上年提高２．３个百分点，维修及时率达到98.5％。\n"
    "1. 2025年7月23日暴雨后抢修水泵3-5台，投入约1.2万元，处置时间8:30至11：45。\n"
    "2、更换LED灯具三百二十六盏，节约电费近10万元，用电量下降两成，维修工单1,326件。\n"
    "（2）2025/3/15完成消防演练，参加人员200余人次，满意度由92.3%升至95%左右。\n"
    "第三部分 二〇二五年度绿化养护面积1，200平方米，第2季度完成5G覆盖，编号0571不计。\n\n"
)


def corpus(chars: int) -> str:
    return (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars]


def best(read: Callable[[str], Sequence[object]], text: str, repeat: int) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        found = len(read(text))
        times.append(time.perf_counter() - t0)
    return min(times), found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--large", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    changes(corpus(1000))  # warm the caches (cn2an import, compiled patterns)
    for name, read in (("extract", extract), ("changes", changes)):
        small, n_small = best(read, corpus(args.small), args.repeat)
        large, n_large = best(read, corpus(args.large), args.repeat)
        print(f"{name} {args.small:>7} chars: {small:8.4f} s  ({n_small} found)")
        print(f"{name} {args.large:>7} chars: {large:8.4f} s  ({n_large} found)")
        print(
            f"{name} ratio: {large / small:.1f}x for {args.large / args.small:.0f}x the text (linear ≈ 10x)"
        )


if __name__ == "__main__":
    main()
