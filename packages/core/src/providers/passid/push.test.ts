/**
 * Push for PASSID through the controller: the event stream (`watch: 'auto'`, the default, and
 * `'push'`), its fallback to polling, and the page's network. `fetch` is stubbed at the
 * boundary; time is faked.
 */
import { describe, expect, it, vi } from 'vitest';
import type { NetworkWatch } from '../../flow/types.js';
import { CLAIMS_A, createdBody, fakeEventStream, fakeFetch, iso, statusBody } from '../../test/bridge.js';
import type { FakeCall, FakeEventStream, Reply } from '../../test/bridge.js';
import { connect } from './connect.js';
import { createPassidController } from './controller.js';
import type { PassidControllerOptions } from './types.js';
import { clock, flush, useFakeTime } from '../../test/clock.js';

const NOW = Date.parse('2026-12-02T10:00:00Z');

useFakeTime(NOW);

const pending = () => statusBody('pending', Date.now());
const completed = () => statusBody('completed', Date.now(), { claims: CLAIMS_A, verifiedAt: iso(Date.now()) });

/** A network the test switches: online/offline, visible/hidden. */
function fakeNetwork() {
  let online = true;
  let visible = true;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  const watch: NetworkWatch = {
    online: () => online,
    visible: () => visible,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    watch,
    listeners,
    setOnline(value: boolean) {
      online = value;
      notify();
    },
    setVisible(value: boolean) {
      visible = value;
      notify();
    },
  };
}

interface ServerOptions {
  /** Answer of the n-th stream request (0-based). @default a fresh stream that sends pending at once */
  events?: (n: number, call: FakeCall) => Reply | undefined;
  /** Answer of the n-th poll. @default pending */
  poll?: (n: number) => Reply;
}

function bridge(options: ServerOptions = {}) {
  const streams: FakeEventStream[] = [];
  let polls = 0;
  let opened = 0;
  const server = fakeFetch((call) => {
    if (call.method === 'POST') return { status: 201, body: createdBody(Date.now()) };
    if (call.path.endsWith('/events')) {
      const n = opened++;
      const reply = options.events?.(n, call);
      if (reply) {
        if ('stream' in reply) streams.push(reply.stream);
        return reply;
      }
      const stream = fakeEventStream();
      streams.push(stream);
      stream.send(pending());
      return { stream };
    }
    return options.poll?.(polls++) ?? { body: pending() };
  });
  return {
    ...server,
    streams,
    eventCalls: () => server.calls.filter((c) => c.path.endsWith('/events')),
    polls: () => server.calls.filter((c) => c.method === 'GET' && !c.path.endsWith('/events')),
  };
}

function setup(server: ReturnType<typeof bridge>, extra: Partial<PassidControllerOptions> = {}) {
  const onSuccess = vi.fn();
  const onError = vi.fn();
  const net = fakeNetwork();
  const controller = createPassidController({
    apiKey: 'sk_sandbox_demo',
    baseUrl: 'http://sandbox.test',
    fetch: server.fetch,
    clock,
    network: net.watch,
    onSuccess,
    onError,
    ...extra,
  });
  return { controller, onSuccess, onError, net };
}

