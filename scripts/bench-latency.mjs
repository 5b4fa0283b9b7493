#!/usr/bin/env node
/**
 * Approval → onSuccess, with push and with polling, side by side in one run against one real
 * sandbox (a child process, file database, rate limit off) over loopback.
 *
 * Each run: the real core (`createPassidController` from the built @passid/core, Node's
 * fetch) creates a session, waits until it is awaiting (and, with push, until the stream is
 * live), then waits a random 0–2.5 s — approvals land at random moments of the poll cycle —
 * and the wallet (persona amina) fulfils the request. The latency is from just before the
 * fulfil request is sent to `onSuccess`, so it includes the fulfil round trip. Runs alternate
 * push / poll so both see the same machine load.
 *
 * Usage: pnpm bench:latency [runs per mode = 20]
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { spawnSandbox } from '../apps/sandbox/bench/spawn-sandbox.mjs';

const runs = Number(process.argv[2] ?? 20);
const coreEntry = fileURLToPath(new URL('../packages/core/dist/index.js', import.meta.url));
if (!existsSync(coreEntry)) {
  console.error(`[bench:latency] ${coreEntry} is missing: run the build first (pnpm build)`);
  process.exit(1);
}
const { createPassidController } = await import(coreEntry);
const { url: base, stop } = await spawnSandbox();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** One approval with `watch`: the ms from the fulfil request to onSuccess. */
async function once(base, jwt, watch) {
  let succeeded;
  const success = new Promise((resolve) => (succeeded = resolve));
  const controller = createPassidController({
    apiKey: 'sk_sandbox_demo',
    baseUrl: base,
    watch,
    onSuccess: () => succeeded(performance.now()),
    onError: (error) => succeeded(Promise.reject(error)),
  });
  const ready = new Promise((resolve, reject) => {
    const check = (state) => {
      if (state.status === 'error') reject(state.error);
      if (state.status === 'awaiting' && (watch === 'poll' || state.connection === 'live')) resolve(state.session.id);
    };
    controller.subscribe(check);
  });
  controller.start();
  const requestId = await ready;
  await sleep(Math.random() * 2500);
  const sent = performance.now();
  const fulfil = await fetch(`${base}/api/bridge/request/${requestId}/fulfill`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (!fulfil.ok) throw new Error(`fulfil answered ${fulfil.status}`);
  const at = await success;
  controller.dispose();
  return at - sent;
}

try {
  const login = await fetch(`${base}/api/sandbox/wallet/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ persona: 'amina' }),
  });
  const { jwt } = await login.json();
  const results = { push: [], poll: [] };
  for (let i = 0; i < runs; i += 1) {
    for (const watch of i % 2 ? ['poll', 'push'] : ['push', 'poll']) results[watch].push(await once(base, jwt, watch));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  console.log(`approval → onSuccess over loopback, ${runs} approvals each, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}`);
  console.log('| watch | p50 | p90 | max |');
  console.log('|---|---:|---:|---:|');
  for (const [watch, values] of Object.entries(results)) {
    const sorted = values.sort((a, b) => a - b);
    const ms = (v) => `${v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en')} ms`;
    console.log(`| \`${watch}\` | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 90))} | ${ms(sorted[sorted.length - 1])} |`);
  }
} finally {
  stop();
}
