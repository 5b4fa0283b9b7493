#!/usr/bin/env node
/**
 * The sandbox CLI: `node apps/sandbox/dist/main.js` (or `pnpm sandbox`).
 * Env: PORT (8787), HOST (127.0.0.1), PASSID_SANDBOX_DB (.data/sandbox.db),
 * PASSID_SANDBOX_RETRY_SCALE (1), PASSID_SANDBOX_RATE_LIMIT (300/10; 0 disables),
 * PASSID_SANDBOX_LOG (1; 0 silences the per-request lines), PASSID_SANDBOX_HEARTBEAT_MS (15000: time
 * between `: hb` comments on an idle status stream).
 */
import { startSandbox } from './server.js';

const env = process.env;
const port = env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT);
const host = env.HOST || '127.0.0.1';
const dbPath = env.PASSID_SANDBOX_DB || '.data/sandbox.db';
const retryScale = env.PASSID_SANDBOX_RETRY_SCALE ? Number(env.PASSID_SANDBOX_RETRY_SCALE) : 1;

try {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`[passid] PORT must be 0–65535, got "${env.PORT}"`);
  const sandbox = await startSandbox({
    port,
    host,
    dbPath,
    retryScale,
    rateLimit: env.PASSID_SANDBOX_RATE_LIMIT ?? '300/10',
    heartbeatMs: env.PASSID_SANDBOX_HEARTBEAT_MS ? Number(env.PASSID_SANDBOX_HEARTBEAT_MS) : 15_000,
    log: env.PASSID_SANDBOX_LOG === '0' ? false : (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  const shown = host === '0.0.0.0' || host === '::' ? sandbox.url.replace(/\/\/[^:]+|\/\/\[.*\]/, '//localhost') : sandbox.url;
  console.log(`PASSID sandbox listening on ${shown} (db ${dbPath}, retry scale ${retryScale})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.log(`${signal} again: exiting now (the database is durable; pending webhooks resume on the next start).`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: finishing in-flight requests and closing the database…`);
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
