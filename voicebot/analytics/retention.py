"""Audio kept per tenant (`record_audio`, `retention_days` in tenant.yaml) and its deletion.

Audio is off unless a tenant says `record_audio: true`; kept files live under
`<data_dir>/recordings/<tenant>/<call_id>.wav` and are deleted `retention_days` after the call
(default 30) by `voicebot calls purge` and at server start. Records themselves (masked
transcripts, figures) stay until `--records-days` asks to drop them too.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from voicebot.analytics.store import CallRecordStore

log = logging.getLogger(__name__)
DEFAULT_RETENTION_DAYS = 30
DAY_S = 86_400.0


@dataclass(frozen=True, slots=True)
class AudioPolicy:
    """Whether a tenant's calls keep the caller audio, and for how long."""

    record_audio: bool = False
    retention_days: int = DEFAULT_RETENTION_DAYS


def audio_policy(folder: Path | None) -> AudioPolicy:
    """The policy in `<folder>/tenant.yaml` (keys validated by the tenant schema)."""
    if folder is None or not (folder / "tenant.yaml").is_file():
        return AudioPolicy()
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((folder / "tenant.yaml").read_text(encoding="utf-8")) or {}
    days = data.get("retention_days", DEFAULT_RETENTION_DAYS)
    return AudioPolicy(bool(data.get("record_audio", False)), int(days))


@dataclass(frozen=True, slots=True)
class PurgeResult:
    """What one purge did, per the whole store."""

    audio_files: int
    records: int


async def purge(
    store: CallRecordStore,
    policies: dict[str, AudioPolicy],
    *,
    now: float | None = None,
    records_days: int | None = None,
    only: str | None = None,
) -> PurgeResult:
    """Deletes audio past each tenant's retention (and records older than `records_days`)."""
    now = time.time() if now is None else now
    files = records = 0
    tenants = sorted(set(policies) | set(await store.tenants()))
    for tenant in [only] if only else tenants:
        policy = policies.get(tenant, AudioPolicy())
        cutoff = now - policy.retention_days * DAY_S
        if records_days is not None:  # a deleted record takes its audio along
            cutoff = max(cutoff, now - records_days * DAY_S)
        expired = await store.with_audio_before(tenant, cutoff)
        files += await asyncio.to_thread(_delete_files, [r.audio_path or "" for r in expired])
        await store.drop_audio(r.call_id for r in expired)
        if records_days is not None:
            records += await store.delete_before(tenant, now - records_days * DAY_S)
    if files or records:
        log.info("purge: deleted %d audio file(s), %d record(s)", files, records)
    return PurgeResult(files, records)


def _delete_files(paths: list[str]) -> int:
    """Deletes the files that exist; returns how many."""
    deleted = 0
    for name in paths:
        path = Path(name)
        if name and path.is_file():
            path.unlink()
            deleted += 1
    return deleted
