"""Masking of personal data (customer numbers, phone numbers, names, transcripts) for logs."""

from __future__ import annotations

import logging
import re

from voicebot.payment_secrets import mask_secrets

_DIGIT_RUN = re.compile(r"(?:\d[ \t\-/]?){5,}")  # 5+ digits, possibly grouped: numbers, phones


def mask_digits(text: str) -> str:
    """Replaces every run of 5 or more digits (spaces/dashes allowed) by '*' keeping the last 2."""

    def _mask(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        trail = match.group(0)[len(match.group(0).rstrip()) :]
        return "*" * (len(digits) - 2) + digits[-2:] + trail

    return _DIGIT_RUN.sub(_mask, text)


def mask_transcript(text: str) -> str:
    """A transcript for logs: card numbers, PINs and digits masked, words cut after the first 3."""
    words = mask_digits(mask_secrets(text)).split()
    if len(words) <= 3:
        return " ".join(words)
    return " ".join(words[:3]) + f" …(+{len(words) - 3} words)"


def mask(text: object) -> str:
    """Generic log masking: digit runs masked. Use mask_transcript for caller speech."""
    return mask_digits(str(text))


class MaskingFilter(logging.Filter):
    """Log filter that masks digit runs in every formatted message (defence in depth)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_digits(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def configure_logging(level: str = "INFO") -> None:
    """Structured-ish logging for the whole process, with masking on every handler."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
