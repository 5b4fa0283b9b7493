/**
 * The in-memory provider behind `createFakePassid` and `createFakePasby`: sessions held in
 * memory, answered at once (never on a timer), watched through the core's own
 * `watchSession` (a live "stream" with polling as the floor, and the real retry rule), so
 * the widget under test runs exactly the code it runs in production above the transport.
 */
import { PassidError, watchSession } from '@passid/core';
import type { Clock, FlowOutcome, FlowTransport, NetworkWatch, Progress, Session } from '@passid/core';
import { drive } from './flush.js';

/** What the fake was asked, in order, for assertions. */
export type FakeCallKind =
  /** A session was created (`createSession`). */
  | 'create'
  /** The live stream of an open session was opened (or reopened). */
  | 'stream'
  /** One status read of an open session (polling). */
  | 'read'
  /** The final status check when the widget's countdown ran out. */
  | 'check'
  /** A typed token was checked (`verifyToken`). */
  | 'verify';

/** One call the widget made to the fake. */
export interface FakeCall {
  kind: FakeCallKind;
  /** The session the call was about (not for `create` and `verify`). */
  sessionId?: string;
  /** The token sent, normalised (`verify` only). */
  token?: string;
  /** The Idempotency-Key sent (`verify` only): retries of one submission reuse it. */
  idempotencyKey?: string;
  /** It was answered with a failure (`fail()`). */
  failed: boolean;
  /** When, on the kit's clock (epoch ms). */
  at: number;
}

/** Where a fake session is. */
export type FakeSessionStatus = 'pending' | 'completed' | 'declined' | 'expired';

/** A session the fake created: what the widget received, plus what the fake knows of it. */
export type FakeSession<S extends Session, P, C, D> = S & {
  /** The parameters the widget sent when it created the session. */
  readonly params: P;
  readonly status: FakeSessionStatus;
  /** The claims it was approved with (`completed`), else null. */
  readonly claims: C | null;
  /** Why it was declined (`declined`), else null. */
  readonly reason: D | null;
};

interface Waiter<C, D> {
  settle(outcome: FlowOutcome<C, D>): void;
  drop(error: PassidError): void;
}

interface Entry<S extends Session, P, C, D> {
  view: S & { params: P; status: FakeSessionStatus; claims: C | null; reason: D | null };
  streams: Set<Waiter<C, D>>;
  onProgress?: (progress: Progress) => void;
}

/** What a provider plugs into the engine. */
export interface EngineSpec<S extends Session, P, C, D> {
  clock: Clock;
  /** Wait between two polls when the stream is down. */
  pollIntervalMs: number;
  network: NetworkWatch;
  /** The n-th session (0-based) for these parameters; throws a `PassidError` to refuse it. */
  open(params: P, index: number, now: number): S;
  /** The claims a session releases, given what it asked for. */
  release(claims: C, params: P): C;
}

/** The global timers, looked up at call time (so fake timers apply), without jitter. */
export const kitClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => 0.5,
};

