"""OfflineWriter: the deterministic drafter, zongjie's default and the fallback when an LLM fails."""

from __future__ import annotations

from collections.abc import Callable

from zongjie import wording
from zongjie.plan.task import SectionKind, SectionTask
from zongjie.writer.base import Progress, SectionDraft
from zongjie.writer.offline import items, review, sections
from zongjie.writer.offline.phrases import punctuate, seed

_RENDERERS: dict[SectionKind, Callable[[SectionTask, int], str]] = {
    "preface": sections.preface,
    "function": review.render,
    "highlights": sections.highlights,
    "team": sections.team,
    "problems": items.problems,
    "lessons": items.lessons,
    "plans": items.plans,
    "closing": sections.closing,
}


class OfflineWriter:
    """Writes every section from its facts with fixed 公文 phrasing; no model, no network.

    Every number of every fact appears (value, 上年, target, each derived text verbatim, the numbers inside
    fact texts), and no other number does except the report year and the next. Phrasing varies with a
    stable hash of the section id, never at random: the same task always yields the same text.

    `hint` is free text meant for LLM writers; the offline writer cannot follow it, so it is accepted and
    ignored (the output does not change), keeping the result deterministic.
    """

    @property
    def name(self) -> str:
        return "offline"

    def render(self, task: SectionTask, hint: str | None = None) -> str:
        """The section body as Markdown, without its heading. `hint` is ignored (see the class docstring)."""
        if task.kind == "title":
            return sections.title(task)
        # Fact texts are cleaned as they are copied; this last pass catches marks in names (metric names,
        # the department) with the same linter fixer, so a draft never carries a half-width ， next to 汉字.
        body = punctuate(_RENDERERS[task.kind](task, seed(task.id)).strip())
        # Fact texts name the department their own way (后勤科 for 物业后勤科, 我科, 本部门): the draft names it
        # one way throughout, as the facts' department, so no paragraph switches its subject.
        r = task.report
        return wording.name_department(body, r.department, r.organization)

    async def write(
        self,
        task: SectionTask,
        *,
        hint: str | None = None,
        fresh: bool = False,
        progress: Progress | None = None,
    ) -> SectionDraft:
        return SectionDraft(
            section_id=task.id,
            body=self.render(task, hint),
            status="ok",
            writer=self.name,
            prompt_version=None,
            fact_ids=task.fact_ids(),  # the offline writer states every fact
        )
