/**
 * pasby's HTTP conventions in the sandbox: the `{ status, reason, data? }` envelope, failures
 * as exceptions, authentication (v2 key + secret, v1 access tokens) with the rate limit, and
 * JSON bodies validated with valibot.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import * as v from 'valibot';
import type { SandboxContext } from '../context.js';
import { readRawBody } from '../http.js';
import { verifyJwt } from './crypto.js';
import { PASBY_APPS, type PasbyApp } from './fixtures.js';

/** A pasby failure: `{ status: "failed", reason }` with an HTTP status. */
export class PasbyFailure extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(reason);
  }
}

export function failed(c: Context, status: number, reason: string, headers: Record<string, string> = {}): Response {
  for (const [k, val] of Object.entries(headers)) c.header(k, val);
  return c.json({ status: 'failed', reason }, status as 400);
}

export function successful(c: Context, reason: string, data?: unknown, status: 200 | 201 = 200): Response {
  return c.json(data === undefined ? { status: 'successful', reason } : { status: 'successful', reason, data }, status);
}

const hash = (s: string) => createHash('sha256').update(s).digest();
const APPS_BY_KEY = new Map(PASBY_APPS.map((a) => [hash(a.key).toString('base64'), a]));

/** Constant-time equality of two strings (hashed first, so lengths do not leak). */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(hash(given), hash(expected));
}

/** Lifetime of a v1 access token, in seconds (10 minutes). */
export const V1_TOKEN_TTL_S = 600;

export type Credential = 'secret' | 'secret-optional' | 'secret-or-token';

/**
 * Authenticates the call and applies the per-app rate limit. `secret`: `x-access-secret`
 * required (v2); `secret-optional`: checked when sent (wildcard, SSE); `secret-or-token`: a
 * v1 `x-access-token` from authorize, or the secret (v1 flows and polling).
 */
export function requireApp(ctx: SandboxContext, c: Context, jwtSecret: Buffer, credential: Credential): PasbyApp {
  const key = c.req.header('x-api-key');
  if (!key) throw new PasbyFailure(401, 'Missing x-api-key header. The sandbox key is bk-test_sandbox.');
  if (key.startsWith('bk-live_')) {
    throw new PasbyFailure(401, 'This is the pasby sandbox: it takes bk-test_ keys only. Live keys work only against pasby live.');
  }
  const app = APPS_BY_KEY.get(hash(key).toString('base64'));
  if (!app) throw new PasbyFailure(401, 'Invalid x-api-key.');
  const secret = c.req.header('x-access-secret');
  const token = c.req.header('x-access-token');
  if (credential === 'secret-or-token' && secret === undefined) {
    if (token === undefined) throw new PasbyFailure(401, 'Missing x-access-token header (GET /api/v1/flow/authorize makes one).');
    checkToken(app, token, jwtSecret, ctx.now());
  } else if (secret === undefined) {
    if (credential === 'secret') throw new PasbyFailure(401, 'Missing x-access-secret header.');
  } else if (!sameSecret(secret, app.secret)) {
    throw new PasbyFailure(401, 'Invalid x-access-secret.');
  }
  const retryAfter = ctx.rateLimit(`pasby:${app.app}`);
  if (retryAfter !== null) {
    throw new PasbyFailure(429, `Too many requests. Retry in ${retryAfter} s.`, { 'Retry-After': String(retryAfter) });
  }
  return app;
}

function checkToken(app: PasbyApp, token: string, jwtSecret: Buffer, nowMs: number): void {
  const claims = verifyJwt(jwtSecret, token);
  if (!claims || claims.app !== app.app || claims.sub !== app.consumer) throw new PasbyFailure(401, 'Invalid x-access-token.');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) {
    throw new PasbyFailure(401, 'The x-access-token has expired. Authorize again.');
  }
}

/** Reads the JSON body (an empty one is `{}`) and validates it; failures are 400. */
export async function readBody<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const text = Buffer.from(await readRawBody(c)).toString('utf8');
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new PasbyFailure(400, 'The request body is not valid JSON.');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PasbyFailure(400, 'The request body must be a JSON object.');
  return check(schema, value);
}

export function check<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  throw new PasbyFailure(400, path ? `${path}: ${issue.message}` : issue.message);
}
