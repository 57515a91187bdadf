#!/usr/bin/env bash
# Sets up everything (idempotent) and starts the bot on its embedded default.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/voicebot transcribe voicebot/audio/samples/hallo-nordwelle.wav --lang de
