/**
 * `createPasbyProxy`: the browser's way to pasby, mounted on the institution's backend like
 * `createPassidProxy` (a Web-standard handler; Node and Express through `toNodeHandler`). The
 * institution chooses the modes, claims, action and intent text; the API key, secret and
 * private key stay here; the browser gets signed session handles and only decrypted,
 * requested claims. The contract is in docs/pasby.md ("The proxy's browser contract").
 */
import * as v from 'valibot';
import { PassidConfigError } from '../errors.js';
import { parseJson, readBodyWithLimit } from '../http.js';
import type { ErrorCode } from '@passid/core/wire';
import { errorResponse } from '../proxy.js';
import { createPasbyClient, type PasbyClient } from './client.js';
import { parsePasbyPrivateKey, type PasbyPrivateKey } from './decrypt.js';
import { PasbyApiError, PasbyDecryptionError } from './errors.js';
import { createSessionHandles, type SessionBinding } from './handles.js';
import type { FlowEventStream } from './sse.js';
import { PASBY_ACTIONS, PASBY_CLAIM_KEYS, PASBY_LIVE_URL, PASBY_MODES, type PasbyAction, type PasbyClaimKey, type PasbyFlow, type PasbyMode } from './types.js';
import { sessionView, type PasbySessionView } from './view.js';
import { watchSession } from './watch.js';

export interface PasbyProxyOptions {
  /** The pasby app's API key (`bk-…`), from an environment variable. Never sent to the browser. */
  apiKey: string;
  /** The pasby app's secret (`snb_…`), from an environment variable. Never sent to the browser. */
  secret: string;
  /** The app's RSA private key (PEM, pasby's communication keys), to decrypt claims. Never sent to the browser. */
  privateKey: string;
  /** pasby's base URL. @default 'https://l.pasby.africa' (the local sandbox: 'http://localhost:8787/pasby') */
  baseUrl?: string;
  /** Path the handler is mounted at; the browser component's `endpoint`. @default '/api/pasby' */
  prefix?: string;
  /** Modes the browser may start. Another → 403 `MODE_NOT_ALLOWED`. @default all three */
  modes?: readonly PasbyMode[];
  /** Claims the browser may ask for; it gets this set when it asks for none. @default ['naming.given', 'naming.family'] */
  claims?: readonly PasbyClaimKey[];
  /** pasby's action. @default 'login' */
  action?: PasbyAction;
  /** The intent text the pasby app shows (1–200 characters); the browser cannot change it. @default 'Identify with pasby' */
  payload?: string;
  /** How many seeds a wildcard flow gets (1–10): the QR code rotates through them. @default 5 */
  seeds?: number;
  /**
   * Key of the session handles, at least 32 bytes. @default derived from `secret`, so every
   * instance of your backend agrees without configuration
   */
  handleSecret?: string;
  /**
   * Your session check, called before anything goes to pasby, with a clone of the request and
   * what the browser is doing: `action` (`create`, `status`, `events`, `cancel`) and, for a
   * valid handle, pasby's flow id (`request`) and `mode`. `false` or a throw → 401
   * `UNAUTHORIZED`. @default allow every request
   */
  authorize?: (request: Request, context: PasbyProxyAuthorizeContext) => boolean | Promise<boolean>;
  /** `fetch` to use upstream. @default the global `fetch`, looked up at call time */
  fetch?: typeof fetch;
  /** Time limit for pasby's answer, in ms (then 504 `UPSTREAM_TIMEOUT`). @default 10000 */
  timeoutMs?: number;
  /** How often the event stream pings pasby when pasby's own stream fails, in ms. @default 2000 */
  pingIntervalMs?: number;
  /** How often the event stream sends a `: hb` comment, in ms. @default 15000 */
  heartbeatMs?: number;
  /** Your clock, for `serverTime` and expiry (tests). @default Date.now */
  now?: () => number;
}

export interface PasbyProxyAuthorizeContext {
  action: 'create' | 'status' | 'events' | 'cancel';
  /** pasby's flow id, for a valid handle. */
  request?: string;
  /** The session's mode, for a valid handle. */
  mode?: PasbyMode;
}

/** `(request) => Promise<Response>` with the prefix it serves (for `toNodeHandler`). */
export interface PasbyProxyHandler {
  (request: Request): Promise<Response>;
  readonly prefix: string;
}

/** `POST {prefix}/session`'s answer. */
export interface PasbySessionCreated {
  handle: string;
  mode: PasbyMode;
  /** Wildcard: the seeds to show as QR codes, one at a time. */
  seeds?: string[];
  /** Same-device: the link that opens the pasby app. */
  link?: string;
  expiresAt: string;
  serverTime: string;
}

