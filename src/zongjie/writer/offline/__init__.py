"""The offline writer: deterministic 公文 drafting from facts, no LLM (see writer.py)."""

from zongjie.writer.offline.writer import OfflineWriter

__all__ = ["OfflineWriter"]
