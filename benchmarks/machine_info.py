"""What every benchmark result states about the machine it ran on."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Callable
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine(**extra: object) -> dict[str, object]:
    """CPU, cores, Python and the load average now (other jobs may share the CPU), plus extra."""
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "load_average": os.getloadavg(),
        **extra,
    }


def describe() -> str:
    """One line for a markdown table's header: 'AMD EPYC …, 2 cores, Python 3.11.7'."""
    return f"{cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_results(
    results: Path, name: str, summary: dict, write_markdown: Callable[[dict, Path], None]
) -> None:
    """results/<name>.json and .md from one summary, and the table printed."""
    results.mkdir(parents=True, exist_ok=True)
    (results / f"{name}.json").write_text(json.dumps(summary, indent=2) + "\n")
    write_markdown(summary, results / f"{name}.md")
    print((results / f"{name}.md").read_text())
