import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { CreateRequestResponseSchema, RequestStatusResponseSchema, PERMISSIONS } from '@passid/core/wire';
import * as v from 'valibot';
import { DEMO, OTHER, start, type Client } from './test/helpers.js';

let client: Client;
afterEach(async () => {
  await client?.sandbox.close();
});

const CODE = /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{4}-[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{4}$/;

describe('POST /api/bridge/request', () => {
  test('creates a pending request with an id, a code, a deep link and the expiry', async () => {
    let t = Date.parse('2026-11-23T14:00:00.000Z');
    client = await start({ now: () => t });
    const r = await client.call('POST', '/api/bridge/request', { key: DEMO, body: { permissions: ['full_score'], ttlSeconds: 120 } });
    expect(r.status).toBe(201);
    const body = v.parse(CreateRequestResponseSchema, r.json);
    expect(body.requestId).toMatch(/^req_[A-Za-z0-9_-]{20,}$/);
    expect(body.code).toMatch(CODE);
    expect(body.deepLink).toBe(`passid://verify-request?r=${body.requestId}&i=inst_demo`);
    expect(body.expiresAt).toBe('2026-11-23T14:02:00.000Z');
    expect(body.serverTime).toBe('2026-11-23T14:00:00.000Z');
    t += 1;
    const s = await client.call('GET', `/api/bridge/request/${body.requestId}`, { key: DEMO });
    expect(v.parse(RequestStatusResponseSchema, s.json)).toMatchObject({ status: 'pending', permissions: ['full_score'], code: body.code });
  });

  test('defaults to all seven permissions and a 10-minute TTL; ids are unique', async () => {
    const t = Date.parse('2026-11-23T14:00:00.000Z');
    client = await start({ now: () => t });
    const a = await client.call('POST', '/api/bridge/request', { key: DEMO, body: {} });
    const b = await client.call('POST', '/api/bridge/request', { key: DEMO });
    expect(a.json.expiresAt).toBe('2026-11-23T14:10:00.000Z');
    expect(a.json.requestId).not.toBe(b.json.requestId);
    const s = await client.call('GET', `/api/bridge/request/${a.json.requestId}`, { key: DEMO });
    expect(s.json.permissions).toEqual([...PERMISSIONS]);
  });

  test.each([
    ['malformed JSON', '{"permissions": [', 'not valid JSON'],
    ['wrong type', '{"ttlSeconds": "600"}', 'ttlSeconds'],
    ['unknown permission', '{"permissions": ["credit_card_number"]}', 'permissions.0'],
    ['TTL below 60', '{"ttlSeconds": 59}', 'ttlSeconds'],
    ['TTL above 3600', '{"ttlSeconds": 3601}', 'ttlSeconds'],
    ['unknown field', '{"colour": "red"}', 'colour'],
    ['an array body', '[]', 'JSON object'],
  ])('400 INVALID_REQUEST for %s', async (_name, raw, inMessage) => {
    client = await start();
    const r = await client.call('POST', '/api/bridge/request', { key: DEMO, raw, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('INVALID_REQUEST');
    expect(r.json.error.message).toContain(inMessage);
    expect(r.headers.get('x-passid-api-version')).toBe('1');
  });
});

describe('authentication and isolation', () => {
  test('401 without a key, with an unknown key, and for a live key with a message saying why', async () => {
    client = await start();
    const none = await client.call('GET', '/api/bridge/cohorts');
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('UNAUTHORIZED');
    const unknown = await client.call('GET', '/api/bridge/cohorts', { key: 'sk_sandbox_nobody' });
    expect(unknown.status).toBe(401);
    const live = await client.call('POST', '/api/bridge/request', { key: 'sk_live_abc123', body: {} });
    expect(live.status).toBe(401);
    expect(live.json.error.message).toMatch(/sandbox.*only accepts sandbox keys/);
  });

  test("another institution's request and an unknown id are both 404", async () => {
    client = await start();
    const r = await client.call('POST', '/api/bridge/request', { key: DEMO, body: {} });
    const other = await client.call('GET', `/api/bridge/request/${r.json.requestId}`, { key: OTHER });
    const unknown = await client.call('GET', '/api/bridge/request/req_doesnotexist00000000000', { key: DEMO });
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(other.text).toBe(unknown.text);
  });

  test('a pending request past expiresAt reads as expired', async () => {
    let t = Date.parse('2026-11-23T14:00:00.000Z');
    client = await start({ now: () => t });
    const r = await client.call('POST', '/api/bridge/request', { key: DEMO, body: { ttlSeconds: 60 } });
    t += 59_999;
    expect((await client.call('GET', `/api/bridge/request/${r.json.requestId}`, { key: DEMO })).json.status).toBe('pending');
    t += 1;
    const s = await client.call('GET', `/api/bridge/request/${r.json.requestId}`, { key: DEMO });
    expect(s.json.status).toBe('expired');
    expect(s.json.serverTime).toBe('2026-11-23T14:01:00.000Z');
  });
});

describe('HTTP envelope', () => {
  test('404 for an unknown route carries the envelope and the version header', async () => {
    client = await start();
    const r = await client.call('GET', '/api/bridge/nothing-here');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    expect(r.headers.get('x-passid-api-version')).toBe('1');
  });

  test('CORS preflight allows the institution headers and exposes the API headers', async () => {
    client = await start();
    const r = await client.call('OPTIONS', '/api/bridge/verify', {
      headers: { origin: 'https://bank.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-institution-key, idempotency-key, content-type' },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = (r.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['x-institution-key', 'idempotency-key', 'content-type', 'authorization']) expect(allowed).toContain(h);
    expect(r.headers.get('access-control-allow-methods')).toContain('POST');
    expect(r.headers.get('x-passid-api-version')).toBe('1');
    const get = await client.call('GET', '/healthz', { headers: { origin: 'https://bank.example' } });
    const exposed = (get.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    for (const h of ['x-passid-api-version', 'retry-after', 'idempotent-replayed', 'date']) expect(exposed).toContain(h);
  });

  test('413 for a body over 16 KiB, by Content-Length', async () => {
    client = await start();
    const r = await client.call('POST', '/api/bridge/request', { key: DEMO, raw: JSON.stringify({ institutionName: 'x'.repeat(17_000) }) });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(r.headers.get('x-passid-api-version')).toBe('1');
    const ignoredBody = await client.call('POST', '/api/sandbox/webhooks/test', { key: DEMO, raw: 'x'.repeat(16 * 1024 + 1) });
    expect(ignoredBody.status).toBe(413);
    const atLimit = await client.call('POST', '/api/bridge/verify', { key: DEMO, raw: JSON.stringify({ token: 'KE8V-3TXY-Z72L' }).padEnd(16 * 1024, ' ') });
    expect(atLimit.status).toBe(200);
  });

  test('413 for a chunked body without Content-Length once more than 16 KiB have streamed', async () => {
    client = await start();
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${client.sandbox.url}/api/bridge/verify`, {
        method: 'POST',
        headers: { 'x-institution-key': DEMO, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        let b = '';
        res.on('data', (c: Buffer) => (b += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write('x'.repeat(1024));
      req.end();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('429 with Retry-After once a key exceeds its rate limit; other keys are unaffected', async () => {
    client = await start({ rateLimit: '3/30' });
    for (let i = 0; i < 3; i++) expect((await client.call('GET', '/api/bridge/cohorts', { key: DEMO })).status).toBe(200);
    const limited = await client.call('GET', '/api/bridge/cohorts', { key: DEMO });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect((await client.call('GET', '/api/bridge/cohorts', { key: OTHER })).status).toBe(200);
  });

  test('rate limit "0" disables it', async () => {
    client = await start({ rateLimit: '0' });
    // More than the default 300 per 10 s.
    for (let i = 0; i < 320; i++) {
      const r = await client.call('GET', '/api/bridge/cohorts', { key: DEMO });
      if (r.status !== 200) expect.fail(`call ${i + 1} got ${r.status}`);
    }
  });
});
