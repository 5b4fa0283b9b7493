/**
 * A real `redis-server` (Debian's package, installed by scripts/setup.sh) for the tests, on a
 * free loopback port, with an append-only file fsynced on every write (so a crash loses no
 * acknowledged write) in a temporary directory.
 *
 * It runs under a small `sh` that holds a pipe from this process: when this process ends, in
 * any way (even SIGKILL), the pipe closes and the shell stops Redis. So no test run leaves a
 * redis-server behind. `crash()` kills Redis with SIGKILL and `start()` brings it back on the
 * same port and files.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_MISSING =
  '[passid] redis-server is not installed, and the Redis tests need a real one. Run `bash scripts/setup.sh` as root ' +
  "(it installs Debian's redis-server), or `apt-get install redis-server`. On a machine without apt, set " +
  'PASSID_SKIP_REDIS=1 to leave the Redis tests out, knowingly.';

/** Throws `REDIS_MISSING` when there is no redis-server on the PATH. */
export function assertRedisInstalled(): string {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) throw new Error(REDIS_MISSING);
  return found.stdout.trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs redis-server "$@" until a line (a signal name) or end of input arrives on stdin. */
const WRAPPER = 'redis-server "$@" & pid=$!; read sig; kill -"${sig:-TERM}" "$pid" 2>/dev/null; wait "$pid"';

export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** Starts Redis again (after `crash()` or `stop()`), on the same port and files. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown, no final save. */
  crash(): Promise<void>;
  /** A clean shutdown. */
  stop(): Promise<void>;
  /** Stops Redis and removes its files. */
  dispose(): Promise<void>;
}

export async function startTestRedis(): Promise<TestRedis> {
  assertRedisInstalled();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'passid-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--daemonize', 'no', '--loglevel', 'notice'];
  let child: ChildProcess | null = null;

  function start(): Promise<void> {
    const proc = spawn('sh', ['-c', WRAPPER, 'sh', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    child = proc;
    let output = '';
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`[passid] redis-server did not start within 15 s:\n${output}`)), 15_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Ready to accept connections/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`[passid] redis-server exited (${code}) before it was ready:\n${output}`));
      });
    });
  }

  async function signal(name: 'KILL' | 'TERM'): Promise<void> {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.stdin!.end(`${name}\n`);
    await exited;
  }

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    crash: () => signal('KILL'),
    stop: () => signal('TERM'),
    async dispose() {
      await signal('TERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
