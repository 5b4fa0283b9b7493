/**
 * The client, the proxy and the Express example against a REAL sandbox over HTTP
 * (`apps/sandbox`: Hono + SQLite in memory). `fetch` is only wrapped at the boundary.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startSandbox, type RunningSandbox } from '@passid/sandbox';
import { createBridgeClient } from '@passid/core';
import { createPassidClient } from './client.js';
import { createPassidProxy } from './proxy.js';
import { createRequestHandles } from './handle.js';
import { PassidApiError } from './errors.js';

interface ExampleOptions {
  apiKey: string;
  baseUrl: string;
  webhookSecret: string;
  onEvent: (event: { id: string; type: string }) => void;
}
// The example is plain JavaScript (copy-paste ready); its shape is declared here.
const { createApp } = (await import('../../../examples/express/server.mjs' as string)) as {
  createApp: (options: ExampleOptions) => { listen(port: number, host: string): Server };
};

const KEY = 'sk_sandbox_demo';
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dbPath: ':memory:' });
});
afterAll(async () => {
  await sandbox.close();
});

/** A global fetch that records every upstream call. */
function recordingFetch() {
  const calls: string[] = [];
  const wrapped = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    return fetch(input, init);
  }) as typeof fetch;
  return { calls, fetch: wrapped };
}

async function wallet(path: string, body: unknown, jwt?: string) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(jwt ? { Authorization: `Bearer ${jwt}` } : {}) },
    body: JSON.stringify(body),
  });
  expect(response.ok, `${path} → ${response.status}`).toBe(true);
  return (await response.json()) as Record<string, string>;
}

async function shareToken(persona = 'amina') {
  const { jwt } = await wallet('/api/sandbox/wallet/login', { persona });
  const { token } = await wallet('/api/sandbox/wallet/share', {}, jwt);
  return { jwt: jwt as string, token: token as string };
}

/** A fetch whose first call reaches the sandbox (which acts on it) but whose answer is lost. */
function loseFirstAnswer() {
  const keys: string[] = [];
  let lost = false;
  const wrapped = (async (input: string | URL | Request, init?: RequestInit) => {
    keys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
    const response = await fetch(input, init); // the sandbox acts on the call…
    if (!lost) {
      lost = true;
      await response.body?.cancel();
      throw new TypeError('fetch failed: socket hang up'); // …but the answer never arrives
    }
    return response;
  }) as typeof fetch;
  return { keys, fetch: wrapped };
}

/** Every byte of a response, headers included, as text: where a leaked key would show. */
async function dump(response: Response): Promise<string> {
  const headers: string[] = [];
  response.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
  return `${response.status}\n${headers.join('\n')}\n\n${await response.text()}`;
}

