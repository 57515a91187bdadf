#!/usr/bin/env bash
# Idempotent set-up on Debian 12: apt packages, virtualenv, the package, the embedded speech model.
# Usage: scripts/setup.sh [--dev]   (--dev adds test tools: redis, chromium, sip peers, pytest...)
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=0; [ "${1:-}" = "--dev" ] && DEV=1
SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"

apt_pkgs=(espeak-ng libespeak-ng1 libportaudio2 libttspico-utils sox libsndfile1)
[ $DEV = 1 ] && apt_pkgs+=(redis-server chromium baresip-core sip-tester)

missing=()
for p in "${apt_pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  # SVOX Pico lives in Debian's non-free section: add it next to the main mirror once.
  if [ ! -f /etc/apt/sources.list.d/voicebot-nonfree.sources ]; then
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    uri=${uri:-http://deb.debian.org/debian}
    printf 'Types: deb\nURIs: %s\nSuites: bookworm\nComponents: contrib non-free\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" \
      | $SUDO tee /etc/apt/sources.list.d/voicebot-nonfree.sources >/dev/null
  fi
  echo "voicebot setup: installing apt packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=.venv/.voicebot-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ "$DEV" = 1 -a ! -f "$stamp.dev" ]; then
  .venv/bin/pip install -q --upgrade pip
  if [ $DEV = 1 ]; then .venv/bin/pip install -q -e '.[dev]'; touch "$stamp.dev"; else .venv/bin/pip install -q -e .; fi
  touch "$stamp"
fi
.venv/bin/voicebot models install
