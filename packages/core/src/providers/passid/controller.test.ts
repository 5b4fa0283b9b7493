import { describe, expect, it, vi } from 'vitest';
import { connect } from './connect.js';
import { createPassidController } from './controller.js';
import { fr } from '../../locales/fr.js';
import type { PassidControllerOptions, VerifyEvent } from './types.js';
import { CLAIMS_A, createdBody, fakeFetch, iso, statusBody } from '../../test/bridge.js';
import type { FakeCall, Reply } from '../../test/bridge.js';
import { clock, flush, useFakeTime } from '../../test/clock.js';

const NOW = Date.parse('2026-11-23T14:00:00Z');


useFakeTime(NOW);


interface QrServerOptions {
  /** Server clock minus local clock. */
  skewMs?: number;
  ttlMs?: number;
  /** Answer of the n-th poll (0-based). @default pending */
  poll?: (n: number, call: FakeCall) => Reply;
  create?: (n: number) => Reply;
}

function qrServer(options: QrServerOptions = {}) {
  const skew = options.skewMs ?? 0;
  let polls = 0;
  let creates = 0;
  /** The current session's expiry on the server clock: status answers repeat it. */
  let expiresAt = 0;
  const server = fakeFetch((call) => {
    const serverNow = Date.now() + skew;
    if (call.method === 'POST' && call.path.endsWith('/request')) {
      const n = creates++;
      expiresAt = serverNow + (options.ttlMs ?? 600_000);
      return options.create?.(n) ?? { status: 201, body: createdBody(serverNow, options.ttlMs ?? 600_000, `req_test${n}`) };
    }
    if (call.method === 'GET') {
      const n = polls++;
      const reply = options.poll?.(n, call) ?? { body: statusBody('pending', serverNow) };
      if ('body' in reply && reply.body && typeof reply.body === 'object' && 'expiresAt' in reply.body) {
        return { ...reply, body: { ...reply.body, expiresAt: iso(expiresAt), serverTime: iso(serverNow) } };
      }
      return reply;
    }
    throw new Error(`unexpected ${call.method} ${call.path}`);
  });
  return Object.assign(server, {
    posts: () => server.calls.filter((c) => c.method === 'POST'),
    gets: () => server.calls.filter((c) => c.method === 'GET'),
  });
}

function setup(fetchImpl: typeof fetch, extra: Partial<PassidControllerOptions> = {}) {
  const onSuccess = vi.fn();
  const onDecline = vi.fn();
  const onError = vi.fn();
  const events: VerifyEvent[] = [];
  const controller = createPassidController({
    apiKey: 'sk_sandbox_demo',
    baseUrl: 'http://sandbox.test',
    fetch: fetchImpl,
    clock,
    // Polling only: these tests hold the poll cadence and the retry rule to the millisecond
    // (push and its fallback are in watch.test.ts and push.test.ts).
    watch: 'poll',
    onSuccess,
    onDecline,
    onError,
    onEvent: (event) => events.push(event),
    ...extra,
  });
  return { controller, onSuccess, onDecline, onError, events };
}

const completed = (claims = CLAIMS_A) => ({
  body: statusBody('completed', Date.now(), { claims, verifiedAt: iso(Date.now()) }),
});