/** A page that is visible and online until told otherwise. */
export function fakeNetwork() {
  let online = true;
  const listeners = new Set<() => void>();
  const watch: NetworkWatch = {
    online: () => online,
    visible: () => true,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return {
    watch,
    set(value: boolean) {
      if (online === value) return;
      online = value;
      listeners.forEach((listener) => listener());
    },
  };
}

const aborted = () => new PassidError('aborted', 'Aborted.');

/** Resolves when `release` is called, rejects when `signal` aborts. */
function gate(signal: AbortSignal, released: Set<() => void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = () => {
      signal.removeEventListener('abort', onAbort);
      released.delete(open);
      resolve();
    };
    const onAbort = () => {
      released.delete(open);
      reject(aborted());
    };
    released.add(open);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function createEngine<S extends Session, P, C, D>(spec: EngineSpec<S, P, C, D>) {
  type Outcome = FlowOutcome<C, D>;
  const { clock } = spec;
  const entries: Entry<S, P, C, D>[] = [];
  const calls: FakeCall[] = [];
  let failures: { left: number; error?: PassidError } = { left: 0 };
  let held = false;
  const waiting = new Set<() => void>();
  /** An outcome given before any session was open: the next session ends with it. */
  let queued: Outcome | null = null;
  /** A pick-up given before any session was open: the next session is picked up at once. */
  let queuedPickUp = false;

  /** Answers one call: waits while held, fails while failures are left, else `answer()`. */
  async function call<T>(
    kind: FakeCallKind,
    signal: AbortSignal,
    detail: Omit<FakeCall, 'kind' | 'failed' | 'at'>,
    answer: () => T,
  ): Promise<T> {
    if (held && kind !== 'stream' && kind !== 'read') await gate(signal, waiting);
    if (signal.aborted) throw aborted();
    const failed = failures.left > 0;
    calls.push({ kind, ...detail, failed, at: clock.now() });
    if (failed) {
      failures.left--;
      throw failures.error ?? new PassidError('network', `Fake failure (${kind}).`);
    }
    return answer();
  }

  /** The session's outcome now, or null while pending (expiry by time included). */
  function outcomeOf(entry: Entry<S, P, C, D>): Outcome | null {
    const view = entry.view;
    if (view.status === 'pending' && clock.now() >= view.expiresAt) view.status = 'expired';
    switch (view.status) {
      case 'pending':
        return null;
      case 'completed':
        return { status: 'completed', claims: view.claims as C };
      case 'declined':
        return { status: 'declined', reason: view.reason as D };
      default:
        return { status: 'expired' };
    }
  }

  function apply(entry: Entry<S, P, C, D>, outcome: Outcome): void {
    const view = entry.view;
    view.status = outcome.status;
    if (outcome.status === 'completed') view.claims = spec.release(outcome.claims, view.params);
    if (outcome.status === 'declined') view.reason = outcome.reason;
    const now = outcomeOf(entry) as Outcome;
    [...entry.streams].forEach((waiter) => waiter.settle(now));
  }

  const entryOf = (id: string) => entries.find((e) => e.view.id === id);
  /** The newest session still pending. */
  const open = () => [...entries].reverse().find((e) => outcomeOf(e) === null);

  const transport: FlowTransport<C, D, P, S> = {
    createSession: (params, { signal }) =>
      call('create', signal, {}, () => {
        const session = spec.open(params, entries.length, clock.now());
        const entry: Entry<S, P, C, D> = {
          view: { ...session, params, status: 'pending', claims: null, reason: null },
          streams: new Set(),
        };
        entries.push(entry);
        if (queuedPickUp) {
          (entry.view as Session).pickedUp = true;
          queuedPickUp = false;
        }
        if (queued) {
          apply(entry, queued);
          queued = null;
        }
        return session;
      }),

    watchSession(session, { signal, onProgress, network }) {
      const entry = entryOf(session.id);
      if (!entry) return Promise.reject(new PassidError('http', 'Unknown session.', { status: 404, code: 'NOT_FOUND' }));
      entry.onProgress = onProgress;
      if (entry.view.pickedUp) onProgress({ pickedUp: true });
      const sessionId = session.id;
      return watchSession<Outcome>({
        signal,
        clock,
        network: network ?? spec.network,
        intervalMs: spec.pollIntervalMs,
        onProgress,
        read: (s) => call('read', s, { sessionId }, () => outcomeOf(entry)),
        stream: async (s, onLive) => {
          await call('stream', s, { sessionId }, () => undefined);
          onLive();
          const now = outcomeOf(entry);
          if (now) return now;
          return new Promise<Outcome>((resolve, reject) => {
            const done = () => {
              entry.streams.delete(waiter);
              s.removeEventListener('abort', onAbort);
            };
            const waiter: Waiter<C, D> = {
              settle: (outcome) => (done(), resolve(outcome)),
              drop: (error) => (done(), reject(error)),
            };
            const onAbort = () => waiter.drop(aborted());
            entry.streams.add(waiter);
            s.addEventListener('abort', onAbort, { once: true });
          });
        },
      });
    },

    checkSession: (session, { signal }) =>
      call('check', signal, { sessionId: session.id }, () => {
        const entry = entryOf(session.id);
        return entry ? outcomeOf(entry) : { status: 'expired' as const };
      }),
  };

  return {
    transport,
    call,
    /** Every session created, oldest first. */
    list: (): readonly FakeSession<S, P, C, D>[] => entries.map((e) => e.view),
    calls: calls as readonly FakeCall[],
    /** Ends the newest open session with `outcome`, or the next one created if none is open. */
    settle: (outcome: Outcome) =>
      drive(() => {
        const entry = open();
        if (!entry) {
          queued = outcome;
          return null;
        }
        apply(entry, outcome);
        return entry.view as FakeSession<S, P, C, D>;
      }),
    /** The next `times` calls fail; open streams drop (each uses one). */
    fail: (times: number, error?: PassidError) =>
      drive(() => {
        if (!(times >= 0)) throw new TypeError(`fail(times): times must be 0 or more (got ${String(times)}).`);
        failures = { left: failures.left + times, ...(error && { error }) };
        for (const entry of entries) {
          for (const waiter of [...entry.streams]) {
            if (failures.left <= 0) break;
            failures.left--;
            waiter.drop(error ?? new PassidError('network', 'Fake failure (the stream dropped).'));
          }
        }
      }),
    hold: () => {
      held = true;
    },
    release: () =>
      drive(() => {
        held = false;
        [...waiting].forEach((open) => open());
      }),
    /** A device picks the newest open session up (reported to its watcher), or the next one created. */
    pickUp: () =>
      drive(() => {
        const entry = open();
        if (!entry) {
          queuedPickUp = true;
          return null;
        }
        (entry.view as Session).pickedUp = true;
        entry.onProgress?.({ pickedUp: true });
        return entry.view as FakeSession<S, P, C, D>;
      }),
    setOnline: (online: boolean, set: (value: boolean) => void) => drive(() => set(online)),
    latest: (): FakeSession<S, P, C, D> | null => entries.at(-1)?.view ?? null,
  };
}
