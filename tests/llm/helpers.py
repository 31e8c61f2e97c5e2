from __future__ import annotations

import asyncio
import json
from typing import Any

from zongjie.config import Settings
from zongjie.facts.load import load
from zongjie.llm.writer import LLMWriter
from zongjie.plan import SectionTask, build_plan
from zongjie.writer.base import SectionDraft

from .conftest import FULL

TASKS: dict[str, SectionTask] = {t.id: t for t in build_plan(load(FULL))}


def write(writer: LLMWriter, section: str, hint: str | None = None) -> SectionDraft:
    return write_task(writer, TASKS[section], hint)


def write_task(writer: LLMWriter, task: SectionTask, hint: str | None = None) -> SectionDraft:
    """One section through an opened (and then closed) writer, as the pipeline runs it."""

    async def run() -> SectionDraft:
        async with writer:
            return await writer.write(task, hint=hint)

    return asyncio.run(run())


def user_text(request: dict[str, Any]) -> str:
    return "\n".join(m["content"] for m in request["messages"] if m["role"] == "user")


def method_of(request: dict[str, Any]) -> str:
    rf = request.get("response_format")
    return rf["type"] if rf else "text"


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def new_writer(settings: Settings) -> LLMWriter:
    return LLMWriter(settings)
