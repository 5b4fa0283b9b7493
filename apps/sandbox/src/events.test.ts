/**
 * The status stream, `GET /api/bridge/request/:requestId/events`, against real sandboxes over
 * HTTP (docs/bridge-api.md, "Status stream").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { bearer, createRequest as createRequestAs, DEMO, login, OTHER, start, type Client } from './test/helpers.js';
import { isEvent, openStream, type OpenStream } from './test/sse.js';
import { createStatusBus } from './status-bus.js';
import { startSandbox } from './server.js';

let client: Client | undefined;
const streams: OpenStream[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  await client?.sandbox.close();
  client = undefined;
});

const createRequest = (c: Client, body: unknown = { permissions: ['full_score', 'sanctions_clear'] }) => createRequestAs(c, body);

async function stream(c: Client, requestId: string, headers: Record<string, string> = {}, key = DEMO): Promise<OpenStream> {
  const s = await openStream(`${c.sandbox.url}/api/bridge/request/${requestId}/events`, { 'x-institution-key': key, ...headers });
  streams.push(s);
  return s;
}

async function fulfil(c: Client, requestId: string, persona = 'amina') {
  const r = await c.call('POST', `/api/bridge/request/${requestId}/fulfill`, { headers: bearer(await login(c, persona)) });
  expect(r.status).toBe(200);
}

/** The JSON body of an event, with the server's clock masked (it moves between two reads). */
const withoutClock = (json: string) => ({ ...(JSON.parse(json) as Record<string, unknown>), serverTime: '<t>' });

