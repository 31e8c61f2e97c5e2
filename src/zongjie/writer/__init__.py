"""Writers turn one SectionTask into Markdown prose. Offline (deterministic) and LLM writers share one interface."""

from zongjie.writer.base import SectionDraft, Usage, Writer

__all__ = ["SectionDraft", "Usage", "Writer"]
