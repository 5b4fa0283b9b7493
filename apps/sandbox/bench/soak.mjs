#!/usr/bin/env node
/**
 * `pnpm bench:soak [--controllers 500] [--seconds 180] [--seed 1] [--max-slope 2048]` (after
 * `pnpm build`): the soak of bench/soak-run.mjs. Starts the BUILT sandbox as a child process
 * (free port, temp database, rate limit off), runs that many real controllers against it for
 * that long, prints a table and exits 1 when a session did not end exactly once as its action
 * called for, on any error, or when the heap grew faster than --max-slope KB/min (least
 * squares over the second half of the run, heapUsed after a full gc every 2 s). Runs itself
 * again under `node --expose-gc` when started without it.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runSoak } from './soak-run.mjs';
import { spawnSandbox } from './spawn-sandbox.mjs';

if (typeof globalThis.gc !== 'function') {
  const again = spawnSync(process.execPath, ['--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

const { values } = parseArgs({
  options: {
    controllers: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '180' },
    seed: { type: 'string', default: '1' },
    'max-slope': { type: 'string', default: '2048' },
  },
});
const controllers = Number(values.controllers);
const seconds = Number(values.seconds);
const seed = Number(values.seed);
const maxSlope = Number(values['max-slope']);
if (!(Number.isInteger(controllers) && controllers > 0 && seconds > 0 && Number.isInteger(seed) && maxSlope > 0)) {
  console.error('usage: pnpm bench:soak [--controllers N ≥ 1] [--seconds S > 0] [--seed integer] [--max-slope KB/min]');
  process.exit(2);
}

const { url, stop } = await spawnSandbox();
console.log(`[passid] soak: ${controllers} controllers × ${seconds} s against ${url}, seed ${seed}…`);
let result;
try {
  result = await runSoak({ url, controllers, seconds, seed, sampleMs: 2000 });
} finally {
  stop();
}

const mb = (n) => `${n.toFixed(1)} MB`;
const { ends, errors, heap } = result;
const slopeOk = heap !== null && heap.slopeKBPerMin < maxSlope;
const rows = [
  ['machine', `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}`],
  ['run', `${controllers} controllers, ${(result.durationMs / 1000).toFixed(0)} s, ${result.controllersMade} controllers made (some disposed and replaced)`],
  ['sessions', `${result.sessions} opened, ${(result.sessions / (result.durationMs / 1000)).toFixed(0)}/s`],
  ['ended once', `${result.endedOnce} / ${result.sessions}  (missing ${result.missing}, stray ends ${result.stray}, wrong outcome ${result.wrong})`],
  ['outcomes', `success ${ends.success}, sanctions ${ends.HARD_DENY_SANCTIONS_MATCH}, declined ${ends.CUSTOMER_DECLINED}, expired ${ends.REQUEST_EXPIRED}, other ${ends.other}`],
  ['errors', `${result.errorCount}  (onError ${errors.onError}, wallet-side ${errors.wallet}, thrown ${errors.thrown})`],
  ['resent', `${result.resent} of the controllers' requests sent again after a stale keep-alive socket (as a browser does)`],
  ['heap', heap ? `first ${mb(heap.firstMB)}, last ${mb(heap.lastMB)}, max ${mb(heap.maxMB)} (${heap.samples} samples after gc while running); ${mb(heap.afterMB)} once all were disposed` : 'not measured'],
  ['heap slope', heap ? `${heap.slopeKBPerMin.toFixed(0)} KB/min over the second half (limit ${maxSlope})` : '-'],
];
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
for (const line of result.notes) console.log(`  ! ${line}`);
const pass = result.ok && slopeOk;
console.log(`\n  ${pass ? 'PASS' : 'FAIL'}: every session ends exactly once, 0 errors, heap slope < ${maxSlope} KB/min`);
process.exit(pass ? 0 : 1);
