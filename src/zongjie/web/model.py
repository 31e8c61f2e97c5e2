"""The model chosen on the settings page. It lives in the server's memory only: the key is never written to
the workspace or any file, never sent back to the browser, and never logged."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import SecretStr

from zongjie.config import PRESETS, Settings, load_settings
from zongjie.errors import BadInput
from zongjie.workspace.endpoint import WriterChoice, choose
from zongjie.workspace.store import Workspace


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

    @property
    def named(self) -> bool:
        """A model was named on the settings page (like an endpoint flag of the CLI)."""
        return any((self.provider, self.base_url, self.model))

    def load(self, **recorded: object) -> Settings:
        """This choice (or the endpoint given) over the environment, .env and zongjie.toml, with the key
        given on the page."""
        key = self.api_key.get_secret_value() if self.api_key is not None else None
        named = {"provider": self.provider, "base_url": self.base_url, "model": self.model}
        return load_settings(**{**named, **recorded}, api_key=key)

    def settings(self) -> Settings:
        """Settings for a run: this choice over the environment, .env and zongjie.toml (like CLI flags)."""
        settings = self.load()
        if self.offline:
            settings = settings.model_copy(update={"provider": None, "base_url": None, "model": None})
        return settings

    def for_workspace(self, ws: Workspace) -> WriterChoice:
        """The writer for a run on `ws`, decided as the CLI decides: with no model named on the settings
        page, the model recorded in the workspace is used again (the key only if it is the user's own)."""
        return choose(ws, self.load, named=self.named, offline=self.offline)

    def settings_for(self, ws: Workspace) -> Settings:
        """As for_workspace, or a message when the recorded model may not be used without being named."""
        choice = self.for_workspace(ws)
        if choice.settings is None:
            raise BadInput(refused(choice))
        return choice.settings

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


def refused(choice: WriterChoice) -> str:
    recorded = choice.recorded
    where = f"{recorded.model} @ {recorded.base_url}" if recorded else ""
    return (
        f"这个总结上次由模型 {where} 起草（记录在总结的文件夹里）。为保护 API 密钥，zongjie 只把密钥发给您在"
        "“模型设置”里填写的地址：要继续用这个模型，请在“模型设置”里填写它的地址和模型名；"
        "不用模型，请在“模型设置”里选择离线写作。"
    )


def said(choice: WriterChoice) -> str | None:
    """What the page says about reusing the workspace's model."""
    if choice.kind == "recorded":
        return "沿用这个总结记录的模型（与您的设置相同）。"
    if choice.kind == "local":
        return "沿用这个总结上次用的本机模型（本机服务，不发送密钥）。"
    return None


def describe(settings: Settings) -> str:
    """The writer in use, in the page's words."""
    if not settings.uses_llm:
        return "离线写作（未配置模型；程序按事实逐节生成，不联网）"
    return f"模型 {settings.model or '（未指定）'} @ {settings.base_url}"


PROVIDERS = sorted(PRESETS)
