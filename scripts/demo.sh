#!/usr/bin/env bash
# The main job, end to end: sets up, builds the extension against a local ReelRifter stand-in,
# and opens Chromium with it loaded and connected.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec npx tsx scripts/demo.ts "$@"