describe('QR flow', () => {
  it('creates one session, polls every 2.5 s sequentially from 0, and succeeds once', async () => {
    const server = qrServer({ poll: (n) => (n === 3 ? completed() : { body: statusBody('pending', Date.now()) }) });
    const { controller, onSuccess, events } = setup(server.fetch);
    controller.start();
    expect(controller.getState().status).toBe('requesting');
    await flush();
    expect(controller.getState().status).toBe('awaiting');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(server.gets().map((c) => c.at - NOW)).toEqual([0, 2500, 5000, 7500]);
    expect(controller.getState().status).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith(CLAIMS_A);
    expect(server.gets()[0]?.path).toBe('/api/bridge/request/req_test0');
    expect(events.map((e) => e.type)).toEqual(['state.requesting', 'state.awaiting', 'state.success']);
    expect(events[1]).toMatchObject({ from: 'requesting', to: 'awaiting', mode: 'qr', sessionId: 'req_test0' });
    // No request after success, no timer left.
    const count = server.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls).toHaveLength(count);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the next customer: reset() after a success starts a fresh widget; onSuccess fires once per session, each with its own claims', async () => {
    const second = { ...CLAIMS_A, fsi_score: 655, tier: 'C' as const };
    // The first session's customer has CLAIMS_A, the second's `second`.
    const server = qrServer({ poll: (_n, call) => (call.path.endsWith('req_test0') ? completed() : completed(second)) });
    const { controller, onSuccess } = setup(server.fetch);
    controller.start();
    await flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(controller.getState().status).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenLastCalledWith(CLAIMS_A);

    // "Verify another customer": a fresh idle widget, nothing of the last customer left.
    controller.reset();
    expect(controller.getState()).toMatchObject({ status: 'idle', mode: null, session: null, claims: null });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(onSuccess).toHaveBeenCalledTimes(1);

    controller.start();
    await flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(controller.getState().status).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(2);
    expect(onSuccess).toHaveBeenLastCalledWith(second);
    // Never twice for one session: time passes, more resets of an idle widget, no new call.
    await vi.advanceTimersByTimeAsync(60_000);
    controller.reset();
    controller.reset();
    expect(onSuccess).toHaveBeenCalledTimes(2);
    expect(server.posts()).toHaveLength(2);
  });

  it('never has two polls in flight when responses are slow (await, then wait)', async () => {
    const server = qrServer({ poll: () => ({ body: statusBody('pending', Date.now()), delayMs: 4000 }) });
    const { controller } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(server.gets().map((c) => c.at - NOW)).toEqual([0, 6500, 13000, 19500]);
    expect(server.maxInFlight).toBe(1);
    controller.dispose();
  });

  it('honours pollIntervalMs', async () => {
    const server = qrServer();
    const { controller } = setup(server.fetch, { pollIntervalMs: 1000 });
    controller.start();
    await vi.advanceTimersByTimeAsync(3500);
    expect(server.gets().map((c) => c.at - NOW)).toEqual([0, 1000, 2000, 3000]);
    controller.dispose();
  });

  it('a double start creates one session', async () => {
    const server = qrServer();
    const { controller } = setup(server.fetch);
    controller.start();
    controller.start();
    await flush();
    controller.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.posts()).toHaveLength(1);
    controller.dispose();
  });

  it('sends institutionName, permissions and ttlSeconds', async () => {
    const server = qrServer();
    const { controller } = setup(server.fetch, {
      institutionName: 'Demo Bank',
      permissions: ['full_score', 'sanctions_clear'],
      ttlSeconds: 120,
    });
    controller.start();
    await flush();
    expect(server.posts()[0]?.body).toEqual({
      institutionName: 'Demo Bank',
      permissions: ['full_score', 'sanctions_clear'],
      ttlSeconds: 120,
    });
    controller.dispose();
  });

  it('the customer declines → declined with CUSTOMER_DECLINED and a friendly text', async () => {
    const server = qrServer({
      poll: (n) =>
        n === 1 ? { body: statusBody('declined', Date.now(), { declineReason: 'CUSTOMER_DECLINED' }) } : { body: statusBody('pending', Date.now()) },
    });
    const { controller, onDecline, onSuccess } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(controller.getState()).toMatchObject({ status: 'declined', decline: 'CUSTOMER_DECLINED' });
    expect(onDecline).toHaveBeenCalledWith('The customer declined the request in the PASSID app.', { code: 'CUSTOMER_DECLINED' });
    expect(onSuccess).not.toHaveBeenCalled();
    expect(server.gets()).toHaveLength(2);
  });

  it('a decline with an unknown reason is UNKNOWN_DECLINE', async () => {
    const server = qrServer({ poll: () => ({ body: statusBody('declined', Date.now(), { declineReason: 'SOMETHING_NEW' }) }) });
    const { controller } = setup(server.fetch);
    controller.start();
    await flush();
    expect(controller.getState().decline).toBe('UNKNOWN_DECLINE');
  });

  it('reset while awaiting stops polling', async () => {
    const server = qrServer();
    const { controller } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(3000);
    controller.reset();
    expect(controller.getState().status).toBe('idle');
    const count = server.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.calls).toHaveLength(count);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('sanctions', () => {
  it('a poll declined for HARD_DENY_SANCTIONS_MATCH is declined, never success', async () => {
    const server = qrServer({
      poll: () => ({ body: statusBody('declined', Date.now(), { declineReason: 'HARD_DENY_SANCTIONS_MATCH' }) }),
    });
    const { controller, onSuccess, onDecline } = setup(server.fetch);
    controller.start();
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'declined', decline: 'HARD_DENY_SANCTIONS_MATCH' });
    expect(onSuccess).not.toHaveBeenCalled();
    expect(onDecline.mock.calls[0]?.[0]).toMatch(/cannot be verified/);
    expect(connect(controller.getState()).isSanctionsHit).toBe(true);
  });

  it('a "completed" answer whose claims say sanctions_clear: false is declined', async () => {
    const server = qrServer({ poll: () => completed({ ...CLAIMS_A, sanctions_clear: false }) });
    const { controller, onSuccess } = setup(server.fetch);
    controller.start();
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'declined', decline: 'HARD_DENY_SANCTIONS_MATCH', claims: null });
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('a "completed" answer carrying the sanctions declineReason is declined', async () => {
    const server = qrServer({
      poll: () => ({ body: statusBody('completed', Date.now(), { claims: CLAIMS_A, declineReason: 'HARD_DENY_SANCTIONS_MATCH' }) }),
    });
    const { controller, onSuccess } = setup(server.fetch);
    controller.start();
    await flush();
    expect(controller.getState().status).toBe('declined');
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('a verify approval with sanctions_clear: false is declined', async () => {
    const server = fakeFetch(() => ({
      body: { verified: true, token: 'SANC-HITS-0001', claims: { ...CLAIMS_A, sanctions_clear: false }, proofType: 'share_token', verifiedAt: iso(NOW) },
    }));
    const { controller, onSuccess } = setup(server.fetch);
    controller.submitToken('SANC-HITS-0001');
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'declined', decline: 'HARD_DENY_SANCTIONS_MATCH' });
    expect(onSuccess).not.toHaveBeenCalled();
  });
});

