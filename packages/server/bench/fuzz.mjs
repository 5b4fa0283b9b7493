#!/usr/bin/env node
/**
 * `pnpm bench:fuzz [count] [seed]` (after `pnpm build`): the API fuzz of bench/fuzz-harness.mjs
 * over the built sandbox and proxy. Defaults: 10,000 requests, seed 20261202. Exits 1 on any
 * 5xx, hang, stored refusal or unhealthy end.
 */
import { runFuzz } from './fuzz-harness.mjs';

const count = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? 20_261_202);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: pnpm bench:fuzz [count ≥ 1] [integer seed]');
  process.exit(2);
}
console.log(`[passid] fuzz: ${count} requests, seed ${seed}, one at a time…`);
const result = await runFuzz({ seed, count, onProgress: (done) => console.log(`  ${done} sent`) });
const seconds = (result.durationMs / 1000).toFixed(1);
console.log(`\nrequests   ${result.count} in ${seconds} s (${Math.round(result.count / (result.durationMs / 1000))} req/s)`);
console.log(`statuses   ${Object.entries(result.byStatus).map(([s, n]) => `${s}×${n}`).join(' ')}`);
console.log(`5xx        ${result.fiveXX.length}`);
console.log(`hangs      ${result.hangs.length}`);
console.log(`stored by a refused request: ${result.stored.length}`);
console.log(`healthy afterwards: ${result.healthy ? 'yes' : 'NO'}`);
for (const line of [...result.fiveXX, ...result.hangs, ...result.stored].slice(0, 20)) console.log(`  ${line}`);
const ok = result.fiveXX.length === 0 && result.hangs.length === 0 && result.stored.length === 0 && result.healthy;
process.exit(ok ? 0 : 1);
