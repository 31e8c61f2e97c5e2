"""Which model writes for a workspace. With no model named in this run, the one recorded in the workspace is
used again — but the API key goes only to an endpoint the user configured in this run (their flags, page,
environment, .env or zongjie.toml), and a recorded local server is reused without it: a workspace someone
else made cannot collect keys. The CLI and the web page decide through here and say the outcome each in
their own words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from zongjie.config import Settings, same_endpoint
from zongjie.workspace.store import Endpoint, Workspace

# own: nothing recorded applies (none recorded, a model named, or offline asked for)
# recorded: the recorded endpoint is the user's own, so it gets their key
# yours: the user's own endpoint differs from the recorded one, which is left alone
# local: the recorded endpoint is a local server: reused, without any key
# refused: the recorded endpoint is remote and not the user's: not used until they name it
Kind = Literal["own", "recorded", "yours", "local", "refused"]


@dataclass(frozen=True)
class WriterChoice:
    kind: Kind
    settings: Settings | None  # None when refused
    recorded: Endpoint | None = None

    @property
    def where(self) -> str:
        return f"{self.recorded.model} at {self.recorded.base_url}" if self.recorded else ""


def choose(ws: Workspace, load: Callable[..., Settings], *, named: bool, offline: bool) -> WriterChoice:
    """`load(**endpoint)` gives the run's settings (the user's own when called with no endpoint); `named`:
    the user named a model in this run; `offline`: they asked for no model."""
    recorded = ws.load_state().endpoint if not offline and not named and ws.exists() else None
    if recorded is None or recorded.base_url is None:
        return WriterChoice("own", _offline(load(), offline))
    own = load()
    if own.uses_llm and same_endpoint(own.base_url, recorded.base_url):
        return WriterChoice("recorded", load(**recorded.model_dump()), recorded)
    if own.uses_llm:
        return WriterChoice("yours", own, recorded)
    theirs = load(**recorded.model_dump())
    if theirs.is_local:
        return WriterChoice("local", theirs.model_copy(update={"api_key": None}), recorded)
    return WriterChoice("refused", None, recorded)


def _offline(settings: Settings, offline: bool) -> Settings:
    return (
        settings.model_copy(update={"provider": None, "base_url": None, "model": None})
        if offline
        else settings
    )


def endpoint_of(settings: Settings) -> Endpoint | None:
    """What a run records as the model that wrote it (never the key)."""
    if not settings.uses_llm:
        return None
    return Endpoint(provider=settings.provider, base_url=settings.base_url, model=settings.model)
