"""Valid answers for each section of a facts file, built from the facts (what a good model would say)."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

from zongjie.facts.derive import fmt_quantity
from zongjie.facts.load import load
from zongjie.plan import SectionTask, build_plan
from zongjie.writer.offline import OfflineWriter

from .fake_server import Scripted, ok

SECTION = re.compile(r"节点标识：(\S+)")


def section_of(request: dict[str, Any]) -> str:
    for m in request["messages"]:
        found = SECTION.search(m["content"]) if m["role"] == "user" else None
        if found:
            return found.group(1)
    raise AssertionError("request names no section")


def _offline_paragraphs(task: SectionTask) -> list[str]:
    body = asyncio.run(OfflineWriter().write(task)).body
    paras = [re.sub(r"^\d+\.\s*", "", p.strip()) for p in body.split("\n\n") if p.strip()]
    return [p for p in paras if not p.endswith("：")]  # the offline writer's lead-in lines


def valid_answer(task: SectionTask) -> dict[str, Any]:
    ids = task.fact_ids()
    if task.kind == "highlights":
        items = []
        for h in task.highlights:
            text = "；".join([h.highlight.detail or h.highlight.title, *(m.line() for m in h.metrics)])
            items.append({"fact_id": h.id, "title": h.highlight.title, "text": text})
        return {"items": items}
    if task.kind == "problems":
        return {
            "items": [
                {
                    "fact_id": p.id,
                    "problem": p.problem.problem,
                    "cause": p.problem.cause or "",
                    "measure": p.problem.measure or "",
                }
                for p in task.problems
            ]
        }
    if task.kind == "plans":
        items = []
        for p in task.plans:
            t = p.plan.target
            items.append(
                {
                    "fact_id": p.id,
                    "goal": p.plan.goal,
                    "measures": p.plan.actions or [p.plan.goal],
                    "target": f"{t.name}{fmt_quantity(t.value, t.unit)}" if t else "",
                    "deadline": p.deadline_text or "",
                    "owner": p.plan.owner or "",
                }
            )
        return {"items": items}
    paras = _offline_paragraphs(task)
    if task.kind in ("preface", "closing"):
        return {"paragraphs": paras[:2]}
    return {"paragraphs": paras, "fact_ids": ids}


class Responder:
    """Answers every section request of one facts file with its valid answer."""

    def __init__(self, facts: Path) -> None:
        self.tasks = {t.id: t for t in build_plan(load(facts))}
        self._cache: dict[str, str] = {}

    def answer(self, section_id: str) -> str:
        if section_id not in self._cache:
            self._cache[section_id] = json.dumps(valid_answer(self.tasks[section_id]), ensure_ascii=False)
        return self._cache[section_id]

    def __call__(self, request: dict[str, Any]) -> Scripted:
        return ok(self.answer(section_of(request)))
