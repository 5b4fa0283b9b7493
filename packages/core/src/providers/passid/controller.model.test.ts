/**
 * Model-based tests of the PASSID controller (fast-check): the REAL controller
 * (`createPassidController`), with only `fetch` (held until the test answers) and the clock (a
 * virtual one) stubbed at its boundary.
 *
 * 1. `fc.commands`: random sequences of start, token entry, "Try again", reset, dispose, the
 *    bridge's answers (approve, decline, sanctions, expired, pending, 429 with Retry-After, 5xx,
 *    network error, malformed or non-JSON bodies, 400) and timer ticks. A small model predicts
 *    the status after each; invariants are checked after every command.
 * 2. `fc.scheduler`: the answers arrive in any order, interleaved with dispose, reset, retry and
 *    new attempts, from a `fetch` that ignores aborts (late answers of calls already abandoned).
 *
 * Seeded (a failure prints its seed and a shrunk counterexample); `PASSID_FC_SEED` changes it.
 *
 * Invariants: no double `onSuccess` for one attempt, and never one from another attempt's
 * answer; no request, timer or callback after `dispose()`; a sanctions hit never succeeds;
 * every state is one the machine allows (status edges and the shape of each status); at most
 * one call in flight; nothing runs in an end state; Retry-After is respected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREATE_ATTEMPTS, VERIFY_ATTEMPTS } from '../../flow/effects.js';
import type { NetworkWatch, PassidError } from '../../flow/types.js';
import { MAX_FAILURES } from '../../transport/retry.js';
import type { Claims } from '../../wire/schemas.js';
import { callKind, heldFetch, replyFor, respond, settle, virtualClock } from '../../test/model.js';
import type { BridgeSession, ReplyKind, VirtualClock } from '../../test/model.js';
import { createPassidController } from './controller.js';
import type { PassidController } from './controller.js';
import type { DeclineCode, VerifyState, VerifyStatus } from './types.js';

const T0 = Date.parse('2026-11-23T14:00:00Z');
const TTL_MS = 60_000;
const TOKENS = { valid: 'KE8V-3TXY-Z72L', other: 'GH2P-4KQW-9XTB', malformed: 'KE8V-3TXY', empty: '   ' } as const;
type TokenInput = keyof typeof TOKENS;

/** Where each status may go (staying aside): the machine's edges. */
const EDGES: Record<VerifyStatus, readonly VerifyStatus[]> = {
  idle: ['requesting', 'verifying', 'error'],
  requesting: ['awaiting', 'declined', 'error', 'idle'],
  awaiting: ['success', 'declined', 'error', 'idle', 'verifying'],
  verifying: ['success', 'declined', 'error', 'idle'],
  success: ['idle'],
  declined: ['requesting', 'verifying', 'idle', 'error'],
  error: ['requesting', 'verifying', 'idle'],
};
/** Where time alone (timeouts, expiry) may take a status. Never to success. */
const TIME_EDGES: Partial<Record<VerifyStatus, readonly VerifyStatus[]>> = {
  requesting: ['error'],
  awaiting: ['declined', 'error'],
  verifying: ['error'],
};
const ENDED: readonly VerifyStatus[] = ['idle', 'success', 'declined', 'error'];

/** What is wrong with the shape of `s` for its status (empty when nothing). */
function shapeProblems(s: VerifyState): string[] {
  const problems: string[] = [];
  const want = (ok: boolean, what: string) => ok || problems.push(`${s.status}: ${what}`);
  want(s.status === 'success' ? s.claims !== null && s.claims.sanctions_clear !== false : s.claims === null, 'claims');
  want((s.status === 'declined') === (s.decline !== null), 'decline');
  want((s.status === 'error') === (s.error !== null), 'error');
  want(s.status !== 'awaiting' || (s.session !== null && s.mode === 'qr'), 'an awaiting session');
  want(s.status !== 'requesting' || (s.mode === 'qr' && s.session === null), 'requesting');
  want(s.status !== 'verifying' || s.mode === 'token', 'verifying in token mode');
  want(s.status !== 'idle' || (s.session === null && s.connection === null), 'idle');
  want(s.status === 'awaiting' || s.connection === null, 'connection outside awaiting');
  return problems;
}

