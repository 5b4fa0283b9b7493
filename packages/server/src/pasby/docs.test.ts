/**
 * docs/production.md's pasby server (§2b), run as written against a real sandbox: a session
 * needs the signed-in cookie, and a wildcard session ends with the decrypted claims.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startSandbox, type RunningSandbox } from '@passid/sandbox';

const guide = readFileSync(fileURLToPath(new URL('../../../../docs/production.md', import.meta.url)), 'utf8');
const block = /<!-- docs-test: pasby-express -->\s*```js\n([\s\S]*?)```/.exec(guide)?.[1];
const H = { 'x-api-key': 'bk-test_sandbox', 'x-access-secret': 'snb_sandbox' };

let sandbox: RunningSandbox;
let server: Server;
let base: string;

beforeAll(async () => {
  if (!block) throw new Error('docs/production.md lost its pasby docs-test block');
  sandbox = await startSandbox({ port: 0, dbPath: ':memory:' });
  const keys = (await (await fetch(`${sandbox.url}/pasby/sandbox/communication-keys`, { headers: H })).json()) as { data: { privateKey: string } };
  // Written beside the package (git-ignored) so `express` and `@passid/server` resolve as in an app.
  const dir = fileURLToPath(new URL('../../.docs-test/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}pasby-private-key.pem`, keys.data.privateKey);
  writeFileSync(`${dir}pasby-server.mjs`, block);
  vi.stubEnv('PASBY_API_KEY', H['x-api-key']);
  vi.stubEnv('PASBY_SECRET', H['x-access-secret']);
  vi.stubEnv('PASBY_PRIVATE_KEY_FILE', `${dir}pasby-private-key.pem`);
  vi.stubEnv('PASBY_BASE_URL', `${sandbox.url}/pasby`);
  vi.stubEnv('PORT', '0');
  ({ server } = (await import(`${dir}pasby-server.mjs`)) as { server: Server });
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/pasby`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await sandbox?.close();
  vi.unstubAllEnvs();
});

it('refuses a session without the cookie, and completes one with it, claims decrypted', async () => {
  const start = (cookie?: string) =>
    fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify({ mode: 'wildcard', claims: ['naming.given', 'contact.email'] }),
    });
  expect((await start()).status).toBe(401);
  const created = (await (await start('session=abc')).json()) as { handle: string; seeds: string[] };
  expect(created.seeds).toHaveLength(5);

  const wallet = (action: string, body: Record<string, string>) =>
    fetch(`${sandbox.url}/pasby/sandbox/wallet/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const scanned = (await (await wallet('scan', { persona: 'chidi', seed: created.seeds[2]! })).json()) as { data: { request: string; payload: string } };
  expect(scanned.data.payload).toBe('Sign in to Demo Bank');
  await wallet('approve', { persona: 'chidi', request: scanned.data.request });

  const status = await fetch(`${base}/session/${created.handle}`, { headers: { Cookie: 'session=abc' } });
  const text = await status.text();
  expect(JSON.parse(text)).toMatchObject({ status: 'completed', claims: { naming: { given: 'Chidi' }, contact: { email: 'chidi.okafor@example.com' } } });
  expect(text).not.toMatch(/snb_|bk-test|PRIVATE KEY/);
});
