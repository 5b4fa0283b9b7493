/**
 * createPasbyProxy against a real sandbox over HTTP: the browser contract (docs/pasby.md),
 * handles, claims limited to what was asked and allowed, decryption, and that no key, secret
 * or private key ever reaches the browser. `fetch` is wrapped at the boundary only to watch
 * or break the upstream (SSE failure, extra claims).
 */
import { constants, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, PASBY_CLAIMS, type RunningSandbox } from '@passid/sandbox';
import { createRequestHandles } from '../handle.js';
import { createPasbyProxy, type PasbyProxyOptions } from './proxy.js';
import { PASBY_CLAIM_KEYS } from './types.js';

const KEY = 'bk-test_sandbox';
const SECRET = 'snb_sandbox';
let sandbox: RunningSandbox;
let base: string;
let keys: { publicKey: string; privateKey: string };
let now = Date.now();
/** Everything any proxy answered in these tests, to check no secret ever left. */
const answered: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dbPath: ':memory:', rateLimit: '0', now: () => now, pasby: { sseIntervalMs: 150 } });
  base = `${sandbox.url}/pasby`;
  const r = await fetch(`${base}/sandbox/communication-keys`, { headers: { 'x-api-key': KEY, 'x-access-secret': SECRET } });
  keys = ((await r.json()) as { data: typeof keys }).data;
});
afterAll(() => sandbox.close());

const proxyWith = (extra: Partial<PasbyProxyOptions> = {}) =>
  createPasbyProxy({ apiKey: KEY, secret: SECRET, privateKey: keys.privateKey, baseUrl: base, now: () => now, ...extra });