describe('push (watch: auto)', () => {
  it('opens the stream with the key and Accept: text/event-stream, is live, and succeeds on the pushed completion with no poll', async () => {
    const server = bridge();
    const { controller, onSuccess } = setup(server);
    controller.start();
    await flush();
    expect(controller.getState().status).toBe('awaiting');
    const [call] = server.eventCalls();
    expect(call?.url).toBe('http://sandbox.test/api/bridge/request/req_test0000000000000001/events');
    expect(call?.headers.accept).toBe('text/event-stream');
    expect(call?.headers['x-institution-key']).toBe('sk_sandbox_demo');
    expect(controller.getState().connection).toBe('live');

    await vi.advanceTimersByTimeAsync(7_000);
    server.streams[0]!.send(completed());
    await flush();
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith(CLAIMS_A);
    expect(server.polls()).toHaveLength(0);
    expect(server.streams[0]!.closed).toBe(true);
  });

  it('never polls beside a healthy stream: heartbeats keep it open for minutes', async () => {
    const server = bridge();
    const { controller } = setup(server);
    controller.start();
    await flush();
    for (let t = 0; t < 8; t += 1) {
      await vi.advanceTimersByTimeAsync(15_000);
      server.streams[0]!.raw(': hb\n\n');
    }
    expect(server.polls()).toHaveLength(0);
    expect(server.eventCalls()).toHaveLength(1);
    expect(controller.getState().connection).toBe('live');
  });

  it('a stream that cannot be opened (503): polls at once, tries the stream again after 2.5 s, and stops polling when it is live', async () => {
    const server = bridge({
      events: (n) => (n === 0 ? { status: 503, body: { error: { code: 'INTERNAL', message: 'down' } } } : undefined),
    });
    const { controller, onSuccess } = setup(server);
    controller.start();
    await flush();
    expect(server.polls().map((c) => c.at - NOW)).toEqual([0]);
    expect(controller.getState().connection).toBe('polling');

    await vi.advanceTimersByTimeAsync(2_500);
    expect(server.eventCalls().map((c) => c.at - NOW)).toEqual([0, 2500]);
    expect(controller.getState().connection).toBe('live');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(server.polls()).toHaveLength(1);
    server.streams[0]!.send(completed());
    await flush();
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('a stream refused for good (404, an old proxy without the route): polling carries the session, the stream is not asked again', async () => {
    let n = 0;
    const server = bridge({
      events: () => ({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'No route' } } }),
      poll: () => (n++ === 3 ? { body: completed() } : { body: pending() }),
    });
    const { controller, onSuccess } = setup(server);
    controller.start();
    await vi.advanceTimersByTimeAsync(7_500);
    expect(server.polls().map((c) => c.at - NOW)).toEqual([0, 2500, 5000, 7500]);
    expect(server.eventCalls()).toHaveLength(1);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('an answer that is not an event stream is refused like a 404: polling carries on', async () => {
    const server = bridge({ events: () => ({ body: pending() }) });
    const { controller } = setup(server);
    controller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.eventCalls()).toHaveLength(1);
    expect(server.polls().map((c) => c.at - NOW)).toEqual([0, 2500, 5000, 7500, 10000]);
    expect(controller.getState().status).toBe('awaiting');
  });

  it('a stream that drops mid-way: polls at once, reconnects, and recovers', async () => {
    const server = bridge();
    const { controller, onSuccess } = setup(server);
    controller.start();
    await vi.advanceTimersByTimeAsync(4_000);
    server.streams[0]!.fail();
    await flush();
    expect(server.polls().map((c) => c.at - NOW)).toEqual([4000]);
    expect(controller.getState().connection).toBe('polling');
    expect(controller.getState().status).toBe('awaiting');

    await vi.advanceTimersByTimeAsync(2_500);
    const calls = server.eventCalls();
    expect(calls.map((c) => c.at - NOW)).toEqual([0, 6500]);
    expect(controller.getState().connection).toBe('live');
    server.streams[1]!.send(completed());
    await flush();
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(server.polls()).toHaveLength(1);
  });

  it('a stream the server ends before the session did counts as dropped', async () => {
    const server = bridge();
    const { controller } = setup(server);
    controller.start();
    await flush();
    server.streams[0]!.end();
    await flush();
    expect(server.polls()).toHaveLength(1);
    expect(controller.getState().connection).toBe('polling');
  });

  it('a stream that goes quiet for 45 s (no event, no heartbeat) is dropped and replaced by polling', async () => {
    const server = bridge();
    const { controller } = setup(server);
    controller.start();
    await vi.advanceTimersByTimeAsync(44_000);
    expect(server.polls()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.polls().map((c) => c.at - NOW)).toEqual([45_000]);
    expect(server.streams[0]!.closed).toBe(true);
  });

  it('a pushed decline and a pushed sanctions hit end the session like a polled one', async () => {
    const server = bridge();
    const { controller, onSuccess } = setup(server);
    controller.start();
    await flush();
    server.streams[0]!.send(statusBody('declined', Date.now(), { declineReason: 'HARD_DENY_SANCTIONS_MATCH' }));
    await flush();
    expect(controller.getState().status).toBe('declined');
    expect(controller.getState().decline).toBe('HARD_DENY_SANCTIONS_MATCH');
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('a pushed answer that breaks the contract is invalid: polling takes over', async () => {
    const server = bridge({
      events: () => {
        const stream = fakeEventStream();
        stream.send({ status: 'pending' });
        return { stream };
      },
    });
    const { controller } = setup(server);
    controller.start();
    await flush();
    expect(server.polls()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.eventCalls()).toHaveLength(1);
  });

  it('pushed progress moves the countdown: a later expiresAt and the server clock', async () => {
    const server = bridge();
    const { controller } = setup(server);
    controller.start();
    await flush();
    server.streams[0]!.send(statusBody('pending', Date.now() + 2_000, {}, Date.now() + 900_000));
    await flush();
    expect(controller.getState().clockOffsetMs).toBe(2_000);
    expect(connect(controller.getState()).secondsLeft).toBe(898);
  });
});

describe('push only (watch: push)', () => {
  it('reconnects by the retry rule without polling, and gives up after 5 failures in a row', async () => {
    const server = bridge({ events: () => ({ status: 503, body: { error: { code: 'INTERNAL', message: 'down' } } }) });
    const { controller, onError } = setup(server, { watch: 'push' });
    controller.start();
    await flush();
    expect(controller.getState().pollFailures).toBe(1);
    expect(connect(controller.getState()).reconnecting).toBe(true);
    await vi.advanceTimersByTimeAsync(2_500 + 5_000 + 10_000 + 10_000);
    expect(server.eventCalls().map((c) => c.at - NOW)).toEqual([0, 2500, 7500, 17500, 27500]);
    expect(server.polls()).toHaveLength(0);
    expect(controller.getState().status).toBe('error');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('a stream that recovers clears the failures', async () => {
    const server = bridge({ events: (n) => (n < 2 ? { networkError: true } : undefined) });
    const { controller } = setup(server, { watch: 'push' });
    controller.start();
    await vi.advanceTimersByTimeAsync(2_500);
    expect(controller.getState().pollFailures).toBe(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(controller.getState().pollFailures).toBe(0);
    expect(controller.getState().connection).toBe('live');
  });
});

describe('network awareness', () => {
  it('offline: the stream is closed, no request is made, the view says "Reconnecting…"; online: the stream opens again at once', async () => {
    const server = bridge();
    const { controller, net } = setup(server);
    controller.start();
    await vi.advanceTimersByTimeAsync(3_000);
    net.setOnline(false);
    await flush();
    expect(server.streams[0]!.closed).toBe(true);
    expect(controller.getState().connection).toBe('offline');
    const view = connect(controller.getState());
    expect(view.reconnecting).toBe(true);
    expect(view.reconnectingText).toBe('Reconnecting…');
    expect(view.liveText).toBe('Reconnecting…');
    const before = server.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls).toHaveLength(before);
    expect(controller.getState().status).toBe('awaiting');

    net.setOnline(true);
    await flush();
    expect(server.eventCalls().map((c) => c.at - NOW)).toEqual([0, 63_000]);
    expect(controller.getState().connection).toBe('live');
    expect(connect(controller.getState()).reconnecting).toBe(false);
  });

  it('polling: offline stops the polls and back online reads the status at once', async () => {
    const server = bridge();
    const { controller, net } = setup(server, { watch: 'poll' });
    controller.start();
    await vi.advanceTimersByTimeAsync(1_000);
    net.setOnline(false);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(server.polls().map((c) => c.at - NOW)).toEqual([0]);
    net.setOnline(true);
    await flush();
    expect(server.polls().map((c) => c.at - NOW)).toEqual([0, 21_000]);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(server.polls().map((c) => c.at - NOW)).toEqual([0, 21_000, 23_500]);
  });

  it('hidden page: polls slow to every 10 s; visible again: a poll at once, then every 2.5 s', async () => {
    const server = bridge();
    const { controller, net } = setup(server, { watch: 'poll' });
    controller.start();
    await flush();
    net.setVisible(false);
    await vi.advanceTimersByTimeAsync(25_000);
    expect(server.polls().map((c) => c.at - NOW)).toEqual([0, 2500, 12_500, 22_500]);
    net.setVisible(true);
    await flush();
    await vi.advanceTimersByTimeAsync(2_500);
    expect(server.polls().map((c) => c.at - NOW)).toEqual([0, 2500, 12_500, 22_500, 25_000, 27_500]);
  });

  it('hidden page keeps an open stream open', async () => {
    const server = bridge();
    const { controller, net } = setup(server);
    controller.start();
    await flush();
    net.setVisible(false);
    await vi.advanceTimersByTimeAsync(14_000);
    net.setVisible(true);
    await flush();
    expect(server.streams[0]!.closed).toBe(false);
    expect(server.polls()).toHaveLength(0);
  });

  it('a poll in flight when the page goes offline is abandoned, not counted as a failure', async () => {
    const server = bridge({ poll: () => ({ body: pending(), delayMs: 5_000 }) });
    const { controller, net } = setup(server, { watch: 'poll' });
    controller.start();
    await vi.advanceTimersByTimeAsync(1_000);
    net.setOnline(false);
    await flush();
    expect(server.polls()[0]?.signal?.aborted).toBe(true);
    expect(controller.getState().pollFailures).toBe(0);
    expect(controller.getState().connection).toBe('offline');
  });

  it('offline at expiry: no final check, the request expires', async () => {
    const server = bridge();
    const onDecline = vi.fn();
    const { controller, net } = setup(server, { onDecline });
    controller.start();
    await flush();
    net.setOnline(false);
    const before = server.calls.length;
    await vi.advanceTimersByTimeAsync(601_000);
    expect(server.calls).toHaveLength(before);
    expect(controller.getState().decline).toBe('REQUEST_EXPIRED');
    expect(onDecline).toHaveBeenCalledWith('Request expired', { code: 'REQUEST_EXPIRED' });
  });

  it('listens to the network only while a session is watched', async () => {
    const server = bridge();
    const { controller, net } = setup(server);
    expect(net.listeners.size).toBe(0);
    controller.start();
    await flush();
    expect(net.listeners.size).toBe(1);
    controller.reset();
    await flush();
    expect(net.listeners.size).toBe(0);
  });
});

describe('a runaway stream', () => {
  it('a stream past 1 MiB (an event that never ends) is refused: polling takes over', async () => {
    const server = bridge();
    const { controller } = setup(server);
    controller.start();
    await flush();
    const chunk = `data: ${'x'.repeat(64 * 1024)}`;
    for (let i = 0; i < 15; i += 1) server.streams[0]!.raw(chunk);
    await flush();
    expect(server.polls()).toHaveLength(0);
    server.streams[0]!.raw(chunk + chunk);
    await flush();
    expect(server.streams[0]!.closed).toBe(true);
    expect(server.polls()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.eventCalls()).toHaveLength(1);
  });
});
