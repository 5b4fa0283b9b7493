/**
 * The Hono example (examples/hono/server.ts) against a REAL sandbox: the proxy is called
 * through `app.fetch`, the webhooks arrive over HTTP from the sandbox's outbox, with the app
 * served by `@hono/node-server` on a free port.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { startSandbox, type RunningSandbox } from '@passid/sandbox';
import type { PassidProxyOptions, WebhookEvent } from './index.js';

interface ExampleOptions {
  apiKey?: string;
  webhookSecret?: string;
  baseUrl?: string;
  authorize?: PassidProxyOptions['authorize'];
  onEvent?: (event: WebhookEvent) => void | Promise<void>;
}
interface ExampleApp {
  fetch: (request: Request) => Response | Promise<Response>;
}
// The example resolves `@passid/server` by the test alias, as the Express one does; its shape
// is declared here because this package's tsconfig has no path to it (examples/tsconfig.json
// type-checks the example itself).
const { createApp } = (await import('../../../examples/hono/server.ts' as string)) as {
  createApp: (options?: ExampleOptions) => ExampleApp;
};

const KEY = 'sk_sandbox_demo';
const SESSION = { Cookie: 'session=s1' };
const PERMISSIONS = ['full_score', 'identity_verified', 'sanctions_clear', 'fraud_risk'];

let sandbox: RunningSandbox;
/** The sandbox's request log: what reached PASSID, whatever client the proxy called it with. */
const sandboxLog: string[] = [];
let server: Server;
let base: string;
let app: ExampleApp;

/** What the example's `onEvent` was given, in order. */
const events: WebhookEvent[] = [];
const processed = new EventEmitter();
/** What the sandbox sent to the served app, and what the app answered, by event id. */
const deliveries = new Map<string, { body: string; signature: string; status: number; answer: string }>();

function processedEvent(id: string): Promise<WebhookEvent> {
  const seen = events.find((e) => e.id === id);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const listener = (event: WebhookEvent) => {
      if (event.id !== id) return;
      processed.off('event', listener);
      resolve(event);
    };
    processed.on('event', listener);
  });
}

/** What the sandbox sent and the app answered for event `id`, once the answer has gone out. */
function deliveryOf(id: string): Promise<{ body: string; signature: string; status: number; answer: string }> {
  const seen = deliveries.get(id);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const listener = (deliveredId: string) => {
      if (deliveredId !== id) return;
      processed.off('delivery', listener);
      resolve(deliveries.get(id)!);
    };
    processed.on('delivery', listener);
  });
}

/** Resolves after the callbacks `setImmediate` has queued so far have run. */
const afterQueuedImmediates = () => new Promise((resolve) => setImmediate(resolve));

async function putWebhookEndpoint(url: string): Promise<string> {
  const response = await fetch(`${sandbox.url}/api/sandbox/webhook-endpoint`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'X-Institution-Key': KEY },
    body: JSON.stringify({ url }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { secret: string }).secret;
}

/** Every byte of a response, headers included, as text: where a leaked key would show. */
async function dump(response: Response): Promise<string> {
  const headers: string[] = [];
  response.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
  return `${response.status}\n${headers.join('\n')}\n\n${await response.text()}`;
}

function browser(path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(app.fetch(new Request(`http://localhost${path}`, init)));
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dbPath: ':memory:', log: (line) => sandboxLog.push(line) });
  const secret = await putWebhookEndpoint('http://127.0.0.1:1/placeholder');
  app = createApp({
    apiKey: KEY,
    baseUrl: sandbox.url,
    webhookSecret: secret,
    onEvent: (event) => {
      events.push(event);
      processed.emit('event', event);
    },
  });
  const info = await new Promise<AddressInfo>((resolve) => {
    server = serve(
      {
        hostname: '127.0.0.1',
        port: 0,
        // Served as is; only watched, to keep the exact bytes the sandbox signed.
        fetch: async (request) => {
          const sent = request.method === 'POST' ? await request.clone().text() : '';
          const response = await app.fetch(request);
          const id = request.headers.get('x-passid-event-id');
          if (id) {
            const signature = request.headers.get('x-passid-signature') ?? '';
            deliveries.set(id, { body: sent, signature, status: response.status, answer: await response.clone().text() });
            processed.emit('delivery', id);
          }
          return response;
        },
      },
      resolve,
    ) as Server;
  });
  base = `http://127.0.0.1:${info.port}`;
  await putWebhookEndpoint(`${base}/webhooks/passid`);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await sandbox?.close();
});