describe('expiry and countdown', () => {
  it('on local expiry: stops polling, checks once more, declines with "Request expired"; retry makes a new session', async () => {
    const server = qrServer({ ttlMs: 61_000 });
    const { controller, onDecline, onError } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(60_999);
    expect(controller.getState().status).toBe('awaiting');
    const pollsBefore = server.gets().length; // 0, 2.5 … 60 s
    expect(pollsBefore).toBe(25);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.gets()).toHaveLength(pollsBefore + 1); // the one final check at 61 s
    expect(server.gets().at(-1)?.at).toBe(NOW + 61_000);
    expect(controller.getState()).toMatchObject({ status: 'declined', decline: 'REQUEST_EXPIRED' });
    expect(onDecline).toHaveBeenCalledTimes(1);
    expect(onDecline).toHaveBeenCalledWith('Request expired', { code: 'REQUEST_EXPIRED' });
    expect(onError).not.toHaveBeenCalled();
    const view = connect(controller.getState());
    expect(view.retryLabel).toBe('Generate new code');
    expect(view.declineText).toBe('Request expired');

    const count = server.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.calls).toHaveLength(count);

    controller.retry();
    await flush();
    expect(server.posts()).toHaveLength(2);
    expect(controller.getState()).toMatchObject({ status: 'awaiting', decline: null });
    expect(controller.getState().session?.id).toBe('req_test1');
    controller.dispose();
  });

  it('the final check can still succeed (approved at the last second)', async () => {
    let lastSecond = false;
    const server = qrServer({
      ttlMs: 10_000,
      poll: () => (lastSecond ? completed() : { body: statusBody('pending', Date.now()), delayMs: 0 }),
    });
    const { controller, onSuccess, onDecline } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(9_000);
    lastSecond = true; // the next request is the final check at 10 s (polls were at 0, 2.5, 5, 7.5)
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.gets().map((c) => c.at - NOW)).toEqual([0, 2500, 5000, 7500, 10_000]);
    expect(controller.getState().status).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onDecline).not.toHaveBeenCalled();
  });

  it('a final check that hangs settles as expired after the request timeout', async () => {
    let final = false;
    const server = qrServer({
      ttlMs: 10_000,
      poll: () => (final ? { body: statusBody('pending', Date.now()), delayMs: 3_600_000 } : { body: statusBody('pending', Date.now()) }),
    });
    const { controller, onDecline, onError } = setup(server.fetch, { requestTimeoutMs: 5000 });
    controller.start();
    await vi.advanceTimersByTimeAsync(9_000);
    final = true;
    await vi.advanceTimersByTimeAsync(1_000 + 4_999);
    expect(controller.getState().status).toBe('awaiting');
    await vi.advanceTimersByTimeAsync(1);
    expect(controller.getState()).toMatchObject({ status: 'declined', decline: 'REQUEST_EXPIRED' });
    expect(onDecline).toHaveBeenCalledOnce();
    expect(onError).not.toHaveBeenCalled();
  });

  it('a server status "expired" declines with REQUEST_EXPIRED', async () => {
    const server = qrServer({ poll: (n) => (n === 2 ? { body: statusBody('expired', Date.now()) } : { body: statusBody('pending', Date.now()) }) });
    const { controller, onDecline } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(controller.getState()).toMatchObject({ status: 'declined', decline: 'REQUEST_EXPIRED' });
    expect(onDecline).toHaveBeenCalledWith('Request expired', { code: 'REQUEST_EXPIRED' });
    expect(server.gets()).toHaveLength(3);
  });

  it.each([
    ['1 h ahead', 3_600_000],
    ['1 h behind', -3_600_000],
    ['7 s ahead', 7_000],
  ])('the countdown is corrected for a server clock %s', async (_name, skewMs) => {
    const server = qrServer({ skewMs, ttlMs: 600_000 });
    const { controller } = setup(server.fetch);
    controller.start();
    await flush();
    expect(connect(controller.getState()).secondsLeft).toBe(600);
    expect(connect(controller.getState()).countdown).toBe('10:00');
    await vi.advanceTimersByTimeAsync(1000);
    expect(connect(controller.getState()).secondsLeft).toBe(599);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(connect(controller.getState()).countdownText).toBe('Expires in 8:59');
    controller.dispose();
  });

  it('refreshes `now` every second while awaiting, and stops ticking after', async () => {
    const server = qrServer({ poll: (n) => (n === 2 ? completed() : { body: statusBody('pending', Date.now()) }) });
    const { controller } = setup(server.fetch);
    const nows: number[] = [];
    controller.subscribe((state) => nows.push(state.now));
    controller.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(controller.getState().now).toBe(NOW + 3000);
    expect(nows).toEqual(expect.arrayContaining([NOW + 1000, NOW + 2000, NOW + 3000]));
    await vi.advanceTimersByTimeAsync(2000);
    expect(controller.getState().status).toBe('success');
    const { now } = controller.getState();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(controller.getState().now).toBe(now);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('poll failures', () => {
  it('transient 503 and 429 (Retry-After honoured) do not end the session', async () => {
    const server = qrServer({
      poll: (n) =>
        n === 1
          ? { status: 503, body: { error: { code: 'INTERNAL', message: 'x' } } }
          : n === 2
            ? { status: 429, body: { error: { code: 'RATE_LIMITED', message: 'x' } }, headers: { 'Retry-After': '8' } }
            : n === 4
              ? completed()
              : { body: statusBody('pending', Date.now()) },
    });
    const { controller, onError, onSuccess } = setup(server.fetch);
    const failures: number[] = [];
    controller.subscribe((s, p) => {
      if (s.pollFailures !== p.pollFailures) failures.push(s.pollFailures);
    });
    controller.start();
    await vi.advanceTimersByTimeAsync(30_000);
    // 0 ok; 2.5 s 503 → wait 2.5 s (backoff 1); 5 s 429 → wait max(8 s, 5 s); 13 s ok; 15.5 s completed.
    expect(server.gets().map((c) => c.at - NOW)).toEqual([0, 2500, 5000, 13_000, 15_500]);
    expect(failures).toEqual([1, 2, 0]);
    expect(onError).not.toHaveBeenCalled();
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('shows "Reconnecting…" while polls fail', async () => {
    const server = qrServer({ poll: (n) => (n >= 1 ? { networkError: true } : { body: statusBody('pending', Date.now()) }) });
    const { controller } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(2500);
    const view = connect(controller.getState());
    expect(view.reconnecting).toBe(true);
    expect(view.liveText).toBe('Reconnecting…');
    controller.dispose();
  });

  it('gives up after 5 consecutive failures with backoff 2.5, 5, 10, 10 s; retry works', async () => {
    let healthy = false;
    const server = qrServer({ poll: () => (healthy ? completed() : { status: 503, text: 'Service Unavailable' }) });
    const { controller, onError, onSuccess } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.gets().map((c) => c.at - NOW)).toEqual([0, 2500, 7500, 17_500, 27_500]);
    expect(controller.getState().status).toBe('error');
    expect(controller.getState().error).toMatchObject({ kind: 'http', status: 503 });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(connect(controller.getState()).retryLabel).toBe('Try again');

    healthy = true;
    controller.retry();
    await flush();
    expect(server.posts()).toHaveLength(2);
    expect(controller.getState().status).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('a 401 while polling fails at once', async () => {
    const server = qrServer({ poll: () => ({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'no' } } }) });
    const { controller, onError } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.gets()).toHaveLength(1);
    expect(controller.getState().error).toMatchObject({ kind: 'http', status: 401, code: 'UNAUTHORIZED' });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(connect(controller.getState()).errorText).toMatch(/key was refused/);
  });

  it('a 404 while polling fails at once', async () => {
    const server = qrServer({ poll: () => ({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'no' } } }) });
    const { controller } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.gets()).toHaveLength(1);
    expect(controller.getState().status).toBe('error');
  });

  it.each([
    ['an HTML page', { text: '<!doctype html><p>Welcome</p>' }],
    ['missing fields', { body: { requestId: 'req_test0', status: 'pending' } }],
    ['wrong types', { body: { ...statusBody('pending', NOW), permissions: 'all' } }],
    ['completed without claims', { body: statusBody('completed', NOW) }],
  ])('a poll answered with %s → error invalid_response, nothing thrown', async (_name, reply) => {
    const server = qrServer({ poll: () => reply });
    const { controller, onError } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(controller.getState().error?.kind).toBe('invalid_response');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('an invalid create answer → error invalid_response', async () => {
    const server = qrServer({ create: () => ({ status: 201, body: { requestId: 42 } }) });
    const { controller } = setup(server.fetch);
    controller.start();
    await flush();
    expect(controller.getState().error?.kind).toBe('invalid_response');
    expect(server.gets()).toHaveLength(0);
  });

  it('a create that keeps failing → error network', async () => {
    const server = qrServer({ create: () => ({ networkError: true }) });
    const { controller } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(controller.getState().error?.kind).toBe('network');
    expect(server.posts()).toHaveLength(2);
  });
});

describe('dispose', () => {
  it('after dispose: no request, no timer, no callback', async () => {
    const server = qrServer({ poll: (n) => (n === 0 ? { body: statusBody('pending', Date.now()), delayMs: 1000 } : completed()) });
    const { controller, onSuccess, onDecline, onError, events } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(500); // a poll is in flight
    const eventCount = events.length;
    controller.dispose();
    const count = server.calls.length;
    await vi.advanceTimersByTimeAsync(700_000);
    expect(server.calls).toHaveLength(count);
    expect(vi.getTimerCount()).toBe(0);
    expect(onSuccess).not.toHaveBeenCalled();
    expect(onDecline).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
    expect(events).toHaveLength(eventCount);
    controller.start();
    controller.submitToken('KE8V-3TXY-Z72L');
    await flush();
    expect(server.calls).toHaveLength(count);
  });

  it('dispose during requesting drops the session answer', async () => {
    const server = qrServer({ create: () => ({ status: 201, body: createdBody(Date.now()), delayMs: 500 }) });
    const { controller, events } = setup(server.fetch);
    controller.start();
    controller.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(controller.getState().status).toBe('requesting');
    expect(server.gets()).toHaveLength(0);
    expect(events.map((e) => e.type)).toEqual(['state.requesting']);
  });
});

describe('manual token', () => {
  const approved = (token: string) => ({
    body: { verified: true, token, claims: CLAIMS_A, proofType: 'share_token', verifiedAt: iso(Date.now()) },
  });

  /** A server that creates sessions, answers polls "pending" (after `pollDelayMs`) and approves tokens. */
  const qrAndToken = (pollDelayMs = 0) =>
    fakeFetch((call) =>
      call.path.endsWith('/verify')
        ? approved((call.body as { token: string }).token)
        : call.method === 'POST'
          ? { status: 201, body: createdBody(Date.now()) }
          : { body: statusBody('pending', Date.now()), delayMs: pollDelayMs },
    );

  it('normalises, sends the Idempotency-Key, and succeeds', async () => {
    const server = fakeFetch((call) => approved((call.body as { token: string }).token));
    const { controller, onSuccess, events } = setup(server.fetch, { createIdempotencyKey: () => 'idem-1' });
    controller.submitToken('  ke8v 3txy z72l ');
    expect(controller.getState()).toMatchObject({ status: 'verifying', mode: 'token' });
    await flush();
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]?.path).toBe('/api/bridge/verify');
    expect(server.calls[0]?.body).toEqual({ token: 'KE8V-3TXY-Z72L' });
    expect(server.calls[0]?.headers['idempotency-key']).toBe('idem-1');
    expect(controller.getState().status).toBe('success');
    expect(onSuccess).toHaveBeenCalledExactlyOnceWith(CLAIMS_A);
    expect(JSON.stringify(events)).not.toContain('3TXY');
  });

  it('uses crypto.randomUUID by default, looked up at call time', async () => {
    const server = fakeFetch((call) => approved((call.body as { token: string }).token));
    const { controller } = setup(server.fetch);
    vi.spyOn(globalThis.crypto, 'randomUUID').mockReturnValue('0000-uuid' as `${string}-${string}-${string}-${string}-${string}`);
    controller.submitToken('PASSID-AB3X-7YQM-K9PQ-3MNX');
    await flush();
    expect(server.calls[0]?.headers['idempotency-key']).toBe('0000-uuid');
    expect(server.calls[0]?.body).toEqual({ token: 'PASSID-AB3X-7YQM-K9PQ-3MNX' });
  });

  it('retries 503 / network / 429 with the same key, then succeeds', async () => {
    let n = 0;
    const server = fakeFetch((call) => {
      n += 1;
      if (n === 1) return { status: 503, text: 'down' };
      if (n === 2) return { status: 429, body: { error: { code: 'RATE_LIMITED', message: 'x' } }, headers: { 'Retry-After': '3' } };
      return approved((call.body as { token: string }).token);
    });
    let keys = 0;
    const { controller, onError } = setup(server.fetch, { createIdempotencyKey: () => `idem-${++keys}` });
    controller.submitToken('KE8V-3TXY-Z72L');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.calls.map((c) => c.headers['idempotency-key'])).toEqual(['idem-1', 'idem-1', 'idem-1']);
    // 0; backoff 1 s; then max(Retry-After 3 s, 2 s).
    expect(server.calls.map((c) => c.at - NOW)).toEqual([0, 1000, 4000]);
    expect(controller.getState().status).toBe('success');
    expect(onError).not.toHaveBeenCalled();
  });

  it('after a persistent failure, "Try again" and a resubmission reuse the key; a new answer needs a new key', async () => {
    let down = true;
    const server = fakeFetch((call) =>
      down ? { networkError: true } : { body: { verified: false, token: (call.body as { token: string }).token, denyReason: 'TOKEN_NOT_FOUND' } },
    );
    let keys = 0;
    const { controller, onError, onDecline } = setup(server.fetch, { createIdempotencyKey: () => `idem-${++keys}` });
    controller.submitToken('KE8V-3TXY-Z72L');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.calls).toHaveLength(3);
    expect(controller.getState().error?.kind).toBe('network');
    expect(onError).toHaveBeenCalledTimes(1);

    controller.retry(); // "Try again" resubmits the same token
    expect(controller.getState().status).toBe('verifying');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(controller.getState().status).toBe('error');

    controller.submitToken('ke8v-3txy-z72l'); // the same token typed again
    down = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(new Set(server.calls.map((c) => c.headers['idempotency-key']))).toEqual(new Set(['idem-1']));
    expect(controller.getState()).toMatchObject({ status: 'declined', decline: 'TOKEN_NOT_FOUND' });
    expect(onDecline).toHaveBeenCalledWith(
      "We couldn't find that token. Ask the customer to create a new share in the PASSID app.",
      { code: 'TOKEN_NOT_FOUND' },
    );

    // Declined in token mode: retry goes back to idle; a new submission gets a new key.
    controller.retry();
    expect(controller.getState().status).toBe('idle');
    controller.submitToken('KE8V-3TXY-Z72L');
    await flush();
    expect(server.calls.at(-1)?.headers['idempotency-key']).toBe('idem-2');
  });

  it('a token submitted while the QR shows abandons the QR session: polling stops, the token is verified', async () => {
    const server = qrAndToken(1000);
    const { controller, onSuccess } = setup(server.fetch, { createIdempotencyKey: () => 'k' });
    controller.start();
    await vi.advanceTimersByTimeAsync(500); // a poll is in flight
    controller.submitToken('nonsense');
    expect(controller.getState()).toMatchObject({ status: 'awaiting', tokenInputError: 'MALFORMED' });
    controller.submitToken('KE8V-3TXY-Z72L');
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'success', mode: 'token' });
    expect(onSuccess).toHaveBeenCalledTimes(1);
    const count = server.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.calls).toHaveLength(count);
    expect(server.calls.filter((c) => c.method === 'GET')).toHaveLength(1);
    expect(server.calls[1]?.signal?.aborted).toBe(true);
  });

  it('a listener that submits a token synchronously when the QR shows gets the token flow (re-entrant dispatch)', async () => {
    const server = qrAndToken();
    const { controller, onSuccess, events } = setup(server.fetch);
    controller.subscribe((state, previous) => {
      if (state.status === 'awaiting' && previous.status !== 'awaiting') controller.submitToken('KE8V-3TXY-Z72L');
    });
    controller.start();
    await flush();
    expect(server.calls.filter((c) => c.path.endsWith('/verify'))).toHaveLength(1);
    expect(controller.getState().status).toBe('success');
    expect(onSuccess).toHaveBeenCalledOnce();
    // The stale `awaiting` entry started nothing: no poll, no event of its own.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.calls.filter((c) => c.method === 'GET')).toHaveLength(0);
    expect(events.map((e) => e.to)).toEqual(['requesting', 'verifying', 'success']);
  });

  it('a 409 CONFLICT on verify (the first call with this key still running) is retried with the same key', async () => {
    let n = 0;
    const server = fakeFetch((call) =>
      ++n === 1
        ? { networkError: true }
        : n === 2
          ? { status: 409, body: { error: { code: 'CONFLICT', message: 'in flight' } } }
          : approved((call.body as { token: string }).token),
    );
    const { controller, onError } = setup(server.fetch, { createIdempotencyKey: () => 'idem-1' });
    controller.submitToken('KE8V-3TXY-Z72L');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.calls.map((c) => [c.at - NOW, c.headers['idempotency-key']])).toEqual([
      [0, 'idem-1'],
      [1000, 'idem-1'],
      [3000, 'idem-1'],
    ]);
    expect(controller.getState().status).toBe('success');
    expect(onError).not.toHaveBeenCalled();
  });

  it('a 409 CONFLICT while creating a session is not retried', async () => {
    const server = qrServer({ create: () => ({ status: 409, body: { error: { code: 'CONFLICT', message: 'x' } } }) });
    const { controller } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.posts()).toHaveLength(1);
    expect(controller.getState()).toMatchObject({ status: 'error', error: { status: 409 } });
  });

  it('a verify that hangs times out after 15 s and is retried with the same key', async () => {
    let n = 0;
    const server = fakeFetch((call) =>
      ++n === 1 ? { status: 200, body: {}, delayMs: 3_600_000 } : approved((call.body as { token: string }).token),
    );
    const { controller, onError } = setup(server.fetch, { createIdempotencyKey: () => 'idem-1' });
    controller.submitToken('KE8V-3TXY-Z72L');
    await vi.advanceTimersByTimeAsync(15_000);
    expect(server.calls[0]?.signal?.aborted).toBe(true);
    expect(controller.getState().status).toBe('verifying');
    await vi.advanceTimersByTimeAsync(1000); // backoff 1 s
    expect(server.calls.map((c) => [c.at - NOW, c.headers['idempotency-key']])).toEqual([
      [0, 'idem-1'],
      [16_000, 'idem-1'],
    ]);
    expect(controller.getState().status).toBe('success');
    expect(onError).not.toHaveBeenCalled();
  });

  it('a create that hangs ends in a network error after its attempts time out', async () => {
    const server = qrServer({ create: () => ({ status: 201, body: {}, delayMs: 3_600_000 }) });
    const { controller, onError } = setup(server.fetch);
    controller.start();
    await vi.advanceTimersByTimeAsync(15_000 + 1000 + 15_000);
    expect(server.posts()).toHaveLength(2);
    expect(controller.getState()).toMatchObject({ status: 'error', error: { kind: 'network' } });
    expect(controller.getState().error?.message).toMatch(/timed out/);
    expect(onError).toHaveBeenCalledOnce();
  });

  it('a Retry-After over 60 s is capped at 60 s', async () => {
    let n = 0;
    const server = fakeFetch((call) =>
      ++n === 1
        ? { status: 503, body: { error: { code: 'INTERNAL', message: 'x' } }, headers: { 'Retry-After': '3600' } }
        : approved((call.body as { token: string }).token),
    );
    const { controller } = setup(server.fetch);
    controller.submitToken('KE8V-3TXY-Z72L');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls.map((c) => c.at - NOW)).toEqual([0, 60_000]);
    expect(controller.getState().status).toBe('success');
  });

  it('a 4xx on verify is not retried', async () => {
    const server = fakeFetch(() => ({ status: 422, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'x' } } }));
    const { controller } = setup(server.fetch);
    controller.submitToken('KE8V-3TXY-Z72L');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.calls).toHaveLength(1);
    expect(controller.getState().error).toMatchObject({ kind: 'http', status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it.each([
    ['TOKEN_NOT_FOUND', /couldn't find that token/],
    ['TOKEN_EXPIRED', /expired/],
    ['TOKEN_REVOKED', /revoked/],
    ['TOKEN_ALREADY_USED', /already used/],
    ['INSTITUTION_MISMATCH', /different institution/],
    ['HARD_DENY_SANCTIONS_MATCH', /cannot be verified/],
  ] as const)('deny %s → declined with a friendly text', async (denyReason, text) => {
    const server = fakeFetch(() => ({ body: { verified: false, token: 'X', denyReason } }));
    const { controller, onDecline, onSuccess } = setup(server.fetch);
    controller.submitToken('EXPD-TOKN-0001');
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'declined', decline: denyReason });
    expect(onDecline).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(text), { code: denyReason });
    expect(onSuccess).not.toHaveBeenCalled();
    const view = connect(controller.getState());
    expect(view.retryLabel).toBe(denyReason === 'HARD_DENY_SANCTIONS_MATCH' ? 'Start over' : 'Try again');
    expect(view.isSuccess).toBe(false);
  });

  it('uses the locale for the onDecline text', async () => {
    const server = fakeFetch(() => ({ body: { verified: false, token: 'X', denyReason: 'TOKEN_REVOKED' } }));
    const { controller, onDecline } = setup(server.fetch, { locale: fr });
    controller.submitToken('RVKD-TOKN-0001');
    await flush();
    expect(onDecline.mock.calls[0]?.[0]).toMatch(/révoqué/);
  });

  it.each([
    ['', 'EMPTY'],
    ['abc', 'MALFORMED'],
  ] as const)('malformed input %j sets tokenInputError and sends nothing', async (input, error) => {
    const server = fakeFetch(() => ({ text: '' }));
    const { controller } = setup(server.fetch);
    controller.submitToken(input);
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'idle', tokenInputError: error });
    expect(server.calls).toHaveLength(0);
    controller.clearTokenInputError();
    expect(controller.getState().tokenInputError).toBeNull();
  });
});

