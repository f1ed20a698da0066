#!/usr/bin/env bash
# The whole suite, as CI runs it: format, lint and types; Firefox's store linter; unit tests; then
# end-to-end tests in real Chromium and Firefox ESR against the stand-in server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-firefox

npm run --silent check
WXT_OUT_DIR=.output/lint npx wxt build -b firefox >/dev/null
npx web-ext lint --source-dir .output/lint/firefox-mv2 --warnings-as-errors --no-input
npx vitest run
npx playwright test
