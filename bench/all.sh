#!/usr/bin/env bash
# Every benchmark, one after the other (they share the machine's two cores, so never at once).
# Each prints its figures; this exits non-zero when any of them missed a budget, after all have run.
# `npm run bench` (about 35 minutes: the outbox's 60-a-minute ceiling alone takes 17 of them).
set -u
cd "$(dirname "$0")/.."
failed=()
for bench in size popup playback outbox; do
  echo "== bench:$bench"
  npx tsx "bench/$bench.ts" || failed+=("$bench")
  echo
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "over budget or broken: ${failed[*]}" >&2
  exit 1
fi
echo "all benchmarks within budget"