describe('keys and configuration', () => {
  function inBrowser() {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
  }

  it('refuses a live key in a browser: error live_key_in_browser pointing to endpoint, no request', async () => {
    inBrowser();
    const server = qrServer();
    const { controller, onError } = setup(server.fetch, { apiKey: 'sk_live_supersecret' });
    controller.start();
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'error', mode: 'qr' });
    const error = controller.getState().error;
    expect(error?.kind).toBe('live_key_in_browser');
    expect(error?.message).toMatch(/^\[passid\].*endpoint/);
    expect(error?.message).not.toContain('supersecret');
    expect(onError).toHaveBeenCalledTimes(1);
    controller.retry();
    controller.submitToken('KE8V-3TXY-Z72L');
    await flush();
    expect(controller.getState().error?.kind).toBe('live_key_in_browser');
    expect(server.calls).toHaveLength(0);
    expect(connect(controller.getState()).errorText).toMatch(/endpoint/);
  });

  it('check() refuses a live key in a browser at once (mount), once; it leaves good options idle', async () => {
    inBrowser();
    const server = qrServer();
    const live = setup(server.fetch, { apiKey: 'sk_live_supersecret' });
    live.controller.check();
    live.controller.check();
    expect(live.controller.getState()).toMatchObject({ status: 'error', error: { kind: 'live_key_in_browser' } });
    expect(live.onError).toHaveBeenCalledTimes(1);
    const sandbox = setup(server.fetch);
    sandbox.controller.check();
    expect(sandbox.controller.getState().status).toBe('idle');
    await flush();
    expect(server.calls).toHaveLength(0);
  });

  it('a live key with whitespace around it is still a live key (fetch trims header values)', async () => {
    inBrowser();
    const server = qrServer();
    for (const apiKey of [' sk_live_supersecret', '\tsk_live_supersecret', '\n sk_live_supersecret \r\n']) {
      const { controller } = setup(server.fetch, { apiKey });
      controller.start();
      await flush();
      expect(controller.getState().error?.kind, JSON.stringify(apiKey)).toBe('live_key_in_browser');
    }
    expect(server.calls).toHaveLength(0);
  });

  it('a key of whitespace only is no key', async () => {
    const server = qrServer();
    const { controller } = setup(server.fetch, { apiKey: '   ' });
    controller.start();
    await flush();
    expect(controller.getState().error?.kind).toBe('configuration');
    expect(server.calls).toHaveLength(0);
  });

  it('allows a live key in a browser with dangerouslyAllowBrowserKey (and warns in development)', async () => {
    inBrowser();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const server = qrServer();
    const { controller } = setup(server.fetch, { apiKey: 'sk_live_x', dangerouslyAllowBrowserKey: true });
    controller.start();
    await flush();
    expect(server.posts()).toHaveLength(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[passid\] dangerouslyAllowBrowserKey/);
    controller.dispose();
  });

  it('a live key outside a browser (server side) is allowed', async () => {
    const server = qrServer();
    const { controller } = setup(server.fetch, { apiKey: 'sk_live_x' });
    controller.start();
    await flush();
    expect(server.posts()[0]?.headers['x-institution-key']).toBe('sk_live_x');
    controller.dispose();
  });

  it('no apiKey, no endpoint, no transport → configuration error, no request', async () => {
    const server = qrServer();
    const { controller } = setup(server.fetch, { apiKey: undefined });
    controller.start();
    await flush();
    expect(controller.getState().error?.kind).toBe('configuration');
    expect(server.calls).toHaveLength(0);
  });

  it.each([
    [{ ttlSeconds: 30 }, /ttlSeconds/],
    [{ requestTimeoutMs: 0 }, /requestTimeoutMs/],
    [{ requestTimeoutMs: Number.NaN }, /requestTimeoutMs/],
  ])('a bad option %o is a configuration error', (bad, message) => {
    const { controller } = setup(qrServer().fetch, bad);
    controller.start();
    expect(controller.getState().error).toMatchObject({ kind: 'configuration', message: expect.stringMatching(message) });
  });

  it('proxy mode: calls the endpoint, no key', async () => {
    const server = qrServer();
    const { controller } = setup(server.fetch, { apiKey: undefined, endpoint: '/api/passid' });
    controller.start();
    await flush();
    expect(server.calls.map((c) => c.url)).toEqual(['/api/passid/request', '/api/passid/request/req_test0']);
    expect(server.calls.every((c) => c.headers['x-institution-key'] === undefined)).toBe(true);
    controller.dispose();
  });
});