/** What the test saw of the controller: callbacks, transitions, calls. */
interface Log {
  /** Bumped on entering requesting or verifying: one attempt (one session, one submission). */
  attempt: number;
  attemptOfCall: number[];
  successes: { attempt: number; claims: Claims }[];
  declines: DeclineCode[];
  errors: PassidError[];
  problems: string[];
  disposedAt: { calls: number; state: VerifyState } | null;
  callbacksAfterDispose: number;
  /** The last 429: no call of that attempt before `until` (but the final check at expiry). */
  retryAfter: { attempt: number; until: number } | null;
}

const online: NetworkWatch = { online: () => true, visible: () => true, subscribe: () => () => undefined };

/** The real controller over a fetch the caller provides; `log` records what it does. */
function instrumented(clock: VirtualClock, fetchImpl: typeof fetch, log: Log): PassidController {
  let keys = 0;
  const callback = () => {
    if (log.disposedAt) log.callbacksAfterDispose++;
  };
  const controller = createPassidController({
    apiKey: 'sk_sandbox_demo',
    baseUrl: 'http://bridge.test',
    fetch: fetchImpl,
    clock,
    network: online,
    watch: 'poll',
    ttlSeconds: TTL_MS / 1000,
    createIdempotencyKey: () => `key-${++keys}`,
    onSuccess: (claims) => {
      callback();
      log.successes.push({ attempt: log.attempt, claims });
    },
    onDecline: (_text, { code }) => {
      callback();
      log.declines.push(code);
    },
    onError: (error) => {
      callback();
      log.errors.push(error);
    },
    onEvent: callback,
  });
  controller.store.subscribe((next, prev) => {
    if (next.status !== prev.status) {
      if (!EDGES[prev.status].includes(next.status)) log.problems.push(`illegal edge ${prev.status} → ${next.status}`);
      if (next.status === 'requesting' || next.status === 'verifying') log.attempt++;
    }
    log.problems.push(...shapeProblems(next));
  });
  return controller;
}

const newLog = (): Log => ({
  attempt: 0,
  attemptOfCall: [],
  successes: [],
  declines: [],
  errors: [],
  problems: [],
  disposedAt: null,
  callbacksAfterDispose: 0,
  retryAfter: null,
});

/** Invariants that hold in any run, with any order of answers. */
function checkCommon(controller: PassidController, log: Log, callCount: number): void {
  expect(log.problems).toEqual([]);
  const attempts = log.successes.map((s) => s.attempt);
  expect(new Set(attempts).size, 'one onSuccess per attempt').toBe(attempts.length);
  for (const { attempt, claims } of log.successes) {
    expect(claims.sanctions_clear, 'a sanctions hit never succeeds').not.toBe(false);
    // The claims name the call that carried them: an answer of this attempt, never a stale one.
    const call = Number(/^call-(\d+)$/.exec(claims.corridor ?? '')?.[1]);
    expect(log.attemptOfCall[call], `the success of attempt ${attempt} came from call ${call}`).toBe(attempt);
  }
  // The session on show was created by this attempt, never a late answer of an earlier one.
  const { session, status } = controller.getState();
  if (session && status === 'awaiting') {
    const createdBy = Number(session.id.replace('req_model', ''));
    expect(log.attemptOfCall[createdBy], 'the session of this attempt').toBe(log.attempt);
  }
  if (log.disposedAt) {
    expect(callCount, 'no request after dispose').toBe(log.disposedAt.calls);
    expect(log.callbacksAfterDispose, 'no callback after dispose').toBe(0);
    expect(controller.getState(), 'no state change after dispose').toBe(log.disposedAt.state);
  }
}

