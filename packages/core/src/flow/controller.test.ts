/**
 * The neutral controller with a provider made up here (string claims, its own decline codes,
 * an in-memory transport): the effects bound to states, the watch aborted when a session is
 * left early (where a provider voids it), the work that starts and stops with subscribers,
 * and a create refused as a decline.
 */
import { describe, expect, it, vi } from 'vitest';
import { PassidError } from '../errors.js';
import type { FlowTransport } from '../transport/port.js';
import { createFlowController } from './controller.js';
import type { FlowOptions, FlowProvider } from './controller.js';
import { EFFECTS } from './effects.js';
import { createTransition } from './machine.js';
import type { FlowOutcome, Session } from './types.js';
import { clock, flush, useFakeTime } from '../test/clock.js';

type Decline = 'NO' | 'EXPIRED' | 'NOT_HERE' | 'BANNED';
interface Options extends FlowOptions<string, Decline> {
  transport: FlowTransport<string, Decline, { input?: string }>;
}


useFakeTime(Date.parse('2026-12-02T10:00:00Z'));

const provider: FlowProvider<string, Decline, { input?: string }, Session, Options> = {
  transition: createTransition<string, Decline>({
    expired: 'EXPIRED',
    refuse: (claims) => (claims === 'banned person' ? 'BANNED' : null),
    final: (decline) => decline === 'BANNED',
  }),
  transport: (options) => options.transport,
  check: () => null,
  params: (_options, input) => (input === undefined ? {} : { input }),
  sessionInput: (input) =>
    input === undefined || /^\d{3}$/.test(input) ? { ok: true, value: input as string } : { ok: false, error: 'MALFORMED' },
  declineText: (code) => `declined: ${code}`,
  declineOf: (error) => (error.code === 'NOT_HERE' ? 'NOT_HERE' : null),
};

/** An in-memory transport: the test settles each watched session by hand; a watch aborted before its end voids the session. */
function memoryTransport() {
  const created: Array<{ input?: string }> = [];
  const cancelled: string[] = [];
  const watchers: Array<{ id: string; signal: AbortSignal; settle: (outcome: FlowOutcome<string, Decline>) => void }> = [];
  let refuseWith: PassidError | null = null;
  const transport: FlowTransport<string, Decline, { input?: string }> = {
    async createSession(params) {
      if (refuseWith) throw refuseWith;
      created.push(params);
      return { id: `s${created.length}`, qrValue: `qr${created.length}`, expiresAt: Date.now() + 60_000, serverTime: Date.now() };
    },
    watchSession(session, { signal }) {
      return new Promise((resolve, reject) => {
        let ended = false;
        const settle = (outcome: FlowOutcome<string, Decline>) => {
          ended = true;
          resolve(outcome);
        };
        watchers.push({ id: session.id, signal, settle });
        signal.addEventListener('abort', () => {
          if (!ended) cancelled.push(session.id);
          reject(new PassidError('aborted', 'Aborted.'));
        });
      });
    },
  };
  return {
    transport,
    created,
    cancelled,
    watchers,
    refuse(error: PassidError | null) {
      refuseWith = error;
    },
    current: () => watchers[watchers.length - 1]!,
  };
}

function setup(extra: Partial<Options> = {}) {
  const memory = memoryTransport();
  const onSuccess = vi.fn();
  const onDecline = vi.fn();
  const onEvent = vi.fn();
  const controller = createFlowController(provider, { transport: memory.transport, clock, onSuccess, onDecline, onEvent, ...extra });
  return { controller, memory, onSuccess, onDecline, onEvent };
}

