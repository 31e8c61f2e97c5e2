"""Sentence-level repair of a prose section: keep what the model got right instead of throwing it all away.

When the re-ask budget is spent (or at once, when the only problem is a metric left out):
- every sentence of the model's text that passes the checks is kept, word for word;
- a sentence carrying an error (a number not in the facts, a wrong year, a trend or target claim against the
  facts, an unsupported claim, a heading) is dropped whole — numbers inside a model's sentence are never
  patched;
- for each metric the text no longer states, the offline writer's clause stating it is added: where a dropped
  sentence named that metric, else at the end of the first paragraph (where a review gives its figures).
Which facts the text states is read from its numbers by the linter (strict mode), never from the fact ids the
model cited. The result is linted again; if it still has an error, there is no splice (the caller falls back).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zongjie.finding import Finding
from zongjie.lint.api import lint_section
from zongjie.lint.factset import claims
from zongjie.lint.rules.fidelity import missing_metrics
from zongjie.plan.task import MetricFact, SectionTask
from zongjie.text.markdown import Ordinal, opens_section, ordinal
from zongjie.text.sentences import sentences

_END = re.compile(r"[。！？!?][”’」』）)]*\s*$")
# Findings that are about a sentence's content (they carry its position). fact-dropped is about what is
# missing (filled below); a facts gap is the user's to fill.
_NOT_SENTENCE = frozenset({"fact-dropped"})


@dataclass(frozen=True)
class Spliced:
    body: str
    kept: int  # model sentences kept as written
    dropped: int  # model sentences dropped for an error
    filled: int  # offline sentences added for metrics left out
    fact_ids: list[str]  # metrics filled in
    problems: list[str]  # what the dropped sentences were dropped for


@dataclass
class _Sentence:
    text: str
    start: int
    para: int
    line: float = 0  # line within the paragraph (a model's numbered list keeps its lines)
    fill: bool = False
    wrong: bool = False  # dropped for an error (not as a heading or a repeat)

    @property
    def title_like(self) -> bool:
        """A heading or title line the model wrote into its prose (no sentence mark, short, no comma)."""
        text = self.text.strip()
        return opens_section(text) or (
            not _END.search(text) and len(text) <= 40 and not re.search(r"[，,；;]", text)
        )


def splice(task: SectionTask, model_body: str, offline_body: str) -> Spliced | None:
    """The model's body with its faulty sentences dropped and missing metrics filled from `offline_body`;
    None when nothing of the model's text is left, more of its sentences are wrong than right, or the result
    would still carry an error."""
    found = [f for f in lint_section(task, model_body, strict=True) if _sentence_error(f)]
    bad = {_offset(model_body, f): f for f in found}
    parts = _sentences(model_body)
    kept: list[_Sentence] = []
    dropped: list[_Sentence] = []
    seen: set[str] = set()
    problems: list[str] = []
    for s in parts:
        errors = [f for at, f in bad.items() if s.start <= at < s.start + len(s.text)]
        key = s.text.strip()
        if errors or s.title_like or key in seen:
            s.wrong = bool(errors)
            dropped.append(s)
            problems += [f.message for f in errors]
        else:
            kept.append(s)
            seen.add(key)
    wrong = [s for s in dropped if s.wrong]
    if not kept or len(wrong) > len(kept):
        return None  # mostly wrong: the offline text is the honest answer
    missing = _missing(task.all_metrics(), "".join(s.text for s in kept))
    fills = _fills(missing, offline_body)
    if fills is None:
        return None
    result = list(kept)
    for clause, metrics in fills:
        at = _place(metrics, dropped, result)
        result.insert(at, _filler(clause, result, at))
    body = _join(result)
    if any(f.is_error and not f.facts_gap for f in lint_section(task, body, strict=True)):
        return None
    filled_ids = [m.id for _, metrics in fills for m in metrics]
    return Spliced(body, len(kept), len(dropped), len(fills), filled_ids, list(dict.fromkeys(problems)))


def _sentence_error(f: Finding) -> bool:
    return f.is_error and not f.facts_gap and f.rule not in _NOT_SENTENCE and f.line is not None


def _offset(text: str, f: Finding) -> int:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    assert f.line is not None
    return starts[f.line - 1] + (f.column or 1) - 1


def _sentences(body: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    pos = 0
    for n, para in enumerate(body.split("\n\n")):
        for at, text in sentences(para):
            if text.strip():
                out.append(_Sentence(text, pos + at, n, para.count("\n", 0, at)))
        pos += len(para) + 2
    return out


def _missing(metrics: list[MetricFact], text: str) -> list[MetricFact]:
    return missing_metrics(metrics, claims(text), [text], strict=True)


def _fills(missing: list[MetricFact], offline_body: str) -> list[tuple[str, list[MetricFact]]] | None:
    """For each missing metric, the shortest clause (split at ；) of the offline text that states it; a
    clause stating several missing metrics is added once. None if a metric cannot be found there."""
    clauses = [
        c.strip().rstrip("，,；;。") for _, s in sentences(offline_body) for c in re.split(r"[；;]", s)
    ]
    clauses = [c for c in clauses if c and not c.endswith("：")]
    out: list[tuple[str, list[MetricFact]]] = []
    for mf in missing:
        if any(mf in metrics for _, metrics in out):
            continue
        stating = [c for c in clauses if not _missing([mf], c)]
        if not stating:
            return None
        clause = min(stating, key=len)
        covers = [m for m in missing if not _missing([m], clause)]
        out.append((clause + "。", covers))
    return out


def _filler(clause: str, result: list[_Sentence], at: int) -> _Sentence:
    """The filled sentence joins the line it is put next to, or gets a line of its own beside a list item."""
    if at < len(result) and (at == 0 or result[at - 1].para != result[at].para):
        after = result[at]  # first in its paragraph: goes before it
        shift = -0.5 if _item(after.text.strip()) else 0
        return _Sentence(clause, -1, after.para, after.line + shift, fill=True)
    before = result[at - 1]
    shift = 0.5 if _item(_line_of(result, before)) else 0
    return _Sentence(clause, -1, before.para, before.line + shift, fill=True)


def _line_of(result: list[_Sentence], s: _Sentence) -> str:
    return "".join(x.text.strip() for x in result if (x.para, x.line) == (s.para, s.line))


def _place(metrics: list[MetricFact], dropped: list[_Sentence], result: list[_Sentence]) -> int:
    """Where a filled sentence goes: where a dropped sentence named one of its metrics, else after the last
    sentence of the first paragraph."""
    names = [m.metric.name for m in metrics]
    for d in dropped:
        if any(name in d.text for name in names):
            later = [i for i, s in enumerate(result) if not s.fill and s.start > d.start]
            return later[0] if later else len(result)
    first = result[0].para
    return max(i for i, s in enumerate(result) if s.para == first) + 1


def _join(parts: list[_Sentence]) -> str:
    """Paragraphs and lines as the model laid them out; a numbered list renumbered after a dropped item."""
    lines: dict[tuple[int, float], list[str]] = {}
    for s in parts:
        lines.setdefault((s.para, s.line), []).append(s.text.strip())
    paras: dict[int, list[str]] = {}
    for (para, _), texts in sorted(lines.items()):
        paras.setdefault(para, []).append("".join(texts))
    return "\n\n".join("\n".join(_renumber(p)) for _, p in sorted(paras.items()))


def _item(line: str) -> Ordinal | None:
    """The 1. a line of a model's numbered list opens with (not 1.5万元, not a date such as 2025.7.23)."""
    o = ordinal(line)
    return o if o is not None and o.form == "1." and not line[:1].isspace() else None


def _renumber(lines: list[str]) -> list[str]:
    out, n = [], 0
    for line in lines:
        if item := _item(line):
            n += 1
            line = f"{n}. {line[item.end :]}"
        else:
            n = 0
        out.append(line)
    return out