// ---------------------------------------------------------------- 1. commands against a model

interface Model {
  status: VerifyStatus;
  mode: 'qr' | 'token' | null;
  decline: DeclineCode | null;
  disposed: boolean;
  /** Consecutive transient failures of this attempt; null once a timeout may have added some. */
  failures: number | null;
  submission: { token: string; answered: boolean } | null;
  successes: number;
  /** Local expiry of the open session. */
  expiresAt: number;
}

interface Real {
  controller: PassidController;
  clock: VirtualClock;
  server: ReturnType<typeof heldFetch>;
  session: BridgeSession;
  log: Log;
}

function newReal(): Real {
  const clock = virtualClock(T0);
  const server = heldFetch(clock);
  const log = newLog();
  let controller: PassidController | undefined = undefined;
  const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => {
    const state = controller?.getState();
    const limit = log.retryAfter;
    const finalCheck = state?.status === 'awaiting' && clock.now() >= state.session!.expiresAt - state.clockOffsetMs;
    if (limit && limit.attempt === log.attempt && clock.now() < limit.until && !finalCheck) {
      log.problems.push(`a call at +${clock.now() - T0} ms before Retry-After allowed +${limit.until - T0} ms`);
    }
    const response = server.fetch(input, init);
    log.attemptOfCall.push(log.attempt);
    return response;
  }) as typeof fetch;
  controller = instrumented(clock, fetchImpl, log);
  return { controller, clock, server, session: { id: '', expiresAt: 0 }, log };
}

const initialModel = (): Model => ({
  status: 'idle',
  mode: null,
  decline: null,
  disposed: false,
  failures: 0,
  submission: null,
  successes: 0,
  expiresAt: 0,
});

/** What the runs covered: commands run, and the statuses and declines they reached. */
const coverage = { commands: 0, reached: new Set<string>() };

/** After every command: the invariants, then the model against the controller. */
function check(m: Model, r: Real): void {
  const state = r.controller.getState();
  coverage.commands++;
  coverage.reached.add(state.decline ?? state.status);
  checkCommon(r.controller, r.log, r.server.calls.length);
  expect(r.server.open().length, 'at most one call in flight').toBeLessThanOrEqual(1);
  if (m.disposed || ENDED.includes(state.status)) {
    expect(r.server.open(), `no call in flight in ${m.disposed ? 'a disposed controller' : state.status}`).toEqual([]);
    expect(r.clock.pending(), `no timer in ${m.disposed ? 'a disposed controller' : state.status}`).toBe(0);
  }
  expect(state.status).toBe(m.status);
  expect(state.mode).toBe(m.mode);
  expect(state.decline).toBe(m.decline);
  expect(r.log.successes).toHaveLength(m.successes);
}

/** A new attempt of `mode`. */
const begin = (m: Model, mode: 'qr' | 'token') => Object.assign(m, { status: mode === 'qr' ? 'requesting' : 'verifying', mode, decline: null, failures: 0 });
const end = (m: Model, status: 'success' | 'declined' | 'error', decline: DeclineCode | null = null) => {
  Object.assign(m, { status, decline, failures: 0 });
  if (status === 'success') m.successes++;
};
const canBegin = (m: Model) => m.status === 'idle' || m.status === 'declined' || m.status === 'error';

type Cmd = fc.AsyncCommand<Model, Real>;

const command = (name: string, act: (m: Model, r: Real) => void | Promise<void>): Cmd => ({
  check: () => true,
  async run(m, r) {
    await act(m, r);
    await settle();
    check(m, r);
  },
  toString: () => name,
});

const start = () =>
  command('start()', (m, r) => {
    r.controller.start();
    if (!m.disposed && canBegin(m)) begin(m, 'qr');
  });

