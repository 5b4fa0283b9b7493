/**
 * `createFakePassid()`: an in-memory PASSID for tests and stories. Spread its `props` onto
 * `<PASSIDVerify>` (or pass them to `usePassidVerify`): the real component, hook, controller
 * and watch run on top, with no network. Drive the customer's side with `approve()`,
 * `decline()`, `expire()`, and the network's with `fail()`, `hold()`, `goOffline()`.
 */
import { PassidError, normalizeToken } from '@passid/core';
import type {
  Claims,
  Clock,
  CreateSessionParams,
  DeclineCode,
  DenyReason,
  NetworkWatch,
  SessionInfo,
  VerificationTransport,
} from '@passid/core';
import { ALWAYS_CLAIMS, PERMISSION_CLAIMS, PERMISSIONS } from '@passid/core/wire';
import { createEngine, fakeNetwork, kitClock } from './engine.js';
import type { FakeCall, FakeSession } from './engine.js';
import { PASSID_DENY_TOKENS, PASSID_FIXTURE_TOKENS, PASSID_PERSONAS } from './personas.js';
import type { FakePersona } from './personas.js';

/**
 * Why a QR session can be declined: the customer declined in the PASSID app
 * (`CUSTOMER_DECLINED`, the default), or a deny reason, e.g. `HARD_DENY_SANCTIONS_MATCH` (a
 * sanctions hit: the widget shows it as final, `onSuccess` is never called).
 */
export type FakePassidDecline = 'CUSTOMER_DECLINED' | DenyReason;

/** What a typed token verifies to: a persona or claims (approved), or a deny reason. */
export type FakeTokenAnswer = FakePersona | Claims | DenyReason;

/** Options of {@link createFakePassid}. All optional. */
export interface FakePassidOptions {
  /**
   * The claims `approve()` sends when called without any: a sandbox persona's name or claims.
   * @default 'amina' (tier A, 812, KE→GB, approved)
   */
  claims?: FakePersona | Claims;
  /**
   * Answers to typed tokens, by token (any spelling the widget accepts: `KE8V3TXYZ72L`,
   * `ke8v-3txy-z72l`…), on top of the sandbox's fixtures: `KE8V-3TXY-Z72L` (amina),
   * `NG4M-XQRS-T88W` (chidi), `GH2P-ABCD-56KL` (kwame) approve; `EXPD-TOKN-0001`,
   * `RVKD-TOKN-0001`, `USED-TOKN-0001`, `OTHR-INST-0001`, `SANC-HITS-0001` are refused with
   * their deny reason. Any other token: `TOKEN_NOT_FOUND`. An approved token answers with all
   * of its claims, whatever the widget's `permissions` (as the sandbox's fixture tokens do: a
   * share token carries what the customer chose to share in the app).
   * @default the sandbox's fixtures only
   */
  tokens?: Record<string, FakeTokenAnswer>;
  /**
   * The clock the fake stamps sessions with, also passed to the widget in `props`.
   * @default the global `Date.now` and timers, looked up at each call (so fake timers apply), with no retry jitter
   */
  clock?: Clock;
  /** Wait between two status reads while the live stream is down (the widget's `pollIntervalMs`). @default 2500 */
  pollIntervalMs?: number;
}

/** What to spread onto `<PASSIDVerify>` or pass to `usePassidVerify`. */
export interface FakePassidProps {
  /** The in-memory PASSID. */
  transport: VerificationTransport;
  /** The kit's clock (see {@link FakePassidOptions.clock}). */
  clock: Clock;
  /** A page that stays online and visible until `goOffline()`. */
  network: NetworkWatch;
}

/** A session the fake created: what the widget received, plus what the fake knows of it. */
export type FakePassidSession = FakeSession<SessionInfo, CreateSessionParams, Claims, DeclineCode>;

