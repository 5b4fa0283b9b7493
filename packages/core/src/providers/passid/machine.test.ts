import { describe, expect, it } from 'vitest';
import { PassidError } from '../../errors.js';
import { initialState, transition } from './machine.js';
import type { VerifyMachineEvent } from './machine.js';
import { CLAIMS_A } from '../../test/bridge.js';
import type { SessionInfo, VerifyState, VerifyStatus } from './types.js';

const session: SessionInfo = { id: 'req_1', code: 'AB3X-7YQM', qrValue: 'passid://x', expiresAt: 700_000, serverTime: 100_000 };
const error = new PassidError('network', 'down');

function at(status: VerifyStatus, extra: Partial<VerifyState> = {}): VerifyState {
  const base = initialState(1000);
  const mode = status === 'verifying' ? 'token' : status === 'idle' ? null : 'qr';
  return { ...base, status, mode, session: status === 'awaiting' ? session : null, ...extra };
}

const EVENTS: VerifyMachineEvent[] = [
  { type: 'START' },
  { type: 'SESSION_CREATED', session, now: 5000 },
  { type: 'SESSION_PROGRESS', progress: { failures: 2 }, now: 6000 },
  { type: 'SESSION_COMPLETED', claims: CLAIMS_A },
  { type: 'SESSION_DECLINED', reason: 'CUSTOMER_DECLINED' },
  { type: 'SESSION_EXPIRED' },
  { type: 'SUBMIT_TOKEN' },
  { type: 'TOKEN_INVALID', error: 'MALFORMED' },
  { type: 'TOKEN_VERIFIED', claims: CLAIMS_A },
  { type: 'TOKEN_DENIED', reason: 'TOKEN_EXPIRED' },
  { type: 'FAILED', error },
  { type: 'TICK', now: 9000 },
  { type: 'RETRY' },
  { type: 'RESET' },
];

/** The guide's table: [from, event] → to. Anything not listed leaves the state untouched. */
const TABLE: Record<VerifyStatus, Partial<Record<VerifyMachineEvent['type'], VerifyStatus>>> = {
  idle: { START: 'requesting', SUBMIT_TOKEN: 'verifying', TOKEN_INVALID: 'idle', FAILED: 'error' },
  // A provider may refuse to create a session as a decline (pasby: identity not on pasby).
  requesting: { SESSION_CREATED: 'awaiting', SESSION_DECLINED: 'declined', FAILED: 'error', RESET: 'idle' },
  awaiting: {
    SUBMIT_TOKEN: 'verifying',
    TOKEN_INVALID: 'awaiting',
    SESSION_PROGRESS: 'awaiting',
    SESSION_COMPLETED: 'success',
    SESSION_DECLINED: 'declined',
    SESSION_EXPIRED: 'declined',
    TICK: 'awaiting',
    FAILED: 'error',
    RESET: 'idle',
  },
  verifying: { TOKEN_VERIFIED: 'success', TOKEN_DENIED: 'declined', FAILED: 'error', RESET: 'idle' },
  success: { RESET: 'idle' },
  declined: { START: 'requesting', SUBMIT_TOKEN: 'verifying', TOKEN_INVALID: 'declined', FAILED: 'error', RETRY: 'requesting', RESET: 'idle' },
  error: { START: 'requesting', SUBMIT_TOKEN: 'verifying', TOKEN_INVALID: 'error', FAILED: 'error', RETRY: 'requesting', RESET: 'idle' },
};

describe('transition: the whole table', () => {
  for (const from of Object.keys(TABLE) as VerifyStatus[]) {
    for (const event of EVENTS) {
      const to = TABLE[from][event.type];
      it(`${from} --${event.type}--> ${to ?? '(same object)'}`, () => {
        const state = at(from);
        const next = transition(state, event);
        if (to === undefined) expect(next).toBe(state);
        else {
          expect(next.status).toBe(to);
          expect(next).not.toBe(state);
        }
      });
    }
  }
});

