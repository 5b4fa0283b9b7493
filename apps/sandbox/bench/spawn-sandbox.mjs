/**
 * Starts the BUILT sandbox CLI as a child process (so the measuring client and the server do
 * not share an event loop), with a file database in a temp dir, the rate limit off and the
 * request log silent. Resolves with its URL, a `stop()` and its `pid`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export async function spawnSandbox() {
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
    return { url, stop, pid: child.pid };
  } catch (error) {
    stop();
    throw error;
  }
}
