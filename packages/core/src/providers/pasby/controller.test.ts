/**
 * The pasby controller through its transport, with `fetch` stubbed at the boundary as the
 * proxy's browser contract (`test/pasbyProxy.ts`) and time faked: seeds rotating on the QR,
 * the pick-up, the three modes, the NIN, NOT_ON_PASBY and the way onward, cancel when a
 * session is left early, and push with polling as the floor through the shared watcher.
 */
import { describe, expect, it, vi } from 'vitest';
import type { NetworkWatch } from '../../flow/types.js';
import { clock, flush, useFakeTime } from '../../test/clock.js';
import { AMINA, ENDPOINT, LINK, SEEDS, TTL_MS, fakePasbyProxy } from '../../test/pasbyProxy.js';
import type { FakeProxyOptions } from '../../test/pasbyProxy.js';
import { connectPasby } from './connect.js';
import { createPasbyController } from './controller.js';
import { fr } from './locales/fr.js';
import type { PasbyControllerOptions, PasbyEvent } from './types.js';

const NOW = Date.parse('2026-12-03T09:00:00Z');
// The test clock's `random` is 0.5: the first seed on the QR is SEEDS[2].
useFakeTime(NOW);

function setup(options: Partial<PasbyControllerOptions> = {}, server: FakeProxyOptions = {}) {
  const proxy = fakePasbyProxy(server);
  const onSuccess = vi.fn();
  const onDecline = vi.fn();
  const onError = vi.fn();
  const events: PasbyEvent[] = [];
  const controller = createPasbyController({
    endpoint: ENDPOINT,
    fetch: proxy.fetch,
    clock,
    onSuccess,
    onDecline,
    onError,
    onEvent: (event) => events.push(event),
    ...options,
  });
  const view = () => connectPasby(controller.getState(), { mode: controller.mode(), fallbackMode: options.fallbackMode });
  return { proxy, controller, onSuccess, onDecline, onError, events, view };
}

describe('wildcard: seeds on the QR', () => {
  it('shows one random seed of the flow at once, then the next every 5 s, and never asks the proxy for them again', async () => {
    const { proxy, controller, view } = setup();
    controller.start();
    await flush();
    expect(proxy.creates()[0]?.body).toEqual({ mode: 'wildcard' });
    expect(view().showQr).toBe(true);
    expect(view().qrValue).toBe(SEEDS[2]);
    const shown = [view().qrValue];
    for (let i = 0; i < 5; i += 1) {
      await vi.advanceTimersByTimeAsync(4999);
      expect(view().qrValue).toBe(shown.at(-1));
      await vi.advanceTimersByTimeAsync(1);
      shown.push(view().qrValue);
    }
    expect(shown).toEqual([SEEDS[2], SEEDS[3], SEEDS[4], SEEDS[0], SEEDS[1], SEEDS[2]]);
    expect(proxy.creates()).toHaveLength(1);
    controller.dispose();
  });

  it('rotates at the cadence of seedIntervalMs', async () => {
    const { controller, view } = setup({ seedIntervalMs: 2000 });
    controller.start();
    await flush();
    await vi.advanceTimersByTimeAsync(2000);
    expect(view().qrValue).toBe(SEEDS[3]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(view().qrValue).toBe(SEEDS[4]);
    controller.dispose();
  });

  it('stops rotating once a device picked the flow up: the QR goes, the view says to approve in the pasby app', async () => {
    const { proxy, controller, view } = setup();
    controller.start();
    await flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(view().qrValue).toBe(SEEDS[3]);
    proxy.stream.send(proxy.view('pending', { pickedUp: true }));
    await flush();
    const picked = view();
    expect(picked).toMatchObject({ isPickedUp: true, showQr: false, qrValue: null, title: 'Approve in your pasby app' });
    expect(picked.instructions).toMatch(/open in the pasby app/);
    expect(picked.liveText).toBe('The request is open in the pasby app. Waiting for approval.');
    const session = controller.getState().session;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(controller.getState().session?.qrValue).toBe(session?.qrValue);
    // A later answer that says "not picked up" does not bring the (now void) QR back.
    proxy.stream.send(proxy.view('pending', { pickedUp: false }));
    await flush();
    expect(view().showQr).toBe(false);
    controller.dispose();
  });

  it('completes with the decrypted claims: onSuccess once, the names as text', async () => {
    const { proxy, controller, onSuccess, view } = setup();
    controller.start();
    await flush();
    proxy.stream.send(proxy.view('completed', { claims: AMINA }));
    await flush();
    expect(controller.getState().status).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith(AMINA);
    expect(view().fullName).toBe('Amina Njeri Wanjiru');
    expect(vi.getTimerCount()).toBe(0); // no rotation, no countdown, no watch left
    expect(proxy.cancels()).toEqual([]);
  });

  it('a wildcard session without seeds breaks the contract: error, not an empty QR', async () => {
    const { controller, onError } = setup({}, { create: () => ({ status: 201, body: { handle: 'h', mode: 'wildcard', seeds: [], expiresAt: new Date(NOW + TTL_MS).toISOString(), serverTime: new Date(NOW).toISOString() } }) });
    controller.start();
    await flush();
    expect(controller.getState().status).toBe('error');
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ kind: 'invalid_response' });
  });
});

