/** Minimal HS256 JWTs for the sandbox wallet personas (node:crypto, constant-time compare). */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SANDBOX_PERSONAS, type SandboxPersona } from '@passid/core/wire';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Lifetime of a wallet JWT in seconds (1 h). */
export const WALLET_JWT_TTL_S = 3600;

export function signWalletJwt(secret: Buffer, persona: SandboxPersona, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const payload = Buffer.from(JSON.stringify({ sub: persona, iat, exp: iat + WALLET_JWT_TTL_S })).toString('base64url');
  const sig = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${sig}`;
}

/** The persona of a valid, unexpired JWT, or `null`. */
export function verifyWalletJwt(secret: Buffer, jwt: string, nowMs: number): SandboxPersona | null {
  const parts = jwt.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, sig] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    if (head.alg !== 'HS256') return null;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown };
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return null;
    return (SANDBOX_PERSONAS as readonly unknown[]).includes(claims.sub) ? (claims.sub as SandboxPersona) : null;
  } catch {
    return null;
  }
}
