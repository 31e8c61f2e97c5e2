"""The section plan: which sections a draft has, and exactly which facts each section may use."""

from zongjie.plan.build import build_plan
from zongjie.plan.task import SectionKind, SectionTask

__all__ = ["SectionKind", "SectionTask", "build_plan"]
