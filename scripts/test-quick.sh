#!/usr/bin/env bash
# The quick tier, for the loop while you work (a few minutes): format, lint and types; unit tests;
# and one end-to-end smoke test in each browser (an episode scrobbled in Chromium; the popup
# connecting in Firefox). CI runs everything: `bash scripts/test.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-firefox
npm run --silent check
npx vitest run
E2E_WORKERS=2 npx playwright test \
  -g 'an episode gives one watching and one watched with the right fields|the popup refuses a malformed token'