const submit = (input: TokenInput) =>
  command(`submitToken(${input})`, (m, r) => {
    r.controller.submitToken(TOKENS[input]);
    if (m.disposed || !(canBegin(m) || m.status === 'awaiting')) return;
    if (input === 'malformed' || input === 'empty') {
      expect(r.controller.getState().tokenInputError).toBe(input === 'empty' ? 'EMPTY' : 'MALFORMED');
      return;
    }
    const token = TOKENS[input];
    if (!m.submission || m.submission.token !== token || m.submission.answered) m.submission = { token, answered: false };
    begin(m, 'token');
  });

const retry = () =>
  command('retry()', (m, r) => {
    r.controller.retry();
    if (m.disposed || (m.status !== 'declined' && m.status !== 'error')) return;
    if (m.mode === 'token' && m.status === 'error' && m.submission && !m.submission.answered) begin(m, 'token');
    else if (m.decline === 'HARD_DENY_SANCTIONS_MATCH') Object.assign(m, { status: 'idle', mode: null, decline: null });
    else if (m.mode === 'qr') begin(m, 'qr');
    else Object.assign(m, { status: 'idle', decline: null });
  });

const reset = () =>
  command('reset()', (m, r) => {
    r.controller.reset();
    if (m.disposed) return;
    Object.assign(m, { status: 'idle', mode: null, decline: null, submission: null, failures: 0 });
  });

const dispose = () =>
  command('dispose()', (m, r) => {
    r.controller.dispose();
    r.log.disposedAt ??= { calls: r.server.calls.length, state: r.controller.getState() };
    m.disposed = true;
  });

const tick = (ms: number) =>
  command(`tick(${ms} ms)`, async (m, r) => {
    const open = new Set(r.server.open());
    const made = r.server.calls.length;
    await r.clock.advance(ms);
    await settle();
    // A call aborted by time alone timed out (a failure the model cannot count) or was the
    // watch stopped at expiry.
    const mayTimeOut = r.server.calls.some((c, i) => c.aborted && (open.has(c) || i >= made));
    if (m.disposed) return;
    const state = r.controller.getState();
    if (state.status === m.status) {
      if (mayTimeOut) m.failures = null;
      return;
    }
    // Time alone: a timeout that was the last attempt (a network error), or the expiry.
    expect(TIME_EDGES[m.status] ?? [], `${m.status} → ${state.status} by time alone`).toContain(state.status);
    if (state.status === 'declined') expect(state.decline).toBe('REQUEST_EXPIRED');
    if (state.status === 'error') expect(state.error?.kind).toBe('network');
    end(m, state.status as 'declined' | 'error', state.decline);
  });

const isTransient = (reply: ReplyKind, kind: string) =>
  reply.kind === 'rateLimited' || reply.kind === 'serverError' || reply.kind === 'network' || (kind === 'verify' && reply.kind === 'pending');
const isBroken = (reply: ReplyKind) => reply.kind === 'malformed' || reply.kind === 'notJson' || reply.kind === 'badRequest';

