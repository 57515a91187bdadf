"""Tenants of a running bot, reloaded when their files change; a broken edit never goes live."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
from pathlib import Path

from voicebot.errors import UserError
from voicebot.nlu.loader import load_tenant, tenant_folders
from voicebot.nlu.model import Tenant, tenant_dialed
from voicebot.nlu.source import Problem, did_you_mean
from voicebot.nlu.understand import TenantNLU
from voicebot.privacy import mask

log = logging.getLogger(__name__)


def _fingerprint(folder: Path) -> str:
    """A hash of every file's name and bytes in a tenant folder (catches same-mtime edits)."""
    digest = hashlib.sha1()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


class TenantRegistry:
    """Loaded tenants with their NLU; `reload()` swaps in changed folders that load cleanly."""

    def __init__(self, intents_dir: Path, *, loaded_elsewhere: bool = False) -> None:
        """loaded_elsewhere: the folders as they are now were loaded by the caller (a server
        at start); only later edits are loaded here."""
        self.intents_dir = intents_dir
        self._lock = threading.Lock()
        self._tenants: dict[str, tuple[Tenant, TenantNLU]] = {}
        self._fingerprints: dict[Path, str] = {}
        self.problems: dict[Path, list[Problem]] = {}  # of rejected edits, per folder
        if loaded_elsewhere:
            self._fingerprints = {f: _fingerprint(f) for f in tenant_folders(intents_dir)}
        else:
            self.reload()

    def reload(self) -> list[str]:
        """Re-reads changed tenant folders; returns the ids that were swapped in."""
        swapped: list[str] = []
        for folder in tenant_folders(self.intents_dir):
            fingerprint = _fingerprint(folder)
            if self._fingerprints.get(folder) == fingerprint:
                continue
            self._fingerprints[folder] = fingerprint
            tenant, problems = load_tenant(folder)
            if tenant is None:
                self.problems[folder] = problems
                for problem in problems:
                    log.error("tenant edit rejected, last good version stays: %s", mask(problem))
                continue
            nlu = TenantNLU(tenant)  # built before the swap: calls never see a half-loaded tenant
            with self._lock:
                self._tenants[tenant.id] = (tenant, nlu)
            self.problems.pop(folder, None)
            swapped.append(tenant.id)
            log.info(
                "tenant %s loaded from %s (%d intents)", tenant.id, folder, len(tenant.intents)
            )
        return swapped

    async def watch(self, interval_s: float = 2.0) -> None:
        """Polls the folders every `interval_s` seconds until cancelled (reload off the loop)."""
        while True:
            await asyncio.sleep(interval_s)
            await asyncio.to_thread(self.reload)

    def ids(self) -> list[str]:
        """Ids of the tenants currently live."""
        with self._lock:
            return sorted(self._tenants)

    def tenant(self, tenant_id: str) -> Tenant:
        """The live version of a tenant; UserError for an unknown id."""
        return self._entry(tenant_id)[0]

    def nlu(self, tenant_id: str) -> TenantNLU:
        """The NLU built for the live version of a tenant."""
        return self._entry(tenant_id)[1]

    def _entry(self, tenant_id: str) -> tuple[Tenant, TenantNLU]:
        with self._lock:
            entry = self._tenants.get(tenant_id)
            known = list(self._tenants)
        if entry is None:
            hint = did_you_mean(tenant_id, known)
            raise UserError(f"unknown tenant '{tenant_id}' in {self.intents_dir}{hint}")
        return entry

    def tenant_for_dialed(self, number: str) -> Tenant | None:
        """The live tenant a dialed number reaches (as `loader.tenant_for_dialed`), or None."""
        with self._lock:
            tenants = [t for t, _ in self._tenants.values()]
        return tenant_dialed(tenants, number)
