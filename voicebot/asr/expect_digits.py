"""Digit strings read digit by digit: the utterance cut into one chunk per expected digit.

Callers say customer numbers digit by digit with small pauses. When the audio can be cut into
exactly as many word-sized chunks as digits are expected, each chunk is scored against the ten
digit words on the encoder output around it (the utterance is encoded once), which gives a
per-digit posterior. That reading counts only where it agrees with the whole-utterance reading
(expect_whisper.decide_digits): a wrong cut gives a wrong reading, but rarely the same one.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

HOP = 160  # 10 ms frames at 16 kHz
RATE = 16000
LEVELS = (0.4, 0.5, 0.3)  # speech threshold between noise floor and peak level (dB), tried in turn
MIN_GAP = 8  # frames: a shorter dip does not separate two words
MIN_WORD = 6  # frames: shorter bursts are clicks, not words
MIN_PIECE = 12  # frames: a run-together stretch is split no closer than this to its ends
DIGIT_WORDS = {
    "de": ("null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
}


def digit_forms(language: str) -> list[tuple[int, str]]:
    """(digit, text) as Whisper may write one spoken digit: "4", "vier", "Vier"."""
    words = DIGIT_WORDS.get(language.lower()[:2], DIGIT_WORDS["en"])
    return [(d, f) for d, w in enumerate(words) for f in (str(d), w, w.capitalize())]


def cut_words(
    samples: npt.NDArray[np.int16], count: int
) -> tuple[list[tuple[float, float]], bool] | None:
    """count (start s, end s) chunks of 16 kHz audio, and whether pauses alone separated them.

    Words are runs of frames above a level between the noise floor and the peak; runs closer
    than MIN_GAP merge. With fewer runs than count, the run with the deepest inner dip is split
    there (digits said without pauses); with more, the next level is tried.
    """
    if count < 1 or len(samples) < count * MIN_WORD * HOP:
        return None
    level = _smoothed_db(samples)
    floor, peak = np.percentile(level, 10), np.percentile(level, 98)
    for share in LEVELS:
        runs = _runs(level > floor + share * (peak - floor))
        if len(runs) > count:
            continue
        paused = len(runs) == count
        while len(runs) < count and _split_deepest(runs, level):
            pass
        if len(runs) == count:
            return [(a * HOP / RATE, b * HOP / RATE) for a, b in runs], paused
    return None


def _smoothed_db(samples: npt.NDArray[np.int16]) -> npt.NDArray[np.float64]:
    frames = len(samples) // HOP
    power = (samples[: frames * HOP].astype(np.float64).reshape(frames, HOP) ** 2).mean(axis=1)
    return np.convolve(10 * np.log10(power + 1.0), np.ones(3) / 3, mode="same")


def _runs(on: npt.NDArray[np.bool_]) -> list[list[int]]:
    """[start, end) frame runs of on, gaps under MIN_GAP merged, bursts under MIN_WORD dropped."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], on.astype(np.int8), [0]])))
    merged: list[list[int]] = []
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        if merged and start - merged[-1][1] < MIN_GAP:
            merged[-1][1] = int(end)
        else:
            merged.append([int(start), int(end)])
    return [r for r in merged if r[1] - r[0] >= MIN_WORD]


def _split_deepest(runs: list[list[int]], level: npt.NDArray[np.float64]) -> bool:
    """Splits the run with the deepest inner dip at that dip; False when none can be split."""
    best: tuple[float, int, int] | None = None
    for index, (start, end) in enumerate(runs):
        if end - start <= 2 * MIN_PIECE:
            continue
        cut = start + MIN_PIECE + int(np.argmin(level[start + MIN_PIECE : end - MIN_PIECE]))
        depth = min(level[start:cut].max(), level[cut:end].max()) - level[cut]
        if best is None or depth > best[0]:
            best = (depth, index, cut)
    if best is None:
        return False
    _, index, cut = best
    start, end = runs[index]
    runs[index : index + 1] = [[start, cut], [cut, end]]
    return True