describe('same-device: the link', () => {
  it('gives the link to open pasby once the session exists, and no QR', async () => {
    const { proxy, controller, view } = setup({ mode: 'same-device' });
    expect(view()).toMatchObject({ showStartButton: true, startLabel: 'Continue with pasby', showLink: false });
    controller.start();
    expect(view()).toMatchObject({ status: 'requesting', showLink: true, link: null });
    await flush();
    expect(proxy.creates()[0]?.body).toEqual({ mode: 'same-device' });
    expect(view()).toMatchObject({ status: 'awaiting', showLink: true, link: LINK, showQr: false, focusTarget: 'link' });
    proxy.stream.send(proxy.view('pending', { pickedUp: true }));
    await flush();
    expect(view()).toMatchObject({ showLink: false, link: null, isPickedUp: true, focusTarget: 'panel' });
    controller.dispose();
  });

  it('refuses a link that is not https or pasby (it becomes an href): invalid_response', async () => {
    const created = { handle: 'h', mode: 'same-device', link: 'javascript:alert(1)', expiresAt: new Date(NOW + TTL_MS).toISOString(), serverTime: new Date(NOW).toISOString() };
    const { controller } = setup({ mode: 'same-device' }, { create: () => ({ status: 201, body: created }) });
    controller.start();
    await flush();
    expect(controller.getState().error).toMatchObject({ kind: 'invalid_response' });
  });
});

describe('different-device: the NIN', () => {
  it('refuses a NIN that is not 11 digits without a request, and sends a good one, normalised', async () => {
    const { proxy, controller, view } = setup({ mode: 'different-device', claims: ['naming.given'] });
    expect(view()).toMatchObject({ showNinForm: true, showStartButton: false, focusTarget: 'nin' });
    controller.start('1234567890');
    expect(controller.getState()).toMatchObject({ status: 'idle', tokenInputError: 'MALFORMED' });
    expect(view().ninErrorText).toBe('A national identification number has exactly 11 digits.');
    controller.start('');
    expect(controller.getState().tokenInputError).toBe('EMPTY');
    controller.clearTokenInputError();
    expect(view().ninErrorText).toBeNull();
    expect(proxy.calls).toEqual([]);
    controller.start('123 4567 8901');
    await flush();
    expect(proxy.creates()[0]?.body).toEqual({ mode: 'different-device', nin: '12345678901', claims: ['naming.given'] });
    expect(view()).toMatchObject({ status: 'awaiting', showQr: false, showLink: false });
    expect(view().instructions).toMatch(/sent a request to the pasby app/);
    controller.dispose();
  });

  it('autoStart waits for the NIN: idle, no field error, no request', async () => {
    const { proxy, controller, view } = setup({ mode: 'different-device', autoStart: true });
    const unsubscribe = controller.subscribe(() => undefined);
    await flush();
    expect(view()).toMatchObject({ status: 'idle', showNinForm: true, ninErrorText: null });
    expect(proxy.calls).toEqual([]);
    unsubscribe();
  });

  it('"Try again" after an error sends the same NIN again', async () => {
    const { proxy, controller } = setup(
      { mode: 'different-device' },
      { create: (n) => (n === 0 ? { status: 400, body: { error: { code: 'INVALID_REQUEST', message: 'x' } } } : undefined) },
    );
    controller.start('12345678901');
    await flush();
    expect(controller.getState().status).toBe('error');
    controller.retry();
    await flush();
    expect(proxy.creates().map((c) => c.body)).toEqual([
      { mode: 'different-device', nin: '12345678901' },
      { mode: 'different-device', nin: '12345678901' },
    ]);
    expect(controller.getState().status).toBe('awaiting');
    controller.dispose();
  });
});

