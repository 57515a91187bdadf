"""What the bot says: the language defaults (voicebot.nlu.prompts), overridden per tenant."""

from __future__ import annotations

from collections.abc import Mapping

from voicebot.nlu.prompts import DEFAULT_PROMPTS


class Prompts:
    """Prompt texts of one tenant: its own `prompts:` first, then the language defaults."""

    def __init__(self, language: str, overrides: Mapping[str, str] | None = None) -> None:
        self.language = language if language in DEFAULT_PROMPTS else "de"
        self._defaults = dict(DEFAULT_PROMPTS[self.language])
        self._texts = {**self._defaults, **dict(overrides or {})}

    def has(self, key: str) -> bool:
        return key in self._texts

    def say(self, key: str, /, **values: object) -> str:
        """The prompt `key` with `{placeholders}` filled; unknown placeholders stay visible."""
        text = self._texts.get(key) or self._defaults.get(key, key)
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text