/** What {@link createFakePassid} returns. */
export interface FakePassid {
  /**
   * Spread onto `<PASSIDVerify {...passid.props} onSuccess={…} />` or pass to
   * `usePassidVerify({ ...passid.props })`. Each widget mounted with them talks to this fake.
   */
  readonly props: FakePassidProps;
  /**
   * The customer approves in the PASSID app: the newest open QR session completes with
   * `claims` (a persona's name or claims; only the claims of the permissions the widget asked
   * for are released, as the server does). Resolves once the widget has re-rendered (`success`),
   * with the session. With no session open, the next session created completes at once, and
   * it resolves with `null`.
   * @param claims @default the `claims` option ('amina')
   */
  approve(claims?: FakePersona | Claims): Promise<FakePassidSession | null>;
  /**
   * The session is declined: by the customer (`CUSTOMER_DECLINED`, default) or with a deny
   * reason such as `HARD_DENY_SANCTIONS_MATCH`. Same timing as {@link FakePassid.approve}.
   */
  decline(reason?: FakePassidDecline): Promise<FakePassidSession | null>;
  /** The session expires now (the widget shows "Request expired"). Same timing as {@link FakePassid.approve}. */
  expire(): Promise<FakePassidSession | null>;
  /**
   * The next `times` calls to the fake fail with a transient `network` error; then it answers
   * again and the core's retry rule recovers, as in production. A call is: creating a session,
   * (re)opening an open session's live stream, one status read, the final status check at
   * expiry, one check of a typed token. A stream already open when `fail()` is called drops,
   * using one. What the widget does (no jitter with the kit's clock):
   * - creating a session is tried twice, 1 s apart: `fail(1)` recovers, `fail(2)` ends in
   *   `error` ("Try again");
   * - a token check is tried 3 times, 1 s then 2 s apart; "Try again" resends the same token
   *   with the same Idempotency-Key;
   * - an open session falls back to status reads at once when its stream drops, retries a
   *   failed read after 2.5 s, 5 s, 10 s, 10 s (showing "Reconnecting…" from the first
   *   failed read), reopens the stream after the same delays, and ends in `error` after 5
   *   failures in a row.
   * Resolves once what the failures caused at once has rendered; the delays are timers (with
   * fake timers, advance them; with real ones, wait, e.g. `findByText(…, {}, { timeout: 3000 })`).
   * @param times @default 1
   * @param error The error to fail with. A non-transient one (e.g. HTTP 401) is not retried.
   *   @default a `PassidError` of kind `network`
   */
  fail(times?: number, error?: PassidError): Promise<void>;
  /**
   * From now on, creating a session, checking a token and the final check at expiry wait
   * unanswered (the widget stays in `requesting` or `verifying`) until {@link FakePassid.release}.
   */
  hold(): void;
  /** Answers what {@link FakePassid.hold} held, and what comes next. Resolves once the widget has re-rendered. */
  release(): Promise<void>;
  /** The page goes offline (`props.network`): no calls, "Reconnecting…" while awaiting. */
  goOffline(): Promise<void>;
  /** Back online: the widget reads the session's status at once. */
  goOnline(): Promise<void>;
  /** The newest session created, or null. */
  readonly session: FakePassidSession | null;
  /** Every session created, oldest first. */
  readonly sessions: readonly FakePassidSession[];
  /** Every call the widget made, in order (failed ones included). */
  readonly calls: readonly FakeCall[];
}

const CODES = ['AB3X-7YQM', 'CD4Y-8ZRN', 'EF5Z-9ASP', 'GH6A-2BTQ', 'JK7B-3CUR'];

/** The claims a session releases for the permissions it asked for, plus `corridor` and `decision` (as the server does). */
function release(claims: Claims, params: CreateSessionParams): Claims {
  const granted = params.permissions ?? PERMISSIONS;
  const out: Record<string, unknown> = {};
  const keep = (key: string) => key in claims && (out[key] = (claims as Record<string, unknown>)[key]);
  for (const permission of PERMISSIONS) if (granted.includes(permission)) PERMISSION_CLAIMS[permission].forEach(keep);
  ALWAYS_CLAIMS.forEach(keep);
  return out as Claims;
}

const claimsOf = (claims: FakePersona | Claims): Claims => (typeof claims === 'string' ? { ...PASSID_PERSONAS[claims] } : claims);
const key = (token: string) => {
  const normalized = normalizeToken(token);
  return normalized.ok ? normalized.token : token;
};

/**
 * An in-memory PASSID for tests (and stories): see {@link FakePassid}. One fake can serve
 * several widgets; its drivers act on the newest open session.
 *
 * @example
 * const passid = createFakePassid();
 * render(<PASSIDVerify {...passid.props} autoStart onSuccess={onSuccess} />);
 * await passid.approve('kwame');
 * expect(await screen.findByText('Tier C')).toBeTruthy();
 */
export function createFakePassid(options: FakePassidOptions = {}): FakePassid {
  const clock = options.clock ?? kitClock;
  const network = fakeNetwork();
  const engine = createEngine<SessionInfo, CreateSessionParams, Claims, DeclineCode>({
    clock,
    network: network.watch,
    pollIntervalMs: options.pollIntervalMs ?? 2500,
    release,
    open(params, index, now) {
      const id = `req_fake${String(index + 1).padStart(16, '0')}`;
      return {
        id,
        code: CODES[index % CODES.length] as string,
        qrValue: `passid://verify-request?r=${id}&i=inst_fake`,
        expiresAt: now + (params.ttlSeconds ?? 600) * 1000,
        serverTime: now,
      };
    },
  });

  const answers = new Map<string, FakeTokenAnswer>();
  for (const [token, persona] of Object.entries(PASSID_FIXTURE_TOKENS)) answers.set(token, persona);
  for (const [token, reason] of Object.entries(PASSID_DENY_TOKENS)) answers.set(token, reason);
  for (const [token, answer] of Object.entries(options.tokens ?? {})) answers.set(key(token), answer);

  const transport: VerificationTransport = {
    ...engine.transport,
    verifyToken: ({ token, idempotencyKey }, { signal }) =>
      engine.call('verify', signal, { token, idempotencyKey }, () => {
        const answer = answers.get(key(token)) ?? 'TOKEN_NOT_FOUND';
        const persona = typeof answer === 'string' && answer in PASSID_PERSONAS;
        return typeof answer === 'string' && !persona
          ? { verified: false as const, denyReason: answer as DenyReason }
          : { verified: true as const, claims: claimsOf(answer as FakePersona | Claims) };
      }),
  };

  const props: FakePassidProps = { transport, clock, network: network.watch };
  return {
    props,
    approve: (claims = options.claims ?? 'amina') => engine.settle({ status: 'completed', claims: claimsOf(claims) }),
    decline: (reason = 'CUSTOMER_DECLINED') => engine.settle({ status: 'declined', reason }),
    expire: () => engine.settle({ status: 'expired' }),
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

