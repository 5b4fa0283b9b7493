#!/usr/bin/env node
/**
 * `pnpm playground`: serves the BUILT playground (apps/playground/dist) with its backend.
 * Env: PLAYGROUND_PORT (default 5173), SANDBOX_URL (default http://localhost:8787),
 * PLAYGROUND_HOST (default 0.0.0.0, so a phone on the same network can open the wallet).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../apps/playground/dist/index.html', import.meta.url));
if (!existsSync(dist)) {
  console.error('[playground] not built yet: run `pnpm --filter @passid/playground build` (or `bash scripts/setup.sh`).');
  process.exit(1);
}

const { startPlayground } = await import('../apps/playground/server.mjs');
const port = Number(process.env.PLAYGROUND_PORT ?? 5173);
const sandboxUrl = process.env.SANDBOX_URL ?? 'http://localhost:8787';
const server = await startPlayground({ port, sandboxUrl, host: process.env.PLAYGROUND_HOST ?? '0.0.0.0' });

console.log(`[playground] ${server.url}  (wallet simulator: ${server.url}/wallet)`);
console.log(`[playground] sandbox: ${sandboxUrl}`);
const lan = (await (await fetch(`${server.url}/config.json`)).json()).lanUrls;
if (lan.length > 0) console.log(`[playground] on your network: ${lan.map((u) => `${u}/wallet`).join('  ')}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  });
}
