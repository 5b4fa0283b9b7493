/** Minimal HS256 JWTs (node:crypto, constant-time compare): wallet personas, pasby's v1 tokens and stamps. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SANDBOX_PERSONAS, type SandboxPersona } from '@passid/core/wire';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Lifetime of a wallet JWT in seconds (1 h). */
export const WALLET_JWT_TTL_S = 3600;

/** An HS256 JWT over `payload`. */
export function signJwt(secret: Buffer, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = createHmac('sha256', secret).update(`${HEADER}.${body}`).digest('base64url');
  return `${HEADER}.${body}.${sig}`;
}

/** The payload of a well-signed HS256 JWT, or `null`. Expiry is the caller's to check. */
export function verifyJwt(secret: Buffer, jwt: string): Record<string, unknown> | null {
  const parts = jwt.split('.');
  if (parts.length !== 3) return null;
  const [header, body, sig] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    if (head.alg !== 'HS256') return null;
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function signWalletJwt(secret: Buffer, persona: SandboxPersona, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  return signJwt(secret, { sub: persona, iat, exp: iat + WALLET_JWT_TTL_S });
}

/** The persona of a valid, unexpired JWT, or `null`. */
export function verifyWalletJwt(secret: Buffer, jwt: string, nowMs: number): SandboxPersona | null {
  const claims = verifyJwt(secret, jwt);
  if (!claims || typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return null;
  return (SANDBOX_PERSONAS as readonly unknown[]).includes(claims.sub) ? (claims.sub as SandboxPersona) : null;
}