describe('NOT_ON_PASBY: a decline with a way onward', () => {
  const notOnPasby = () => ({ status: 404, body: { error: { code: 'NOT_ON_PASBY', message: '[passid] This national identification number has no pasby digital ID.' } } });

  it('declines (never an error), says so, and offers the QR code instead', async () => {
    const { controller, onDecline, onError, view, events } = setup({ mode: 'different-device' }, { create: (n) => (n === 0 ? notOnPasby() : undefined) });
    controller.start('99999999999');
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'declined', decline: 'NOT_ON_PASBY' });
    expect(onError).not.toHaveBeenCalled();
    expect(onDecline).toHaveBeenCalledWith('This national identification number has no pasby digital ID.', { code: 'NOT_ON_PASBY' });
    expect(events.at(-1)).toMatchObject({ type: 'state.declined', from: 'requesting', decline: 'NOT_ON_PASBY' });
    expect(view()).toMatchObject({
      title: 'No pasby ID for this number',
      fallback: 'wildcard',
      fallbackLabel: 'Use a QR code instead',
      retryLabel: 'Try another number',
      retryVariant: 'secondary',
      focusTarget: 'fallback',
    });
  });

  it('the way onward switches to wildcard and starts a QR session at once', async () => {
    const { proxy, controller, view } = setup({ mode: 'different-device' }, { create: (n) => (n === 0 ? notOnPasby() : undefined) });
    controller.start('99999999999');
    await flush();
    controller.switchMode(view().fallback!);
    await flush();
    expect(controller.mode()).toBe('wildcard');
    expect(proxy.creates().at(-1)?.body).toEqual({ mode: 'wildcard' });
    expect(view()).toMatchObject({ status: 'awaiting', mode: 'wildcard', showQr: true });
    controller.dispose();
  });

  it('"Try another number" goes back to the empty NIN form, never into the same refused session', async () => {
    const { proxy, controller, view } = setup({ mode: 'different-device' }, { create: (n) => (n === 0 ? notOnPasby() : undefined) });
    controller.start('99999999999');
    await flush();
    controller.retry();
    await flush();
    expect(proxy.creates()).toHaveLength(1);
    expect(view()).toMatchObject({ status: 'idle', showNinForm: true, focusTarget: 'nin' });
  });

  it('offers no way onward with fallbackMode: false', async () => {
    const { controller, view } = setup({ mode: 'different-device', fallbackMode: false }, { create: () => notOnPasby() });
    controller.start('99999999999');
    await flush();
    expect(view()).toMatchObject({ fallback: null, retryVariant: 'primary', focusTarget: 'retry' });
  });

  it('another 404 (an unknown handle) stays an error', async () => {
    const { controller } = setup({}, { create: () => ({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'x' } } }) });
    controller.start();
    await flush();
    expect(controller.getState().status).toBe('error');
  });
});

