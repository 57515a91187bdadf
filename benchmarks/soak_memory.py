"""Does memory grow per call, or only with the calls in flight? The whole app on uvicorn in this
process, the soak's caller (benchmarks/soak.py) making calls in batches; after each batch has
ended: garbage collection, RSS, Python objects by type (the types that grew most), the kept
records and cached prompts, and with --trace the tracemalloc difference (NumPy buffers
included) from the first batch to the last. Prints; nothing is written.

    .venv/bin/python benchmarks/soak_memory.py --calls 48 --at-once 4 --batch 8 --trace
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import gc
import os
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.faults import free_port  # noqa: E402
from benchmarks.soak import SENTENCE, one_call, rss_mib  # noqa: E402


def by_type() -> collections.Counter[str]:
    return collections.Counter(type(o).__name__ for o in gc.get_objects())


async def measure(total: int, at_once: int, batch: int, trace: bool) -> None:
    import uvicorn

    from voicebot.audio.resample import pcm_at_rate
    from voicebot.server.app import create_app
    from voicebot.settings import load_settings
    from voicebot.tts.pico import PicoSynthesizer

    os.environ.setdefault("VOICEBOT_DATA", tempfile.mkdtemp(prefix="voicebot-soak-memory-"))
    settings = load_settings().with_overrides(max_calls=at_once + 5, log_level="WARNING")
    app = create_app(settings)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:  # noqa: ASYNC110
        await asyncio.sleep(0.05)
    url = f"ws://127.0.0.1:{server.config.port}"
    pcm, rate = PicoSynthesizer().synthesize(SENTENCE, "de")
    words = pcm_at_rate(pcm, rate, 16000)
    stats: dict[str, Any] = {"latency_s": [], "greeting_s": []}
    for _ in range(2):  # models, caches and the first sockets settle
        await one_call(url, words, stats, time.monotonic())
    live = app.state.live_calls
    if trace:
        tracemalloc.start(25)
    gc.collect()
    base, first = by_type(), tracemalloc.take_snapshot() if trace else None
    print(f"after warm-up: RSS {rss_mib(os.getpid()):.0f} MiB", flush=True)
    gate, failed, done = asyncio.Semaphore(at_once), [], 0

    async def call() -> None:
        async with gate:
            try:
                await one_call(url, words, stats, time.monotonic())
            except Exception as exc:  # e.g. Busy: counted
                failed.append(f"{type(exc).__name__}: {exc}"[:120])

    started = time.monotonic()
    while done < total:
        await asyncio.gather(*(call() for _ in range(batch)))
        done += batch
        gc.collect()
        now = by_type()
        grew = sorted(((now[k] - base.get(k, 0), k) for k in now), reverse=True)[:5]
        print(
            f"{time.monotonic() - started:5.0f} s  calls {done:4d}  RSS {rss_mib(os.getpid()):5.0f}"
            f" MiB  objects {sum(now.values())}  records {len(live.records)}  prompts in"
            f" memory {live.prompts.memory_held // 1024} KiB  failed {len(failed)}  grew {grew}",
            flush=True,
        )
    if first is not None:
        for stat in tracemalloc.take_snapshot().compare_to(first, "traceback")[:8]:
            print(stat, *stat.traceback.format()[-6:], sep="\n    ")
    print("failures:", failed[:5])
    server.should_exit = True
    thread.join(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=48)
    parser.add_argument("--at-once", type=int, default=4)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--trace", action="store_true", help="tracemalloc difference at the end")
    args = parser.parse_args()
    asyncio.run(measure(args.calls, args.at_once, args.batch, args.trace))


if __name__ == "__main__":
    main()