const answer = (reply: ReplyKind) =>
  command(`answer(${JSON.stringify(reply)})`, async (m, r) => {
    const call = r.server.open()[0];
    if (!call) return;
    const now = r.clock.now();
    call.answer(replyFor(reply, call, now, r.session, TTL_MS));
    if (reply.kind === 'rateLimited') r.log.retryAfter = { attempt: r.log.attempt, until: now + reply.retryAfterS * 1000 };
    await settle();
    if (m.disposed) return;

    /** A transient failure: the attempt goes on until `max` of them. */
    const failed = (max: number) => {
      if (m.failures === null) {
        // A timeout may have counted before: the attempt goes on, or this was its last failure.
        const status = r.controller.getState().status;
        if (status === 'error') end(m, 'error');
        else expect(status).toBe(m.status);
      } else if (++m.failures >= max) end(m, 'error');
    };
    if (m.status === 'requesting') {
      expect(call.kind).toBe('create');
      if (isTransient(reply, call.kind)) failed(CREATE_ATTEMPTS);
      else if (isBroken(reply)) end(m, 'error');
      else Object.assign(m, { status: 'awaiting', failures: 0, expiresAt: now + TTL_MS });
    } else if (m.status === 'awaiting') {
      expect(call.kind).toBe('status');
      const settled: Partial<Record<ReplyKind['kind'], () => void>> = {
        approve: () => end(m, 'success'),
        sanctions: () => end(m, 'declined', 'HARD_DENY_SANCTIONS_MATCH'),
        decline: () => end(m, 'declined', 'CUSTOMER_DECLINED'),
      };
      if (now >= m.expiresAt) {
        // The last check at expiry: an end it reports wins; anything else is the expiry.
        (settled[reply.kind] ?? (() => end(m, 'declined', 'REQUEST_EXPIRED')))();
      } else if (isTransient(reply, call.kind)) failed(MAX_FAILURES);
      else if (isBroken(reply)) end(m, 'error');
      else if (reply.kind === 'pending') m.failures = 0;
      else if (reply.kind === 'expire') end(m, 'declined', 'REQUEST_EXPIRED');
      else settled[reply.kind]!();
    } else if (m.status === 'verifying') {
      expect(call.kind).toBe('verify');
      if (isTransient(reply, call.kind)) failed(VERIFY_ATTEMPTS);
      else if (isBroken(reply)) end(m, 'error');
      else {
        m.submission!.answered = true;
        const declines: Partial<Record<ReplyKind['kind'], DeclineCode>> = {
          sanctions: 'HARD_DENY_SANCTIONS_MATCH',
          decline: 'TOKEN_REVOKED',
          expire: 'TOKEN_EXPIRED',
        };
        const decline = declines[reply.kind];
        if (decline) end(m, 'declined', decline);
        else end(m, 'success');
      }
    } else {
      throw new Error(`a call was open in ${m.status}`);
    }
  });

const replyArb: fc.Arbitrary<ReplyKind> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'approve' as const }) },
  { weight: 2, arbitrary: fc.boolean().map((viaClaims) => ({ kind: 'sanctions' as const, viaClaims })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'decline' as const }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'pending' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'expire' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 30 }).map((retryAfterS) => ({ kind: 'rateLimited' as const, retryAfterS })) },
  { weight: 2, arbitrary: fc.constantFrom(500, 502, 503).map((status) => ({ kind: 'serverError' as const, status: status as 500 | 502 | 503 })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'network' as const }) },
  { weight: 1, arbitrary: fc.constantFrom<ReplyKind>({ kind: 'malformed' }, { kind: 'notJson' }, { kind: 'badRequest' }) },
);
const tickArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 3_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 3_000, max: 20_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 80_000 }) },
);

const commands = fc.commands(
  [
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(null).map(start) },
      { weight: 6, arbitrary: fc.constantFrom<TokenInput>('valid', 'other', 'malformed', 'empty').map(submit) },
      { weight: 6, arbitrary: fc.constant(null).map(retry) },
      { weight: 2, arbitrary: fc.constant(null).map(reset) },
      // Rare: everything after it only checks that nothing happens.
      { weight: 1, arbitrary: fc.constant(null).map(dispose) },
      // Answers and time come more often than clicks.
      { weight: 30, arbitrary: replyArb.map(answer) },
      { weight: 12, arbitrary: tickArb.map(tick) },
    ),
  ],
  { maxCommands: 30, size: 'max' },
);

/** Runs of each property (the two add up to more than 1,000). */
const MODEL_RUNS = 700;
const RACE_RUNS = 400;
/** Fixed, so every run of the suite checks the same 1,100 cases; `PASSID_FC_SEED=<n>` explores others. */
const SEED = Number(process.env.PASSID_FC_SEED ?? 20_261_202);

