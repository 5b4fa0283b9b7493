/** Test helpers: a real sandbox on an ephemeral port, a tiny HTTP client and a webhook receiver. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../server.js';

export const DEMO = 'sk_sandbox_demo';
export const OTHER = 'sk_sandbox_other';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface Client {
  sandbox: RunningSandbox;
  call(method: string, path: string, init?: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<Reply>;
}

export async function call(
  base: string,
  method: string,
  path: string,
  init: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key) headers['x-institution-key'] = init.key;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Starts a sandbox (`:memory:` unless told) and returns a client bound to it. */
export async function start(options: SandboxOptions = {}): Promise<Client> {
  const sandbox = await startSandbox({ dbPath: ':memory:', ...options });
  return { sandbox, call: (m, p, i) => call(sandbox.url, m, p, i) };
}

/** Logs a persona in and returns its JWT. */
export async function login(client: Client, persona: string): Promise<string> {
  const r = await client.call('POST', '/api/sandbox/wallet/login', { body: { persona } });
  return r.json.jwt as string;
}

export const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });

export interface Received {
  raw: Buffer;
  headers: IncomingMessage['headers'];
  at: number;
  status: number;
}

/**
 * A real local webhook receiver. `respond(n, body)` picks the status of the n-th delivery
 * (1-based) of an event; `0` leaves the request hanging (to test the attempt timeout).
 */
export async function startReceiver(respond: (attemptOfEvent: number, raw: Buffer) => number = () => 200) {
  const received: Received[] = [];
  const perEvent = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let id = '';
      try {
        id = (JSON.parse(raw.toString('utf8')) as { id: string }).id;
      } catch {
        /* counted under '' */
      }
      const n = (perEvent.get(id) ?? 0) + 1;
      perEvent.set(id, n);
      const status = respond(n, raw);
      received.push({ raw, headers: req.headers, at: Date.now(), status });
      if (status !== 0) res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    /** Events (by id) and how many 2xx deliveries each got. */
    effective(): Map<string, number> {
      const m = new Map<string, number>();
      for (const r of received) {
        const id = (JSON.parse(r.raw.toString('utf8')) as { id: string }).id;
        m.set(id, (m.get(id) ?? 0) + (r.status >= 200 && r.status < 300 ? 1 : 0));
      }
      return m;
    },
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** Polls `check` until it returns true (for asynchronous webhook deliveries), failing after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Creates a bridge request as the demo institution; returns its id (201 asserted). */
export async function createRequest(client: Client, body: unknown = {}): Promise<string> {
  const r = await client.call('POST', '/api/bridge/request', { key: DEMO, body });
  if (r.status !== 201) throw new Error(`create answered ${r.status}: ${JSON.stringify(r.json)}`);
  return r.json.requestId as string;
}
