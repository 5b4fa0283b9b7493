/**
 * A new user's path: the "whole thing in one file" server from docs/production.md, run as
 * written against a real sandbox. If the guide's code stops working, this fails.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startSandbox, type RunningSandbox } from '@passid/sandbox';

const KEY = 'sk_sandbox_demo';
const guide = readFileSync(fileURLToPath(new URL('../../../docs/production.md', import.meta.url)), 'utf8');
const block = /<!-- docs-test: express-server -->\s*```js\n([\s\S]*?)```/.exec(guide)?.[1];

let sandbox: RunningSandbox;
let server: Server;
let base: string;
const logged: string[] = [];
let onLog: () => void = () => {};

async function institution(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'X-Institution-Key': KEY, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as Record<string, string>;
}

beforeAll(async () => {
  if (!block) throw new Error('docs/production.md lost its docs-test block');
  sandbox = await startSandbox({ port: 0, dbPath: ':memory:' });
  const { secret } = await institution('PUT', '/api/sandbox/webhook-endpoint', { url: 'http://127.0.0.1:1/later' });
  vi.stubEnv('PASSID_API_KEY', KEY);
  vi.stubEnv('PASSID_BASE_URL', sandbox.url);
  vi.stubEnv('PASSID_WEBHOOK_SECRET', secret ?? '');
  vi.stubEnv('PORT', '0');
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logged.push(args.join(' '));
    onLog();
  });
  // Written beside the package (git-ignored) so `express` and `@passid/server` resolve as in an app.
  const dir = fileURLToPath(new URL('../.docs-test/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}server.mjs`, block);
  ({ server } = (await import(`${dir}server.mjs`)) as { server: Server });
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await institution('PUT', '/api/sandbox/webhook-endpoint', { url: `${base}/webhooks/passid` });
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await sandbox?.close();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("docs/production.md's Express server, as written", () => {
  it('refuses the proxy without a session and verifies a token with one, key never shown', async () => {
    const call = (cookie?: string) =>
      fetch(`${base}/api/passid/verify`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
        body: JSON.stringify({ token: 'KE8V-3TXY-Z72L' }),
      });
    expect((await call()).status).toBe(401);
    const ok = await call('theme=dark; session=abc');
    const text = await ok.text();
    expect(ok.status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ verified: true, claims: { tier: 'A' } });
    expect(text).not.toContain(KEY);
  });

  it('receives and verifies a signed sandbox webhook', async () => {
    const arrived = new Promise<void>((resolve) => {
      onLog = () => {
        if (logged.some((line) => line.startsWith('PASSID event'))) resolve();
      };
    });
    const { eventId } = await institution('POST', '/api/sandbox/webhooks/test');
    await arrived;
    expect(logged).toContain(`PASSID event verification.completed ${eventId}`);
  });

  it('answers 400 to an unsigned webhook', async () => {
    const response = await fetch(`${base}/webhooks/passid`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"id":"evt_x"}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'MISSING_SIGNATURE' });
  });
});