describe('the controller against a model (fc.commands)', () => {
  it(`agrees with the model and keeps every invariant over ${MODEL_RUNS} random command sequences`, async () => {
    await fc.assert(
      fc.asyncProperty(commands, (cmds) => fc.asyncModelRun(() => ({ model: initialModel(), real: newReal() }), cmds)),
      { numRuns: MODEL_RUNS, seed: SEED },
    );
    // The runs went deep enough to matter: every status and every way to decline was reached.
    expect(coverage.commands).toBeGreaterThan(10 * MODEL_RUNS);
    for (const reached of ['idle', 'requesting', 'awaiting', 'verifying', 'success', 'error']) expect(coverage.reached).toContain(reached);
    for (const decline of ['HARD_DENY_SANCTIONS_MATCH', 'CUSTOMER_DECLINED', 'REQUEST_EXPIRED', 'TOKEN_REVOKED', 'TOKEN_EXPIRED']) {
      expect(coverage.reached).toContain(decline);
    }
  }, 60_000);
});

// ---------------------------------------------------------------- 2. races (fc.scheduler)

type Action = 'start' | 'submit' | 'retry' | 'reset' | 'dispose' | { tickMs: number };
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.constantFrom<Action>('start', 'submit', 'retry', 'reset', 'dispose'),
  tickArb.map((tickMs) => ({ tickMs })),
);

describe('races (fc.scheduler)', () => {
  it(`answers in any order, late answers of abandoned calls and user actions in between never break an invariant (${RACE_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(actionArb, { minLength: 1, maxLength: 8 }),
        fc.array(replyArb, { minLength: 1, maxLength: 10 }),
        async (s, actions, replies) => {
          const clock = virtualClock(T0);
          const session: BridgeSession = { id: '', expiresAt: 0 };
          const log = newLog();
          let calls = 0;
          // Every answer comes when the scheduler says, abort or not: a late answer still arrives.
          const fetchImpl = ((input: RequestInfo | URL, init: RequestInit = {}) => {
            const id = calls++;
            log.attemptOfCall.push(log.attempt);
            const kind = callKind(init.method ?? 'GET', String(input).replace(/^https?:\/\/[^/]+/, ''));
            const reply = replies[id % replies.length]!;
            return s
              .schedule(Promise.resolve(), `${kind} #${id} ← ${reply.kind}`)
              .then(() => respond(replyFor(reply, { kind, id }, clock.now(), session, TTL_MS)));
          }) as typeof fetch;
          const controller = instrumented(clock, fetchImpl, log);
          const act: Record<Exclude<Action, { tickMs: number }>, () => void> = {
            start: () => controller.start(),
            submit: () => controller.submitToken(TOKENS.valid),
            retry: () => controller.retry(),
            reset: () => controller.reset(),
            dispose: () => {
              controller.dispose();
              log.disposedAt ??= { calls, state: controller.getState() };
            },
          };
          controller.start();
          s.scheduleSequence(
            actions.map((a) => ({
              label: typeof a === 'string' ? a : `tick ${a.tickMs} ms`,
              builder: async () => {
                if (typeof a === 'string') act[a]();
                else await clock.advance(a.tickMs);
              },
            })),
          );
          for (let step = 0; step < 400; step++) {
            if (s.count() > 0) {
              await s.waitOne();
              await settle();
            } else if (clock.nextAt() !== null) {
              await clock.advance(clock.nextAt()! - clock.now());
            } else break;
            checkCommon(controller, log, calls);
          }
          checkCommon(controller, log, calls);
          // The session of a success is the one that was open.
          const state = controller.getState();
          if (state.status === 'success') expect(log.successes.at(-1)?.claims).toEqual(state.claims);
          controller.dispose();
          while (s.count() > 0) await s.waitOne();
        },
      ),
      { numRuns: RACE_RUNS, seed: SEED + 1 },
    );
  }, 60_000);
});
