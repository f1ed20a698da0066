#!/usr/bin/env bash
# Installs what the demo and the tests need: npm packages, and Debian's Chromium and Firefox ESR
# when they are absent. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ "${1:-}" = "--with-firefox" ]; then
  command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from Debian…"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # Exactly the locked versions; the lock lists every platform's optional packages, so it stays as it is.
  npm ci --no-fund --no-audit --loglevel=error
else
  # WXT's generated types (.wxt/) follow the locales and entrypoints, which change without the lock file.
  npx wxt prepare >/dev/null
fi
