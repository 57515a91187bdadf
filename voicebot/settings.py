"""One frozen settings object, built once at start: flags > VOICEBOT_* env > defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Settings:
    intents_dir: Path = PROJECT_ROOT / "intents"
    models_dir: Path = PROJECT_ROOT / "models"
    data_dir: Path = PROJECT_ROOT / "var"  # SQLite files, prompt cache, call records
    queue_url: str = ""  # "" -> sqlite file in data_dir; "redis://host:port/0" for several nodes
    asr_backend: str = "whisper"  # whisper | vosk
    asr_threads: int = 2
    asr_workers: int = 2  # concurrent decodes sharing one model
    tts_backend: str = "auto"  # auto | pico | pyttsx3
    max_calls: int = 20  # beyond this new calls hear "all lines busy"
    max_call_s: float = 900.0
    log_level: str = "INFO"
    allowed_origins: str = ""  # comma list of other sites' origins allowed to call the API/pages
    # Twilio account auth token: when set, WS /twilio takes only streams signed with it
    # (X-Twilio-Signature); twilio_url is the stream URL as written in the TwiML (wss://…),
    # needed behind a proxy that changes the host or scheme
    twilio_auth_token: str = ""
    twilio_url: str = ""
    # the account at the PBX or SIP trunk that outbound calls go through (`survey dial --via`),
    # for trunks that challenge an INVITE (digest auth, 401/407); the password only from the
    # environment, never a flag (it would show in the process list)
    sip_user: str = ""
    sip_password: str = ""

    @property
    def queue_db(self) -> str:
        return self.queue_url or f"sqlite:///{self.data_dir / 'voicebot.db'}"

    def with_overrides(self, **overrides: object) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def load_settings(env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Defaults, then VOICEBOT_* variables, then explicit overrides (command-line flags)."""
    env = os.environ if env is None else env
    s = Settings()
    from_env: dict[str, object] = {}
    paths = {
        "intents_dir": "VOICEBOT_INTENTS",
        "models_dir": "VOICEBOT_MODELS",
        "data_dir": "VOICEBOT_DATA",
    }
    for key, var in paths.items():
        if env.get(var):
            from_env[key] = Path(env[var])
    strings = {
        "queue_url": "VOICEBOT_QUEUE",
        "asr_backend": "VOICEBOT_ASR",
        "tts_backend": "VOICEBOT_TTS",
        "log_level": "VOICEBOT_LOG_LEVEL",
        "allowed_origins": "VOICEBOT_ORIGINS",
        "twilio_auth_token": "VOICEBOT_TWILIO_AUTH_TOKEN",
        "twilio_url": "VOICEBOT_TWILIO_URL",
        "sip_user": "VOICEBOT_SIP_USER",
        "sip_password": "VOICEBOT_SIP_PASSWORD",
    }
    for key, var in strings.items():
        if env.get(var):
            from_env[key] = env[var]
    ints = {
        "asr_threads": "VOICEBOT_ASR_THREADS",
        "asr_workers": "VOICEBOT_ASR_WORKERS",
        "max_calls": "VOICEBOT_MAX_CALLS",
    }
    for key, var in ints.items():
        if env.get(var):
            try:
                from_env[key] = int(env[var])
            except ValueError as exc:
                raise ValueError(f"{var}={env[var]!r} is not a whole number") from exc
    return s.with_overrides(**from_env).with_overrides(**overrides)