describe('createPassidClient against the sandbox', () => {
  it('creates a request, reads it, verifies a token, reports an outcome and reads cohorts', async () => {
    const client = createPassidClient({ apiKey: KEY, baseUrl: sandbox.url });
    const created = await client.createRequest({ permissions: ['full_score'], ttlSeconds: 120 });
    expect(created.status).toBe('pending');
    const status = await client.getRequest(created.requestId);
    expect(status).toMatchObject({ requestId: created.requestId, status: 'pending', permissions: ['full_score'] });

    const { token } = await shareToken('chidi');
    const verified = await client.verify(token);
    expect(verified).toMatchObject({ verified: true, replayed: false });
    if (!verified.verified) throw new Error('unreachable');
    expect(verified.claims.tier).toBe('B');

    const again = await client.verify(token);
    expect(again).toMatchObject({ verified: false, denyReason: 'TOKEN_ALREADY_USED' });

    const outcome = await client.reportOutcome({ token, outcome: 'repaid', productType: 'loan', amount: 500, currency: 'GBP' });
    expect(outcome).toMatchObject({ token, outcome: 'repaid', fsiScore: 743 });
    const duplicate = await client.reportOutcome({ token, outcome: 'repaid' }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(PassidApiError);
    expect(duplicate).toMatchObject({ status: 409, code: 'CONFLICT' });

    const cohorts = await client.getCohorts();
    const tierB = cohorts.tiers.find((t) => t.tier === 'B');
    expect(tierB?.outcomes.repaid).toBeGreaterThanOrEqual(1);
  });

  it('returns denials, including the sanctions hit, as typed results', async () => {
    const client = createPassidClient({ apiKey: KEY, baseUrl: sandbox.url });
    expect(await client.verify('SANC-HITS-0001')).toMatchObject({ verified: false, denyReason: 'HARD_DENY_SANCTIONS_MATCH' });
  });

  it('retries a verify whose answer was lost with the same Idempotency-Key: one verification, replayed', async () => {
    const { token } = await shareToken();
    const { keys, fetch: flaky } = loseFirstAnswer();
    const client = createPassidClient({ apiKey: KEY, baseUrl: sandbox.url, fetch: flaky, sleep: async () => {} });
    const result = await client.verify(token);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    // A second verification of this one-time token would say TOKEN_ALREADY_USED.
    expect(result).toMatchObject({ verified: true, replayed: true, idempotencyKey: keys[0] });
  });

  it('retries an outcome whose answer was lost with the same Idempotency-Key: recorded once, no 409', async () => {
    const { token } = await shareToken();
    await createPassidClient({ apiKey: KEY, baseUrl: sandbox.url }).verify(token);
    const { keys, fetch: flaky } = loseFirstAnswer();
    const client = createPassidClient({ apiKey: KEY, baseUrl: sandbox.url, fetch: flaky, sleep: async () => {} });
    const result = await client.reportOutcome({ token, outcome: 'repaid' });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(result).toMatchObject({ token, outcome: 'repaid' });
    // The caller's own key is used as given; a new report (another key) is still a 409.
    const again = createPassidClient({ apiKey: KEY, baseUrl: sandbox.url, fetch: flaky });
    const replay = await again.reportOutcome({ token, outcome: 'repaid' }, { idempotencyKey: keys[0] });
    expect(replay.outcomeId).toBe(result.outcomeId);
    expect(keys[2]).toBe(keys[0]);
    const error = (await again.reportOutcome({ token, outcome: 'repaid' }).catch((e: unknown) => e)) as PassidApiError;
    expect(error).toMatchObject({ status: 409, code: 'CONFLICT' });
  });

  it('reports an unknown key as a 401 PassidApiError without the key in it', async () => {
    const client = createPassidClient({ apiKey: 'sk_sandbox_nobody_knows_me', baseUrl: sandbox.url });
    const error = (await client.getCohorts().catch((e: unknown) => e)) as PassidApiError;
    expect(error).toMatchObject({ kind: 'http', status: 401, code: 'UNAUTHORIZED' });
    expect(JSON.stringify(error) + error.message).not.toContain('sk_sandbox_nobody_knows_me');
  });
});

describe('createPassidProxy against the sandbox', () => {
  const browser = (path: string, init: RequestInit = {}) =>
    new Request(`https://bank.test/api/passid${path}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
    });

  it('runs the QR flow and the manual token flow without the key in any response', async () => {
    const upstream = recordingFetch();
    const proxy = createPassidProxy({ apiKey: KEY, baseUrl: sandbox.url, fetch: upstream.fetch, permissions: ['full_score', 'fraud_risk'] });
    const seen: string[] = [];

    const createdRes = await proxy(browser('/request', { method: 'POST', body: '{}' }));
    const createdText = await dump(createdRes.clone());
    seen.push(createdText);
    expect(createdRes.status).toBe(201);
    expect(createdRes.headers.get('x-passid-api-version')).toBe('1');
    const created = (await createdRes.json()) as { requestId: string; code: string; deepLink: string };
    // The browser gets an opaque handle; the wallet gets the raw id in the deep link.
    const rawId = new URL(created.deepLink.replace('passid://', 'http://')).searchParams.get('r') ?? '';
    expect(created.requestId.startsWith(`${rawId}.`)).toBe(true);
    expect((await proxy(browser(`/request/${rawId}`))).status).toBe(404);

    const pending = await proxy(browser(`/request/${encodeURIComponent(created.requestId)}`));
    seen.push(await dump(pending.clone()));
    expect(await pending.json()).toMatchObject({ status: 'pending', permissions: ['full_score', 'fraud_risk'] });

    const { jwt } = await wallet('/api/sandbox/wallet/login', { persona: 'amina' });
    await wallet(`/api/bridge/request/${rawId}/fulfill`, {}, jwt);
    const completed = await proxy(browser(`/request/${encodeURIComponent(created.requestId)}`));
    seen.push(await dump(completed.clone()));
    const completedBody = (await completed.json()) as Record<string, unknown>;
    expect(completedBody).toMatchObject({ requestId: created.requestId, status: 'completed', claims: { tier: 'A', fsi_score: 812, fraud_risk: 'low' } });
    expect(completedBody).not.toHaveProperty('token');
    // The backend still reads the spent share token (for outcomes) with the client.
    const direct = await createPassidClient({ apiKey: KEY, baseUrl: sandbox.url }).getRequest(rawId);
    expect(direct.token).toEqual(expect.any(String));

    const verifyInit = { method: 'POST', body: JSON.stringify({ token: 'KE8V-3TXY-Z72L' }), headers: { 'Idempotency-Key': 'browser-attempt-1' } };
    const verified = await proxy(browser('/verify', verifyInit));
    seen.push(await dump(verified.clone()));
    expect(await verified.json()).toMatchObject({ verified: true, claims: { tier: 'A' } });
    const replay = await proxy(browser('/verify', verifyInit));
    seen.push(await dump(replay.clone()));
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    const notFound = await proxy(browser('/request/req_doesnotexist123456789.AAAAAAAAAAAAAAAAAAAAAA'));
    seen.push(await dump(notFound));
    expect(notFound.status).toBe(404);

    for (const text of seen) expect(text).not.toContain(KEY);
    expect(upstream.calls).toEqual([
      'POST /api/bridge/request',
      'GET /api/bridge/request/' + rawId,
      'GET /api/bridge/request/' + rawId,
      'POST /api/bridge/verify',
      'POST /api/bridge/verify',
    ]);
  });

  it("serves the browser component's own client in proxy mode (endpoint, no key)", async () => {
    const proxy = createPassidProxy({ apiKey: KEY, baseUrl: sandbox.url, permissions: ['identity_verified', 'sanctions_clear'] });
    const sentKeys: Array<string | null> = [];
    const browserFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(new URL(String(input), 'https://bank.test'), init);
      sentKeys.push(request.headers.get('x-institution-key'));
      return proxy(request);
    }) as typeof fetch;
    const browserClient = createBridgeClient({ endpoint: '/api/passid', fetch: browserFetch });
    const created = await browserClient.createRequest({});
    const status = await browserClient.getRequest(created.requestId);
    expect(status.permissions).toEqual(['identity_verified', 'sanctions_clear']);
    const verified = await browserClient.verifyToken({ token: 'GH2P-ABCD-56KL', idempotencyKey: 'component-1' });
    expect(verified).toMatchObject({ verified: true, claims: { decision: 'review' } });
    expect(sentKeys).toEqual([null, null, null]);
  });

  it('shows the browser only the claims of its permissions, in verify answers too', async () => {
    const proxy = createPassidProxy({ apiKey: KEY, baseUrl: sandbox.url, permissions: ['identity_verified'] });
    const verified = await proxy(browser('/verify', { method: 'POST', body: JSON.stringify({ token: 'KE8V-3TXY-Z72L' }) }));
    expect(verified.status).toBe(200);
    const body = (await verified.json()) as { verified: boolean; claims: Record<string, unknown> };
    expect(body.verified).toBe(true);
    expect(Object.keys(body.claims).sort()).toEqual(['corridor', 'decision', 'identity_verified']);
    // A status the backend created with every permission shows the browser only the allowed ones.
    const { requestId } = await createPassidClient({ apiKey: KEY, baseUrl: sandbox.url }).createRequest({});
    const { jwt } = await wallet('/api/sandbox/wallet/login', { persona: 'chidi' });
    await wallet(`/api/bridge/request/${requestId}/fulfill`, {}, jwt);
    const handle = await createRequestHandles(KEY).seal(requestId);
    const status = (await (await proxy(browser(`/request/${handle}`))).json()) as { claims: Record<string, unknown> };
    expect(Object.keys(status.claims).sort()).toEqual(['corridor', 'decision', 'identity_verified']);
  });

  it("does not let one browser spend the institution's whole PASSID rate limit", async () => {
    // Its own sandbox, with the default limit (300 requests per 10 s per key).
    const own = await startSandbox({ port: 0, dbPath: ':memory:' });
    try {
      const proxy = createPassidProxy({ apiKey: KEY, baseUrl: own.url });
      const created = (await (await proxy(browser('/request', { method: 'POST', body: '{}' }))).json()) as { requestId: string };
      const statuses = new Map<number, number>();
      for (let i = 0; i < 310; i += 1) {
        const status = (await proxy(browser(`/request/${encodeURIComponent(created.requestId)}`))).status;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      expect(statuses.get(429)).toBeGreaterThan(0);
      // The next customer can still start a verification.
      const next = await proxy(browser('/request', { method: 'POST', body: '{}' }));
      expect(next.status).toBe(201);
    } finally {
      await own.close();
    }
  });

  it("keeps the browser's Idempotency-Keys apart from the backend's own", async () => {
    const proxy = createPassidProxy({ apiKey: KEY, baseUrl: sandbox.url });
    const backend = createPassidClient({ apiKey: KEY, baseUrl: sandbox.url });
    const browserVerify = (key: string, token: string) =>
      proxy(browser('/verify', { method: 'POST', body: JSON.stringify({ token }), headers: { 'Idempotency-Key': key } }));
    // A browser takes the keys the backend will use for its own calls…
    const first = await browserVerify('order-7', 'KE8V-3TXY-Z72L');
    expect(first.status).toBe(200);
    expect((await browserVerify('order-9', 'KE8V-3TXY-Z72L')).status).toBe(200);
    // …and the backend's calls with those keys are not refused (422 IDEMPOTENCY_KEY_REUSED) or replayed.
    const verified = await backend.verify('NG4M-XQRS-T88W', { idempotencyKey: 'order-7' });
    expect(verified).toMatchObject({ verified: true, replayed: false, claims: { tier: 'B' } });
    const outcome = await backend.reportOutcome({ token: 'NG4M-XQRS-T88W', outcome: 'repaid' }, { idempotencyKey: 'order-9' });
    expect(outcome).toMatchObject({ outcome: 'repaid' });
    // The browser's own retry with its key is still a replay.
    const retry = await browserVerify('order-7', 'KE8V-3TXY-Z72L');
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(await first.text());
  });

  it('answers 401 when authorize refuses, with no upstream call', async () => {
    const upstream = recordingFetch();
    const proxy = createPassidProxy({ apiKey: KEY, baseUrl: sandbox.url, fetch: upstream.fetch, authorize: () => false });
    const response = await proxy(browser('/request', { method: 'POST', body: '{}' }));
    expect(response.status).toBe(401);
    expect(upstream.calls).toEqual([]);
  });

  it('answers 400 for permissions outside the allowed set, with no upstream call', async () => {
    const upstream = recordingFetch();
    const proxy = createPassidProxy({ apiKey: KEY, baseUrl: sandbox.url, fetch: upstream.fetch, permissions: ['identity_verified'] });
    const response = await proxy(browser('/request', { method: 'POST', body: JSON.stringify({ permissions: ['full_score'] }) }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } });
    expect(upstream.calls).toEqual([]);
  });

  it('passes the sandbox errors through in their envelope', async () => {
    const proxy = createPassidProxy({ apiKey: 'sk_live_notforsandbox', baseUrl: sandbox.url });
    const response = await proxy(browser('/request', { method: 'POST', body: '{}' }));
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).toContain('UNAUTHORIZED');
    expect(text).not.toContain('sk_live_notforsandbox');
  });
});

describe('the Express example (examples/express/server.mjs) with toNodeHandler', () => {
  let server: Server;
  let base: string;
  const events: Array<{ id: string; type: string }> = [];
  /** Resolves the wait for one event id (an earlier delivery must not end another test's wait). */
  const waiting = new Map<string, () => void>();

  beforeAll(async () => {
    const registered = await fetch(`${sandbox.url}/api/sandbox/webhook-endpoint`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Institution-Key': KEY },
      body: JSON.stringify({ url: 'http://127.0.0.1:1/placeholder' }),
    });
    const { secret } = (await registered.json()) as { secret: string };
    const app = createApp({
      apiKey: KEY,
      baseUrl: sandbox.url,
      webhookSecret: secret,
      onEvent: (event: { id: string; type: string }) => {
        events.push(event);
        waiting.get(event.id)?.();
      },
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await fetch(`${sandbox.url}/api/sandbox/webhook-endpoint`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Institution-Key': KEY },
      body: JSON.stringify({ url: `${base}/webhooks/passid` }),
    });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('proxies the three browser calls with no key in the browser', async () => {
    const created = await fetch(`${base}/api/passid/request`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const createdText = await dump(created.clone());
    expect(created.status).toBe(201);
    const { requestId } = (await created.json()) as { requestId: string };
    const status = await fetch(`${base}/api/passid/request/${requestId}`);
    expect(await status.json()).toMatchObject({ status: 'pending', permissions: ['full_score', 'identity_verified', 'sanctions_clear', 'fraud_risk'] });
    const verified = await fetch(`${base}/api/passid/verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'express-1' },
      body: JSON.stringify({ token: 'NG4M-XQRS-T88W' }),
    });
    const verifiedText = await dump(verified.clone());
    expect(await verified.json()).toMatchObject({ verified: true, claims: { tier: 'B' } });
    expect(createdText + verifiedText).not.toContain(KEY);
    expect((await fetch(`${base}/api/passid/cohorts`)).status).toBe(404);
    expect((await fetch(`${base}/api/passid/verify`)).status).toBe(405);
  });

  it('receives a signed sandbox webhook over the raw body and processes it once', async () => {
    const sent = await fetch(`${sandbox.url}/api/sandbox/webhooks/test`, { method: 'POST', headers: { 'X-Institution-Key': KEY } });
    const { eventId } = (await sent.json()) as { eventId: string };
    // It may have arrived while the answer above was on its way.
    if (!events.some((e) => e.id === eventId)) await new Promise<void>((resolve) => waiting.set(eventId, resolve));
    expect(events.filter((e) => e.id === eventId).map((e) => e.type)).toEqual(['verification.completed']);
  });

  it('refuses a forged webhook with 400 and the reason', async () => {
    const body = JSON.stringify({ id: 'evt_forged', type: 'verification.completed', createdAt: new Date().toISOString(), institutionId: 'inst_demo', data: {} });
    const response = await fetch(`${base}/webhooks/passid`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-PASSID-Signature': `sha256=${'0'.repeat(64)}` },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'SIGNATURE_MISMATCH' });
    expect(events.some((e) => e.id === 'evt_forged')).toBe(false);
  });
});