type Proxy = (request: Request) => Promise<Response>;
async function call(proxy: Proxy, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await proxy(new Request(`http://bank.test/api/pasby${path}`, init));
  const text = await response.text();
  response.headers.forEach((value, name) => answered.push(`${name}: ${value}`));
  answered.push(text);
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}
const create = (proxy: Proxy, body: Record<string, unknown>) => call(proxy, 'POST', '/session', body);
const status = (proxy: Proxy, handle: string) => call(proxy, 'GET', `/session/${encodeURIComponent(handle)}`);
const wallet = (action: string, body: Record<string, unknown>) =>
  fetch(`${base}/sandbox/wallet/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
/** pasby's flow id behind a handle, read through `authorize`'s context. */
async function flowIdOf(handle: string): Promise<string> {
  let id = '';
  await status(proxyWith({ authorize: (_r, ctx) => ((id = ctx.request ?? ''), true) }), handle);
  return id;
}

describe('POST /session', () => {
  let proxy: Proxy;
  beforeAll(() => {
    proxy = proxyWith();
  });

  it('wildcard: 201 with the handle, five seeds, expiry and server time', async () => {
    const r = await create(proxy, { mode: 'wildcard' });
    expect(r.status).toBe(201);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json).toEqual({
      handle: expect.stringMatching(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/),
      mode: 'wildcard',
      seeds: expect.any(Array),
      expiresAt: new Date((Math.floor(now / 1000) + 360) * 1000).toISOString(),
      serverTime: new Date(now).toISOString(),
    });
    expect(r.json.seeds).toHaveLength(5);
  });

  it('same-device: the link; different-device: neither link nor seeds', async () => {
    const same = await create(proxy, { mode: 'same-device' });
    expect(same.status).toBe(201);
    expect(same.json.link).toMatch(/^https:\/\/open\.pasby\.africa\/app\/\?mode=identification&id=req_/);
    expect(same.json.seeds).toBeUndefined();
    const diff = await create(proxy, { mode: 'different-device', nin: '23456789012' });
    expect(diff.status).toBe(201);
    expect(Object.keys(diff.json).sort()).toEqual(['expiresAt', 'handle', 'mode', 'serverTime']);
  });

  it.each([
    [{ mode: 'qr' }, 400, 'INVALID_REQUEST'],
    [{}, 400, 'INVALID_REQUEST'],
    [{ mode: 'wildcard', payload: 'Pay me' }, 400, 'INVALID_REQUEST'],
    [{ mode: 'wildcard', claims: ['contact.email'] }, 400, 'INVALID_REQUEST'],
    [{ mode: 'wildcard', claims: ['address.city'] }, 400, 'INVALID_REQUEST'],
    [{ mode: 'wildcard', claims: [] }, 400, 'INVALID_REQUEST'],
    [{ mode: 'wildcard', nin: '12345678901' }, 400, 'INVALID_REQUEST'],
    [{ mode: 'different-device' }, 400, 'INVALID_REQUEST'],
    [{ mode: 'different-device', nin: '1234567890' }, 400, 'INVALID_REQUEST'],
    [{ mode: 'different-device', nin: '1234567890x' }, 400, 'INVALID_REQUEST'],
    [{ mode: 'different-device', nin: '99999999999' }, 404, 'NOT_ON_PASBY'],
  ])('%j → %i %s', async (body, code, name) => {
    const r = await create(proxy, body);
    expect(r.status).toBe(code);
    expect(r.json.error.code).toBe(name);
    expect(r.json.error.message).toMatch(/^\[passid\] /);
  });

  it('refuses a mode the institution did not allow (403), before calling pasby', async () => {
    const upstream = vi.fn(fetch);
    const r = await create(proxyWith({ modes: ['wildcard'], fetch: upstream }), { mode: 'same-device' });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('MODE_NOT_ALLOWED');
    expect(upstream).not.toHaveBeenCalled();
  });

  it('needs Content-Type: application/json (415), JSON (400), and POST (405)', async () => {
    expect((await call(proxy, 'POST', '/session', '{"mode":"wildcard"}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await call(proxy, 'POST', '/session', '{"mode":', { 'content-type': 'application/json' })).json.error.code).toBe('INVALID_REQUEST');
    const get = await call(proxy, 'GET', '/session');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await call(proxy, 'POST', '/sessions', {})).status).toBe(404);
    expect((await call(proxy, 'POST', '/session', `{"mode":"${'x'.repeat(20_000)}"}`)).status).toBe(413);
  });
});

describe('GET /session/:handle', () => {
  let proxy: Proxy;
  beforeAll(() => {
    proxy = proxyWith({ claims: ['naming.given', 'naming.family', 'contact.email'] });
  });

  it('pending → picked up → completed with the decrypted, requested claims only', async () => {
    const { handle, seeds } = (await create(proxy, { mode: 'wildcard', claims: ['naming.given', 'contact.email'] })).json;
    const pending = await status(proxy, handle);
    expect(pending.status).toBe(200);
    expect(pending.json).toEqual({ handle, status: 'pending', pickedUp: false, expiresAt: expect.any(String), serverTime: new Date(now).toISOString() });
    await wallet('scan', { persona: 'kwame', seed: seeds[4] });
    expect((await status(proxy, handle)).json).toMatchObject({ status: 'pending', pickedUp: true });
    await wallet('approve', { persona: 'kwame', request: await flowIdOf(handle) });
    const done = await status(proxy, handle);
    expect(done.json).toEqual({
      handle, status: 'completed', pickedUp: true, expiresAt: expect.any(String), serverTime: expect.any(String),
      claims: { naming: { given: 'Kwame' }, contact: { email: 'kwame.mensah@example.com' } },
    });
  });

  it('drops claims pasby sent but the browser did not ask for (never decrypting them)', async () => {
    const extra = publicEncrypt({ key: keys.publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from('Secret middle name')).toString('base64');
    const addClaims: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/flow/ping') || !response.ok) return response;
      const json = (await response.json()) as { data: { request: { claims?: Record<string, Record<string, string>> } } };
      const claims = json.data.request.claims;
      if (claims) claims.naming = { ...claims.naming, middle: extra };
      if (claims) claims.bio = { gender: 'not even ciphertext' };
      return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const widened = proxyWith({ claims: ['naming.given', 'naming.middle', 'bio.gender'], fetch: addClaims });
    const { handle } = (await create(widened, { mode: 'different-device', nin: '12345678901', claims: ['naming.given'] })).json;
    await wallet('approve', { persona: 'amina', request: await flowIdOf(handle) });
    const done = await status(widened, handle);
    expect(done.json.claims).toEqual({ naming: { given: 'Amina' } });
  });

  it('declined (user or cancel) and expired', async () => {
    const a = (await create(proxy, { mode: 'different-device', nin: '12345678901' })).json.handle;
    await wallet('decline', { persona: 'amina', request: await flowIdOf(a) });
    expect((await status(proxy, a)).json).toMatchObject({ status: 'declined', declineReason: 'CANCELLED', pickedUp: false });
    expect((await status(proxy, a)).json.claims).toBeUndefined();

    const b = (await create(proxy, { mode: 'wildcard' })).json.handle;
    now += 360_000;
    expect((await status(proxy, b)).json).toMatchObject({ status: 'expired', pickedUp: false });
  });

  it('a wrong private key is a clear 500 DECRYPTION_FAILED, with no claim in it', async () => {
    const wrong = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const bad = proxyWith({ privateKey: wrong.privateKey });
      const { handle } = (await create(bad, { mode: 'different-device', nin: '23456789012' })).json;
      await wallet('approve', { persona: 'chidi', request: await flowIdOf(handle) });
      const r = await status(bad, handle);
      expect(r.status).toBe(500);
      expect(r.json.error).toEqual({ code: 'DECRYPTION_FAILED', message: '[passid] The claims could not be decrypted with the configured private key.' });
      expect(warn.mock.calls.flat().join(' ')).toMatch(/Could not decrypt the pasby claim "naming\.(given|family)"/);
      expect(JSON.stringify(r.json)).not.toMatch(/Chidi|Okafor/);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('handles', () => {
  let proxy: Proxy;
  beforeAll(() => {
    proxy = proxyWith();
  });

  it('a tampered, foreign or raw handle is 404 NOT_FOUND, like an unknown one', async () => {
    const { handle } = (await create(proxy, { mode: 'wildcard' })).json as { handle: string };
    const [payload, mac] = handle.split('.') as [string, string];
    const forged = [
      `${payload}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      `${payload.replace(/^w/, 's')}.${mac}`, // another mode
      `${payload.slice(0, 1)}1ff${payload.slice(4)}.${mac}`, // every claim
      await flowIdOf(handle), // pasby's raw flow id
      'nonsense',
      '',
    ];
    for (const h of forged) {
      const r = await status(proxy, h);
      expect(r.status, h).toBe(404);
      expect(r.json.error.code).toBe('NOT_FOUND');
    }
    // Another app's proxy, and the same app with another handleSecret, do not open it either.
    const other = createPasbyProxy({ apiKey: 'bk-test_other', secret: 'snb_other', privateKey: keys.privateKey, baseUrl: base });
    expect((await status(other, handle)).status).toBe(404);
    expect((await status(proxyWith({ handleSecret: 'x'.repeat(32) }), handle)).status).toBe(404);
  });

  it('a PASSID proxy’s handle does not open here', async () => {
    const shared = proxyWith({ handleSecret: 'y'.repeat(32) });
    const { handle } = (await create(shared, { mode: 'wildcard' })).json as { handle: string };
    const id = await flowIdOf(handle);
    // A handle sealed as createPassidProxy seals them, over the same id, with the same secret:
    const passidHandle = await createRequestHandles('', 'y'.repeat(32)).seal(id);
    expect((await status(shared, passidHandle)).status).toBe(404);
  });
});

