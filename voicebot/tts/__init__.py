"""Text to speech: Synthesizer interface, SVOX Pico and pyttsx3/espeak-ng backends, prompt cache."""

from voicebot.tts.cache import PromptCache, load_prompt_cache
from voicebot.tts.choice import load_synthesizer
from voicebot.tts.speak import Speak
from voicebot.tts.synthesizer import Synthesizer, TtsError

__all__ = [
    "PromptCache",
    "Speak",
    "Synthesizer",
    "TtsError",
    "load_prompt_cache",
    "load_synthesizer",
]