describe('cancel when a session is left before it ended', () => {
  it('on dispose: POST …/cancel for that handle, with keepalive, once', async () => {
    const { proxy, controller } = setup();
    controller.start();
    await flush();
    controller.dispose();
    await flush();
    expect(proxy.cancels().map((c) => [c.path, c.body, c.keepalive])).toEqual([[`${ENDPOINT}/session/h1.mac/cancel`, {}, true]]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('on reset', async () => {
    const { proxy, controller } = setup({ mode: 'same-device' });
    controller.start();
    await flush();
    controller.reset();
    await flush();
    expect(proxy.cancels()).toHaveLength(1);
    expect(controller.getState().status).toBe('idle');
  });

  it('when the last subscriber leaves (unmount), but not for StrictMode\'s unsubscribe-and-resubscribe', async () => {
    const { proxy, controller } = setup({ autoStart: true });
    const first = controller.subscribe(() => undefined);
    await flush();
    expect(controller.getState().status).toBe('awaiting');
    first();
    const second = controller.subscribe(() => undefined);
    await flush();
    expect(proxy.cancels()).toEqual([]);
    expect(proxy.creates()).toHaveLength(1);
    second();
    await flush();
    expect(proxy.cancels()).toHaveLength(1);
    expect(controller.getState().status).toBe('idle');
  });

  it('not after the session ended (completed, declined), nor at local expiry (it is expiring anyway)', async () => {
    const done = setup();
    done.controller.start();
    await flush();
    done.proxy.stream.send(done.proxy.view('declined', { declineReason: 'CANCELLED' }));
    await flush();
    expect(done.controller.getState()).toMatchObject({ status: 'declined', decline: 'CANCELLED' });
    done.controller.dispose();

    const expiring = setup({}, { poll: () => undefined });
    expiring.controller.start();
    await flush();
    await vi.advanceTimersByTimeAsync(TTL_MS);
    expect(expiring.controller.getState()).toMatchObject({ status: 'declined', decline: 'EXPIRED' });
    expect(expiring.view().retryLabel).toBe('Start again');
    expect([...done.proxy.cancels(), ...expiring.proxy.cancels()]).toEqual([]);
  });

  it('when watching failed for good (the session is abandoned): error, and the session voided', async () => {
    const { proxy, controller } = setup(
      { watch: 'poll' },
      { poll: () => ({ status: 503, body: { error: { code: 'UPSTREAM_UNAVAILABLE', message: 'x' } } }) },
    );
    controller.start();
    await flush();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(controller.getState().status).toBe('error');
    expect(proxy.reads()).toHaveLength(5);
    expect(proxy.cancels()).toHaveLength(1);
  });
});

describe('watching: push through the shared watcher, polling as the floor', () => {
  it('follows the stream (live), with no poll beside a healthy stream', async () => {
    const { proxy, controller } = setup();
    controller.start();
    await flush();
    proxy.stream.send(proxy.view('pending'));
    await flush();
    expect(controller.getState().connection).toBe('live');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(proxy.reads()).toEqual([]);
    controller.dispose();
  });

  it('polls at once when the stream drops, and opens it again later', async () => {
    const { proxy, controller, onSuccess } = setup({}, { poll: () => undefined });
    controller.start();
    await flush();
    proxy.stream.fail();
    await flush();
    expect(controller.getState().connection).toBe('polling');
    expect(proxy.reads()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2500);
    expect(proxy.opens().length).toBe(2);
    proxy.stream.send(proxy.view('completed', { claims: AMINA }));
    await flush();
    expect(onSuccess).toHaveBeenCalledWith(AMINA);
  });

  it('takes the proxy\'s `event: error` (pasby unreachable) as a drop: polling carries on', async () => {
    const { proxy, controller } = setup();
    controller.start();
    await flush();
    proxy.stream.send({ error: { code: 'UPSTREAM_UNAVAILABLE', message: '[passid] pasby could not be reached.' } }, { event: 'error' });
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'awaiting', connection: 'polling' });
    expect(proxy.reads()).toHaveLength(1);
    controller.dispose();
  });

  it('falls back to polling when the stream cannot be opened, and completes by a poll', async () => {
    const { proxy, controller, onSuccess } = setup(
      {},
      {
        events: () => ({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'x' } } }),
        poll: (n) => (n < 2 ? undefined : { body: { ...proxy.view('completed'), claims: AMINA } }),
      },
    );
    controller.start();
    await flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(onSuccess).toHaveBeenCalledWith(AMINA);
    expect(proxy.opens()).toHaveLength(1); // a 404 is not worth another stream
    expect(proxy.reads()).toHaveLength(3);
  });

  it('with watch: "poll", never opens a stream; picked up by a poll', async () => {
    const { proxy, controller, view } = setup({ watch: 'poll', pollIntervalMs: 1000 }, { poll: (n) => (n >= 1 ? { body: proxy.view('pending', { pickedUp: true }) } : undefined) });
    controller.start();
    await flush();
    expect(view().showQr).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(view().isPickedUp).toBe(true);
    expect(proxy.opens()).toEqual([]);
    controller.dispose();
  });

  it('offline: no request until the page is back, the view says reconnecting', async () => {
    let online = true;
    const listeners = new Set<() => void>();
    const network: NetworkWatch = { online: () => online, visible: () => true, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) };
    const { proxy, controller, view } = setup({ network });
    controller.start();
    await flush();
    online = false;
    listeners.forEach((l) => l());
    await flush();
    expect(view()).toMatchObject({ connection: 'offline', reconnecting: true, liveText: 'Reconnecting…' });
    const calls = proxy.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(proxy.calls.length).toBe(calls);
    online = true;
    listeners.forEach((l) => l());
    await flush();
    expect(proxy.opens()).toHaveLength(2);
    controller.dispose();
  });

  it('corrects the countdown for the server\'s clock', async () => {
    const { controller, view } = setup({}, { skewMs: 90_000 });
    controller.start();
    await flush();
    expect(view().secondsLeft).toBe(360);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view().countdownText).toBe('Expires in 5:00');
    controller.dispose();
  });

  it('at local expiry makes one last check: an approval at the last second still counts, and nothing is cancelled', async () => {
    const { proxy, controller, onSuccess } = setup(
      { watch: 'poll' },
      { poll: (_n, call) => (call.at >= NOW + TTL_MS ? { body: { ...proxy.view('completed'), claims: AMINA } } : undefined) },
    );
    controller.start();
    await flush();
    await vi.advanceTimersByTimeAsync(TTL_MS);
    expect(onSuccess).toHaveBeenCalledWith(AMINA);
    expect(proxy.cancels()).toEqual([]);
  });
});