describe('authorize', () => {
  it('false or a throw → 401 and nothing reaches pasby; the context names the action, flow and mode', async () => {
    const upstream = vi.fn(fetch);
    const contexts: unknown[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const refusing = proxyWith({ fetch: upstream, authorize: (_r, ctx) => (contexts.push(ctx), false) });
      expect((await create(refusing, { mode: 'wildcard' })).status).toBe(401);
      const { handle } = (await create(proxyWith(), { mode: 'same-device' })).json;
      for (const [method, path] of [['GET', ''], ['GET', '/events'], ['POST', '/cancel']] as const) {
        const r = await call(refusing, method, `/session/${handle}${path}`, method === 'POST' ? {} : undefined);
        expect(r.status).toBe(401);
        expect(r.json.error.code).toBe('UNAUTHORIZED');
      }
      expect(upstream).not.toHaveBeenCalled();
      expect(contexts).toEqual([
        { action: 'create' },
        { action: 'status', request: expect.stringMatching(/^req_/), mode: 'same-device' },
        { action: 'events', request: expect.stringMatching(/^req_/), mode: 'same-device' },
        { action: 'cancel', request: expect.stringMatching(/^req_/), mode: 'same-device' },
      ]);
      const throwing = proxyWith({ authorize: () => { throw new Error('no session store'); } });
      expect((await create(throwing, { mode: 'wildcard' })).status).toBe(401);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('POST /session/:handle/cancel', () => {
  let proxy: Proxy;
  beforeAll(() => {
    proxy = proxyWith();
  });

  it('cancels even in session; a completed session is 409; an expired one says so', async () => {
    const { handle, seeds } = (await create(proxy, { mode: 'wildcard' })).json;
    await wallet('scan', { persona: 'amina', seed: seeds[0] });
    const r = await call(proxy, 'POST', `/session/${handle}/cancel`, {});
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ handle, status: 'declined', declineReason: 'CANCELLED' });
    expect((await status(proxy, handle)).json.status).toBe('declined');
    expect((await wallet('approve', { persona: 'amina', request: await flowIdOf(handle) })).status).toBe(409);
    expect((await call(proxy, 'POST', `/session/${handle}/cancel`, undefined, { 'content-type': 'text/plain' })).status).toBe(415);

    const done = (await create(proxy, { mode: 'different-device', nin: '34567890123' })).json.handle;
    await wallet('approve', { persona: 'kwame', request: await flowIdOf(done) });
    expect((await call(proxy, 'POST', `/session/${done}/cancel`, {})).json.error.code).toBe('CONFLICT');

    const old = (await create(proxy, { mode: 'wildcard' })).json.handle;
    now += 360_000;
    expect((await call(proxy, 'POST', `/session/${old}/cancel`, {})).json).toEqual({ handle: old, status: 'expired' });
  });
});

describe('upstream failures', () => {
  it('unreachable → 502, no answer in time → 504, refused credentials → 502, rate limit → 429 with Retry-After', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const down = proxyWith({ baseUrl: 'http://127.0.0.1:9/pasby' });
      expect((await create(down, { mode: 'wildcard' })).json.error.code).toBe('UPSTREAM_UNAVAILABLE');
      const hang: typeof fetch = (_i, init) => new Promise((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
      const slow = await create(proxyWith({ fetch: hang, timeoutMs: 50 }), { mode: 'wildcard' });
      expect(slow.status).toBe(504);
      expect(slow.json.error.code).toBe('UPSTREAM_TIMEOUT');
      const badSecret = await create(proxyWith({ secret: 'snb_wrong' }), { mode: 'same-device' });
      expect(badSecret.status).toBe(502);
      expect(badSecret.json.error.code).toBe('UPSTREAM_ERROR');
      expect(warn.mock.calls.flat().join(' ')).toMatch(/refused the proxy's credentials/);
    } finally {
      warn.mockRestore();
    }
    const limited = await startSandbox({ port: 0, dbPath: ':memory:', rateLimit: '1/60' });
    try {
      const proxy = createPasbyProxy({ apiKey: KEY, secret: SECRET, privateKey: keys.privateKey, baseUrl: `${limited.url}/pasby` });
      expect((await create(proxy, { mode: 'wildcard' })).status).toBe(201);
      const r = await create(proxy, { mode: 'wildcard' });
      expect(r.status).toBe(429);
      expect(r.json.error.code).toBe('RATE_LIMITED');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('options', () => {
  it('refuses missing secrets, a bad private key, and out-of-range choices', () => {
    const ok = { apiKey: KEY, secret: SECRET, privateKey: keys.privateKey };
    expect(() => createPasbyProxy({ ...ok, apiKey: '' })).toThrow(/needs apiKey/);
    expect(() => createPasbyProxy({ ...ok, secret: '' })).toThrow(/needs secret/);
    expect(() => createPasbyProxy({ ...ok, privateKey: keys.publicKey })).toThrow(/PEM RSA private key/);
    expect(() => createPasbyProxy({ ...ok, modes: [] })).toThrow(/modes must be/);
    expect(() => createPasbyProxy({ ...ok, claims: ['naming.nickname' as never] })).toThrow(/claims must be/);
    expect(() => createPasbyProxy({ ...ok, payload: 'x'.repeat(201) })).toThrow(/payload must be/);
    expect(() => createPasbyProxy({ ...ok, seeds: 11 })).toThrow(/seeds must be/);
    expect(() => createPasbyProxy({ ...ok, handleSecret: 'short' })).toThrow(/at least 32 bytes/);
    expect(createPasbyProxy(ok).prefix).toBe('/api/pasby');
  });

  it('knows the same claim keys as the sandbox', () => {
    expect([...PASBY_CLAIM_KEYS]).toEqual([...PASBY_CLAIMS]);
  });
});

afterAll(() => {
  // No answer, header or stream of any test above carried a credential or any PEM.
  const all = answered.join('\n');
  expect(all.length).toBeGreaterThan(1000);
  for (const secret of [KEY, SECRET, 'snb_', 'bk-test', '-----BEGIN', 'PRIVATE KEY', keys.privateKey.split('\n')[1]!, keys.publicKey.split('\n')[1]!]) {
    expect(all).not.toContain(secret);
  }
});
