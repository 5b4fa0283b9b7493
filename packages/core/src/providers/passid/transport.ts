/**
 * The PASSID transport: sessions over the bridge API, watched by the push stream
 * (`GET …/request/:id/events`) with sequential polling of `GET …/request/:id` as the floor
 * (see `transport/watch.ts` for the rules and `transport/retry.ts` for the retry rule).
 */
import { PassidError } from '../../errors.js';
import type { Clock, WatchMode } from '../../flow/types.js';
import { defaultClock } from '../../transport/retry.js';
import { readEvents } from '../../transport/stream.js';
import { watchSession } from '../../transport/watch.js';
import { DENY_REASONS } from '../../wire/constants.js';
import type { RequestStatusResponse } from '../../wire/schemas.js';
import { createBridgeClient } from './client.js';
import type { BridgeClientOptions } from './client.js';
import type { DeclineCode, SessionInfo, SessionOutcome, VerificationTransport } from './types.js';

export interface PassidTransportOptions extends BridgeClientOptions {
  /** How open sessions are watched. @default 'auto' (push, polling as the floor) */
  watch?: WatchMode;
  /** Wait between two polls. @default 2500 */
  pollIntervalMs?: number;
  /** Consecutive failed polls (or stream attempts) before giving up. @default 5 */
  maxPollFailures?: number;
  /** Silence (heartbeats included) after which an open stream counts as dropped. @default 45000 */
  streamIdleMs?: number;
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

export function createPassidTransport(options: PassidTransportOptions = {}): VerificationTransport & SessionChecker {
  const client = createBridgeClient(options);
  const clock: Clock = options.clock ?? defaultClock;

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

    watchSession(session, { signal, onProgress, network }) {
      /** One status answer: its outcome, or the fresh expiry and clock while pending. */
      const judge = (response: RequestStatusResponse): SessionOutcome | null => {
        const outcome = outcomeOf(response);
        if (!outcome) onProgress({ expiresAt: Date.parse(response.expiresAt), serverTime: Date.parse(response.serverTime) });
        return outcome;
      };
      return watchSession<SessionOutcome>({
        signal,
        clock,
        network,
        mode: options.watch,
        intervalMs: options.pollIntervalMs,
        maxFailures: options.maxPollFailures,
        onProgress,
        read: async (s) => judge(await client.getRequest(session.id, { signal: s })),
        // Every event carries the whole status, so a reconnect needs no Last-Event-ID: its
        // first event is the status as it is now.
        async stream(s, onLive) {
          const body = await client.openEvents(session.id, { signal: s });
          let outcome: SessionOutcome | null = null;
          await readEvents(body, {
            signal: s,
            clock,
            idleMs: options.streamIdleMs,
            onEvent(event) {
              if (event.event !== 'status') return false;
              const status = client.parseStatus(event.data);
              onLive();
              outcome = judge(status);
              return outcome !== null;
            },
          });
          if (outcome) return outcome;
          throw new PassidError('network', 'The event stream ended early.');
        },
      });
    },

    checkSession: (session, { signal }) => client.getRequest(session.id, { signal }).then(outcomeOf),

    verifyToken: (params, { signal }) => client.verifyToken(params, { signal }),
  };
}