describe('options', () => {
  it.each([
    [{ endpoint: undefined }, /endpoint/],
    [{ mode: 'qr' as never }, /mode must be one of/],
    [{ claims: [] }, /claims must be a non-empty list/],
    [{ claims: ['naming.nickname' as never] }, /claims must be a non-empty list/],
    [{ seedIntervalMs: 200 }, /seedIntervalMs/],
    [{ pollIntervalMs: 0 }, /pollIntervalMs/],
    [{ watch: 'sometimes' as never }, /watch must be/],
    [{ fallbackMode: 'qr' as never }, /fallbackMode/],
    [{ apiKey: 'bk-live_x' } as never, /no direct mode/],
    [{ secret: 'snb_x' } as never, /no direct mode/],
  ])('refuses %j at mount, before any request, with a configuration error', async (bad, message) => {
    const { proxy, controller, onError } = setup(bad as Partial<PasbyControllerOptions>);
    const unsubscribe = controller.subscribe(() => undefined);
    expect(controller.getState().status).toBe('error');
    expect(controller.getState().error?.message).toMatch(message);
    expect(controller.getState().error?.message).toMatch(/^\[passid\] /);
    expect(onError).toHaveBeenCalledTimes(1);
    controller.start();
    await flush();
    expect(proxy.calls).toEqual([]);
    unsubscribe();
  });

  it('sends the extra headers (a CSRF token) on every call', async () => {
    const { proxy, controller } = setup({ headers: { 'X-CSRF-Token': 't0k' } });
    controller.start();
    await flush();
    controller.dispose();
    await flush();
    expect(proxy.calls.map((c) => c.headers['x-csrf-token'])).toEqual(['t0k', 't0k', 't0k']);
  });

  it('passes the decline text of the chosen locale to onDecline', async () => {
    const { proxy, controller, onDecline } = setup({ locale: fr });
    controller.start();
    await flush();
    proxy.stream.send(proxy.view('declined', { declineReason: 'CANCELLED' }));
    await flush();
    expect(onDecline).toHaveBeenCalledWith("La demande a été refusée dans l'application pasby, ou annulée.", { code: 'CANCELLED' });
  });

  it('an unknown decline reason from a newer proxy is UNKNOWN_DECLINE', async () => {
    const { proxy, controller } = setup();
    controller.start();
    await flush();
    proxy.stream.send(proxy.view('declined', { declineReason: 'FRAUD_SUSPECTED' }));
    await flush();
    expect(controller.getState().decline).toBe('UNKNOWN_DECLINE');
  });
});
