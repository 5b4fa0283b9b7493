/**
 * The durability test: a real sandbox process (the CLI, bundled from source) is killed with
 * SIGKILL in the middle of the webhook retry schedule and restarted on the same database.
 * Every pending delivery must then complete exactly once per event id.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildCli } from './test/build-cli.js';
import { call, DEMO, startReceiver, waitFor } from './test/helpers.js';

let cli: string;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  cli = await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'passid-sandbox-'));
});
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Spawns the CLI and resolves with its URL once it prints the listening line. */
function spawnSandbox(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [cli], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PASSID_SANDBOX_DB: join(dir, 'sandbox.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, output: () => out });
    });
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => reject(new Error(`sandbox exited (${code}) before listening:\n${out}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (code) => r(code))));

test('SIGKILL mid-schedule, restart on the same DB: every pending delivery completes exactly once', async () => {
  // Attempts 1–3 fail (at ~0, 0.09 and 0.99 s); attempt 4 is due 5.4 s after attempt 3
  // (retry scale 0.003), a wide margin to kill the process in, even on a loaded machine.
  const receiver = await startReceiver((n) => (n <= 3 ? 500 : 200));
  try {
    const env = { PASSID_SANDBOX_RETRY_SCALE: '0.003', PASSID_SANDBOX_RATE_LIMIT: '0' };
    const first = await spawnSandbox(env);
    await call(first.url, 'PUT', '/api/sandbox/webhook-endpoint', { key: DEMO, body: { url: receiver.url } });
    const tokens = ['KE8V-3TXY-Z72L', 'NG4M-XQRS-T88W', 'GH2P-ABCD-56KL', 'EXPD-TOKN-0001', 'SANC-HITS-0001'];
    for (const token of tokens) await call(first.url, 'POST', '/api/bridge/verify', { key: DEMO, body: { token } });
    await waitFor(() => receiver.received.length >= 15, 8_000, 'three attempts of each event');
    first.child.kill('SIGKILL');
    await exited(first.child);
    const beforeRestart = receiver.received.length;
    expect(beforeRestart).toBe(15);
    expect([...receiver.effective().values()].every((n) => n === 0)).toBe(true);

    const second = await spawnSandbox(env);
    await waitFor(() => receiver.effective().size === 5 && [...receiver.effective().values()].every((n) => n >= 1), 20_000, 'every event delivered');
    // Give a duplicate the chance to show up before counting.
    await new Promise((r) => setTimeout(r, 300));
    const list = await call(second.url, 'GET', '/api/sandbox/webhook-deliveries', { key: DEMO });
    expect([...receiver.effective().values()]).toEqual([1, 1, 1, 1, 1]);
    expect(receiver.received).toHaveLength(20);
    expect(list.json.deliveries).toHaveLength(5);

    // SIGTERM: graceful, exit code 0; the log never shows a key in full.
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    const log = second.output();
    expect(log).toMatch(/GET \/api\/sandbox\/webhook-deliveries 200 [\d.]+ms key=sk_s…/);
    expect(log).not.toContain('sk_sandbox_demo');

    // Nothing is lost across the restarts: the third process sees every delivery settled.
    const third = await spawnSandbox(env);
    const after = await call(third.url, 'GET', '/api/sandbox/webhook-deliveries', { key: DEMO });
    // Four attempts recorded for each; one killed while its answer was on the way is recorded as interrupted (and not counted).
    expect(after.json.deliveries.map((d: { status: string; attempts: unknown[] }) => `${d.status}/${d.attempts.length}`)).toEqual(Array(5).fill('delivered/4'));
    third.child.kill('SIGTERM');
    expect(await exited(third.child)).toBe(0);
  } finally {
    await receiver.close();
  }
});

test('an attempt in flight when the process dies is recorded as interrupted and retried after the restart', async () => {
  // The receiver holds the first attempt open; the process is killed while waiting for it.
  const receiver = await startReceiver((n) => (n === 1 ? 0 : 200));
  try {
    const env = { PASSID_SANDBOX_DB: join(dir, 'inflight.db') };
    const first = await spawnSandbox(env);
    await call(first.url, 'PUT', '/api/sandbox/webhook-endpoint', { key: DEMO, body: { url: receiver.url } });
    await call(first.url, 'POST', '/api/bridge/verify', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L' } });
    await waitFor(() => receiver.received.length === 1, 5_000, 'the first attempt');
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await spawnSandbox(env);
    await waitFor(() => receiver.received.length === 2, 5_000, 'the retry after restart');
    const ids = receiver.received.map((r) => JSON.parse(r.raw.toString()).id);
    expect(ids[0]).toBe(ids[1]); // the receiver dedupes by id
    let d;
    const deadline = Date.now() + 5_000;
    do {
      d = (await call(second.url, 'GET', '/api/sandbox/webhook-deliveries', { key: DEMO })).json.deliveries[0];
      if (Date.now() > deadline) throw new Error(`delivery still ${d.status}`);
    } while (d.status !== 'delivered' && (await new Promise((r) => setTimeout(r, 10, true))));
    expect(d.attemptCount).toBe(1); // the interrupted attempt is recorded but not counted
    expect(d.attempts[0].error).toMatch(/interrupted/);
    expect(d.attempts[1].statusCode).toBe(200);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  } finally {
    await receiver.close();
  }
});
