/** pasby emulation over HTTP: SSE, v1 authorize, v1 calls with an access token, and long polling. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identification, KEY, openSse, SECRET, startPasby, V2, wallet, wildcard, type PasbyClient } from '../test/pasby.js';

let p: PasbyClient;
let now = Date.now();
beforeAll(async () => {
  // SSE repeats every 300 ms and long polls give up after 400 ms, so the tests stay short.
  p = await startPasby({ now: () => now, pasby: { sseIntervalMs: 300, longPollMs: 400 } });
});
afterAll(() => p.sandbox.close());

const sseUrl = (id: string) => `${p.base}/api/v2/flow/sse?request=${encodeURIComponent(id)}`;
const parse = (data: string) => JSON.parse(data) as Record<string, unknown>;

describe('SSE', () => {
  it('sends the flow at once, on every change, and ends after the terminal state', async () => {
    const { id, seeds } = await wildcard(p, 2);
    const stream = await openSse(sseUrl(id), { 'x-api-key': KEY });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('cache-control')).toBe('no-store');
    const [first] = await stream.waitFor(1);
    expect(parse(first!.data)).toMatchObject({ reference: id, onsession: false, cancelled: false });

    await wallet(p, 'scan', { persona: 'amina', seed: seeds[1] });
    const afterScan = await stream.waitFor(stream.events.length + 1);
    expect(parse(afterScan.at(-1)!.data)).toMatchObject({ onsession: true });

    await wallet(p, 'approve', { persona: 'amina', request: id });
    await stream.waitEnd();
    const last = parse(stream.events.at(-1)!.data);
    expect(last).toMatchObject({ onsession: false, signedAt: expect.any(Number) });
    expect(Object.keys(last.claims as object)).toEqual(['naming']);
    expect(stream.ended).toBe(true);
  });

  it('pushes a change at once, without waiting for the periodic event', async () => {
    const slow = await startPasby({ pasby: { sseIntervalMs: 60_000 } });
    try {
      const { id, seeds } = await wildcard(slow, 1);
      const stream = await openSse(`${slow.base}/api/v2/flow/sse?request=${id}`, V2);
      await stream.waitFor(1);
      await wallet(slow, 'scan', { persona: 'chidi', seed: seeds[0] });
      // With a 60 s interval, only the change notification can bring this event within the wait.
      const events = await stream.waitFor(2, 5_000);
      expect(parse(events[1]!.data)).toMatchObject({ onsession: true });
      stream.close();
    } finally {
      await slow.sandbox.close();
    }
  });

  it('repeats the flow every interval while nothing changes', async () => {
    const { id } = await wildcard(p, 1);
    const stream = await openSse(sseUrl(id), V2);
    const events = await stream.waitFor(3);
    expect(events.map((e) => parse(e.data).reference)).toEqual([id, id, id]);
    expect(stream.ended).toBe(false);
    stream.close();
  });

  it('ends with a cancelled flow, and with an "expired" event once exp passes', async () => {
    const a = await wildcard(p, 1);
    const cancelled = await openSse(sseUrl(a.id), V2);
    await cancelled.waitFor(1);
    await p.call('POST', '/api/v2/flow/cancel', { headers: V2, body: { request: a.id } });
    await cancelled.waitEnd();
    expect(parse(cancelled.events.at(-1)!.data)).toMatchObject({ cancelled: true });

    const b = await wildcard(p, 1);
    const expiring = await openSse(sseUrl(b.id), V2);
    await expiring.waitFor(1);
    now += 360_000;
    await expiring.waitEnd();
    expect(expiring.events.at(-1)).toEqual({ event: 'expired', data: JSON.stringify({ status: 'failed', reason: 'Request expired' }) });
    // Opening a stream on an expired flow is a plain 410.
    const late = await fetch(sseUrl(b.id), { headers: V2 });
    expect(late.status).toBe(410);
    expect(await late.json()).toEqual({ status: 'failed', reason: 'Request expired' });
  });

  it('answers errors as JSON before the stream starts', async () => {
    const missing = await fetch(`${p.base}/api/v2/flow/sse`, { headers: V2 });
    expect(missing.status).toBe(400);
    expect((await fetch(sseUrl('req_1-ABCD'), { headers: V2 })).status).toBe(404);
    expect((await fetch(sseUrl('req_1-ABCD'))).status).toBe(401);
    const { id } = await wildcard(p, 1);
    expect((await fetch(sseUrl(id), { headers: { 'x-api-key': 'bk-test_other' } })).status).toBe(404);
  });

  it('ends open streams when the sandbox closes', async () => {
    const own = await startPasby();
    const { id } = await wildcard(own, 1);
    const stream = await openSse(`${own.base}/api/v2/flow/sse?request=${id}`, V2);
    await stream.waitFor(1);
    const closing = own.sandbox.close();
    await stream.waitEnd(4_000); // well inside the 5 s grace, so the stream ended by itself
    await closing;
  });
});

describe('v1: authorize, then x-access-token', () => {
  async function authorize(query = 'sub=bcn_sandbox&app=app_sandbox', headers: Record<string, string> = V2) {
    return p.call('GET', `/api/v1/flow/authorize?${query}`, { headers });
  }

  it('issues an HS256 JWT for 10 minutes that carries no secret', async () => {
    const r = await authorize();
    expect(r.status).toBe(200);
    expect(r.json.reason).toBe('Token generated successfully');
    const [head, body] = (r.json.data.token as string).split('.');
    expect(JSON.parse(Buffer.from(head!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'bcn_sandbox', app: 'app_sandbox', name: 'Sandbox Bank' });
    expect(claims.exp - claims.iat).toBe(600);
    expect(r.json.data.token).not.toContain(Buffer.from(SECRET).toString('base64url').slice(0, 8));
  });

  it('refuses a missing sub or app (400), another app’s ids or a wrong secret (401)', async () => {
    expect((await authorize('sub=bcn_sandbox')).status).toBe(400);
    expect((await authorize('sub=bcn_other&app=app_other')).status).toBe(401);
    expect((await authorize(undefined, { 'x-api-key': KEY, 'x-access-secret': 'snb_x' })).status).toBe(401);
  });

  it('pings and cancels with the token, and refuses a forged, another app’s or an expired one', async () => {
    const token = (await authorize()).json.data.token as string;
    const v1 = { 'x-api-key': KEY, 'x-access-token': token };
    const { id } = await wildcard(p, 1);
    const pinged = await p.call('POST', '/api/v1/flow/ping', { headers: v1, body: { request: id } });
    expect(pinged.status).toBe(200);
    expect(pinged.json.data.request.reference).toBe(id);
    const cancelled = await p.call('POST', '/api/v1/flow/cancel', { headers: v1, body: { request: id } });
    expect(cancelled.json.reason).toBe('Request now cancelled');

    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await p.call('POST', '/api/v1/flow/ping', { headers: { ...v1, 'x-access-token': forged }, body: { request: id } })).status).toBe(401);
    expect((await p.call('POST', '/api/v1/flow/ping', { headers: { 'x-api-key': 'bk-test_other', 'x-access-token': token }, body: { request: id } })).status).toBe(401);
    const none = await p.call('POST', '/api/v1/flow/ping', { headers: { 'x-api-key': KEY }, body: { request: id } });
    expect(none.json.reason).toMatch(/^Missing x-access-token header/);
    now += 600_000;
    const expired = await p.call('POST', '/api/v1/flow/ping', { headers: v1, body: { request: id } });
    expect(expired.status).toBe(401);
    expect(expired.json.reason).toBe('The x-access-token has expired. Authorize again.');
  });
});

describe('long polling', () => {
  const poll = (id: string, version = 'v1') => p.call('POST', `/api/${version}/flow/polling`, { headers: V2, body: { request: id } });

  it('answers as soon as the flow changes', async () => {
    const slow = await startPasby({ pasby: { longPollMs: 60_000 } });
    try {
      const { id, seeds } = await wildcard(slow, 1);
      const started = Date.now();
      const answer = slow.call('POST', '/api/v1/flow/polling', { headers: V2, body: { request: id } });
      await new Promise((r) => setTimeout(r, 200));
      await wallet(slow, 'scan', { persona: 'kwame', seed: seeds[0] });
      const r = await answer;
      expect(r.status).toBe(200);
      expect(r.json.data.request).toMatchObject({ reference: id, onsession: true });
      expect(Date.now() - started).toBeLessThan(30_000); // far below the 60 s hold
    } finally {
      await slow.sandbox.close();
    }
  });

  it('answers the unchanged flow after the hold time, and a finished flow at once', async () => {
    const { id, seeds } = await wildcard(p, 1);
    const r = await poll(id);
    expect(r.json.data.request).toMatchObject({ onsession: false, cancelled: false });
    await wallet(p, 'scan', { persona: 'amina', seed: seeds[0] });
    await wallet(p, 'decline', { persona: 'amina', request: id });
    expect((await poll(id, 'v2')).json.data.request.cancelled).toBe(true);
  });

  it('takes a v1 token too, and answers 404 / 410 like ping', async () => {
    const token = (await p.call('GET', '/api/v1/flow/authorize?sub=bcn_sandbox&app=app_sandbox', { headers: V2 })).json.data.token;
    const { id } = await wildcard(p, 1);
    const r = await p.call('POST', '/api/v1/flow/polling', { headers: { 'x-api-key': KEY, 'x-access-token': token }, body: { request: id } });
    expect(r.status).toBe(200);
    expect((await poll('req_1-ABCD')).status).toBe(404);
    now += 360_000;
    expect((await poll(id)).status).toBe(410);
  });
});