const DEFAULT_CLAIMS: readonly PasbyClaimKey[] = ['naming.given', 'naming.family'];
const MAX_BODY_BYTES = 16_384;
/** pasby's flows live 360 s; used when its answer carries no `exp`. */
const FLOW_TTL_S = 360;

const CreateBody = v.strictObject({
  mode: v.picklist(PASBY_MODES, `mode must be one of ${PASBY_MODES.join(', ')}`),
  nin: v.optional(v.pipe(v.string('nin must be a string'), v.regex(/^\d{11}$/, 'nin must be exactly 11 digits'))),
  claims: v.optional(v.array(v.picklist(PASBY_CLAIM_KEYS, `claims must be among ${PASBY_CLAIM_KEYS.join(', ')}`), 'claims must be an array')),
});

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function warnInDevelopment(what: string, error: unknown): void {
  if (typeof process !== 'undefined' && process.env.NODE_ENV === 'production') return;
  console.warn(`[passid] ${what}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
}

type Route = { name: 'create' } | { name: 'status' | 'events' | 'cancel'; handle: string };

function matchRoute(rest: string): { route: Route; method: 'GET' | 'POST' } | null {
  if (rest === '/session') return { route: { name: 'create' }, method: 'POST' };
  const m = /^\/session\/([^/]+)(\/events|\/cancel)?$/.exec(rest);
  if (!m) return null;
  let handle = '';
  try {
    handle = decodeURIComponent(m[1]!);
  } catch {
    // an undecodable handle is simply unknown
  }
  if (m[2] === '/events') return { route: { name: 'events', handle }, method: 'GET' };
  if (m[2] === '/cancel') return { route: { name: 'cancel', handle }, method: 'POST' };
  return { route: { name: 'status', handle }, method: 'GET' };
}

interface Config {
  prefix: string;
  modes: readonly PasbyMode[];
  claims: readonly PasbyClaimKey[];
  action: PasbyAction;
  payload: string;
  seeds: number;
  key: PasbyPrivateKey;
}

function checkOptions(o: PasbyProxyOptions): Config {
  for (const name of ['apiKey', 'secret', 'privateKey'] as const) {
    if (typeof o[name] !== 'string' || o[name].trim() === '') {
      throw new PassidConfigError(`createPasbyProxy needs ${name} (from an environment variable or your secret store).`);
    }
  }
  const prefix = (o.prefix ?? '/api/pasby').replace(/\/+$/, '');
  if (!prefix.startsWith('/')) throw new PassidConfigError(`prefix must start with "/" (got "${prefix}").`);
  const modes = o.modes ?? PASBY_MODES;
  if (modes.length === 0 || modes.some((m) => !PASBY_MODES.includes(m))) throw new PassidConfigError(`modes must be a non-empty list of ${PASBY_MODES.join(', ')}.`);
  const claims = o.claims ?? DEFAULT_CLAIMS;
  if (claims.length === 0 || claims.some((c) => !PASBY_CLAIM_KEYS.includes(c))) {
    throw new PassidConfigError(`claims must be a non-empty list of ${PASBY_CLAIM_KEYS.join(', ')}.`);
  }
  const action = o.action ?? 'login';
  if (!PASBY_ACTIONS.includes(action)) throw new PassidConfigError(`action must be one of ${PASBY_ACTIONS.join(', ')}.`);
  const payload = o.payload ?? 'Identify with pasby';
  if (typeof payload !== 'string' || payload.trim() === '' || payload.length > 200) throw new PassidConfigError('payload must be 1–200 characters.');
  const seeds = o.seeds ?? 5;
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 10) throw new PassidConfigError(`seeds must be a whole number from 1 to 10 (got ${String(seeds)}).`);
  if (o.handleSecret !== undefined && new TextEncoder().encode(o.handleSecret).byteLength < 32) {
    throw new PassidConfigError('handleSecret must be at least 32 bytes.');
  }
  return { prefix, modes, claims, action, payload, seeds, key: parsePasbyPrivateKey(o.privateKey) };
}

/** pasby's failure, as the browser should see it. */
function upstreamRefusal(error: unknown): Refusal {
  if (!(error instanceof PasbyApiError)) {
    warnInDevelopment('the pasby proxy failed and answered 500', error);
    return new Refusal(500, 'INTERNAL', 'The pasby proxy failed.');
  }
  if (error.kind === 'network') {
    return error.code === 'TIMEOUT'
      ? new Refusal(504, 'UPSTREAM_TIMEOUT', 'pasby did not answer in time. Try again.')
      : new Refusal(502, 'UPSTREAM_UNAVAILABLE', 'pasby could not be reached. Try again.');
  }
  if (error.code === 'RATE_LIMITED') {
    const seconds = error.retryAfter ?? 1;
    return new Refusal(429, 'RATE_LIMITED', `Too many pasby requests. Retry in ${seconds} s.`, { 'Retry-After': String(seconds) });
  }
  if (error.code === 'NOT_ON_PASBY') return new Refusal(404, 'NOT_ON_PASBY', 'This national identification number has no pasby digital ID.');
  if (error.code === 'NOT_FOUND') return new Refusal(404, 'NOT_FOUND', 'Unknown session.');
  if (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN') warnInDevelopment('pasby refused the proxy\'s credentials (check apiKey, secret and baseUrl)', error);
  return new Refusal(502, 'UPSTREAM_ERROR', 'pasby answered with an error. Try again.');
}

/** Creates the pasby proxy handler. Mount it at `prefix` (e.g. a catch-all route `/api/pasby/*`). */
export function createPasbyProxy(options: PasbyProxyOptions): PasbyProxyHandler {
  const config = checkOptions(options);
  const { prefix, key } = config;
  const now = options.now ?? Date.now;
  const client: PasbyClient = createPasbyClient({
    apiKey: options.apiKey,
    secret: options.secret,
    baseUrl: options.baseUrl ?? PASBY_LIVE_URL,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: 0, // the browser retries; a 429 goes back to it with Retry-After
  });
  const handles = createSessionHandles(options.secret, options.handleSecret);
  const iso = (ms: number) => new Date(ms).toISOString();

  async function readBody(request: Request): Promise<unknown> {
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) throw new Refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as Content-Type: application/json.');
    const bytes = await readBodyWithLimit(request, MAX_BODY_BYTES);
    if (bytes === null) throw new Refusal(413, 'PAYLOAD_TOO_LARGE', `The body is over ${MAX_BODY_BYTES} bytes.`);
    const text = new TextDecoder().decode(bytes);
    if (text.trim() === '') return {};
    const json = parseJson(text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Refusal(400, 'INVALID_REQUEST', 'The body must be a JSON object.');
    return json;
  }

  async function create(request: Request): Promise<Response> {
    const parsed = v.safeParse(CreateBody, await readBody(request));
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const path = v.getDotPath(issue);
      throw new Refusal(400, 'INVALID_REQUEST', issue.type === 'strict_object' ? `Unknown field "${path}".` : issue.message);
    }
    const { mode, nin } = parsed.output;
    if (!config.modes.includes(mode)) throw new Refusal(403, 'MODE_NOT_ALLOWED', `The mode "${mode}" is not allowed here. Allowed: ${config.modes.join(', ')}.`);
    if (mode === 'different-device' && nin === undefined) throw new Refusal(400, 'INVALID_REQUEST', 'nin is required for different-device (11 digits).');
    if (mode !== 'different-device' && nin !== undefined) throw new Refusal(400, 'INVALID_REQUEST', 'nin is only for different-device.');
    const asked = parsed.output.claims ?? [...config.claims];
    const refused = asked.filter((c) => !config.claims.includes(c));
    if (refused.length > 0) throw new Refusal(400, 'INVALID_REQUEST', `Claims not allowed here: ${refused.join(', ')}. Allowed: ${config.claims.join(', ')}.`);
    if (asked.length === 0) throw new Refusal(400, 'INVALID_REQUEST', 'Ask for at least one claim (or none, for all that are allowed).');
    const claims = PASBY_CLAIM_KEYS.filter((c) => asked.includes(c));
    const body = { action: config.action, claims, payload: config.payload };

    let created: { request: { id: string; iat?: number | undefined; exp?: number | undefined }; seeds?: string[]; link?: string };
    try {
      if (mode === 'wildcard') created = await client.identification.wildcard({ ...body, seeds: config.seeds });
      else if (mode === 'same-device') created = await client.identification.sameDevice(body);
      else created = await client.identification.differentDevice({ ...body, user: nin! });
    } catch (error) {
      throw upstreamRefusal(error);
    }
    const t = now();
    const exp = created.request.exp ?? (created.request.iat ?? Math.floor(t / 1000)) + FLOW_TTL_S;
    const handle = await handles.seal({ mode, claims, exp, request: created.request.id });
    const answer: PasbySessionCreated = {
      handle,
      mode,
      ...(mode === 'wildcard' ? { seeds: created.seeds ?? [] } : {}),
      ...(mode === 'same-device' && created.link ? { link: created.link } : {}),
      expiresAt: iso(exp * 1000),
      serverTime: iso(t),
    };
    return json(answer, 201);
  }

  /** pasby's flow, or `'expired'` for its 410. */
  async function currentFlow(binding: SessionBinding, signal?: AbortSignal): Promise<PasbyFlow | 'expired'> {
    try {
      return await client.flows.ping(binding.request, signal ? { signal } : {});
    } catch (error) {
      if (error instanceof PasbyApiError && error.code === 'EXPIRED') return 'expired';
      throw upstreamRefusal(error);
    }
  }

  function view(handle: string, binding: SessionBinding, flow: PasbyFlow | 'expired'): PasbySessionView {
    try {
      return sessionView(handle, binding, flow, key, now());
    } catch (error) {
      if (!(error instanceof PasbyDecryptionError)) throw error;
      warnInDevelopment('the pasby claims could not be decrypted', error);
      throw new Refusal(500, 'DECRYPTION_FAILED', 'The claims could not be decrypted with the configured private key.');
    }
  }

  async function cancel(request: Request, handle: string, binding: SessionBinding): Promise<Response> {
    await readBody(request);
    try {
      await client.flows.cancel(binding.request);
    } catch (error) {
      if (error instanceof PasbyApiError && error.code === 'EXPIRED') return json({ handle, status: 'expired' });
      if (error instanceof PasbyApiError && error.code === 'CONFLICT') throw new Refusal(409, 'CONFLICT', 'The session is already completed: read its claims instead.');
      throw upstreamRefusal(error);
    }
    return json({ handle, status: 'declined', declineReason: 'CANCELLED' });
  }

  async function events(handle: string, binding: SessionBinding): Promise<Response> {
    const upstream = new AbortController();
    let start: { stream: FlowEventStream } | { first: PasbyFlow | 'expired' };
    try {
      start = { stream: await client.flows.events(binding.request, { signal: upstream.signal }) };
    } catch (error) {
      if (error instanceof PasbyApiError && error.code === 'NOT_FOUND') throw new Refusal(404, 'NOT_FOUND', 'Unknown session.');
      if (error instanceof PasbyApiError && error.code === 'EXPIRED') start = { first: 'expired' };
      else start = { first: await currentFlow(binding, upstream.signal) }; // pasby's stream failed: ping instead
    }
    const body = watchSession({
      client, key, now, handle, binding, start, upstream,
      pingIntervalMs: options.pingIntervalMs ?? 2_000,
      heartbeatMs: options.heartbeatMs ?? 15_000,
      maxPingFailures: 5,
      warn: warnInDevelopment,
    });
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
    });
  }

  async function isAuthorized(request: Request, context: PasbyProxyAuthorizeContext): Promise<boolean> {
    if (!options.authorize) return true;
    try {
      return (await options.authorize(request.clone(), context)) === true;
    } catch (error) {
      warnInDevelopment('authorize threw, so the pasby proxy answered 401', error);
      return false;
    }
  }

  async function handle(request: Request): Promise<Response> {
    const pathname = new URL(request.url).pathname;
    const rest = pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : null;
    const matched = rest === null ? null : matchRoute(rest);
    if (!matched) return errorResponse(404, 'NOT_FOUND', `No pasby proxy route ${request.method} ${pathname}.`);
    const { route, method } = matched;
    if (request.method !== method) return errorResponse(405, 'METHOD_NOT_ALLOWED', `Use ${method} for ${pathname}.`, { Allow: method });
    try {
      if (route.name === 'create') {
        if (!(await isAuthorized(request, { action: 'create' }))) throw new Refusal(401, 'UNAUTHORIZED', 'Sign in to verify with pasby.');
        return await create(request);
      }
      const binding = await handles.open(route.handle);
      if (!binding) throw new Refusal(404, 'NOT_FOUND', 'Unknown session.');
      const context = { action: route.name, request: binding.request, mode: binding.mode };
      if (!(await isAuthorized(request, context))) throw new Refusal(401, 'UNAUTHORIZED', 'Sign in to verify with pasby.');
      if (route.name === 'status') return json(view(route.handle, binding, await currentFlow(binding)));
      if (route.name === 'cancel') return await cancel(request, route.handle, binding);
      return await events(route.handle, binding);
    } catch (error) {
      const refusal = error instanceof Refusal ? error : upstreamRefusal(error);
      return errorResponse(refusal.status, refusal.code, refusal.message, refusal.headers);
    }
  }

  return Object.assign(handle, { prefix });
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}