describe('GET /api/bridge/request/:requestId/events', () => {
  test('sends the current status at once, as the status endpoint answers it, with the stream headers', async () => {
    client = await start();
    const id = await createRequest(client);
    const s = await stream(client, id);
    expect(s.response.status).toBe(200);
    expect(s.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(s.response.headers.get('cache-control')).toBe('no-store');
    expect(s.response.headers.get('x-accel-buffering')).toBe('no');
    expect(s.response.headers.get('content-encoding')).toBeNull();
    expect(s.response.headers.get('access-control-allow-origin')).toBe('*');
    expect(s.response.headers.get('x-passid-api-version')).toBe('1');
    const first = await s.item(0);
    if (!isEvent(first)) throw new Error('the first item is not an event');
    expect(first).toMatchObject({ id: '1', event: 'status' });
    const polled = await client.call('GET', `/api/bridge/request/${id}`, { key: DEMO });
    expect(withoutClock(first.data)).toEqual(withoutClock(polled.text));
    expect(JSON.parse(first.data)).toMatchObject({ requestId: id, status: 'pending', serverTime: expect.any(String) });
    expect(s.isEnded()).toBe(false);
  });

  test('pushes the end status to every open stream when the wallet fulfils, then ends each response', async () => {
    client = await start();
    const id = await createRequest(client);
    const open = await Promise.all(Array.from({ length: 5 }, () => stream(client!, id)));
    for (const s of open) await s.item(0);
    await fulfil(client, id);
    const polled = await client.call('GET', `/api/bridge/request/${id}`, { key: DEMO });
    for (const s of open) {
      const end = await s.item(1);
      if (!isEvent(end)) throw new Error('expected the end event');
      expect(end).toMatchObject({ id: '2', event: 'status' });
      expect(withoutClock(end.data)).toEqual(withoutClock(polled.text));
      expect(JSON.parse(end.data)).toMatchObject({ status: 'completed', claims: { tier: 'A' }, token: expect.any(String) });
      await s.ended;
      expect(s.items).toHaveLength(2);
    }
  });

  test('pushes a decline and a sanctions decline the same way', async () => {
    client = await start();
    const declined = await createRequest(client);
    const sanctioned = await createRequest(client);
    const a = await stream(client, declined);
    const b = await stream(client, sanctioned);
    await a.item(0);
    await b.item(0);
    const jwt = await login(client, 'amina');
    expect((await client.call('POST', `/api/bridge/request/${declined}/decline`, { headers: bearer(jwt), body: {} })).status).toBe(200);
    await fulfil(client, sanctioned, 'zed');
    for (const [s, reason] of [[a, 'CUSTOMER_DECLINED'], [b, 'HARD_DENY_SANCTIONS_MATCH']] as const) {
      const end = await s.item(1);
      expect(isEvent(end) && JSON.parse(end.data)).toMatchObject({ status: 'declined', declineReason: reason });
      await s.ended;
    }
  });

  test('a stream opened on a finished request gets its end status and ends', async () => {
    client = await start();
    const id = await createRequest(client);
    await fulfil(client, id);
    const s = await stream(client, id);
    await s.ended;
    expect(s.items).toHaveLength(1);
    expect(s.items[0]).toMatchObject({ id: '2', event: 'status' });
  });

  test('pushes the expiry when expiresAt passes, with no request from the client', async () => {
    let offset = 0;
    const lines: string[] = [];
    client = await start({ now: () => Date.now() + offset, log: (line) => lines.push(line) });
    const id = await createRequest(client, { ttlSeconds: 60 });
    offset = 60_000 - 400; // the request now expires in 0.4 s
    const s = await stream(client, id);
    expect(await s.item(0)).toMatchObject({ id: '1' });
    const end = await s.item(1);
    expect(isEvent(end) && JSON.parse(end.data)).toMatchObject({ status: 'expired' });
    await s.ended;
    // One request for the whole stream; no poll of the status endpoint.
    expect(lines.filter((l) => l.startsWith('GET '))).toEqual([expect.stringMatching(new RegExp(`^GET /api/bridge/request/${id}/events 200 `))]);
  });

  test('notices a clock moved past expiresAt (tests move it) by the next heartbeat', async () => {
    let offset = 0;
    client = await start({ now: () => Date.now() + offset, heartbeatMs: 40 });
    const id = await createRequest(client);
    const s = await stream(client, id);
    expect(await s.item(0)).toMatchObject({ id: '1' });
    offset = 11 * 60_000; // the request expired ten minutes ago, as far as the sandbox knows
    await s.ended;
    const last = s.events().at(-1);
    expect(last && JSON.parse(last.data)).toMatchObject({ status: 'expired' });
  });

  test('sends `: hb` comments on an idle stream at the configured interval', async () => {
    client = await start({ heartbeatMs: 40 });
    const id = await createRequest(client);
    const s = await stream(client, id);
    expect(await s.item(0)).toMatchObject({ id: '1' });
    expect(await s.item(1)).toEqual({ comment: 'hb' });
    expect(await s.item(2)).toEqual({ comment: 'hb' });
  });

  describe('Last-Event-ID', () => {
    test('a client that has the pending event gets nothing again, then the change', async () => {
      client = await start({ heartbeatMs: 30 });
      const id = await createRequest(client);
      const s = await stream(client, id, { 'last-event-id': '1' });
      // Two heartbeats and no event: the pending status is not sent again.
      expect(await s.item(0)).toEqual({ comment: 'hb' });
      expect(await s.item(1)).toEqual({ comment: 'hb' });
      expect(s.events()).toEqual([]);
      await fulfil(client, id);
      await s.ended;
      expect(s.events().map((e) => [e.id, JSON.parse(e.data).status])).toEqual([['2', 'completed']]);
    });

    test('replays the end status to a client behind it; an up-to-date client gets nothing', async () => {
      client = await start();
      const id = await createRequest(client);
      await fulfil(client, id);
      const behind = await stream(client, id, { 'last-event-id': '1' });
      await behind.ended;
      expect(behind.events().map((e) => e.id)).toEqual(['2']);
      const upToDate = await stream(client, id, { 'last-event-id': '2' });
      await upToDate.ended;
      expect(upToDate.items).toEqual([]);
    });

    test.each(['abc', '99', '-1', ''])('an unknown id (%j) gets the current status first', async (lastId) => {
      client = await start();
      const id = await createRequest(client);
      const s = await stream(client, id, { 'last-event-id': lastId });
      expect(await s.item(0)).toMatchObject({ id: '1', event: 'status' });
    });
  });

  describe('errors before the stream starts are the usual JSON errors', () => {
    test('401 without a key or with a live key, 404 for an unknown id or another institution', async () => {
      client = await start();
      const id = await createRequest(client);
      const none = await client.call('GET', `/api/bridge/request/${id}/events`);
      expect(none.status).toBe(401);
      expect(none.headers.get('content-type')).toMatch(/^application\/json/);
      expect(none.json.error.code).toBe('UNAUTHORIZED');
      expect((await client.call('GET', `/api/bridge/request/${id}/events`, { key: 'sk_live_abc' })).status).toBe(401);
      const other = await client.call('GET', `/api/bridge/request/${id}/events`, { key: OTHER });
      const unknown = await client.call('GET', '/api/bridge/request/req_doesnotexist00000000000/events', { key: DEMO });
      expect(other.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect(other.text).toBe(unknown.text);
    });

    test('a stream counts as one request for the rate limit; over it → 429 with Retry-After', async () => {
      client = await start({ rateLimit: '3/60' });
      const id = await createRequest(client); // 1
      const s = await stream(client, id); // 2
      await s.item(0);
      const third = await stream(client, id); // 3
      await third.item(0);
      const fourth = await client.call('GET', `/api/bridge/request/${id}/events`, { key: DEMO });
      expect(fourth.status).toBe(429);
      expect(fourth.json.error.code).toBe('RATE_LIMITED');
      expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });

    test('at most 20 open streams per key and request: the 21st gets 429; one closes, one more opens', async () => {
      client = await start();
      const id = await createRequest(client);
      const other = await createRequest(client);
      const open = await Promise.all(Array.from({ length: 20 }, () => stream(client!, id)));
      for (const s of open) expect(s.response.status).toBe(200);
      const refused = await client.call('GET', `/api/bridge/request/${id}/events`, { key: DEMO });
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('20') });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Another request of the same key is not affected.
      expect((await stream(client, other)).response.status).toBe(200);
      // Once a client goes away, its place is free again (the server notices the close).
      open[0]!.close();
      let reopened: OpenStream | undefined;
      const deadline = Date.now() + 10_000;
      while (!reopened) {
        const attempt = await stream(client, id);
        if (attempt.response.status === 200) reopened = attempt;
        else if (Date.now() > deadline) throw new Error('the closed stream was never released');
        else await new Promise((r) => setTimeout(r, 20));
      }
      await fulfil(client, id);
      for (const s of [...open.slice(1), reopened]) {
        await s.ended;
        expect(s.events().at(-1)).toMatchObject({ id: '2' });
      }
    });
  });

  test('preflight allows Last-Event-ID and Accept', async () => {
    client = await start();
    const res = await fetch(`${client.sandbox.url}/api/bridge/request/req_x/events`, {
      method: 'OPTIONS',
      headers: { origin: 'https://bank.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-institution-key, last-event-id, accept' },
    });
    expect(res.status).toBe(204);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['x-institution-key', 'last-event-id', 'accept']) expect(allowed).toContain(h);
  });
});

