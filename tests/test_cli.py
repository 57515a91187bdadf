import subprocess
import sys


def test_voicebot_command_prints_help_and_version():
    out = subprocess.run([sys.executable, "-m", "voicebot.cli", "--help"], capture_output=True,
                         text=True, check=True).stdout
    assert "version" in out
    ver = subprocess.run([sys.executable, "-m", "voicebot.cli", "version"], capture_output=True,
                         text=True, check=True).stdout
    assert ver.strip() == "0.1.0"