describe("the Express example's webhook route never records an event before its work succeeded", () => {
  // A sandbox of its own, whose retries come after 30 ms instead of 30 s.
  let own: RunningSandbox;
  let server: Server;
  const runs: Array<{ id: string; ok: boolean }> = [];

  async function registerFor(url: string) {
    const response = await fetch(`${own.url}/api/sandbox/webhook-endpoint`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Institution-Key': KEY },
      body: JSON.stringify({ url }),
    });
    return ((await response.json()) as { secret: string }).secret;
  }

  beforeAll(async () => {
    own = await startSandbox({ port: 0, dbPath: ':memory:', retryScale: 0.001 });
    const secret = await registerFor('http://127.0.0.1:1/placeholder');
    let failNext = true;
    const app = createApp({
      apiKey: KEY,
      baseUrl: own.url,
      webhookSecret: secret,
      onEvent: async (event: { id: string; type: string }) => {
        // The first run of each event fails (a database that is briefly down).
        const fail = failNext;
        failNext = !failNext;
        runs.push({ id: event.id, ok: !fail });
        if (fail) throw new Error('the database is down');
      },
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    await registerFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/passid`);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await own.close();
  });

  it('answers 500 when the work fails, so PASSID retries, and processes the retry', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const sent = await fetch(`${own.url}/api/sandbox/webhooks/test`, { method: 'POST', headers: { 'X-Institution-Key': KEY } });
      const { eventId } = (await sent.json()) as { eventId: string };
      // Attempt 1 fails, attempt 2 follows at once (the sandbox's schedule) and succeeds.
      const deadline = Date.now() + 10_000;
      let delivery: { status: string; attempts: Array<{ statusCode: number | null }> } | undefined;
      do {
        await new Promise((r) => setTimeout(r, 20));
        const list = await fetch(`${own.url}/api/sandbox/webhook-deliveries`, { headers: { 'X-Institution-Key': KEY } });
        delivery = ((await list.json()) as { deliveries: Array<{ eventId: string; status: string; attempts: Array<{ statusCode: number | null }> }> }).deliveries.find((d) => d.eventId === eventId);
        if (Date.now() > deadline) throw new Error(`delivery still ${delivery?.status}`);
      } while (delivery?.status !== 'delivered');
      expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
      expect(runs.filter((r) => r.id === eventId)).toEqual([{ id: eventId, ok: false }, { id: eventId, ok: true }]);
    } finally {
      error.mockRestore();
    }
  });
});

