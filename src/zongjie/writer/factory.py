"""Chooses the writer: the offline drafter unless an endpoint is configured."""

from __future__ import annotations

from zongjie.config import Settings
from zongjie.writer.base import Writer


def make_writer(settings: Settings) -> Writer:
    if not settings.uses_llm:
        from zongjie.writer.offline import OfflineWriter

        return OfflineWriter()
    from zongjie.llm.writer import LLMWriter

    return LLMWriter(settings)