describe('callbacks', () => {
  it('a throwing callback never breaks the machine', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const server = qrServer({ poll: () => completed() });
    const { controller } = setup(server.fetch, {
      onEvent: () => {
        throw new Error('analytics down');
      },
      onSuccess: () => {
        throw new Error('app bug');
      },
    });
    controller.start();
    await flush();
    expect(controller.getState().status).toBe('success');
    expect(error).toHaveBeenCalled();
    expect(String(error.mock.calls[0]?.[0])).toMatch(/^\[passid\]/);
  });

  it('callbacks come from the latest options', async () => {
    const server = qrServer({ poll: (n) => (n === 1 ? completed() : { body: statusBody('pending', Date.now()) }) });
    const first = vi.fn();
    const second = vi.fn();
    const { controller } = setup(server.fetch, { onSuccess: first });
    controller.start();
    await flush();
    controller.setOptions({ apiKey: 'sk_sandbox_demo', baseUrl: 'http://sandbox.test', fetch: server.fetch, clock, onSuccess: second });
    await vi.advanceTimersByTimeAsync(2500);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledExactlyOnceWith(CLAIMS_A);
  });

  it('a session whose expiry is not a number fails with invalid_response, never a NaN countdown timer', async () => {
    const { controller, onError } = setup(fakeFetch(() => ({ status: 500 })).fetch, {
      transport: {
        createSession: async () => ({ id: 's1', code: 'ABCD-EFGH', qrValue: 'x', expiresAt: Number.NaN, serverTime: NOW }),
        watchSession: (_s, { signal }) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
        verifyToken: async () => ({ verified: false, token: 'x', denyReason: 'TOKEN_EXPIRED' }),
      },
    });
    controller.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(controller.getState()).toMatchObject({ status: 'error', error: { kind: 'invalid_response' } });
    expect(onError).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a custom transport replaces the network entirely', async () => {
    const controller = createPassidController({
      clock,
      transport: {
        createSession: async () => ({ id: 's1', code: 'ABCD-EFGH', qrValue: 'x', expiresAt: NOW + 60_000, serverTime: NOW }),
        watchSession: async () => ({ status: 'completed', claims: CLAIMS_A }),
        verifyToken: async () => ({ verified: false, token: 'x', denyReason: 'TOKEN_EXPIRED' }),
      },
    });
    controller.start();
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'success', claims: CLAIMS_A });
  });
});