describe('restarts', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  test('close() ends open streams at once; a client resumes on the restarted sandbox with Last-Event-ID', async () => {
    dir = mkdtempSync(join(tmpdir(), 'passid-events-'));
    const dbPath = join(dir, 'sandbox.db');
    const first = await startSandbox({ dbPath, closeGraceMs: 60_000 });
    const created = await fetch(`${first.url}/api/bridge/request`, {
      method: 'POST',
      headers: { 'x-institution-key': DEMO, 'content-type': 'application/json' },
      body: '{}',
    });
    const { requestId } = (await created.json()) as { requestId: string };
    const s = await openStream(`${first.url}/api/bridge/request/${requestId}/events`, { 'x-institution-key': DEMO });
    streams.push(s);
    const seen = await s.item(0);
    // close() does not wait for the stream (the grace period is a minute): it ends it.
    const closing = first.close();
    const outcome = await Promise.race([closing.then(() => 'closed'), new Promise((r) => setTimeout(r, 20_000, 'hung'))]);
    expect(outcome).toBe('closed');
    await s.ended;
    expect(s.items).toHaveLength(1);

    client = { sandbox: await startSandbox({ dbPath }), call: () => Promise.reject(new Error('unused')) };
    const base = client.sandbox.url;
    const { jwt } = (await (await fetch(`${base}/api/sandbox/wallet/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"persona":"chidi"}' })).json()) as { jwt: string };
    expect((await fetch(`${base}/api/bridge/request/${requestId}/fulfill`, { method: 'POST', headers: bearer(jwt) })).status).toBe(200);
    const resumed = await openStream(`${base}/api/bridge/request/${requestId}/events`, {
      'x-institution-key': DEMO,
      'last-event-id': isEvent(seen) ? (seen.id ?? '') : '',
    });
    streams.push(resumed);
    await resumed.ended;
    expect(resumed.events().map((e) => [e.id, JSON.parse(e.data).status, JSON.parse(e.data).claims?.tier])).toEqual([['2', 'completed', 'B']]);
  });
});

describe('the status bus', () => {
  test('tells every listener synchronously on publish, and close() ends them all', () => {
    const bus = createStatusBus(() => 0);
    const heard: string[] = [];
    const off = bus.subscribe('req_a', (signal) => heard.push(`a1:${signal}`));
    bus.subscribe('req_a', (signal) => heard.push(`a2:${signal}`));
    bus.subscribe('req_b', (signal) => heard.push(`b:${signal}`));
    bus.publish('req_a');
    expect(heard).toEqual(['a1:change', 'a2:change']);
    off();
    bus.publish('req_a');
    bus.close();
    expect(heard).toEqual(['a1:change', 'a2:change', 'a2:change', 'a2:close', 'b:close']);
    bus.subscribe('req_c', (signal) => heard.push(`c:${signal}`));
    expect(heard.at(-1)).toBe('c:close');
  });
});
