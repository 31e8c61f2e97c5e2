"""Configuration: flag > environment > .env > zongjie.toml (pydantic-settings). The API key is a SecretStr.

Provider presets fill in the base URL, a default model and the structured-output method the provider is
known to support; anything given explicitly wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from zongjie.errors import BadInput
from zongjie.files import decode, max_input_bytes, warn_stderr
from zongjie.redact import remember, url_credentials

OnFail = Literal["keep", "offline"]
Method = Literal["json_schema", "json_object", "text"]
Provider = Literal["deepseek", "qwen", "moonshot", "zhipu", "openai", "ollama", "llamacpp", "vllm"]


@dataclass(frozen=True)
class Preset:
    base_url: str
    model: str | None  # None: the user must name the model (whatever the server loaded)
    method: Method  # where the structured-output ladder starts
    local: bool = False  # local servers need no API key
    extra_body: dict[str, Any] = field(default_factory=dict)
    rpm: float | None = None  # requests per minute the provider allows, when known


PRESETS: dict[str, Preset] = {
    # DeepSeek answers json_schema with 400 "unavailable": start at json_object.
    "deepseek": Preset("https://api.deepseek.com/v1", "deepseek-chat", "json_object"),
    # DashScope: json_schema on some models only; thinking mode breaks JSON output for qwen3.
    "qwen": Preset(
        "https://dashscope.aliyuncs.com/compatible-mode/v1",
        "qwen-plus",
        "json_object",
        extra_body={"enable_thinking": False},
    ),
    # Moonshot: json_schema unsupported, json_object unreliable: ask for plain text with JSON in it.
    "moonshot": Preset("https://api.moonshot.cn/v1", "moonshot-v1-32k", "text"),
    "zhipu": Preset("https://open.bigmodel.cn/api/paas/v4", "glm-4-flash", "json_object"),
    "openai": Preset("https://api.openai.com/v1", "gpt-4o-mini", "json_schema"),
    "ollama": Preset("http://127.0.0.1:11434/v1", "qwen2.5:7b", "json_schema", local=True),
    # llama-cpp-python's server answers json_schema with HTTP 500; recent llama-server would step up fine,
    # but json_object (with the schema in the prompt) works on both.
    "llamacpp": Preset("http://127.0.0.1:8080/v1", "local", "json_object", local=True),
    "vllm": Preset("http://127.0.0.1:8000/v1", None, "json_schema", local=True),
}

# Rough list prices in yuan per million tokens (input, output), for the usage line's estimate only.
# Matched by model-name prefix, longest first; unknown and local models cost 0.
PRICES: dict[str, tuple[float, float]] = {
    "deepseek-chat": (2.0, 8.0),
    "deepseek-reasoner": (4.0, 16.0),
    "qwen-plus": (0.8, 2.0),
    "qwen-turbo": (0.3, 0.6),
    "qwen-max": (2.4, 9.6),
    "moonshot-v1-8k": (12.0, 12.0),
    "moonshot-v1-32k": (24.0, 24.0),
    "kimi-k2": (4.0, 16.0),
    "glm-4-flash": (0.0, 0.0),
    "glm-4-plus": (5.0, 5.0),
    "gpt-4o-mini": (1.1, 4.4),
    "gpt-4o": (18.0, 72.0),
}


def price_of(model: str | None) -> tuple[float, float]:
    if not model:
        return (0.0, 0.0)
    for prefix in sorted(PRICES, key=len, reverse=True):
        if model.startswith(prefix):
            return PRICES[prefix]
    return (0.0, 0.0)


def estimate_cost(model: str | None, prompt_tokens: int, completion_tokens: int) -> float:
    pin, pout = price_of(model)
    return round((prompt_tokens * pin + completion_tokens * pout) / 1_000_000, 6)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ZONGJIE_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        toml_file="zongjie.toml",
    )

    provider: Provider | None = None
    base_url: str | None = None
    model: str | None = None
    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("ZONGJIE_API_KEY", "OPENAI_API_KEY", "api_key")
    )
    temperature: float = Field(default=0.3, ge=0, le=2)
    # A slow local model is still working while tokens arrive: a call is given up on silence, not length.
    timeout: float = Field(default=60.0, gt=0, description="seconds without a new token before giving up")
    total_timeout: float = Field(default=1800.0, gt=0, description="longest a single model call may take")
    # None: 4 sections at once; a local server is sent no more requests at once than it serves.
    jobs: int | None = Field(default=None, ge=1, le=32, description="sections generated at once")
    rpm: float | None = Field(default=None, gt=0, description="requests per minute the provider allows")
    # LangSmith tracing: only zongjie's own setting turns it on (LANGSMITH_TRACING alone never does).
    tracing: bool = False
    max_repairs: int = Field(default=2, ge=0, le=5, description="re-asks on invalid output per section")
    max_tokens: int = Field(default=2000, ge=64, description="completion token cap per call")
    method: Method | None = Field(default=None, description="structured-output method to start with")
    on_fail: OnFail = "offline"
    cache_dir: Path | None = None
    no_cache: bool = False
    # Transport retries (one layer, tenacity): attempts per call and exponential backoff with jitter.
    retries: int = Field(default=4, ge=0, le=10, description="transport retries per call")
    backoff: float = Field(default=1.0, ge=0, description="first backoff wait, seconds")
    backoff_max: float = Field(default=30.0, ge=0, description="longest exponential backoff wait")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, dotenv_settings, TomlConfigSettingsSource(settings_cls))

    @field_validator("base_url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        if v is None:
            return v
        problem = url_problem(v)
        if problem is not None:
            raise ValueError(problem)
        return v.strip()

    @model_validator(mode="after")
    def _remember_key(self) -> Settings:
        # From here on, every file written and every line printed has this key masked.
        remember(self.api_key.get_secret_value() if self.api_key else None)
        return self

    @model_validator(mode="after")
    def _apply_preset(self) -> Settings:
        preset = self.preset
        if preset is not None:
            self.base_url = self.base_url or preset.base_url
            self.model = self.model or preset.model
        return self

    @property
    def preset(self) -> Preset | None:
        return PRESETS.get(self.provider) if self.provider else None

    @property
    def uses_llm(self) -> bool:
        return bool(self.base_url or self.provider)

    @property
    def start_method(self) -> Method:
        if self.method:
            return self.method
        return self.preset.method if self.preset else "json_schema"

    @property
    def extra_body(self) -> dict[str, Any]:
        return dict(self.preset.extra_body) if self.preset else {}

    @property
    def requests_per_minute(self) -> float | None:
        return self.rpm or (self.preset.rpm if self.preset else None)

    @property
    def section_jobs(self) -> int:
        return self.jobs or 4

    @property
    def is_local(self) -> bool:
        if self.preset is not None and self.preset.local:
            return True
        host = (self.base_url or "").split("://")[-1].split("/")[0].split(":")[0]
        return host in ("127.0.0.1", "localhost", "::1", "[::1]")

    def cache_path(self) -> Path:
        """The response cache db: settings/ZONGJIE_CACHE_DIR, else the user cache dir (platformdirs)."""
        if self.cache_dir is not None:
            return self.cache_dir / "llm-cache.sqlite3"
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("zongjie", appauthor=False)) / "llm-cache.sqlite3"

    def require_endpoint(self) -> None:
        """Raises BadInput when an endpoint is half configured."""
        if not self.base_url:
            raise BadInput("no model endpoint: give --provider NAME or --base-url URL (with --model NAME)")
        if not self.model:
            raise BadInput(f"no model name for {self.base_url}: give --model NAME (or ZONGJIE_MODEL)")
        if self.api_key is None and not self.is_local:
            raise BadInput(
                f"no API key for {self.base_url}: set ZONGJIE_API_KEY (or OPENAI_API_KEY) in the environment or .env"
            )


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a model endpoint, or None. Checked when given, so a typo fails at once instead
    of after a minute of retries."""
    from urllib.parse import urlsplit

    text = url.strip()
    if any(ord(c) < 32 or c.isspace() for c in text):
        return f"{url[:80]!r} is not a URL (it holds spaces or control characters); e.g. http://127.0.0.1:8080/v1"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return f"{url[:80]!r} is not a URL; e.g. http://127.0.0.1:8080/v1"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{url[:80]!r} is not an http(s) URL; e.g. http://127.0.0.1:8080/v1"
    if url_credentials(text):
        return (
            "the URL holds a user name or password; they would end up in the workspace and its logs: "
            "give the key in ZONGJIE_API_KEY (or OPENAI_API_KEY) instead"
        )
    return None