describe('the Hono example (examples/hono/server.ts)', () => {
  it('proxies the three browser calls with no key in what the browser gets', async () => {
    const created = await browser('/api/passid/request', {
      method: 'POST',
      headers: { ...SESSION, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const createdText = await dump(created.clone());
    expect(created.status).toBe(201);
    const { requestId } = (await created.json()) as { requestId: string };

    const status = await browser(`/api/passid/request/${requestId}`, { headers: SESSION });
    const statusText = await dump(status.clone());
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ requestId, status: 'pending', permissions: PERMISSIONS });

    const verified = await browser('/api/passid/verify', {
      method: 'POST',
      headers: { ...SESSION, 'Content-Type': 'application/json', 'Idempotency-Key': 'hono-1' },
      body: JSON.stringify({ token: 'NG4M-XQRS-T88W' }),
    });
    const verifiedText = await dump(verified.clone());
    expect(await verified.json()).toMatchObject({ verified: true, claims: { tier: 'B' } });

    const seen = createdText + statusText + verifiedText;
    expect(seen).not.toContain(KEY);
    expect(seen.toLowerCase()).not.toContain('x-institution-key');
    expect((await browser('/api/passid/cohorts', { headers: SESSION })).status).toBe(404);
    expect((await browser('/api/passid/verify', { headers: SESSION })).status).toBe(405);
  });

  it('answers 401 and forwards nothing when authorize refuses', async () => {
    const before = sandboxLog.length;
    const upstream = () => sandboxLog.slice(before).filter((line) => line.includes('/api/bridge/'));
    // The example's own check: no session cookie, no verification.
    const anonymous = await browser('/api/passid/request', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });

    // A custom `authorize` replaces it.
    const authorize = vi.fn(() => false);
    const refusing = createApp({ apiKey: KEY, baseUrl: sandbox.url, webhookSecret: 'whsec_unused', authorize });
    const refused = await refusing.fetch(
      new Request('http://localhost/api/passid/verify', {
        method: 'POST',
        headers: { ...SESSION, 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: 'NG4M-XQRS-T88W' }),
      }),
    );
    expect(refused.status).toBe(401);
    expect(authorize).toHaveBeenCalledTimes(1);
    expect(await dump(refused)).not.toContain(KEY);
    expect(upstream()).toEqual([]);
    // The same call with a session does reach PASSID (so the log would show a forwarded call).
    const allowed = await browser('/api/passid/request', { method: 'POST', headers: { ...SESSION, 'Content-Type': 'application/json' }, body: '{}' });
    expect(allowed.status).toBe(201);
    expect(upstream()).toEqual([expect.stringMatching(/^POST \/api\/bridge\/request 201 /)]);
  });

  it('receives a signed sandbox webhook over HTTP and processes it exactly once', async () => {
    const sent = await fetch(`${sandbox.url}/api/sandbox/webhooks/test`, { method: 'POST', headers: { 'X-Institution-Key': KEY } });
    expect(sent.status).toBe(202);
    const { eventId } = (await sent.json()) as { eventId: string };

    const event = await processedEvent(eventId);
    expect(event).toMatchObject({ id: eventId, type: 'verification.completed', data: { test: true } });
    const delivery = await deliveryOf(eventId);
    expect(delivery.status).toBe(200);
    expect(JSON.parse(delivery.answer)).toEqual({ received: true, duplicate: false });
    expect(delivery.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    const redeliver = (body: string) =>
      fetch(`${base}/webhooks/passid`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-PASSID-Signature': delivery.signature },
        body,
      });

    // Its signature over the same JSON re-serialised: other bytes, so refused.
    const reserialised = await redeliver(JSON.stringify(JSON.parse(delivery.body), null, 2));
    expect(reserialised.status).toBe(400);
    expect(await reserialised.json()).toEqual({ error: 'SIGNATURE_MISMATCH' });

    // The same signed bytes again (a retry): accepted, marked duplicate, not processed again.
    const retry = await redeliver(delivery.body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ received: true, duplicate: true });
    await afterQueuedImmediates();
    expect(events.filter((e) => e.id === eventId)).toHaveLength(1);
  });

  it('refuses a forged webhook with 400 and the reason, and processes nothing', async () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${base}/webhooks/passid`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

    const forgedBody = JSON.stringify({ id: 'evt_forged', type: 'verification.completed', createdAt: new Date().toISOString(), institutionId: 'inst_demo', data: {} });
    const forged = await post(forgedBody, { 'X-PASSID-Signature': `sha256=${'0'.repeat(64)}` });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({ error: 'SIGNATURE_MISMATCH' });

    const unsigned = await post(forgedBody, {});
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({ error: 'MISSING_SIGNATURE' });

    await afterQueuedImmediates();
    expect(events.some((e) => e.id === 'evt_forged')).toBe(false);
  });
});
