#!/usr/bin/env node
/**
 * How fast a wallet's answer reaches the status streams, over loopback: the built sandbox runs
 * as a child process; for each of `rounds` requests, `streams` clients hold
 * GET /api/bridge/request/:id/events open, then the wallet fulfils it. Measured from sending
 * the fulfil: its own answer, and the end event on every stream (the last one to arrive).
 * Usage: node apps/sandbox/bench/push.mjs [rounds=40] [streams=20]
 */
import { cpus } from 'node:os';
import { spawnSandbox } from './spawn-sandbox.mjs';

const rounds = Number(process.argv[2] ?? 40);
const streams = Number(process.argv[3] ?? 20);
const { url, stop } = await spawnSandbox();
const key = { 'x-institution-key': 'sk_sandbox_demo', 'content-type': 'application/json' };
const pct = (values, p) => values.slice().sort((a, b) => a - b)[Math.floor(p * (values.length - 1))].toFixed(1);

try {
  const { jwt } = await (await fetch(`${url}/api/sandbox/wallet/login`, { method: 'POST', headers: key, body: '{"persona":"amina"}' })).json();
  const answers = [];
  const lastEvents = [];
  for (let round = 0; round < rounds + 5; round += 1) {
    const { requestId } = await (await fetch(`${url}/api/bridge/request`, { method: 'POST', headers: key, body: '{}' })).json();
    const readers = await Promise.all(
      Array.from({ length: streams }, async () => {
        const reader = (await fetch(`${url}/api/bridge/request/${requestId}/events`, { headers: key })).body.getReader();
        await reader.read(); // the pending status
        return reader;
      }),
    );
    const sent = performance.now();
    const answered = fetch(`${url}/api/bridge/request/${requestId}/fulfill`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` } }).then(() => performance.now());
    const arrivals = await Promise.all(readers.map(async (reader) => (await reader.read(), performance.now())));
    const answeredAt = await answered;
    for (const reader of readers) await reader.cancel();
    if (round < 5) continue; // warm-up
    answers.push(answeredAt - sent);
    lastEvents.push(Math.max(...arrivals) - sent);
  }
  console.log(`status streams — ${rounds} fulfils, ${streams} streams each, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`  fulfil → its answer (ms)            p50 ${pct(answers, 0.5)}  p90 ${pct(answers, 0.9)}  max ${Math.max(...answers).toFixed(1)}`);
  console.log(`  fulfil → end event on every stream  p50 ${pct(lastEvents, 0.5)}  p90 ${pct(lastEvents, 0.9)}  max ${Math.max(...lastEvents).toFixed(1)}`);
} finally {
  stop();
}
