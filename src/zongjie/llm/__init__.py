"""The model layer: any OpenAI-compatible endpoint through langchain-openai, validated and repaired.

Public API (the notes feature uses it for `extract` and `polish`)::

    from zongjie.llm import Session, InvalidOutput
    async with Session(settings) as session:          # one per run; shares client, cache, ladder, usage
        answer = await session.ask(
            "extract-notes",                          # prompt file prompts/extract-notes.md
            {"org": ..., "dept": ..., "year": ..., "notes": lines, "functions": keys},
            ExtractedNotes,                           # a pydantic model: the output schema
            check=lambda value: [...],                # optional: extra problems, phrased for the model
            system="notes-system",                    # the system prompt file (default "system")
        )
    answer.value        # the validated ExtractedNotes
    answer.usage        # tokens, calls, cached_calls, cost of this ask
    answer.attempts     # every reply with its problems; answer.prompt_version e.g. "extract-notes@1"

- Pydantic validation errors and `check()` problems go back to the model in a repair turn (prompts/repair.md),
  at most settings.max_repairs times (default 2). finish_reason=length and empty replies count as invalid.
- When the cap is spent, `ask` raises InvalidOutput; `exc.answer` carries every attempt, the final problems
  and the best value that parsed (or None).
- EndpointFailed: the call could not be completed (transport retries spent, 404, quota, a 400 at the bottom
  of the ladder). AuthFailed (exit code 2): the endpoint refused the key; the whole run must stop.
- Variables are rendered into prompt files with Jinja2 StrictUndefined; put user text inside
  `{{ data("notes", notes) }}` blocks so it is delimited data, never instructions.

The session closes its HTTP client when the `async with` block ends; `ask` outside one is an error.
Nothing here imports openai/langchain at import time: llm/client.py (the only module that does) is
imported when the first Session is created.
"""

from zongjie.llm.answer import Answer, Attempt
from zongjie.llm.errors import AuthFailed, EndpointFailed, InvalidOutput
from zongjie.llm.session import Session, ask_once

__all__ = ["Answer", "Attempt", "AuthFailed", "EndpointFailed", "InvalidOutput", "Session", "ask_once"]
