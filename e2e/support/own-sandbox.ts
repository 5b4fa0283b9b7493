/**
 * A sandbox the test itself owns (in this worker process): it can be stopped and started
 * again on the same port and database, and its clock can be moved forward.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../apps/sandbox/dist/index.js';

export interface OwnSandbox {
  url: string;
  port: number;
  /** Moves the sandbox's clock forward by `ms`. */
  advance(ms: number): void;
  stop(): Promise<void>;
  /** Starts it again on the same port and database. */
  restart(): Promise<void>;
}

export async function ownSandbox(): Promise<OwnSandbox> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'passid-e2e-own-')), 'sandbox.db');
  let offset = 0;
  const options = { dbPath, rateLimit: '0', retryScale: 0.001, now: () => Date.now() + offset };
  let running: RunningSandbox | null = await startSandbox({ ...options, port: 0 });
  const port = running.port;
  return {
    url: running.url,
    port,
    advance(ms) {
      offset += ms;
    },
    async stop() {
      await running?.close();
      running = null;
    },
    async restart() {
      running = await startSandbox({ ...options, port });
    },
  };
}
