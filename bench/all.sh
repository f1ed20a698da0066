#!/usr/bin/env bash
# Every benchmark, one after the other (they share the machine's two cores, so never at once).
# Each prints its figures; this exits non-zero when any of them missed a budget, after all have run.
# `npm run bench` (about 50 minutes: the outbox's 60-a-minute ceiling alone takes 17 of them); it prints how long it took.
set -u
cd "$(dirname "$0")/.."
failed=()
started=$(date +%s)
for bench in size popup playback outbox import; do
  echo "== bench:$bench"
  npx tsx "bench/$bench.ts" || failed+=("$bench")
  echo
done
elapsed=$(( $(date +%s) - started ))
echo "npm run bench took $(( elapsed / 60 )) min $(( elapsed % 60 )) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "over budget or broken: ${failed[*]}" >&2
  exit 1
fi
echo "all benchmarks within budget"
