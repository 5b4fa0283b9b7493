#!/usr/bin/env node
// Prints the closing line of the test suite, "N passed, N failed", from the JSON reports
// of vitest and Playwright, plus the names of the steps that failed (argv).
import { readFileSync, existsSync } from 'node:fs';

const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);
let passed = 0;
let failed = 0;
const vitest = read('test-results/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
}
const pw = read('test-results/playwright.json');
if (pw?.stats) {
  passed += pw.stats.expected + (pw.stats.flaky ?? 0);
  failed += pw.stats.unexpected;
}
const failedSteps = process.argv.slice(2);
console.log('');
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join('; ')}`);
// A failed step that is not a test runner (typecheck, build, size) counts as one failure.
// So does a runner's step that failed with no failed test in its report (vitest's global
// set-up failed, e.g. redis-server missing, or the report was never written).
const extra = failedSteps.filter(
  (s) => !/vitest|playwright/.test(s) || (/vitest/.test(s) && !vitest?.numFailedTests) || (/playwright/.test(s) && !pw?.stats?.unexpected),
).length;
console.log(`${passed} passed, ${failed + extra} failed`);
