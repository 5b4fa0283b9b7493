/**
 * The pasby transport on the neutral port: sessions through the institution's
 * `createPasbyProxy`, watched by its event stream with sequential polling as the floor (the
 * shared `transport/watch.ts`), wildcard seeds rotating on the QR while nobody has picked the
 * flow up, and a cancel when the widget leaves a session before it ended.
 */
import { PassidError, defaultClock, watchSession } from '@passid/core';
import type { Clock, WatchMode } from '@passid/core';
import { followStatus } from '../../transport/follow.js';
import { createPasbyClient, streamError } from './client.js';
import type { PasbyClientOptions } from './client.js';
import { SEED_INTERVAL_MS, pickSeed, rotateSeeds } from './seeds.js';
import type { PasbyOutcome, PasbySession, PasbyTransport } from './types.js';
import type { PasbySessionView } from './wire/schemas.js';

export interface PasbyTransportOptions extends PasbyClientOptions {
  /** How open sessions are watched. @default 'auto' (push, polling as the floor) */
  watch?: WatchMode;
  /** Wait between two polls. @default 2500 */
  pollIntervalMs?: number;
  /** Consecutive failed polls (or stream attempts) before giving up. @default 5 */
  maxPollFailures?: number;
  /** Silence (heartbeats included) after which an open stream counts as dropped. @default 45000 */
  streamIdleMs?: number;
  /** How long each wildcard seed stays on the QR. @default 5000 */
  seedIntervalMs?: number;
}

/**
 * No cancel this close to the session's expiry (local clock): the countdown's last check
 * would race it, and an expired flow needs none.
 */
const CANCEL_MARGIN_MS = 2000;

/** What a status answer means: an end state, or `null` while pending. */
export function outcomeOf(view: PasbySessionView): PasbyOutcome | null {
  switch (view.status) {
    case 'pending':
      return null;
    case 'expired':
      return { status: 'expired' };
    case 'declined':
      return { status: 'declined', reason: view.declineReason === 'CANCELLED' ? 'CANCELLED' : 'UNKNOWN_DECLINE' };
    case 'completed':
      return { status: 'completed', claims: view.claims ?? {} };
  }
}

export function createPasbyTransport(options: PasbyTransportOptions): PasbyTransport & Required<Pick<PasbyTransport, 'checkSession'>> {
  const client = createPasbyClient(options);
  const clock: Clock = options.clock ?? defaultClock;
  const bad = (what: string) => new PassidError('invalid_response', `POST /session: ${what}.`);

  return {
    async createSession({ mode, nin, claims }, { signal }) {
      const created = await client.createSession({ mode, ...(nin !== undefined && { nin }), ...(claims && { claims }) }, { signal });
      if (created.mode !== mode) throw bad(`asked for a ${mode} session, got ${created.mode}`);
      const seeds = created.seeds ?? [];
      if (mode === 'wildcard' && seeds.length === 0) throw bad('a wildcard session came without seeds');
      if (mode === 'same-device' && !created.link) throw bad('a same-device session came without a link');
      return {
        id: created.handle,
        mode,
        ...(mode === 'wildcard' && { seeds, qrValue: seeds[pickSeed(seeds.length, clock)] }),
        ...(mode === 'same-device' && { link: created.link }),
        expiresAt: Date.parse(created.expiresAt),
        serverTime: Date.parse(created.serverTime),
      };
    },

    async watchSession(session, { signal, onProgress, network }) {
      let pickedUp = session.pickedUp === true;
      // Seeds rotate until a device picks the flow up, or the watch ends.
      const rotation =
        session.seeds && !pickedUp
          ? rotateSeeds(session.seeds, session.qrValue, options.seedIntervalMs ?? SEED_INTERVAL_MS, clock, (qrValue) => onProgress({ qrValue }))
          : undefined;
      /** When the session expires on this browser's clock. */
      let expiresLocally = clock.now() + (session.expiresAt - session.serverTime);
      let over = false;
      /** Left before it ended (reset, dispose, unmount) or given up on: void it at pasby, unless it is expiring. */
      const leave = () => {
        if (over) return;
        over = true;
        if (clock.now() < expiresLocally - CANCEL_MARGIN_MS) void client.cancel(session.id);
      };
      signal.addEventListener('abort', leave, { once: true });

      /** One status answer: its outcome, or what changed while pending. */
      const judge = (view: PasbySessionView): PasbyOutcome | null => {
        const outcome = outcomeOf(view);
        if (outcome) return outcome;
        const expiresAt = Date.parse(view.expiresAt);
        const serverTime = Date.parse(view.serverTime);
        expiresLocally = clock.now() + (expiresAt - serverTime);
        // Once picked up, always picked up: the QR (whose seeds are void now) never comes back.
        if (view.pickedUp && !pickedUp) {
          pickedUp = true;
          rotation?.stop();
        }
        onProgress({ expiresAt, serverTime, ...(pickedUp && { pickedUp }) });
        return null;
      };

      try {
        const outcome = await watchSession<PasbyOutcome>({
          signal,
          clock,
          network,
          mode: options.watch,
          intervalMs: options.pollIntervalMs,
          maxFailures: options.maxPollFailures,
          onProgress,
          read: async (s) => judge(await client.getSession(session.id, { signal: s })),
          async stream(s, onLive) {
            const body = await client.openEvents(session.id, { signal: s });
            return followStatus(body, {
              signal: s,
              clock,
              idleMs: options.streamIdleMs,
              onLive,
              parse: client.parseStatus,
              judge,
              onEvent: (event) => {
                if (event.event === 'error') throw streamError(event.data);
              },
            });
          },
        });
        over = true;
        return outcome;
      } catch (error) {
        leave();
        throw error;
      } finally {
        rotation?.stop();
        signal.removeEventListener('abort', leave);
      }
    },

    checkSession: (session, { signal }) => client.getSession(session.id, { signal }).then(outcomeOf),
  };
}
