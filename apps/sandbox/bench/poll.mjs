#!/usr/bin/env node
/**
 * Load test of the polled endpoint, GET /api/bridge/request/:id, over loopback.
 * Starts the built sandbox (`pnpm --filter @passid/sandbox build` first) as a child process
 * with a file database in a temp dir and the rate limit off, creates one request, then runs
 * autocannon. Usage: node apps/sandbox/bench/poll.mjs [connections=50] [seconds=10]
 */
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { spawnSandbox } from './spawn-sandbox.mjs';

const connections = Number(process.argv[2] ?? 50);
const duration = Number(process.argv[3] ?? 10);
const { url, stop } = await spawnSandbox();

try {
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