describe('effects bound to states', () => {
  it('has one row per state with work, and none for the others', () => {
    expect(Object.keys(EFFECTS).sort()).toEqual(['awaiting', 'requesting', 'verifying']);
  });

  it('entering awaiting starts the watch; leaving it for an end state stops it without voiding the session', async () => {
    const { controller, memory, onSuccess } = setup();
    controller.start();
    await flush();
    expect(controller.getState().status).toBe('awaiting');
    const watcher = memory.current();
    watcher.settle({ status: 'completed', claims: 'Amina' });
    await flush();
    expect(onSuccess).toHaveBeenCalledWith('Amina');
    expect(watcher.signal.aborted).toBe(true);
    expect(memory.cancelled).toEqual([]);
  });

  it('a session left early is voided: reset, dispose', async () => {
    const { controller, memory } = setup();
    controller.start();
    await flush();
    controller.reset();
    await flush();
    expect(memory.cancelled).toEqual(['s1']);
    controller.start();
    await flush();
    controller.dispose();
    await flush();
    expect(memory.cancelled).toEqual(['s1', 's2']);
  });

  it('a declined session is not voided again; at local expiry the watch ends (the provider may void the session)', async () => {
    const { controller, memory } = setup();
    controller.start();
    await flush();
    memory.current().settle({ status: 'declined', reason: 'NO' });
    await flush();
    expect(memory.cancelled).toEqual([]);
    controller.retry();
    await flush();
    await vi.advanceTimersByTimeAsync(61_000);
    expect(controller.getState().decline).toBe('EXPIRED');
    expect(memory.current().signal.aborted).toBe(true);
    expect(memory.cancelled).toEqual(['s2']);
  });

  it('the provider rules: refused claims decline, and a final decline goes back to idle on "Try again"', async () => {
    const { controller, memory, onSuccess } = setup();
    controller.start();
    await flush();
    memory.current().settle({ status: 'completed', claims: 'banned person' });
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'declined', decline: 'BANNED' });
    expect(onSuccess).not.toHaveBeenCalled();
    controller.retry();
    expect(controller.getState().status).toBe('idle');
    expect(memory.created).toHaveLength(1);
  });

  it('a create refused as a decline (declineOf) ends in declined, with onDecline', async () => {
    const { controller, memory, onDecline } = setup();
    memory.refuse(new PassidError('http', 'Not here.', { status: 404, code: 'NOT_HERE' }));
    controller.start();
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'declined', decline: 'NOT_HERE' });
    expect(onDecline).toHaveBeenCalledWith('declined: NOT_HERE', { code: 'NOT_HERE' });
  });

  it('session input: malformed input sends nothing; good input reaches the session and "Try again" reuses it', async () => {
    const { controller, memory } = setup();
    controller.start('12');
    expect(controller.getState()).toMatchObject({ status: 'idle', tokenInputError: 'MALFORMED' });
    controller.start('123');
    await flush();
    expect(memory.created).toEqual([{ input: '123' }]);
    memory.current().settle({ status: 'declined', reason: 'NO' });
    await flush();
    controller.retry();
    await flush();
    expect(memory.created).toEqual([{ input: '123' }, { input: '123' }]);
  });
});

describe('work starts and stops with subscribers', () => {
  it('the first subscriber starts a session with autoStart', async () => {
    const { controller, memory } = setup({ autoStart: true });
    await flush();
    expect(memory.created).toHaveLength(0);
    const unsubscribe = controller.subscribe(() => undefined);
    await flush();
    expect(controller.getState().status).toBe('awaiting');
    expect(memory.created).toHaveLength(1);
    unsubscribe();
  });

  it('unsubscribing and subscribing again in one task (StrictMode) keeps one session running', async () => {
    const { controller, memory } = setup({ autoStart: true });
    const first = controller.subscribe(() => undefined);
    first();
    const second = controller.subscribe(() => undefined);
    await flush();
    expect(memory.created).toHaveLength(1);
    expect(controller.getState().status).toBe('awaiting');
    expect(memory.current().signal.aborted).toBe(false);
    expect(memory.cancelled).toEqual([]);
    second();
  });

  it('when the last subscriber leaves, the attempt stops quietly: watch aborted, session voided, idle, no callback', async () => {
    const { controller, memory, onEvent } = setup({ autoStart: true });
    const unsubscribe = controller.subscribe(() => undefined);
    await flush();
    const events = onEvent.mock.calls.length;
    unsubscribe();
    await flush();
    expect(memory.current().signal.aborted).toBe(true);
    expect(memory.cancelled).toEqual(['s1']);
    expect(controller.getState().status).toBe('idle');
    expect(onEvent).toHaveBeenCalledTimes(events);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(memory.created).toHaveLength(1);
  });

  it('a subscriber that comes back later starts again (autoStart)', async () => {
    const { controller, memory } = setup({ autoStart: true });
    controller.subscribe(() => undefined)();
    await flush();
    const again = controller.subscribe(() => undefined);
    await flush();
    expect(memory.created).toHaveLength(2);
    expect(controller.getState().status).toBe('awaiting');
    again();
  });

  it('an end state outlives its subscribers (a hidden success stays a success)', async () => {
    const { controller, memory } = setup({ autoStart: true });
    const unsubscribe = controller.subscribe(() => undefined);
    await flush();
    memory.current().settle({ status: 'completed', claims: 'Amina' });
    await flush();
    unsubscribe();
    await flush();
    expect(controller.getState()).toMatchObject({ status: 'success', claims: 'Amina' });
  });

  it('a controller nobody subscribes to works on explicit calls', async () => {
    const { controller, memory, onSuccess } = setup();
    controller.start();
    await flush();
    memory.current().settle({ status: 'completed', claims: 'Kwame' });
    await flush();
    expect(onSuccess).toHaveBeenCalledWith('Kwame');
  });
});
