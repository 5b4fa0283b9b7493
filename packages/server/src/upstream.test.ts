/** The proxy's default upstream client (node:http, kept alive) against real local servers. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPassidProxy } from './proxy.js';
import { viaNode } from './upstream.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, socket: Socket) => void) {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => handler(req, res, req.socket));
  server.on('connection', (socket) => sockets.add(socket));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets };
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => resolve(text));
  });

describe('viaNode', () => {
  it('sends the method, headers and body, and reads status, headers and UTF-8 text; one kept-alive connection', async () => {
    const seen: string[] = [];
    const { url, sockets } = await serve(async (req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers['x-institution-key']} ${req.headers['content-length'] ?? '-'} ${await readBody(req)}`);
      res.writeHead(201, { 'Content-Type': 'application/json', 'Retry-After': '7' }).end('{"name":"Amina Ọlá"}');
    });
    const call = viaNode();
    const answer = await call(`${url}/api/bridge/request`, { method: 'POST', headers: { 'X-Institution-Key': 'sk_test', 'Content-Type': 'application/json' }, body: '{"ttlSeconds":600}' }, 5_000);
    expect(answer.status).toBe(201);
    expect(answer.header('Retry-After')).toBe('7');
    expect(answer.header('x-missing')).toBeNull();
    expect(answer.text).toBe('{"name":"Amina Ọlá"}');
    await call(`${url}/api/bridge/request/r1`, { method: 'GET', headers: { 'X-Institution-Key': 'sk_test' } }, 5_000);
    expect(seen).toEqual(['POST /api/bridge/request sk_test 18 {"ttlSeconds":600}', 'GET /api/bridge/request/r1 sk_test - ']);
    expect(sockets.size).toBe(1);
  });

  it('sends a GET again on a fresh connection when the kept-alive one was closed under it; never a POST', async () => {
    let requests = 0;
    const { url } = await serve((_req, res, socket) => {
      requests += 1;
      // The second request on a connection finds it closed by the server (as after an idle timeout).
      if (requests === 2 || requests === 4) return socket.destroy();
      res.end('ok');
    });
    const call = viaNode();
    await call(`${url}/a`, { method: 'GET', headers: {} }, 5_000);
    expect((await call(`${url}/b`, { method: 'GET', headers: {} }, 5_000)).text).toBe('ok');
    expect(requests).toBe(3);
    await expect(call(`${url}/c`, { method: 'POST', headers: {}, body: '{}' }, 5_000)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('rejects with a TimeoutError after timeoutMs, and with the network error when nothing listens', async () => {
    const { url } = await serve(() => {}); // never answers
    const call = viaNode();
    const started = Date.now();
    await expect(call(url, { method: 'GET', headers: {} }, 100)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(call('http://127.0.0.1:1/', { method: 'GET', headers: {} }, 5_000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(call('ftp://127.0.0.1/', { method: 'GET', headers: {} }, 5_000)).rejects.toThrow(/\[passid\] baseUrl must be http: or https:/);
  });

  it('rejects when the answer stops half-way: no more bytes (timeout), or the connection cut', async () => {
    const { url } = await serve((req, res, socket) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('{"status":');
      if (req.url === '/cut') setTimeout(() => socket.destroy(), 20);
    });
    const call = viaNode();
    await expect(call(`${url}/stall`, { method: 'GET', headers: {} }, 150)).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(call(`${url}/cut`, { method: 'GET', headers: {} }, 5_000)).rejects.toThrow();
  });

  it('is what the proxy uses without a fetch option: 504 on a timeout, 502 when PASSID is unreachable', async () => {
    const { url } = await serve(() => {});
    const post = () => new Request('https://bank.test/api/passid/request', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const slow = createPassidProxy({ apiKey: 'sk_live_upstream_test', baseUrl: url, timeoutMs: 100, rateLimit: false });
    expect((await slow(post())).status).toBe(504);
    const gone = createPassidProxy({ apiKey: 'sk_live_upstream_test', baseUrl: 'http://127.0.0.1:1', rateLimit: false });
    expect((await gone(post())).status).toBe(502);
  });
});
