/**
 * Proxy mode: a Web-standard handler the institution mounts on its own backend (e.g. at
 * `/api/passid`). `<PASSIDVerify endpoint="/api/passid">` calls it; it adds the key server-side,
 * enforces the institution's permissions, and forwards exactly four calls to PASSID (create,
 * status, the status stream, verify).
 */
import * as v from 'valibot';
import {
  CreateRequestBodySchema,
  PERMISSIONS,
  VerifyBodySchema,
  type Permission,
} from '@passid/core/wire';
import { isValidTtl, TTL_SECONDS } from '@passid/core';
import { claimsFilter } from './claims.js';
import { PassidConfigError } from './errors.js';
import { createRequestHandles } from './handle.js';
import { DEFAULT_BASE_URL, INSTITUTION_KEY_HEADER, joinUrl, parseJson, readBodyWithLimit, scrub } from './http.js';
import { errorResponse, invalid, isProduction, ProxyRefusal, rateLimited, upstreamFailure, warn, warnInDevelopment } from './proxy-errors.js';
import { crossSiteRefusal, isJsonContentType, parseAllowedOrigins } from './proxy-guard.js';
import { openStatusStream } from './proxy-stream.js';
import type { PassidProxyHandler, PassidProxyOptions, ProxyAuthorizeContext } from './proxy-options.js';
import { createProxyLimiter } from './rate-limit.js';
import { answeringHandler, toResponse, type TextAnswer } from './text-answer.js';
import { viaFetch, viaNode, type UpstreamAnswer, type UpstreamInit } from './upstream.js';

export type { PassidProxyHandler, PassidProxyOptions, ProxyAuthorizeContext } from './proxy-options.js';
/** Also here, where it lived first (the pasby proxy imports it from this module). */
export { errorResponse } from './proxy-errors.js';

/** Response headers passed through from PASSID; everything else (hop-by-hop, set-cookie…) is dropped. */
const PASSED_HEADERS = ['content-type', 'retry-after', 'x-passid-api-version', 'idempotent-replayed'];

type Route =
  | { name: 'create'; method: 'POST' }
  | { name: 'status' | 'events'; method: 'GET'; handle: string }
  | { name: 'verify'; method: 'POST' };

function matchRoute(rest: string): Route | null {
  if (rest === '/request') return { name: 'create', method: 'POST' };
  if (rest === '/verify') return { name: 'verify', method: 'POST' };
  const match = /^\/request\/([^/]+)(\/events)?$/.exec(rest);
  if (match?.[1] !== undefined) return { name: match[2] ? 'events' : 'status', method: 'GET', handle: safeDecode(match[1]) };
  return null;
}

/** The status stream's event ids are integers; anything else is not forwarded (unknown id). */
const LAST_EVENT_ID = /^\d{1,15}$/;

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function firstIssue(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
  const issue = issues[0];
  const path = v.getDotPath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** A handle secret shorter than this (in UTF-8 bytes) is refused: 256 bits, HMAC-SHA256's own size. */
const MIN_HANDLE_SECRET_BYTES = 32;

function checkOptions(options: PassidProxyOptions): { prefix: string; allowed: readonly Permission[] } {
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new PassidConfigError('createPassidProxy needs an apiKey (read it from an environment variable, e.g. PASSID_API_KEY).');
  }
  const prefix = (options.prefix ?? '/api/passid').replace(/\/+$/, '');
  if (!prefix.startsWith('/')) throw new PassidConfigError(`prefix must start with "/" (got "${prefix}").`);
  const allowed = options.permissions ?? PERMISSIONS;
  if (allowed.length === 0 || allowed.some((p) => !(PERMISSIONS as readonly string[]).includes(p))) {
    throw new PassidConfigError(`permissions must be a non-empty list of ${PERMISSIONS.join(', ')}.`);
  }
  const secret = options.handleSecret;
  if (secret !== undefined && (typeof secret !== 'string' || new TextEncoder().encode(secret).byteLength < MIN_HANDLE_SECRET_BYTES)) {
    throw new PassidConfigError(
      `handleSecret must be at least ${MIN_HANDLE_SECRET_BYTES} bytes (e.g. 32 random bytes, base64): leave it out to derive one from apiKey.`,
    );
  }
  const ttl = options.ttlSeconds;
  if (ttl !== undefined && !isValidTtl(ttl)) {
    throw new PassidConfigError(`ttlSeconds must be a whole number from ${TTL_SECONDS.min} to ${TTL_SECONDS.max} (got ${String(ttl)}).`);
  }
  return { prefix, allowed };
}

