/**
 * The pasby proxy's event stream against a real sandbox: events as they happen (never
 * buffered, also through `toNodeHandler`), the upstream closed when the browser goes, the ping
 * fallback when pasby's stream fails or drops, heartbeats, and the end after a final status.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '@passid/sandbox';
import { toNodeHandler } from '../node.js';
import { readEvents } from '../test/sse.js';
import { createPasbyProxy, type PasbyProxyOptions } from './proxy.js';

const KEY = 'bk-test_sandbox';
const SECRET = 'snb_sandbox';
let sandbox: RunningSandbox;
let base: string;
let privateKey: string;
let now = Date.now();

beforeAll(async () => {
  // pasby repeats the flow every 100 ms here: the proxy must still send only changes.
  sandbox = await startSandbox({ port: 0, dbPath: ':memory:', rateLimit: '0', now: () => now, pasby: { sseIntervalMs: 100 } });
  base = `${sandbox.url}/pasby`;
  const r = await fetch(`${base}/sandbox/communication-keys`, { headers: { 'x-api-key': KEY, 'x-access-secret': SECRET } });
  privateKey = ((await r.json()) as { data: { privateKey: string } }).data.privateKey;
});
afterAll(() => sandbox.close());

/** The upstream calls a proxy made, with their signals (to see them aborted). */
function watchedFetch(rewrite?: (url: string, response: Response) => Response | Promise<Response>) {
  const calls: { url: string; signal: AbortSignal | undefined }[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const url = String(input);
    calls.push({ url, signal: init?.signal ?? undefined });
    const response = await fetch(input, init);
    return rewrite ? rewrite(url, response) : response;
  };
  return { fetch: wrapped, calls, of: (part: string) => calls.filter((c) => c.url.includes(part)) };
}

const proxyWith = (extra: Partial<PasbyProxyOptions> = {}) =>
  createPasbyProxy({ apiKey: KEY, secret: SECRET, privateKey, baseUrl: base, now: () => now, ...extra });

