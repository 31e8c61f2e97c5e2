"""LLMWriter: the Writer that asks a model for each section through a shared Session.

Outcome per section (SectionDraft.status):
- ok        the first answer passed the schema, our checks and the linter's errors;
- repaired  it passed after one or more repair turns;
- flagged   with --on-fail keep: it never passed, and the best attempt is kept as the model wrote it, with
            its problems as error findings (rule llm-invalid), so the run exits 1;
- spliced   (prose sections) the model's sentences that pass the checks, with those carrying an error
            dropped and the offline writer's sentence added for each metric left out; a warning finding
            (rule llm-spliced) gives the counts, also in report.json (`sentences`);
- fallback  the model could not produce a usable answer (or the endpoint failed) and the offline writer's
            text replaces it; an error finding (rule llm-fallback) says so, so the run exits 1.
The title is deterministic: no model call.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from pydantic import BaseModel

from zongjie.config import Settings
from zongjie.finding import Finding
from zongjie.llm.answer import Answer
from zongjie.llm.checks import PROSE, check_section
from zongjie.llm.errors import AuthFailed, EndpointFailed, InvalidOutput
from zongjie.llm.sections import SPECS, fact_ids
from zongjie.llm.session import Session
from zongjie.llm.splice import splice
from zongjie.plan.task import SectionTask
from zongjie.punctuation import fix_text
from zongjie.redact import redact
from zongjie.writer.base import Progress, SectionDraft, Sentences, Usage, Writer


def section_variables(task: SectionTask, hint: str | None) -> dict[str, Any]:
    """What the prompts see. User text (facts, notes, hint) is rendered by the prompts as delimited data."""
    r = task.report
    return {
        "org": r.organization,
        "dept": r.department,
        "year": r.year,
        "title": r.display_title,
        "section_id": task.id,
        "heading": task.heading,
        "served": task.served,
        "outline": task.outline,
        "facts": task.fact_lines(),
        "hint": hint or "",
    }


class LLMWriter:
    def __init__(
        self, settings: Settings, *, session: Session | None = None, offline: Writer | None = None
    ) -> None:
        self.settings = settings
        self.session = session or Session(settings)
        self._offline = offline

    async def __aenter__(self) -> LLMWriter:
        await self.session.__aenter__()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.session.__aexit__(kind, exc, tb)

    @property
    def name(self) -> str:
        return f"llm:{self.session.model}"

    @property
    def offline(self) -> Writer:
        if self._offline is None:
            from zongjie.writer.offline import OfflineWriter

            self._offline = OfflineWriter()
        return self._offline

    async def write(
        self,
        task: SectionTask,
        *,
        hint: str | None = None,
        fresh: bool = False,
        progress: Progress | None = None,
    ) -> SectionDraft:
        if task.kind == "title":
            return SectionDraft(section_id=task.id, body=task.heading, writer=self.name, attempts=0)
        spec = SPECS[task.kind]

        def check(value: BaseModel) -> list[str]:
            # A prose section's missing metric is filled in from the offline text rather than re-asked.
            return check_section(task, value, fill_missing=True)

        try:
            answer = await self.session.ask(
                spec.prompt,
                section_variables(task, hint),
                spec.schema,
                check,
                fresh=fresh,
                progress=progress,
            )
        except InvalidOutput as exc:
            spliced = await self._spliced(task, hint, exc.answer)
            return spliced or await self._failed(task, hint, exc.answer)
        except EndpointFailed as exc:
            message = f"模型调用失败，本节已改用离线文本：{exc}"
            return await self._fallback(task, hint, exc.answer, message)
        except AuthFailed:
            raise  # a rejected key stops the whole run (exit 2)
        except Exception as exc:  # one section's surprise must not end the run
            # Anything else (an SDK or server oddity nobody foresaw) is this section's failure, not the run's:
            # the offline text replaces it and report.json carries the (redacted) reason.
            detail = redact(f"{type(exc).__name__}: {exc}")[:300]
            message = f"模型调用出现意外错误，本节已改用离线文本：{detail}"
            return await self._fallback(task, hint, None, message)
        assert answer.value is not None
        if task.kind in PROSE:
            spliced = await self._spliced(task, hint, answer)  # fills the metrics it left out, if any
            if spliced is None:
                message = "模型输出遗漏了指标且无法补写，本节已改用离线文本"
                return await self._fallback(task, hint, answer, message)
            if spliced.sentences is not None and spliced.sentences.filled:
                return spliced
        return SectionDraft(
            section_id=task.id,
            body=_body(task, answer.value),
            status="repaired" if answer.repaired else "ok",
            writer=self.name,
            prompt_version=answer.prompt_version,
            fact_ids=fact_ids(answer.value),
            usage=answer.usage,
            attempts=len(answer.attempts),
        )

    async def _spliced(self, task: SectionTask, hint: str | None, answer: Answer[Any]) -> SectionDraft | None:
        """The model's answer with its faulty sentences dropped and the facts it left out filled from the
        offline text (llm/splice.py); None for an item section, no parsed answer, or no usable splice."""
        if task.kind not in PROSE or answer.value is None:
            return None
        offline = await self.offline.write(task, hint=hint)
        result = splice(task, _body(task, answer.value), offline.body)
        if result is None:
            return None
        counts = Sentences(kept=result.kept, dropped=result.dropped, filled=result.filled)
        findings = []
        if result.dropped or result.filled:
            why = "；".join(result.problems[:3])
            findings.append(
                Finding(
                    rule="llm-spliced",
                    severity="warning",
                    section=task.id,
                    message=f"模型输出保留{result.kept}句，删去有误的{result.dropped}句"
                    + (f"（{why}）" if why else "")
                    + f"，补写遗漏的事实{result.filled}处（离线文本）",
                    suggestion="核对本节；需要时运行 zongjie regen 重新生成",
                )
            )
        known = set(task.fact_ids())
        return SectionDraft(
            section_id=task.id,
            body=result.body,
            status="spliced" if findings else ("repaired" if answer.repaired else "ok"),
            writer=self.name,
            prompt_version=answer.prompt_version,
            fact_ids=list(
                dict.fromkeys([*(i for i in fact_ids(answer.value) if i in known), *result.fact_ids])
            ),
            findings=findings,
            usage=answer.usage,
            attempts=len(answer.attempts),
            sentences=counts if findings else None,
        )

    async def _failed(self, task: SectionTask, hint: str | None, answer: Answer[Any]) -> SectionDraft:
        n = len(answer.attempts)
        if self.settings.on_fail == "keep" and answer.value is not None:
            findings = [
                Finding(
                    rule="llm-invalid",
                    severity="error",
                    section=task.id,
                    message=f"模型输出经{n}次尝试仍未通过检查（已按 --on-fail keep 保留）：{p}",
                )
                for p in answer.problems
            ]
            return SectionDraft(
                section_id=task.id,
                body=_body(task, answer.value),
                status="flagged",
                writer=self.name,
                prompt_version=answer.prompt_version,
                fact_ids=fact_ids(answer.value),
                findings=findings,
                usage=answer.usage,
                attempts=n,
            )
        problems = "；".join(answer.problems[:3])
        return await self._fallback(
            task, hint, answer, f"模型输出经{n}次尝试仍未通过检查，本节已改用离线文本：{problems}"
        )

    async def _fallback(
        self, task: SectionTask, hint: str | None, answer: Answer[Any] | None, message: str
    ) -> SectionDraft:
        draft = await self.offline.write(task, hint=hint)
        finding = Finding(
            rule="llm-fallback",
            severity="error",
            section=task.id,
            message=message,
            suggestion="检查模型配置后运行 zongjie regen，或直接修改该节文件",
        )
        return SectionDraft(
            section_id=task.id,
            body=draft.body,
            status="fallback",
            writer=draft.writer,  # the offline text: a re-run of draft tries the model again
            prompt_version=answer.prompt_version if answer else None,
            fact_ids=draft.fact_ids,
            findings=[*draft.findings, finding],
            usage=answer.usage if answer else Usage(),
            attempts=len(answer.attempts) if answer else 0,
        )


def _body(task: SectionTask, value: BaseModel) -> str:
    """The section's Markdown, with the punctuation fixes the linter would ask for (`lint --fix`): the model
    copies half-width marks from the user's facts as readily as the offline writer would."""
    return fix_text(SPECS[task.kind].render(value))
