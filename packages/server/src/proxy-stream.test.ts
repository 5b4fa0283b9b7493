/**
 * The proxy's status stream, `GET {prefix}/request/:handle/events`, against a REAL sandbox over
 * HTTP: through the Web handler and through `toNodeHandler` in a Node server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type RunningSandbox } from '@passid/sandbox';
import { isEvent, openStream, readStream, type OpenStream } from '../../../apps/sandbox/src/test/sse.js';
import { createPassidProxy, type PassidProxyOptions } from './proxy.js';
import { toNodeHandler } from './node.js';

const KEY = 'sk_sandbox_demo';
let sandbox: RunningSandbox;
const streams: OpenStream[] = [];
const servers: Server[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dbPath: ':memory:', rateLimit: '0' });
});
afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((resolve) => s.close(resolve));
    }),
  );
});
afterAll(async () => {
  await sandbox.close();
});

function proxyFor(options: Partial<PassidProxyOptions> = {}) {
  return createPassidProxy({ apiKey: KEY, baseUrl: sandbox.url, permissions: ['full_score', 'sanctions_clear'], ...options });
}

async function createThrough(proxy: ReturnType<typeof createPassidProxy>): Promise<{ handle: string; requestId: string }> {
  const res = await proxy(new Request('https://bank.test/api/passid/request', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
  expect(res.status).toBe(201);
  const { requestId: handle, deepLink } = (await res.json()) as { requestId: string; deepLink: string };
  return { handle, requestId: new URL(deepLink.replace('passid://', 'http://')).searchParams.get('r') ?? '' };
}

async function sandboxCall(path: string, init: { jwt?: string; key?: string; body?: unknown } = {}) {
  return fetch(`${sandbox.url}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.jwt ? { authorization: `Bearer ${init.jwt}` } : {}),
      ...(init.key ? { 'x-institution-key': init.key } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function fulfil(requestId: string, persona = 'amina') {
  const { jwt } = (await (await sandboxCall('/api/sandbox/wallet/login', { body: { persona } })).json()) as { jwt: string };
  expect((await sandboxCall(`/api/bridge/request/${requestId}/fulfill`, { jwt, body: {} })).status).toBe(200);
}

/** Opens a stream to the sandbox directly; its status tells whether the per-request cap (20) is reached. */
async function directStreamStatus(requestId: string): Promise<number> {
  const res = await fetch(`${sandbox.url}/api/bridge/request/${requestId}/events`, { headers: { 'x-institution-key': KEY } });
  await res.body?.cancel();
  return res.status;
}

