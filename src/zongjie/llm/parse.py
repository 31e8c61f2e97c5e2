"""Getting one JSON object out of a model's content: <think> blocks and ```json fences are stripped, and in
plain text the first balanced {...} is taken."""

from __future__ import annotations

import json
import re
from typing import Any

_THINK = re.compile(r"<think>.*?</think>", re.S | re.I)
_OPEN_THINK = re.compile(r"^\s*<think>.*", re.S | re.I)  # a think block cut off by the length limit
_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.S)


class NoJSON(ValueError):
    pass


def strip_reasoning(text: str) -> str:
    text = _THINK.sub("", text)
    return _OPEN_THINK.sub("", text).strip()


def extract_json(text: str) -> Any:
    """The JSON value in `text`; raises NoJSON with a message fit to show the model."""
    text = strip_reasoning(text)
    if not text:
        raise NoJSON("输出为空")
    candidates = [m.group(1).strip() for m in _FENCE.finditer(text)] + [text]
    for candidate in candidates:
        try:
            return json.loads(candidate)
        except json.JSONDecodeError:
            pass
        found = _first_object(candidate)
        if found is not None:
            return found
    raise NoJSON("输出不是 JSON 对象；只输出一个 JSON 对象，不要输出其他文字")


def _first_object(text: str) -> Any:
    decoder = json.JSONDecoder()
    for m in re.finditer(r"\{", text):
        try:
            value, _ = decoder.raw_decode(text, m.start())
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            return value
    return None
