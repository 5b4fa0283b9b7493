import { afterEach, describe, expect, it, vi } from 'vitest';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createPassidProxy } from './proxy.js';
import { toNodeHandler } from './node.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((resolve) => s.close(resolve));
    }),
  );
});

/** A proxy whose upstream is a stub that echoes what it received. */
function echoProxy() {
  const upstream = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
    return Response.json({ url: String(url), body }, { status: 200, headers: { 'X-PASSID-API-Version': '1' } });
  });
  const proxy = createPassidProxy({ apiKey: 'sk_sandbox_demo', baseUrl: 'https://bridge.test', fetch: upstream as unknown as typeof fetch });
  return { proxy, upstream };
}

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const verify = (base: string, path = '/api/passid/verify', body = '{"token":"KE8V-3TXY-Z72L"}') =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

describe('toNodeHandler', () => {
  it("runs the proxy in Node's http server, body and headers included", async () => {
    const { proxy } = echoProxy();
    const base = await listen(createServer(toNodeHandler(proxy)));
    const response = await verify(base);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-passid-api-version')).toBe('1');
    // Written as text (no Web Response in between), with what the Response path would carry.
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json');
    const text = await response.clone().text();
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(await response.json()).toEqual({ url: 'https://bridge.test/api/bridge/verify', body: { token: 'KE8V-3TXY-Z72L' } });
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });

  it('lets Express requests outside the prefix go on to the next routes', async () => {
    const { proxy, upstream } = echoProxy();
    const app = express();
    app.use(toNodeHandler(proxy));
    app.get('/health', (_req, res) => {
      res.json({ ok: true });
    });
    const base = await listen(createServer(app));
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ ok: true });
    expect(upstream).not.toHaveBeenCalled();
  });

  it('works when mounted at a path (originalUrl) and after a global express.json()', async () => {
    const { proxy } = echoProxy();
    const app = express();
    app.use(express.json());
    app.use('/api/passid', toNodeHandler(proxy));
    const base = await listen(createServer(app));
    const response = await verify(base);
    expect(await response.json()).toMatchObject({ body: { token: 'KE8V-3TXY-Z72L' } });
  });

  it('answers 413 for a body over the limit while reading the stream', async () => {
    const { proxy, upstream } = echoProxy();
    const base = await listen(createServer(toNodeHandler(proxy, { maxBodyBytes: 64 })));
    const response = await verify(base, '/api/passid/verify', JSON.stringify({ token: 'x'.repeat(100) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(upstream).not.toHaveBeenCalled();
  });

  it('closes the connection after refusing a body it stopped reading, so a keep-alive client is not stuck', async () => {
    const { proxy } = echoProxy();
    const base = await listen(createServer(toNodeHandler(proxy, { maxBodyBytes: 1024 })));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: Buffer) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = httpRequest(`${base}${path}`, { method, agent, headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      const big = await send('POST', '/api/passid/verify', Buffer.alloc(1_000_000, 0x20));
      expect(big).toEqual({ status: 413, connection: 'close' });
      // The next request on the same agent gets an answer (a new connection), not a reset.
      expect((await send('GET', '/api/passid/verify')).status).toBe(405);
    } finally {
      agent.destroy();
    }
  }, 20_000);

  /** A server running `handler` under toNodeHandler; `gone` resolves when a client's connection closed. */
  async function serveWatched(handler: (request: Request) => Promise<Response>) {
    let closed = () => {};
    const gone = new Promise<void>((resolve) => (closed = resolve));
    const node = toNodeHandler(handler);
    const base = await listen(
      createServer((req, res) => {
        res.once('close', () => closed()); // before toNodeHandler's own listener
        void node(req, res);
      }),
    );
    return { base, gone };
  }

  it('cancels an event stream whose client left while the answer was being made', async () => {
    let cancelled = false;
    let started = () => {};
    const handling = new Promise<void>((resolve) => (started = resolve));
    const { base, gone } = await serveWatched(async () => {
      started();
      await gone; // the client left before the answer existed
      const body = new ReadableStream<Uint8Array>({
        pull: () => new Promise(() => {}), // an upstream that would stay open
        cancel: () => {
          cancelled = true;
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    });
    const leaving = new AbortController();
    const request = fetch(`${base}/events`, { headers: { Accept: 'text/event-stream' }, signal: leaving.signal }).catch(() => null);
    await handling;
    leaving.abort();
    await request;
    await vi.waitFor(() => expect(cancelled).toBe(true), { timeout: 5_000 });
  });

  it('gives a short request no signal that follows the client, and an event-stream request one', async () => {
    for (const [accept, followsClient] of [
      ['application/json', false],
      ['text/event-stream', true],
    ] as const) {
      let aborted: boolean | undefined;
      let started = () => {};
      const handling = new Promise<void>((resolve) => (started = resolve));
      const { base, gone } = await serveWatched(async (request) => {
        started();
        await gone;
        aborted = request.signal.aborted;
        return new Response('{}', { headers: { 'Content-Type': 'application/json' } });
      });
      const leaving = new AbortController();
      const request = fetch(`${base}/x`, { headers: { Accept: accept }, signal: leaving.signal }).catch(() => null);
      await handling;
      leaving.abort();
      await request;
      await vi.waitFor(() => expect(aborted).toBe(followsClient));
    }
  });
});