describe('transition: details', () => {
  it('SESSION_CREATED measures the clock offset from serverTime', () => {
    const next = transition(at('requesting'), { type: 'SESSION_CREATED', session, now: 40_000 });
    expect(next.clockOffsetMs).toBe(60_000);
    expect(next.session).toBe(session);
  });

  it('SESSION_PROGRESS updates expiry, offset and failures', () => {
    const next = transition(at('awaiting'), {
      type: 'SESSION_PROGRESS',
      progress: { expiresAt: 800_000, serverTime: 200_000, failures: 0, qrValue: 'passid://y' },
      now: 150_000,
    });
    expect(next.session).toMatchObject({ expiresAt: 800_000, qrValue: 'passid://y' });
    expect(next.clockOffsetMs).toBe(50_000);
    expect(next.pollFailures).toBe(0);
  });

  it('expiry declines with REQUEST_EXPIRED; a customer decline keeps its reason', () => {
    expect(transition(at('awaiting'), { type: 'SESSION_EXPIRED' }).decline).toBe('REQUEST_EXPIRED');
    expect(transition(at('awaiting'), { type: 'SESSION_DECLINED', reason: 'CUSTOMER_DECLINED' }).decline).toBe(
      'CUSTOMER_DECLINED',
    );
  });

  it.each(['TOKEN_NOT_FOUND', 'TOKEN_EXPIRED', 'TOKEN_REVOKED', 'TOKEN_ALREADY_USED', 'INSTITUTION_MISMATCH', 'HARD_DENY_SANCTIONS_MATCH'] as const)(
    'TOKEN_DENIED %s → declined with that reason',
    (reason) => {
      const next = transition(at('verifying'), { type: 'TOKEN_DENIED', reason });
      expect(next).toMatchObject({ status: 'declined', decline: reason, claims: null });
    },
  );

  it('sanctions: claims with sanctions_clear false never reach success', () => {
    const claims = { ...CLAIMS_A, sanctions_clear: false };
    for (const next of [
      transition(at('awaiting'), { type: 'SESSION_COMPLETED', claims }),
      transition(at('verifying'), { type: 'TOKEN_VERIFIED', claims }),
    ]) {
      expect(next.status).toBe('declined');
      expect(next.decline).toBe('HARD_DENY_SANCTIONS_MATCH');
      expect(next.claims).toBeNull();
    }
    expect(transition(at('awaiting'), { type: 'SESSION_DECLINED', reason: 'HARD_DENY_SANCTIONS_MATCH' }).status).toBe('declined');
  });

  it('RETRY from a token attempt goes back to idle; from a qr attempt starts again', () => {
    expect(transition(at('declined', { mode: 'token' }), { type: 'RETRY' }).status).toBe('idle');
    expect(transition(at('error', { mode: 'token' }), { type: 'RETRY' }).status).toBe('idle');
    expect(transition(at('declined', { mode: 'qr' }), { type: 'RETRY' }).status).toBe('requesting');
  });

  it('RETRY from a refused token keeps mode token in idle (focus goes back to the field); START then is qr', () => {
    const idle = transition(at('declined', { mode: 'token', decline: 'TOKEN_NOT_FOUND' }), { type: 'RETRY' });
    expect(idle).toMatchObject({ status: 'idle', mode: 'token', decline: null });
    expect(transition(idle, { type: 'START' }).mode).toBe('qr');
    expect(transition(idle, { type: 'RESET' }).mode).toBeNull();
  });

  it('RETRY after a sanctions hit goes back to idle, never into a new QR session', () => {
    for (const mode of ['qr', 'token'] as const) {
      const next = transition(at('declined', { mode, decline: 'HARD_DENY_SANCTIONS_MATCH' }), { type: 'RETRY' });
      expect(next).toMatchObject({ status: 'idle', mode: null, decline: null });
    }
  });

  it('a new attempt clears the previous outcome', () => {
    const next = transition(at('error', { error, decline: 'TOKEN_EXPIRED', tokenInputError: 'EMPTY' }), { type: 'START' });
    expect(next).toMatchObject({ status: 'requesting', mode: 'qr', error: null, decline: null, tokenInputError: null, session: null });
  });

  it('FAILED never overwrites a success', () => {
    const state = at('success', { claims: CLAIMS_A });
    expect(transition(state, { type: 'FAILED', error })).toBe(state);
  });

  it('TICK with the same now and RESET on a clean idle return the same object', () => {
    const awaiting = at('awaiting');
    expect(transition(awaiting, { type: 'TICK', now: awaiting.now })).toBe(awaiting);
    const idle = at('idle');
    expect(transition(idle, { type: 'RESET' })).toBe(idle);
  });

  it('TOKEN_INVALID sets the input error and CLEAR_TOKEN_ERROR clears it', () => {
    const invalid = transition(at('idle'), { type: 'TOKEN_INVALID', error: 'MALFORMED' });
    expect(invalid.tokenInputError).toBe('MALFORMED');
    expect(transition(invalid, { type: 'CLEAR_TOKEN_ERROR' }).tokenInputError).toBeNull();
  });
});