async function session(proxy: (r: Request) => Promise<Response>, body: Record<string, unknown>) {
  const r = await proxy(new Request('http://bank.test/api/pasby/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  return (await r.json()) as { handle: string; seeds?: string[] };
}
const events = (proxy: (r: Request) => Promise<Response>, handle: string) => proxy(new Request(`http://bank.test/api/pasby/session/${handle}/events`));
const wallet = (action: string, body: Record<string, unknown>) =>
  fetch(`${base}/sandbox/wallet/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const data = (e: { data: string }) => JSON.parse(e.data) as Record<string, unknown>;
async function flowIdOf(handle: string): Promise<string> {
  let id = '';
  await proxyWith({ authorize: (_r, ctx) => ((id = ctx.request ?? ''), true) })(new Request(`http://bank.test/api/pasby/session/${handle}`));
  return id;
}

describe('GET /session/:handle/events', () => {
  it('sends the status at once, then each change only, and ends after completion with the claims', async () => {
    const up = watchedFetch();
    const proxy = proxyWith({ fetch: up.fetch });
    const { handle, seeds } = await session(proxy, { mode: 'wildcard' });
    const response = await events(proxy, handle);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const stream = readEvents(response);
    await stream.waitFor(1);
    expect(stream.events[0]!.event).toBe('status');
    expect(data(stream.events[0]!)).toEqual({ handle, status: 'pending', pickedUp: false, expiresAt: expect.any(String), serverTime: expect.any(String) });
    expect(stream.ended).toBe(false); // the first event came while the flow (and pasby's stream) is still open

    // pasby repeats the unchanged flow every 100 ms; the browser hears nothing new.
    await new Promise((r) => setTimeout(r, 400));
    expect(stream.events).toHaveLength(1);

    await wallet('scan', { persona: 'chidi', seed: seeds![1] });
    await stream.waitFor(2);
    expect(data(stream.events[1]!)).toMatchObject({ status: 'pending', pickedUp: true });
    await wallet('approve', { persona: 'chidi', request: await flowIdOf(handle) });
    await stream.waitEnd();
    expect(stream.events.map((e) => data(e).status)).toEqual(['pending', 'pending', 'completed']);
    expect(data(stream.events[2]!).claims).toEqual({ naming: { given: 'Chidi', family: 'Okafor' } });
    // Every event is exactly what GET /session/:handle answers.
    expect(Object.keys(data(stream.events[2]!)).sort()).toEqual(['claims', 'expiresAt', 'handle', 'pickedUp', 'serverTime', 'status']);
    expect(stream.text()).not.toMatch(/snb_|bk-test|BEGIN|PRIVATE KEY|signature|requestee/);
    expect(up.of('/flow/ping')).toHaveLength(0); // pasby's stream carried it all: no ping
  });

  it('closes the upstream stream when the browser goes away', async () => {
    const up = watchedFetch();
    const proxy = proxyWith({ fetch: up.fetch });
    const { handle } = await session(proxy, { mode: 'same-device' });
    const stream = readEvents(await events(proxy, handle));
    await stream.waitFor(1);
    const [sse] = up.of('/flow/sse');
    expect(sse!.signal!.aborted).toBe(false);
    await stream.cancel();
    await stream.until(() => sse!.signal!.aborted, 'the upstream to be aborted', 5_000);
  });

  it('falls back to ping when pasby’s stream cannot be opened', async () => {
    const up = watchedFetch((url, response) => (url.includes('/flow/sse') ? new Response('{"status":"failed","reason":"busy"}', { status: 503 }) : response));
    const proxy = proxyWith({ fetch: up.fetch, pingIntervalMs: 50 });
    const { handle } = await session(proxy, { mode: 'different-device', nin: '12345678901' });
    const stream = readEvents(await events(proxy, handle));
    await stream.waitFor(1);
    expect(data(stream.events[0]!).status).toBe('pending');
    await wallet('decline', { persona: 'amina', request: await flowIdOf(handle) });
    await stream.waitEnd();
    expect(data(stream.events.at(-1)!)).toMatchObject({ status: 'declined', declineReason: 'CANCELLED' });
    expect(up.of('/flow/ping').length).toBeGreaterThanOrEqual(2); // the first status, then the decline
  });

  it('falls back to ping when pasby’s stream drops before the end', async () => {
    // pasby's stream is cut after its first event.
    const cut = (url: string, response: Response) => {
      if (!url.includes('/flow/sse') || !response.body) return response;
      const reader = response.body.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { value } = await reader.read();
          if (value) controller.enqueue(value);
          await reader.cancel();
          controller.close();
        },
      });
      return new Response(body, { status: 200, headers: response.headers });
    };
    const up = watchedFetch(cut);
    const proxy = proxyWith({ fetch: up.fetch, pingIntervalMs: 50 });
    const { handle, seeds } = await session(proxy, { mode: 'wildcard' });
    const stream = readEvents(await events(proxy, handle));
    await stream.waitFor(1);
    await wallet('scan', { persona: 'amina', seed: seeds![0] });
    await wallet('approve', { persona: 'amina', request: await flowIdOf(handle) });
    await stream.waitEnd();
    expect(data(stream.events.at(-1)!)).toMatchObject({ status: 'completed', claims: { naming: { given: 'Amina', family: 'Wanjiru' } } });
    expect(up.of('/flow/ping').length).toBeGreaterThan(1);
  });

  it('sends heartbeats, and an "expired" status when the flow expires', async () => {
    const proxy = proxyWith({ heartbeatMs: 50 });
    const { handle } = await session(proxy, { mode: 'wildcard' });
    const stream = readEvents(await events(proxy, handle));
    await stream.waitFor(1);
    await stream.until(() => stream.comments.includes('hb') || stream.comments.includes(' hb'), 'a heartbeat');
    now += 360_000;
    await stream.waitEnd();
    expect(data(stream.events.at(-1)!)).toMatchObject({ status: 'expired', pickedUp: false });
  });

  it('answers a bad handle with a JSON 404 before any stream', async () => {
    const r = await events(proxyWith(), 'w000.nope');
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});

describe('through toNodeHandler (Node http)', () => {
  let server: Server;
  let url: string;
  const up = watchedFetch();
  beforeAll(async () => {
    server = createServer(toNodeHandler(proxyWith({ fetch: up.fetch })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/pasby`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('streams each event as it happens and closes the upstream when the browser leaves', async () => {
    const created = await fetch(`${url}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"mode":"wildcard"}' });
    const { handle, seeds } = (await created.json()) as { handle: string; seeds: string[] };
    const controller = new AbortController();
    const response = await fetch(`${url}/session/${handle}/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = readEvents(response);
    await stream.waitFor(1);
    await wallet('scan', { persona: 'kwame', seed: seeds[0] });
    await stream.waitFor(2);
    expect(data(stream.events[1]!)).toMatchObject({ pickedUp: true });
    const sse = up.of('/flow/sse').at(-1)!;
    controller.abort();
    await stream.until(() => sse.signal!.aborted, 'the upstream to be aborted', 5_000);
  });
});
