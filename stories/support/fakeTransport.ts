/**
 * A deterministic `VerificationTransport` for stories and tests: each call does exactly what
 * the script says (resolve with a value, reject with an error, or hang until aborted). No
 * network, no timers.
 */
import { PassidError } from '@passid/core';
import type { Claims, SessionInfo, SessionOutcome, VerificationTransport, VerifyResponse, Clock } from '@passid/core';

/** What one call does: `'hang'` never settles (until its AbortSignal aborts). */
export type Step<T> = 'hang' | { resolve: T } | { reject: PassidError };

export interface FakeScript {
  /** `createSession`. @default resolves with {@link STORY_SESSION} */
  create?: Step<SessionInfo>;
  /** `watchSession`. @default 'hang' (stays awaiting) */
  watch?: Step<SessionOutcome>;
  /** `verifyToken`. @default 'hang' (stays verifying) */
  verify?: Step<VerifyResponse>;
}

/** The frozen "now" of every story: 2026-11-23 14:00:00 UTC. */
export const STORY_NOW = Date.UTC(2026, 10, 23, 14, 0, 0);

/** A session that expires 9 min 30 s after {@link STORY_NOW}. */
export const STORY_SESSION: SessionInfo = {
  id: 'req_storybook7Qm2XvLp9TfW4',
  code: 'AB3X-7YQM',
  qrValue: 'passid://verify-request?r=req_storybook7Qm2XvLp9TfW4&i=inst_demo_bank',
  expiresAt: STORY_NOW + 570_000,
  serverTime: STORY_NOW,
};

/** A clock stopped at {@link STORY_NOW}: countdowns show the same text on every render. */
export const frozenClock: Clock = {
  now: () => STORY_NOW,
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => 0.5,
};

/** Plays one step of a script (the pasby fake uses it too). */
export function run<T>(step: Step<T>, signal: AbortSignal): Promise<T> {
  if (step === 'hang') {
    return new Promise<T>((_, reject) => {
      signal.addEventListener('abort', () => reject(new PassidError('aborted', '[passid] aborted')), { once: true });
    });
  }
  if ('reject' in step) return Promise.reject(step.reject);
  return Promise.resolve(step.resolve);
}

export function fakeTransport(script: FakeScript = {}): VerificationTransport {
  return {
    createSession: (_params, { signal }) => run(script.create ?? { resolve: STORY_SESSION }, signal),
    watchSession: (_session, { signal }) => run(script.watch ?? 'hang', signal),
    verifyToken: (_params, { signal }) => run(script.verify ?? 'hang', signal),
  };
}

/** The sandbox fixtures' claims (same values as the sandbox returns). */
export const CLAIMS: Record<'A' | 'B' | 'C', Claims> = {
  A: {
    fsi_score: 812, fsi_low: 790, fsi_high: 834, tier: 'A', confidence: 0.93, p_stable: 0.91,
    income_verified: true, income_band: 'GBP 45k-60k', identity_verified: true, sanctions_clear: true,
    payment_reliability: 0.97, savings_consistency: 84, fraud_risk: 'low', corridor: 'KE→GB', decision: 'approved',
  },
  B: {
    fsi_score: 743, fsi_low: 718, fsi_high: 766, tier: 'B', confidence: 0.88, p_stable: 0.84,
    income_verified: true, income_band: 'USD 50k-75k', identity_verified: true, sanctions_clear: true,
    payment_reliability: 0.92, savings_consistency: 71, fraud_risk: 'low', corridor: 'NG→US', decision: 'approved',
  },
  C: {
    fsi_score: 671, fsi_low: 640, fsi_high: 699, tier: 'C', confidence: 0.76, p_stable: 0.69,
    income_verified: true, income_band: 'EUR 20k-30k', identity_verified: false, sanctions_clear: true,
    payment_reliability: 0.81, savings_consistency: 52, fraud_risk: 'medium', corridor: 'GH→EU', decision: 'review',
  },
};
