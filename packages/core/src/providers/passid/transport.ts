/**
 * The PASSID transport: sessions over the bridge API, watched by sequential polling of
 * `GET request/:id` (see `poll.ts` for the cadence and the retry rule).
 */
import { createBridgeClient } from './client.js';
import type { BridgeClientOptions } from './client.js';
import { PassidError } from '../../errors.js';
import { defaultClock, pollUntil } from '../../transport/poll.js';
import type { PollStep } from '../../transport/poll.js';
import type { Clock, DeclineCode, SessionInfo, SessionOutcome, VerificationTransport } from '../../flow/types.js';
import { DENY_REASONS } from '../../wire/constants.js';
import type { RequestStatusResponse } from '../../wire/schemas.js';

export interface PassidTransportOptions extends BridgeClientOptions {
  /** Wait between two polls. @default 2500 */
  pollIntervalMs?: number;
  /** Consecutive failed polls before giving up. @default 5 */
  maxPollFailures?: number;
}

/** The optional single status check the controller makes when the countdown runs out. */
export interface SessionChecker {
  checkSession(session: SessionInfo, ctx: { signal: AbortSignal }): Promise<SessionOutcome | null>;
}

/** Maps a server decline reason (free string) to a `DeclineCode`. */
export function toDeclineCode(reason: string | undefined): DeclineCode {
  if (reason === 'CUSTOMER_DECLINED') return reason;
  if (reason && (DENY_REASONS as readonly string[]).includes(reason)) return reason as DeclineCode;
  return 'UNKNOWN_DECLINE';
}

/** What a status response means: an end state, or `null` while pending. */
export function outcomeOf(response: RequestStatusResponse): SessionOutcome | null {
  switch (response.status) {
    case 'pending':
      return null;
    case 'expired':
      return { status: 'expired' };
    case 'declined':
      return { status: 'declined', reason: toDeclineCode(response.declineReason) };
    case 'completed': {
      if (!response.claims) {
        throw new PassidError('invalid_response', 'A completed request came without claims.');
      }
      // A declineReason on a "completed" answer is contradictory: the sanctions hit wins.
      if (response.declineReason === 'HARD_DENY_SANCTIONS_MATCH') {
        return { status: 'declined', reason: 'HARD_DENY_SANCTIONS_MATCH' };
      }
      const { claims, verifiedAt } = response;
      return verifiedAt === undefined ? { status: 'completed', claims } : { status: 'completed', claims, verifiedAt };
    }
  }
}

export function createPassidTransport(
  options: PassidTransportOptions = {},
): VerificationTransport & SessionChecker {
  const client = createBridgeClient(options);
  const clock = options.clock ?? defaultClock;

  return {
    async createSession(params, { signal }) {
      // Options left undefined are not sent (JSON has no undefined).
      const created = await client.createRequest(params, { signal });
      return {
        id: created.requestId,
        code: created.code,
        qrValue: created.deepLink,
        expiresAt: Date.parse(created.expiresAt),
        serverTime: Date.parse(created.serverTime),
      };
    },

    watchSession(session, { signal, onProgress }) {
      return pollUntil<SessionOutcome>({
        signal,
        clock,
        intervalMs: options.pollIntervalMs ?? 2500,
        maxFailures: options.maxPollFailures ?? 5,
        onAttempt: (failures) => {
          if (failures > 0) onProgress({ failures });
        },
        poll: async (pollSignal): Promise<PollStep<SessionOutcome>> => {
          const response = await client.getRequest(session.id, { signal: pollSignal });
          const outcome = outcomeOf(response);
          if (outcome) return { done: true, value: outcome };
          onProgress({
            expiresAt: Date.parse(response.expiresAt),
            serverTime: Date.parse(response.serverTime),
            failures: 0,
          });
          return { done: false };
        },
      });
    },

    checkSession: (session, { signal }) => client.getRequest(session.id, { signal }).then(outcomeOf),

    verifyToken: (params, { signal }) => client.verifyToken(params, { signal }),
  };
}
