import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { WebhookEventSchema } from '@passid/core/wire';
import { bearer, DEMO, login, OTHER, start, startReceiver, waitFor, type Client, type Received } from './test/helpers.js';
import { signWebhookPayload } from './webhooks.js';

let client: Client;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await client?.sandbox.close();
  while (closers.length) await closers.pop()!();
});

async function receiverFor(key: string, respond?: Parameters<typeof startReceiver>[0]) {
  const receiver = await startReceiver(respond);
  closers.push(receiver.close);
  const r = await client.call('PUT', '/api/sandbox/webhook-endpoint', { key, body: { url: receiver.url } });
  return { receiver, secret: r.json.secret as string };
}

/** What a receiver must do: HMAC over the raw bytes, constant-time compare. */
function signatureValid(secret: string, r: Received): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(r.raw).digest('hex')}`);
  const given = Buffer.from(String(r.headers['x-passid-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Delivery { status: string; [k: string]: unknown }

/** The newest delivery of the demo institution once `ready` holds (the worker settles a delivery just after the receiver answers). */
async function firstDeliveryWhen(ready: (d: Delivery) => boolean): Promise<any> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const d = (await client.call('GET', '/api/sandbox/webhook-deliveries', { key: DEMO })).json.deliveries[0] as Delivery;
    if (ready(d)) return d;
    if (Date.now() > deadline) throw new Error(`delivery still ${d.status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const event = (r: Received) => v.parse(WebhookEventSchema, JSON.parse(r.raw.toString('utf8')));

describe('webhook endpoint', () => {
  test('PUT returns the url and a whsec_ secret that stays when the url changes', async () => {
    client = await start();
    const a = await client.call('PUT', '/api/sandbox/webhook-endpoint', { key: DEMO, body: { url: 'http://localhost:9999/a' } });
    expect(a.status).toBe(200);
    expect(a.json).toEqual({ url: 'http://localhost:9999/a', secret: expect.stringMatching(/^whsec_[\w-]{20,}$/) });
    const b = await client.call('PUT', '/api/sandbox/webhook-endpoint', { key: DEMO, body: { url: 'http://localhost:9999/b' } });
    expect(b.json).toEqual({ url: 'http://localhost:9999/b', secret: a.json.secret });
    const other = await client.call('PUT', '/api/sandbox/webhook-endpoint', { key: OTHER, body: { url: 'http://localhost:9999/c' } });
    expect(other.json.secret).not.toBe(a.json.secret);
    expect((await client.call('GET', '/api/sandbox/webhook-endpoint', { key: DEMO })).json.url).toBe('http://localhost:9999/b');
    for (const url of ['not a url', 'ftp://example.com/x']) {
      expect((await client.call('PUT', '/api/sandbox/webhook-endpoint', { key: DEMO, body: { url } })).status).toBe(400);
    }
    expect((await client.call('PUT', '/api/sandbox/webhook-endpoint', { body: { url: 'http://x.test' } })).status).toBe(401);
  });

  test('POST /api/sandbox/webhooks/test is 409 without an endpoint', async () => {
    client = await start();
    const r = await client.call('POST', '/api/sandbox/webhooks/test', { key: DEMO });
    expect(r.status).toBe(409);
  });
});

describe('events', () => {
  test('verify, deny, outcome, QR completion and the test event arrive signed over the exact bytes', async () => {
    client = await start();
    const { receiver, secret } = await receiverFor(DEMO);
    await client.call('POST', '/api/bridge/verify', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L' } });
    await client.call('POST', '/api/bridge/verify', { key: DEMO, body: { token: 'SANC-HITS-0001' } });
    await client.call('POST', '/api/bridge/outcome', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L', outcome: 'repaid', amount: 1200, currency: 'GBP' } });
    const req = await client.call('POST', '/api/bridge/request', { key: DEMO, body: { permissions: ['full_score'] } });
    await client.call('POST', `/api/bridge/request/${req.json.requestId}/fulfill`, { headers: bearer(await login(client, 'amina')) });
    const test = await client.call('POST', '/api/sandbox/webhooks/test', { key: DEMO });
    expect(test.status).toBe(202);
    await waitFor(() => receiver.received.length === 5, 5_000, 'five events');

    for (const r of receiver.received) {
      expect(signatureValid(secret, r)).toBe(true);
      expect(r.headers['x-passid-signature']).toBe(signWebhookPayload(secret, r.raw));
      expect(r.headers['content-type']).toBe('application/json');
    }
    const events = receiver.received.map(event);
    const byType = (type: string) => events.filter((e) => e.type === type);
    expect(new Set(events.map((e) => e.id)).size).toBe(5);
    expect(events.every((e) => e.id.startsWith('evt_') && e.institutionId === 'inst_demo')).toBe(true);
    expect(byType('verification.completed')).toHaveLength(3);
    expect(byType('verification.completed')[0]!.data).toMatchObject({ token: 'KE8V-3TXY-Z72L', proofType: 'share_token', claims: { fsi_score: 812 } });
    expect(byType('verification.denied')[0]!.data).toMatchObject({ token: 'SANC-HITS-0001', deny_reason: 'HARD_DENY_SANCTIONS_MATCH' });
    expect(byType('outcome.reported')[0]!.data).toMatchObject({ token: 'KE8V-3TXY-Z72L', outcome: 'repaid', fsiScore: 812, amount: 1200, currency: 'GBP' });
    const qr = events.find((e) => e.data.requestId === req.json.requestId)!;
    expect(qr.type).toBe('verification.completed');
    expect(qr.data.claims).toEqual({ fsi_score: 812, fsi_low: 791, fsi_high: 833, tier: 'A', confidence: 0.93, p_stable: 0.91, corridor: 'KE→GB', decision: 'approved' });
    expect(events.find((e) => e.id === test.json.eventId)!.data).toMatchObject({ test: true });
    // A tampered body fails the check.
    const tampered = { ...receiver.received[0]!, raw: Buffer.from(receiver.received[0]!.raw.toString().replace('812', '850')) };
    expect(signatureValid(secret, tampered)).toBe(false);
  });

  test("an institution's events go only to its own endpoint; no endpoint, no event", async () => {
    client = await start();
    const { receiver } = await receiverFor(OTHER);
    await client.call('POST', '/api/bridge/verify', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L' } });
    await client.call('POST', '/api/bridge/verify', { key: OTHER, body: { token: 'NG4M-XQRS-T88W' } });
    await waitFor(() => receiver.received.length === 1, 5_000, 'one event');
    expect(event(receiver.received[0]!).institutionId).toBe('inst_other');
    expect((await client.call('GET', '/api/sandbox/webhook-deliveries', { key: DEMO })).json.deliveries).toEqual([]);
  });
});

describe('delivery schedule', () => {
  test('non-2xx is retried after 30 s, 5 min, 30 min (× retry scale), same id, fresh createdAt, every attempt recorded', async () => {
    client = await start({ retryScale: 0.0005 });
    const { receiver, secret } = await receiverFor(DEMO, (n) => (n <= 3 ? 500 : 200));
    await client.call('POST', '/api/bridge/verify', { key: DEMO, body: { token: 'GH2P-ABCD-56KL' } });
    await waitFor(() => receiver.received.length === 4, 8_000, 'four attempts');
    const at = receiver.received.map((r) => r.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // 30 s, 5 min, 30 min × 0.0005 = 15, 150, 900 ms (timer granularity allows a ms early).
    expect(gaps[0]).toBeGreaterThanOrEqual(14);
    expect(gaps[1]).toBeGreaterThanOrEqual(149);
    expect(gaps[2]).toBeGreaterThanOrEqual(899);
    expect(gaps[2]).toBeLessThan(3_000);
    const events = receiver.received.map(event);
    expect(new Set(events.map((e) => e.id)).size).toBe(1);
    expect(new Set(events.map((e) => e.createdAt)).size).toBe(4);
    expect(receiver.received.every((r) => signatureValid(secret, r))).toBe(true);

    const d = await firstDeliveryWhen((x) => x.status === 'delivered');
    expect(d).toMatchObject({ eventId: events[0]!.id, type: 'verification.completed', status: 'delivered', attemptCount: 4, nextAttemptAt: null });
    expect(d.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 200]);
    expect(d.attempts.map((a: { createdAt: string }) => a.createdAt)).toEqual(events.map((e) => e.createdAt));
  });

  test('after 5 failed attempts the delivery is failed and nothing more is sent', async () => {
    client = await start({ retryScale: 0.0001 });
    const { receiver } = await receiverFor(DEMO, () => 503);
    await client.call('POST', '/api/bridge/verify', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L' } });
    await waitFor(() => receiver.received.length === 5, 8_000, 'five attempts');
    const d = await firstDeliveryWhen((x) => x.status !== 'pending' && x.status !== 'in_flight');
    expect(d).toMatchObject({ status: 'failed', attemptCount: 5, nextAttemptAt: null });
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received).toHaveLength(5);
  });

  test('an attempt that gets no answer within the timeout counts as failed and is retried', async () => {
    client = await start({ retryScale: 0.001, webhookTimeoutMs: 200 });
    const { receiver } = await receiverFor(DEMO, (n) => (n === 1 ? 0 : 204));
    await client.call('POST', '/api/bridge/verify', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L' } });
    await waitFor(() => receiver.received.length === 2, 5_000, 'the retry');
    const d = await firstDeliveryWhen((x) => x.status === 'delivered');
    expect(d.attempts[0]).toMatchObject({ statusCode: null, error: 'timeout after 200 ms' });
    expect(d.attempts[1].statusCode).toBe(204);
  });
});
