"""The model chosen on the settings page. It lives in the server's memory only: the key is never written to
the workspace or any file, never sent back to the browser, and never logged."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import SecretStr

from zongjie.config import PRESETS, Settings, load_settings


@dataclass
class ModelChoice:
    provider: str | None = None
    base_url: str | None = None
    model: str | None = None
    api_key: SecretStr | None = None
    offline: bool = False  # the offline writer even if the environment or zongjie.toml names a model

    @property
    def has_key(self) -> bool:
        return self.api_key is not None

    def settings(self) -> Settings:
        """Settings for a run: this choice over the environment, .env and zongjie.toml (like CLI flags)."""
        key = self.api_key.get_secret_value() if self.api_key is not None else None
        settings = load_settings(
            provider=self.provider, base_url=self.base_url, model=self.model, api_key=key
        )
        if self.offline:
            settings = settings.model_copy(update={"provider": None, "base_url": None, "model": None})
        return settings

    def update(
        self,
        provider: str | None,
        base_url: str | None,
        model: str | None,
        api_key: str | None,
        *,
        forget: bool = False,
        offline: bool = False,
    ) -> None:
        """Applies the settings form; an empty key field keeps the key already given."""
        same_endpoint = (provider or None, base_url or None) == (self.provider, self.base_url)
        # A key kept from before goes only to the endpoint it was given for: a new address needs it again.
        kept = self.api_key if same_endpoint else None
        candidate = ModelChoice(
            provider=provider or None,
            base_url=base_url or None,
            model=model or None,
            api_key=None if forget else SecretStr(api_key) if api_key else kept,
            offline=offline,
        )
        settings = candidate.settings()  # bad input (an unknown provider, …) raises here, nothing changes
        if settings.uses_llm:
            settings.require_endpoint()
        self.provider, self.base_url, self.model = candidate.provider, candidate.base_url, candidate.model
        self.api_key, self.offline = candidate.api_key, candidate.offline


def describe(settings: Settings) -> str:
    """The writer in use, in the page's words."""
    if not settings.uses_llm:
        return "离线写作（未配置模型；程序按事实逐节生成，不联网）"
    return f"模型 {settings.model or '（未指定）'} @ {settings.base_url}"


PROVIDERS = sorted(PRESETS)