/** Creates the proxy handler. Mount it at `prefix` (e.g. a catch-all route `/api/passid/*`). */
export function createPassidProxy(options: PassidProxyOptions): PassidProxyHandler {
  const { prefix, allowed } = checkOptions(options);
  const { apiKey, authorize } = options;
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBodyBytes = options.maxBodyBytes ?? 16_384;
  const createKey = options.createIdempotencyKey ?? (() => globalThis.crypto.randomUUID());
  /** Create, status and verify: Node's http client by default (see upstream.ts), else the given fetch. */
  const callUpstream = options.fetch ? viaFetch(options.fetch) : viaNode();
  const handles = createRequestHandles(apiKey, options.handleSecret);
  const allowedOrigins = parseAllowedOrigins(options.allowedOrigins);
  const limiter = createProxyLimiter(options.rateLimit, warn);
  if (!authorize && isProduction()) {
    warn(
      'createPassidProxy has no authorize: anyone who reaches it can start verifications and read statuses with your key. Pass authorize: (request) => isSignedIn(request).',
    );
  }
  /** The browser sees only the claims of the permissions it may request (verify answers too). */
  const filterClaims = claimsFilter(allowed);

  async function readJson(request: Request): Promise<unknown> {
    let bytes: Uint8Array | null;
    try {
      bytes = await readBodyWithLimit(request, maxBodyBytes);
    } catch {
      throw invalid('The body was cut off before its end.'); // the client's fault, not a 500
    }
    if (bytes === null) throw new ProxyRefusal(413, 'PAYLOAD_TOO_LARGE', `The body is over ${maxBodyBytes} bytes.`);
    const text = new TextDecoder().decode(bytes);
    if (text.trim() === '') return {};
    const json = parseJson(text);
    if (json === undefined) throw invalid('The body is not JSON.');
    return json;
  }

  function createBody(json: unknown): Record<string, unknown> {
    const parsed = v.safeParse(CreateRequestBodySchema, json);
    if (!parsed.success) throw invalid(firstIssue(parsed.issues));
    const body = parsed.output;
    const refused = (body.permissions ?? []).filter((p) => !allowed.includes(p));
    if (refused.length > 0) {
      throw invalid(`Permissions not allowed here: ${refused.join(', ')}. Allowed: ${allowed.join(', ')}.`);
    }
    if (options.ttlSeconds !== undefined && body.ttlSeconds !== undefined && body.ttlSeconds > options.ttlSeconds) {
      throw invalid(`ttlSeconds may be at most ${options.ttlSeconds} here.`);
    }
    const institutionName = options.institutionName ?? body.institutionName;
    const ttlSeconds = body.ttlSeconds ?? options.ttlSeconds;
    return {
      permissions: body.permissions ?? [...allowed],
      ...(institutionName === undefined ? {} : { institutionName }),
      ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
    };
  }

  async function upstreamRequest(request: Request, route: Route, requestId: string | null): Promise<{ path: string; init: UpstreamInit }> {
    const headers: Record<string, string> = { [INSTITUTION_KEY_HEADER]: apiKey, Accept: 'application/json' };
    if (route.name === 'status' || route.name === 'events') {
      if (requestId === null) throw new ProxyRefusal(404, 'NOT_FOUND', 'Unknown request.');
      if (route.name === 'status') return { path: `/api/bridge/request/${requestId}`, init: { method: 'GET', headers } };
      headers.Accept = 'text/event-stream';
      const lastEventId = request.headers.get('last-event-id')?.trim();
      if (lastEventId && LAST_EVENT_ID.test(lastEventId)) headers['Last-Event-ID'] = lastEventId;
      return { path: `/api/bridge/request/${requestId}/events`, init: { method: 'GET', headers } };
    }
    const json = await readJson(request);
    headers['Content-Type'] = 'application/json';
    if (route.name === 'create') {
      return { path: '/api/bridge/request', init: { method: 'POST', headers, body: JSON.stringify(createBody(json)) } };
    }
    const parsed = v.safeParse(VerifyBodySchema, json);
    if (!parsed.success) throw invalid(firstIssue(parsed.issues));
    const browserKey = request.headers.get('idempotency-key');
    if (browserKey !== null && (browserKey.length < 1 || browserKey.length > 255)) throw invalid('Idempotency-Key must be 1–255 characters.');
    // The browser's keys live in their own namespace: a browser must not be able to take (or
    // replay) a key the backend uses for its own verify or outcome calls.
    headers['Idempotency-Key'] = browserKey === null ? createKey() : await handles.idempotencyKey(browserKey);
    return { path: '/api/bridge/verify', init: { method: 'POST', headers, body: JSON.stringify(parsed.output) } };
  }

  /**
   * What the browser sees of an answer: only the claims of the allowed permissions; for a
   * status (or a stream's event), the handle it asked with as `requestId` and never the spent
   * share token (the backend reads it with `createPassidClient().getRequest()`).
   */
  function view(json: unknown, route: Route): unknown {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
    const body: Record<string, unknown> = { ...(json as Record<string, unknown>) };
    if ('claims' in body) body.claims = filterClaims(body.claims);
    if (route.name === 'status' || route.name === 'events') {
      delete body.token;
      body.requestId = route.handle;
    }
    return body;
  }

  /** `view`, and for a created request a handle instead of the raw request id. */
  async function rewrite(json: unknown, route: Route): Promise<unknown> {
    const body = view(json, route);
    if (route.name === 'create' && typeof body === 'object' && body !== null && 'requestId' in body && typeof body.requestId === 'string') {
      return { ...body, requestId: await handles.seal(body.requestId) };
    }
    return body;
  }

  /** One event's `data` of the status stream, rewritten like a status; `null` drops it. */
  function eventData(data: string, route: Route): string | null {
    const json = parseJson(data);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
    return scrub(JSON.stringify(view(json, route)), apiKey);
  }

  /** Opens PASSID's status stream and relays it; anything but a 200 stream is answered like a status. */
  function forwardStream(path: string, init: UpstreamInit, route: Route, signal: AbortSignal): Promise<Response> {
    return openStatusStream({
      fetch: options.fetch ?? globalThis.fetch,
      url: joinUrl(baseUrl, path),
      init,
      timeoutMs,
      signal,
      apiKey,
      rewrite: (data) => eventData(data, route),
      otherwise: async (upstream, text) => toResponse(await passThrough({ status: upstream.status, header: (name) => upstream.headers.get(name), text }, route)),
    });
  }

  async function forward(path: string, init: UpstreamInit, route: Route): Promise<TextAnswer | Response> {
    let upstream: UpstreamAnswer;
    try {
      upstream = await callUpstream(joinUrl(baseUrl, path), init, timeoutMs);
    } catch (error) {
      return upstreamFailure(error instanceof Error && error.name === 'TimeoutError');
    }
    return passThrough(upstream, route);
  }

  /** PASSID's answer for the browser: its status, the allowed headers, the body rewritten and scrubbed. */
  async function passThrough(upstream: UpstreamAnswer, route: Route): Promise<TextAnswer> {
    // JSON is parsed and written again before the key is scrubbed, so an escaped spelling of
    // the key (`sk\u005flive…`) cannot slip through; other bodies are scrubbed as they are.
    const json = parseJson(upstream.text);
    const ok = upstream.status >= 200 && upstream.status < 300;
    const text = json === undefined ? upstream.text : JSON.stringify(ok ? await rewrite(json, route) : json);
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
    for (const name of PASSED_HEADERS) {
      const value = upstream.header(name);
      if (value !== null && !value.includes(apiKey)) headers[name] = value;
    }
    const body = upstream.status === 204 || upstream.status === 304 ? null : scrub(text, apiKey);
    return { status: upstream.status, headers, body };
  }

  async function isAuthorized(request: Request, context: ProxyAuthorizeContext): Promise<boolean> {
    if (!authorize) return true;
    try {
      // A POST's body is read by the proxy too, so authorize gets a clone; a GET has no body
      // to share (and a clone costs as much as the rest of a status read).
      return (await authorize(request.method === 'GET' ? request : request.clone(), context)) === true;
    } catch (error) {
      warnInDevelopment('authorize threw, so the proxy answered 401', error);
      return false;
    }
  }

  async function answer(request: Request): Promise<TextAnswer | Response> {
    const pathname = new URL(request.url).pathname;
    const rest = pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : null;
    const route = rest === null ? null : matchRoute(rest);
    if (!route) return errorResponse(404, 'NOT_FOUND', `No PASSID proxy route ${request.method} ${pathname}.`);
    if (request.method !== route.method) {
      return errorResponse(405, 'METHOD_NOT_ALLOWED', `Use ${route.method} for ${pathname}.`, { Allow: route.method });
    }
    const crossSite = crossSiteRefusal(request, allowedOrigins);
    if (crossSite !== null) return errorResponse(403, 'FORBIDDEN', crossSite);
    if (route.method === 'POST' && !isJsonContentType(request.headers.get('content-type'))) {
      return errorResponse(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON, with Content-Type: application/json.');
    }
    try {
      const clientWait = await limiter.client(request);
      if (clientWait !== null) return rateLimited(clientWait, 'from this address');
      const requestId = route.name === 'status' || route.name === 'events' ? await handles.open(route.handle) : null;
      if (requestId !== null) {
        const handleWait = await limiter.handle(requestId);
        if (handleWait !== null) return rateLimited(handleWait, 'for this verification');
      }
      const context: ProxyAuthorizeContext = { action: route.name, ...(requestId === null ? {} : { requestId }) };
      if (!(await isAuthorized(request, context))) return errorResponse(401, 'UNAUTHORIZED', 'Sign in to verify with PASSID.');
      const { path, init } = await upstreamRequest(request, route, requestId);
      if (route.name === 'events') return await forwardStream(path, init, route, request.signal);
      return await forward(path, init, route);
    } catch (error) {
      if (error instanceof ProxyRefusal) return errorResponse(error.status, error.code, error.message);
      warnInDevelopment('the proxy failed and answered 500', error);
      return errorResponse(500, 'INTERNAL', 'The PASSID proxy failed.');
    }
  }

  return Object.assign(answeringHandler(answer), { prefix });
}
