#!/usr/bin/env bash
# One-time (idempotent) set-up for a fresh machine that has only Node 20 and npm:
# pnpm 10, the workspace's dependencies, Debian's Chromium for browser tests, Debian's
# redis-server for the Redis tests, and a build.
# Used by `npm run demo` and `npm test`; safe to run again (each step is skipped when done).
set -euo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1   # never let Playwright download a browser
export STORYBOOK_DISABLE_TELEMETRY=1

if [[ -t 1 ]]; then say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }; else say() { printf '[setup] %s\n' "$*"; }; fi

# 1. pnpm 10 (pnpm 11+ needs Node 22; corepack does not work on this machine).
if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != 10.* ]]; then
  say "installing pnpm 10 with npm"
  npm install --global --no-fund --no-audit pnpm@10 >/dev/null
fi

# 2. Dependencies (better-sqlite3 builds from source with the machine's g++, ~80 s the first time).
if [[ ! -f node_modules/.modules.yaml ]] || [[ pnpm-lock.yaml -nt node_modules/.modules.yaml ]]; then
  say "installing dependencies (pnpm install --frozen-lockfile)"
  log=$(mktemp)
  if ! pnpm install --frozen-lockfile --reporter=append-only >"$log" 2>&1; then
    cat "$log"; say "pnpm install failed"; exit 1
  fi
  tail -n 2 "$log"; rm -f "$log"
fi

# 3. Chromium from Debian (browser tests and screenshots). Only when we may install it.
if [[ "${PASSID_SKIP_CHROMIUM:-}" != 1 ]] && ! command -v chromium >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's chromium (for browser tests)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
  else
    say "chromium is not installed and cannot be installed here: browser tests will fail (install Debian's 'chromium')"
  fi
fi

# 3b. redis-server from Debian (the Redis tests start their own on a free port; nothing runs as
# a service). PASSID_SKIP_REDIS=1 skips it; the tests then leave the Redis tests out, and say so.
if [[ "${PASSID_SKIP_REDIS:-}" != 1 ]] && ! command -v redis-server >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's redis-server (for the Redis tests)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    say "redis-server is not installed and cannot be installed here: the Redis tests will fail (install Debian's 'redis-server', or set PASSID_SKIP_REDIS=1)"
  fi
fi

# 4. Build every package and app (topological order). Quiet unless it fails.
say "building packages and apps"
log=$(mktemp)
if ! pnpm -r --reporter=append-only run build >"$log" 2>&1; then
  cat "$log"; say "build failed"; exit 1
fi
rm -f "$log"
say "ready"