def same_endpoint(a: str | None, b: str | None) -> bool:
    """Two base URLs name the same endpoint (case of scheme and host, a trailing / and default ports aside)."""
    from urllib.parse import urlsplit

    if not a or not b:
        return False

    def norm(url: str) -> tuple[str, str, int | None, str]:
        parts = urlsplit(url.strip())
        default = {"http": 80, "https": 443}.get(parts.scheme.lower())
        port = parts.port if parts.port != default else None
        return (parts.scheme.lower(), (parts.hostname or "").lower(), port, parts.path.rstrip("/"))

    try:
        return norm(a) == norm(b)
    except ValueError:
        return False


ENV_FILE = Path(".env")
TOML_FILE = Path("zongjie.toml")


def _env_file_encoding() -> str:
    """.env is read by pydantic-settings; one saved by Notepad as "ANSI" (GB18030) is read as such with a
    warning, and one that is not text is refused here, naming it, instead of a traceback there."""
    try:
        with ENV_FILE.open("rb") as fh:
            data = fh.read(max_input_bytes() + 1)
    except OSError:
        return "utf-8"  # missing or unreadable: pydantic-settings skips a missing file
    if len(data) > max_input_bytes():
        raise BadInput(f".env: {ENV_FILE.resolve()}: too large to be a settings file")
    _, legacy = decode(data, ".env", str(ENV_FILE.resolve()))
    if legacy:
        warn_stderr(f"warning: {ENV_FILE.resolve()} is not UTF-8; read it as GB18030. Save it as UTF-8")
        return "gb18030"
    return "utf-8"


def _check_toml() -> None:
    """zongjie.toml must be readable UTF-8 TOML; every command says so the same way (exit 2, line named)."""
    import tomllib

    if not TOML_FILE.is_file():
        return
    from zongjie.files import read_text

    text = read_text(TOML_FILE, "config file zongjie.toml")
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"config file {TOML_FILE.resolve()}: not valid TOML: {exc}") from None


def load_settings(**overrides: Any) -> Settings:
    """Settings from every source; `overrides` are the CLI flags (None means 'not given')."""
    given = {k: v for k, v in overrides.items() if v is not None}
    _check_toml()
    encoding = _env_file_encoding()
    try:
        return Settings(_env_file_encoding=encoding, **given)
    except ValidationError as exc:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise BadInput(
            "invalid configuration (flags, ZONGJIE_* environment, .env or zongjie.toml)", problems
        ) from None
