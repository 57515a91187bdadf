"""`voicebot serve --sip HOST:PORT` on an address it cannot use: one line, exit 1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.plugins.servers import free_port


def serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VOICEBOT_DATA": str(tmp_path / "var")}
    command = [sys.executable, "-m", "voicebot.cli", "serve", "--port", str(free_port()), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_serving_sip_on_a_taken_udp_port_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as other_sip_server:
        other_sip_server.bind(("127.0.0.1", 0))
        taken = other_sip_server.getsockname()[1]
        done = serve(tmp_path, "--sip", f"127.0.0.1:{taken}")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert f"--sip 127.0.0.1:{taken}" in lines[0] and "Traceback" not in done.stderr


def test_a_sip_address_without_a_port_is_a_one_line_error(tmp_path: Path) -> None:
    done = serve(tmp_path, "--sip", "127.0.0.1")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "HOST:PORT" in done.stderr


def test_registering_at_a_pbx_needs_the_address_it_calls_and_a_port(tmp_path: Path) -> None:
    done = serve(tmp_path, "--register", "127.0.0.1:5060")
    assert done.returncode == 1 and "give --sip too" in done.stderr, done.stderr
    done = serve(tmp_path, "--sip", f"127.0.0.1:{free_port()}", "--register", "pbx.example")
    assert done.returncode == 1
    assert "--register 'pbx.example': give HOST:PORT" in done.stderr, done.stderr
