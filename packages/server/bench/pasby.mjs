#!/usr/bin/env node
/**
 * `pnpm bench:pasby` (after `pnpm build`): what pasby costs on the institution's server.
 * 1. Push latency through the proxy: a device scans a seed in the sandbox → the browser's
 *    event stream (proxy → pasby SSE) shows `pickedUp`, over loopback.
 * 2. decryptPasbyClaims: all nine claims of a persona, RSA-2048 PKCS#1 v1.5 with node-forge.
 * Usage: node packages/server/bench/pasby.mjs [decrypt runs = 30] [latency runs = 30]
 */
import { startSandbox } from '../../../apps/sandbox/dist/index.js';
import { createPasbyProxy, decryptPasbyClaims, parsePasbyPrivateKey } from '../dist/pasby/index.js';

const decryptRuns = Number(process.argv[2] ?? 30);
const latencyRuns = Number(process.argv[3] ?? 30);
const H = { 'x-api-key': 'bk-test_sandbox', 'x-access-secret': 'snb_sandbox', 'content-type': 'application/json' };
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const ms = (x) => `${x.toFixed(1)} ms`;

const sandbox = await startSandbox({ port: 0, dbPath: ':memory:', rateLimit: '0' });
const base = `${sandbox.url}/pasby`;
const post = async (path, body, headers = H) => (await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) })).json();
try {
  const { privateKey } = (await (await fetch(`${base}/sandbox/communication-keys`, { headers: H })).json()).data;

  // 1. Push latency: scan in the sandbox → event in the browser's stream through the proxy
  const proxy = createPasbyProxy({ apiKey: 'bk-test_sandbox', secret: 'snb_sandbox', privateKey, baseUrl: base });
  const latencies = [];
  for (let i = 0; i < latencyRuns; i++) {
    const session = await (await proxy(new Request('http://bank/api/pasby/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"mode":"wildcard"}' }))).json();
    const response = await proxy(new Request(`http://bank/api/pasby/session/${session.handle}/events`));
    if (!response.ok || !session.seeds) throw new Error(`[passid] bench: ${JSON.stringify(session)} / ${response.status} ${await response.text()}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (marker) => {
      while (!text.includes(marker)) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`[passid] bench: the stream ended before ${marker}: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await until('"pickedUp":false');
    const t = performance.now();
    await post('/sandbox/wallet/scan', { persona: 'amina', seed: session.seeds[0] }, { 'content-type': 'application/json' });
    await until('"pickedUp":true');
    latencies.push(performance.now() - t);
    await reader.cancel();
  }
  console.log(`scan → browser event through the proxy (${latencyRuns} runs): p50 ${ms(pct(latencies, 50))}, p90 ${ms(pct(latencies, 90))}, max ${ms(Math.max(...latencies))} (includes the scan call itself)`);
  // 2. Decryption (last: its synchronous work would stall the in-process sandbox's sockets)
  const claims = ['naming.family', 'naming.given', 'naming.middle', 'contact.email', 'bio.birthnumber', 'bio.birthdate', 'bio.gender', 'nationality.residence', 'nationality.primary'];
  const created = await post('/api/v2/identification/different-device', { action: 'login', claims, payload: 'bench', user: '12345678901' });
  await post('/sandbox/wallet/approve', { persona: 'amina', request: created.data.request.id });
  const encrypted = (await post('/api/v2/flow/ping', { request: created.data.request.id })).data.request.claims;
  decryptPasbyClaims(encrypted, privateKey); // warm up
  const perCall = [];
  for (let i = 0; i < decryptRuns; i++) {
    const t = performance.now();
    decryptPasbyClaims(encrypted, privateKey);
    perCall.push(performance.now() - t);
  }
  const parse = [];
  for (let i = 0; i < decryptRuns; i++) {
    const t = performance.now();
    parsePasbyPrivateKey(privateKey);
    parse.push(performance.now() - t);
  }
  console.log(`decryptPasbyClaims, 9 claims (incl. parsing the PEM): p50 ${ms(pct(perCall, 50))}, p90 ${ms(pct(perCall, 90))} → ${ms(pct(perCall, 50) / 9)} per claim; PEM parse alone p50 ${ms(pct(parse, 50))}`);

} finally {
  await sandbox.close();
}