/** Waits until the sandbox accepts a direct stream of `requestId` again: its proxied streams are gone. */
async function expectUpstreamsClosed(requestId: string) {
  const deadline = Date.now() + 10_000;
  while ((await directStreamStatus(requestId)) !== 200) {
    if (Date.now() > deadline) throw new Error('the proxy kept its upstream streams open after the browsers went away');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function checkStatusStream(s: OpenStream, handle: string) {
  const events = s.events();
  for (const e of events) {
    const body = JSON.parse(e.data) as Record<string, unknown>;
    expect(body.requestId).toBe(handle);
    expect(body).not.toHaveProperty('token');
  }
  expect(s.text()).not.toContain(KEY);
  return events.map((e) => [e.id, e.event, (JSON.parse(e.data) as { status: string }).status]);
}

describe('the Web handler', () => {
  it('relays the first event while the upstream stream is still open, then the end status, then ends', async () => {
    const proxy = proxyFor();
    const { handle, requestId } = await createThrough(proxy);
    const res = await proxy(new Request(`https://bank.test/api/passid/request/${encodeURIComponent(handle)}/events`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    expect(res.headers.get('x-passid-api-version')).toBe('1');
    const s = readStream(res);
    streams.push(s);
    const first = await s.item(0);
    // The request is pending: the sandbox has not ended its stream, yet the event is here.
    expect(isEvent(first) && JSON.parse(first.data)).toMatchObject({ requestId: handle, status: 'pending', permissions: ['full_score', 'sanctions_clear'] });
    expect(s.isEnded()).toBe(false);
    await fulfil(requestId);
    await s.ended;
    expect(checkStatusStream(s, handle)).toEqual([
      ['1', 'status', 'pending'],
      ['2', 'status', 'completed'],
    ]);
    expect(JSON.parse(s.events()[1]!.data)).toMatchObject({ claims: { tier: 'A', fsi_score: 812, sanctions_clear: true } });
  });

  it('closes its upstream request when the browser goes away (the sandbox sees the streams close)', async () => {
    const proxy = proxyFor();
    const { handle, requestId } = await createThrough(proxy);
    const open = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const s = readStream(await proxy(new Request(`https://bank.test/api/passid/request/${handle}/events`)));
        streams.push(s);
        await s.item(0);
        return s;
      }),
    );
    expect(await directStreamStatus(requestId)).toBe(429); // 20 upstream streams are open
    const over = await proxy(new Request(`https://bank.test/api/passid/request/${handle}/events`));
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('5');
    expect(await over.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    for (const s of open) s.close();
    await expectUpstreamsClosed(requestId);
  });

  it('forwards a Last-Event-ID the stream could have sent, and answers errors as JSON', async () => {
    const authorize = vi.fn(() => true);
    const proxy = proxyFor({ authorize });
    const { handle, requestId } = await createThrough(proxy);
    const resumed = readStream(await proxy(new Request(`https://bank.test/api/passid/request/${handle}/events`, { headers: { 'last-event-id': '1' } })));
    streams.push(resumed);
    const garbage = readStream(await proxy(new Request(`https://bank.test/api/passid/request/${handle}/events`, { headers: { 'last-event-id': '1 or 2' } })));
    streams.push(garbage);
    expect(await garbage.item(0)).toMatchObject({ id: '1' }); // not forwarded: the current status first
    await fulfil(requestId);
    await resumed.ended;
    expect(checkStatusStream(resumed, handle)).toEqual([['2', 'status', 'completed']]);
    expect(authorize).toHaveBeenLastCalledWith(expect.any(Request), { action: 'events', requestId });

    for (const bad of [requestId, `${requestId}.AAAAAAAAAAAAAAAAAAAAAA`]) {
      const res = await proxy(new Request(`https://bank.test/api/passid/request/${bad}/events`));
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/json');
    }
    const refused = await proxyFor({ authorize: () => false })(new Request(`https://bank.test/api/passid/request/${handle}/events`));
    expect(refused.status).toBe(401);
    expect((await proxy(new Request(`https://bank.test/api/passid/request/${handle}/events`, { method: 'POST' }))).status).toBe(405);
  });

  it("passes PASSID's refusal of a stream through as JSON (404 of another institution's request)", async () => {
    const handleSecret = 'a-shared-handle-secret-of-32-bytes-or-more';
    const { handle } = await createThrough(proxyFor({ handleSecret }));
    const other = createPassidProxy({ apiKey: 'sk_sandbox_other', baseUrl: sandbox.url, handleSecret });
    const res = await other(new Request(`https://bank.test/api/passid/request/${handle}/events`));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(text).not.toContain('sk_sandbox_other');
  });
});

describe('toNodeHandler', () => {
  async function nodeProxy(options: Partial<PassidProxyOptions> = {}) {
    const proxy = proxyFor(options);
    const server = createServer(toNodeHandler(proxy));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { proxy, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  it('streams each event as it comes (no buffering), then ends after the end status', async () => {
    const { proxy, base } = await nodeProxy();
    const { handle, requestId } = await createThrough(proxy);
    const s = await openStream(`${base}/api/passid/request/${encodeURIComponent(handle)}/events`);
    streams.push(s);
    expect(s.response.status).toBe(200);
    expect(s.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(s.response.headers.get('content-length')).toBeNull();
    expect(await s.item(0)).toMatchObject({ id: '1', event: 'status' });
    expect(s.isEnded()).toBe(false);
    await fulfil(requestId, 'zed');
    await s.ended;
    expect(checkStatusStream(s, handle)).toEqual([
      ['1', 'status', 'pending'],
      ['2', 'status', 'declined'],
    ]);
  });

  it('closes the upstream request when the browser disconnects', async () => {
    const { proxy, base } = await nodeProxy();
    const { handle, requestId } = await createThrough(proxy);
    const open = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const s = await openStream(`${base}/api/passid/request/${handle}/events`);
        streams.push(s);
        await s.item(0);
        return s;
      }),
    );
    expect(await directStreamStatus(requestId)).toBe(429);
    for (const s of open) s.close();
    await expectUpstreamsClosed(requestId);
  });
});
