#!/usr/bin/env bash
# The whole test suite (run by `npm test` after scripts/setup.sh, and by CI through .ci/run).
# Every step runs even when an earlier one fails, so one run shows every failure; the exit
# code is non-zero if any step failed. The last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 STORYBOOK_DISABLE_TELEMETRY=1 FORCE_COLOR=0
mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json   # no stale report counts
failed=()
step() {
  local name=$1; shift
  printf '\n== %s\n' "$name"
  local start=$SECONDS
  if "$@"; then echo "== $name: ok ($((SECONDS - start)) s)"; else echo "== $name: FAILED ($((SECONDS - start)) s)"; failed+=("$name"); fi
}

step "typecheck (packages, apps, e2e, stories)" bash -c "pnpm -r --reporter=append-only run typecheck && pnpm exec tsc -p e2e/tsconfig.json"
step "package exports (publint --strict, attw --pack)" bash -c '
  for p in packages/core packages/react packages/server; do
    pnpm exec publint --strict "$p" || exit 1
    # attw skips pattern exports ("./locales/*"): name every language entry the build made.
    langs=$(cd "$p" && ls dist/locales/*.js dist/pasby/locales/*.js 2>/dev/null | sed -E "s#^dist/(.*)[.]js\$#./\1#")
    (cd "$p" && ../../node_modules/.bin/attw --pack . --profile esm-only --quiet ${langs:+--include-entrypoints $langs}) || exit 1
  done'
step "unit and integration tests (vitest)" pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
step "bundle size (<PASSIDVerify> with push ≤ 15.5 KB gzip)" node scripts/bench-size.mjs --max=15.5
step "storybook build" pnpm run storybook:build
step "browser end-to-end tests (playwright, chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json PLAYWRIGHT_JSON_OUTPUT_FILE=test-results/playwright.json pnpm exec playwright test --reporter=list,json

node scripts/test-summary.mjs "${failed[@]}"
[ ${#failed[@]} -eq 0 ]
