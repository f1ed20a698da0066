#!/usr/bin/env bash
# The whole suite, as CI runs it: format, lint and types; Firefox's store linter; unit tests; then
# end-to-end tests in real Chromium and in real Firefox ESR against the stand-in server, three
# Playwright workers at a time (E2E_WORKERS sets another count). Every stage runs even when an
# earlier one fails; the end prints each stage's time and the ten slowest tests, and the exit code
# is not zero when any stage failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-firefox || exit 1

stages=()
failed=0
started=$SECONDS
stage() {
  local name=$1
  shift
  local at=$SECONDS
  echo "── ${name}"
  if "$@"; then stages+=("$(printf '%-14s %5ss  ok' "$name" $((SECONDS - at)))")
  else
    stages+=("$(printf '%-14s %5ss  FAILED' "$name" $((SECONDS - at)))")
    failed=1
  fi
}
amo_lint() {
  WXT_OUT_DIR=.output/lint npx wxt build -b firefox >/dev/null &&
    npx web-ext lint --source-dir .output/lint/firefox-mv2 --warnings-as-errors --no-input
}

rm -f .output/e2e-chromium.json .output/e2e-firefox.json
stage check npm run --silent check
stage "AMO lint" amo_lint
stage unit npx vitest run
stage "Chromium e2e" env E2E_REPORT=.output/e2e-chromium.json npx playwright test --project=chromium
# The Chromium stage built every slot for both browsers.
stage "Firefox e2e" env E2E_SKIP_BUILD=1 E2E_REPORT=.output/e2e-firefox.json npx playwright test --project=firefox

echo
echo "Stages (total $((SECONDS - started))s):"
printf '  %s\n' "${stages[@]}"
npx tsx scripts/slowest-tests.ts .output/e2e-chromium.json .output/e2e-firefox.json || true
exit $failed
