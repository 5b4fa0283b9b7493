#!/usr/bin/env node
/**
 * Load test of the polled endpoint, GET /api/bridge/request/:id, over loopback.
 * Starts the built sandbox (`pnpm --filter @passid/sandbox build` first) as a child process
 * with a file database in a temp dir and the rate limit off, creates one request, then runs
 * autocannon. Usage: node apps/sandbox/bench/poll.mjs [connections=50] [seconds=10]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const connections = Number(process.argv[2] ?? 50);
const duration = Number(process.argv[3] ?? 10);
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('[passid] apps/sandbox/dist/main.js is missing: run `pnpm --filter @passid/sandbox... build` first');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'passid-bench-'));
const child = spawn(process.execPath, [main], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PASSID_SANDBOX_DB: join(dir, 'bench.db'), PASSID_SANDBOX_RATE_LIMIT: '0', PASSID_SANDBOX_LOG: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const stop = () => {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};

try {
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
  });
  const headers = { 'x-institution-key': 'sk_sandbox_demo', 'content-type': 'application/json' };
  const created = await fetch(`${url}/api/bridge/request`, { method: 'POST', headers, body: '{"ttlSeconds":3600}' }).then((r) => r.json());
  const target = `${url}/api/bridge/request/${created.requestId}`;
  // Warm up (JIT, statement cache) before measuring.
  await autocannon({ url: target, headers, connections, duration: 2 });
  const result = await autocannon({ url: target, headers, connections, duration });
  const ok = result['2xx'];
  console.log(`GET /api/bridge/request/:id — ${connections} connections, ${duration} s, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`  requests/s  avg ${Math.round(result.requests.average)}  (total ${result.requests.total}, 2xx ${ok}, non-2xx ${result.non2xx}, errors ${result.errors})`);
  console.log(`  latency ms  p50 ${result.latency.p50}  p90 ${result.latency.p90}  p99 ${result.latency.p99}  max ${result.latency.max}`);
  const pass = result.requests.average >= 5000 && result.latency.p99 < 20 && result.non2xx === 0;
  console.log(`  goal ≥ 5000 req/s with p99 < 20 ms: ${pass ? 'met' : 'NOT met'}`);
} finally {
  stop();
}
