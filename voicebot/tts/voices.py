"""Speaker variety for synthesised test fixtures: SVOX Pico at several tempos and pitches.

Pico's own `<speed>`/`<pitch>` tags change tempo and voice pitch inside the synthesiser (no
time-stretch artefacts); English alternates Pico's en-US and en-GB voices. The same
(text, language, n) always gives the same audio. Pico's lingware is Apache-2.0.
"""

from __future__ import annotations

from dataclasses import dataclass

from voicebot.tts.pico import PicoSynthesizer, pico_voice
from voicebot.tts.synthesizer import base_language, clean_text

# (tempo, pitch) factors, plain voice first; kept within what stays intelligible by telephone.
VARIANT_GRID: tuple[tuple[float, float], ...] = (
    (1.0, 1.0),
    (0.9, 0.8),
    (1.1, 1.2),
    (0.95, 0.7),
    (1.05, 1.3),
    (0.85, 0.9),
    (1.15, 1.1),
    (1.0, 0.75),
    (0.9, 1.25),
    (1.1, 0.85),
)
PICO_EN_VOICES = ("en-US", "en-GB")


@dataclass(frozen=True, slots=True)
class VoiceVariant:
    """One synthetic speaker's rendering of a text."""

    label: str  # e.g. "pico-de-DE-t0.9-p0.8": voice, tempo factor, pitch factor
    pcm: bytes  # 16-bit mono
    sample_rate: int  # Hz
    tempo: float  # 1.0 = Pico's normal speed
    pitch: float  # 1.0 = the voice's normal pitch


def variant_voices(language: str, n: int) -> list[tuple[str, float, float]]:
    """(pico voice, tempo, pitch) of the first n variants for a language; deterministic."""
    if n < 1:
        raise ValueError(f"n={n}: ask for at least one variant")
    english = base_language(language) == "en" and "-" not in language.replace("_", "-")
    voices = PICO_EN_VOICES if english else (pico_voice(language),)
    combos = [(voice, t, p) for (t, p) in VARIANT_GRID for voice in voices]
    if n > len(combos):
        raise ValueError(f"n={n}: at most {len(combos)} variants for {language!r}")
    return combos[:n]


def synthesize_variants(
    text: str, language: str, n: int, pico: PicoSynthesizer | None = None
) -> list[VoiceVariant]:
    """n renderings of text by different synthetic speakers (Pico, tempo and pitch shifted)."""
    pico = pico or PicoSynthesizer()
    spoken = clean_text(text)
    variants = []
    for voice, tempo, pitch in variant_voices(language, n):
        markup = (
            f'<speed level="{round(tempo * 100)}"><pitch level="{round(pitch * 100)}">'
            f"{spoken}</pitch></speed>"
        )
        pcm, rate = pico.synthesize_markup(markup, voice)
        label = f"pico-{voice}-t{tempo:g}-p{pitch:g}"
        variants.append(VoiceVariant(label, pcm, rate, tempo, pitch))
    return variants
