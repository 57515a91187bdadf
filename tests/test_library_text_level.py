"""Every replay case, and every held-out one, holds at the text level: the dialog with the real
NLU, fed the transcripts as heard perfectly (scripts/make_fixtures.py --check-text). A dialog
change that breaks a case's flow shows here without any audio."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path

import pytest

from voicebot.dialog.textcall import CallServices

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = [ROOT / "audio_fixtures" / "library.yaml", ROOT / "benchmarks/data/replay_heldout.yaml"]


def make_fixtures():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_fixtures", ROOT / "scripts/make_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_fixtures"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("library", LIBRARIES, ids=lambda p: p.parent.name)
def test_every_case_holds_at_the_text_level(library: Path, tenants, tenant_nlu) -> None:
    script = make_fixtures()
    services = CallServices(tenants, nlu_for=tenant_nlu)
    specs = script.read_library(library)
    assert len(specs) >= 20
    problems = [p for s in specs if (p := asyncio.run(script.check_text(s, services)))]
    assert problems == []
