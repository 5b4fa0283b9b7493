/**
 * `createFakePasby()`: an in-memory pasby proxy for tests and stories, the counterpart of
 * `createFakePassid()` for `<PasbyVerify>` / `usePasbyVerify` (same engine, same timing rules).
 */
import { PassidError } from '@passid/core';
import type { Clock, NetworkWatch } from '@passid/core';
import type { PasbyClaimKey, PasbyClaims, PasbyDeclineCode, PasbyParams, PasbySession, PasbyTransport } from '@passid/core/pasby';
import { createEngine, fakeNetwork, kitClock } from './engine.js';
import type { FakeCall, FakeSession } from './engine.js';
import { PASBY_PERSONAS } from './personas.js';
import type { FakePersona } from './personas.js';

/** Options of {@link createFakePasby}. All optional. */
export interface FakePasbyOptions {
  /** The claims `approve()` sends when called without any: a persona's name or claims. @default 'amina' */
  claims?: FakePersona | PasbyClaims;
  /**
   * The NINs that have a pasby ID (a different-device session for any other is refused with
   * `NOT_ON_PASBY`, as the sandbox does).
   * @default the personas' NINs: 12345678901 (amina), 23456789012 (chidi), 34567890123 (kwame)
   */
  nins?: readonly string[];
  /** See `FakePassidOptions.clock`. @default the global clock and timers, no retry jitter */
  clock?: Clock;
  /** Wait between two status reads while the live stream is down. @default 2500 */
  pollIntervalMs?: number;
}

/** What to spread onto `<PasbyVerify>` or pass to `usePasbyVerify`. */
export interface FakePasbyProps {
  /** The in-memory pasby proxy. */
  transport: PasbyTransport;
  clock: Clock;
  /** A page that stays online and visible until `goOffline()`. */
  network: NetworkWatch;
}

/** A pasby session the fake created. */
export type FakePasbySession = FakeSession<PasbySession, PasbyParams, PasbyClaims, PasbyDeclineCode>;

/** What {@link createFakePasby} returns: the drivers of `FakePassid`, with pasby's reasons, and `pickUp()`. */
export interface FakePasby {
  readonly props: FakePasbyProps;
  /** The person approves in the pasby app: the claims the widget asked for are released. */
  approve(claims?: FakePersona | PasbyClaims): Promise<FakePasbySession | null>;
  /** The person declines (or the flow is cancelled) in the pasby app. @param reason @default 'CANCELLED' */
  decline(reason?: 'CANCELLED'): Promise<FakePasbySession | null>;
  /** The flow expires now. */
  expire(): Promise<FakePasbySession | null>;
  /**
   * A device picks the newest open session up: the QR gives way to "approve in your pasby
   * app". With no session open, the next session created is picked up at once (resolves with `null`).
   */
  pickUp(): Promise<FakePasbySession | null>;
  /** See `FakePassid.fail`: the same calls and retry rule (a pasby session has no token check). */
  fail(times?: number, error?: PassidError): Promise<void>;
  hold(): void;
  release(): Promise<void>;
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
  readonly session: FakePasbySession | null;
  readonly sessions: readonly FakePasbySession[];
  readonly calls: readonly FakeCall[];
}

/** Seeds in pasby's shape (38 hex, `-vi(`, 32 hex). */
const SEEDS = [
  'pasby://4f1c2a9e07b3d58e6a1f0c9b2d7e4a3f5b8c1d-vi(9e2f4a7c1b3d5e8f0a6c2b4d7e9f1a3c)',
  'pasby://0b7e3d9a5c1f2e8b4d6a0c3f7e1b9d5a2c8e4f-vi(3c7a1e9b5d2f8c4a6e0b3d7f1a9c5e2b)',
];

/** Only the claims asked for (all, when the widget named none). */
function release(claims: PasbyClaims, params: PasbyParams): PasbyClaims {
  if (!params.claims) return claims;
  const out: Record<string, Record<string, string>> = {};
  const groups = claims as Record<string, Record<string, string> | undefined>;
  for (const key of params.claims as readonly PasbyClaimKey[]) {
    const [group, name] = key.split('.') as [string, string];
    const value = groups[group]?.[name];
    if (value !== undefined) (out[group] ??= {})[name] = value;
  }
  return out as PasbyClaims;
}

const claimsOf = (claims: FakePersona | PasbyClaims): PasbyClaims =>
  typeof claims === 'string' ? (JSON.parse(JSON.stringify(PASBY_PERSONAS[claims].claims)) as PasbyClaims) : claims;

/**
 * An in-memory pasby proxy: see {@link FakePasby}.
 *
 * @example
 * const pasby = createFakePasby();
 * render(<PasbyVerify {...pasby.props} autoStart onSuccess={onSuccess} />);
 * await pasby.pickUp();
 * await pasby.approve();
 * expect(await screen.findByText('Amina')).toBeTruthy();
 */
export function createFakePasby(options: FakePasbyOptions = {}): FakePasby {
  const clock = options.clock ?? kitClock;
  const network = fakeNetwork();
  const nins = options.nins ?? Object.values(PASBY_PERSONAS).map((p) => p.nin);
  const engine = createEngine<PasbySession, PasbyParams, PasbyClaims, PasbyDeclineCode>({
    clock,
    network: network.watch,
    pollIntervalMs: options.pollIntervalMs ?? 2500,
    release,
    open({ mode, nin }, index, now) {
      if (mode === 'different-device' && !nins.includes(nin ?? '')) {
        throw new PassidError('http', 'POST /session failed with HTTP 404 NOT_ON_PASBY: This national identification number has no pasby digital ID.', {
          status: 404,
          code: 'NOT_ON_PASBY',
        });
      }
      const id = `fake-pasby-handle-${index + 1}`;
      return {
        id,
        mode,
        ...(mode === 'wildcard' && { seeds: SEEDS, qrValue: SEEDS[0] }),
        ...(mode === 'same-device' && { link: `https://open.pasby.africa/app/?mode=identification&id=${id}&source=mobile` }),
        expiresAt: now + 330_000,
        serverTime: now,
      };
    },
  });

  return {
    props: { transport: engine.transport, clock, network: network.watch },
    approve: (claims = options.claims ?? 'amina') => engine.settle({ status: 'completed', claims: claimsOf(claims) }),
    decline: (reason = 'CANCELLED') => engine.settle({ status: 'declined', reason }),
    expire: () => engine.settle({ status: 'expired' }),
    pickUp: engine.pickUp,
    fail: (times = 1, error) => engine.fail(times, error),
    hold: engine.hold,
    release: engine.release,
    goOffline: () => engine.setOnline(false, network.set),
    goOnline: () => engine.setOnline(true, network.set),
    get session() {
      return engine.latest();
    },
    get sessions() {
      return engine.list();
    },
    calls: engine.calls,
  };
}
