#!/usr/bin/env bash
# Sets up everything (idempotent) and starts the bot with all demo tenants: call it from the
# browser at the /call address it prints, or from a softphone at sip:<number>@127.0.0.1:5060.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/voicebot serve --sip 127.0.0.1:5060
