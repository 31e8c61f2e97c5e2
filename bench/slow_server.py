"""A slow local model, at full scale: a one-slot OpenAI-compatible server (the test suite's fake server) that
takes SECONDS per answer (a fifth of it before the first token, the rest streamed evenly), and `zongjie draft
--jobs 4` then `zongjie regen` against it with the default 60 s silence timeout.

Prints per run: wall time, section statuses, requests the server saw (any timeout would show as a retry), the
most requests it served at once, and streams abandoned. Target: every section model-written ("ok"), one
request per section, no timeout.

Run: python bench/slow_server.py [--seconds 75] [--timeout 60] [--slots-unknown]
(--slots-unknown: the server does not say its capacity, so four requests wait in its queue at once.)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from llm.answers import Responder  # noqa: E402  (the test suite's fake server and valid answers)
from llm.fake_server import FakeServer, Scripted  # noqa: E402

FACTS = """\
report: {organization: 甲项目, department: 物业后勤科, profile: property, year: 2025}
functions:
  - key: facilities
    metrics:
      - {name: 设备巡检, value: 1248, unit: 次, previous: 1102}
"""


def run(cmd: list[str], cwd: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=_env(cwd))
    return time.perf_counter() - start, done.returncode, done.stderr


def _env(cwd: Path) -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["ZONGJIE_CACHE_DIR"] = str(cwd / "cache")
    env.pop("ZONGJIE_JOBS", None)
    return env


def statuses(out: Path) -> dict[str, Any]:
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {s["id"]: s["status"] for s in data["sections"] if s["id"] != "title"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=75.0)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--slots-unknown", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="zongjie-slow-"))
    facts = work / "facts.yaml"
    facts.write_text(FACTS, encoding="utf-8")
    server = FakeServer(slots=1, props=None if args.slots_unknown else {"total_slots": 1}).start()
    responder = Responder(facts)

    def reply(request: dict[str, Any]) -> Scripted:
        answer = responder(request)
        answer.delay, answer.seconds, answer.token_chars = args.seconds / 5, args.seconds * 4 / 5, 2
        return answer

    server.responder = reply
    exe = [sys.executable, "-m", "zongjie"]
    endpoint = ["--base-url", server.url, "--model", "m", "--timeout", f"{args.timeout:g}"]
    ok = True
    try:
        out = work / "out"
        wall, _, _ = run([*exe, "draft", str(facts), "-o", str(out), "--jobs", "4", *endpoint], work)
        got = statuses(out)
        print(
            f"draft --jobs 4: {wall:.0f}s, {server.calls} requests for {len(got)} sections, "
            f"at most {server.most_busy} at once, {server.abandoned} abandoned; statuses {got}"
        )
        ok &= set(got.values()) == {"ok"} and server.calls == len(got)
        before = server.calls
        wall, _, _ = run(
            [*exe, "regen", str(out), "review-facilities", "--timeout", f"{args.timeout:g}"], work
        )
        got = statuses(out)
        print(f"regen: {wall:.0f}s, {server.calls - before} request(s); status {got['review-facilities']}")
        ok &= got["review-facilities"] == "ok" and server.calls - before == 1
    finally:
        server.stop()
    print(
        f"answer {args.seconds:g}s, silence timeout {args.timeout:g}s, server slots "
        f"{'unknown' if args.slots_unknown else 'known (1)'}: "
        + ("all sections model-written, no timeout" if ok else "TARGET MISSED")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
