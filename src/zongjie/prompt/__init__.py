"""Prompt files: found in the wheel (zongjie/_data/prompts) or the source checkout (<repo>/prompts), rendered
with Jinja2 StrictUndefined. Each file's first line is a Jinja comment carrying its version:
`{# version: 3 #}`; the version goes into the LLM cache key and into report.json."""

from zongjie.prompt.store import Prompt, PromptError, data_block, load, prompts_dir, render

__all__ = ["Prompt", "PromptError", "data_block", "load", "prompts_dir", "render"]
