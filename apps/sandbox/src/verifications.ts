/** Share tokens and verifications: the verify decision, one-time use, and the FSI record. */
import type { Claims, DenyReason, Permission, SandboxPersona } from '@passid/core/wire';
import { PERMISSIONS } from '@passid/core/wire';
import type { Db } from './db.js';
import { claimsFor, DENY_FIXTURES, FIXTURE_TOKENS, PERSONAS } from './fixtures.js';
import { randomShareToken } from './ids.js';

/** Lifetime of a wallet share token (10 min). */
export const SHARE_TOKEN_TTL_MS = 10 * 60 * 1000;

export interface TokenRow {
  token: string;
  persona: SandboxPersona;
  permissions: string;
  institution_id: string | null;
  request_id: string | null;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  used_at: number | null;
  used_by: string | null;
}

export type Decision =
  | { verified: true; claims: Claims; persona: SandboxPersona }
  | { verified: false; denyReason: DenyReason };

export function createTokenStore(db: Db) {
  const q = {
    get: db.prepare('SELECT * FROM tokens WHERE token = ?'),
    insert: db.prepare(
      'INSERT INTO tokens (token, persona, permissions, institution_id, request_id, created_at, expires_at, used_at, used_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    use: db.prepare('UPDATE tokens SET used_at = ?, used_by = ? WHERE token = ? AND used_at IS NULL'),
    revoke: db.prepare('UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE token = ?'),
    recordVerification: db.prepare(
      'INSERT OR IGNORE INTO verifications (institution_id, token, tier, fsi_score, verified_at) VALUES (?, ?, ?, ?, ?)',
    ),
    verification: db.prepare('SELECT tier, fsi_score FROM verifications WHERE institution_id = ? AND token = ?'),
  };

  function mint(input: {
    persona: SandboxPersona;
    permissions: readonly Permission[];
    institutionId: string | null;
    requestId?: string;
    now: number;
    usedBy?: string;
  }): TokenRow {
    let token = randomShareToken();
    while (q.get.get(token)) token = randomShareToken();
    const row: TokenRow = {
      token, persona: input.persona, permissions: JSON.stringify(input.permissions), institution_id: input.institutionId,
      request_id: input.requestId ?? null, created_at: input.now, expires_at: input.now + SHARE_TOKEN_TTL_MS,
      revoked_at: null, used_at: input.usedBy ? input.now : null, used_by: input.usedBy ?? null,
    };
    q.insert.run(row.token, row.persona, row.permissions, row.institution_id, row.request_id, row.created_at, row.expires_at, row.used_at, row.used_by);
    return row;
  }

  /** Records that `institutionId` verified `token` (first verification wins), with the FSI at that time. */
  function record(institutionId: string, token: string, persona: SandboxPersona, now: number): void {
    const p = PERSONAS[persona].profile;
    q.recordVerification.run(institutionId, token, p.tier, p.fsi_score, now);
  }

  /**
   * Decides a verify call for a normalised token (fixtures first, then wallet tokens, checked
   * in the order revoked → already used → expired → other institution → sanctions) and
   * consumes a wallet token when approved.
   */
  function verify(token: string, institutionId: string, now: number): Decision {
    const deny = DENY_FIXTURES[token];
    if (deny) return { verified: false, denyReason: deny };
    const fixture = FIXTURE_TOKENS[token];
    if (fixture) {
      record(institutionId, token, fixture, now);
      return { verified: true, claims: claimsFor(PERSONAS[fixture].profile, PERMISSIONS), persona: fixture };
    }
    const row = q.get.get(token) as TokenRow | undefined;
    if (!row) return { verified: false, denyReason: 'TOKEN_NOT_FOUND' };
    if (row.revoked_at !== null) return { verified: false, denyReason: 'TOKEN_REVOKED' };
    if (row.used_at !== null) return { verified: false, denyReason: 'TOKEN_ALREADY_USED' };
    if (now >= row.expires_at) return { verified: false, denyReason: 'TOKEN_EXPIRED' };
    if (row.institution_id !== null && row.institution_id !== institutionId) return { verified: false, denyReason: 'INSTITUTION_MISMATCH' };
    const persona = PERSONAS[row.persona];
    if (persona.sanctionsHit) return { verified: false, denyReason: 'HARD_DENY_SANCTIONS_MATCH' };
    q.use.run(now, institutionId, token);
    record(institutionId, token, row.persona, now);
    return { verified: true, claims: claimsFor(persona.profile, JSON.parse(row.permissions) as Permission[]), persona: row.persona };
  }

  return {
    get: (token: string) => q.get.get(token) as TokenRow | undefined,
    mint,
    record,
    verify,
    revoke: (token: string, now: number) => void q.revoke.run(now, token),
    verification: (institutionId: string, token: string) =>
      q.verification.get(institutionId, token) as { tier: string; fsi_score: number } | undefined,
  };
}
export type TokenStore = ReturnType<typeof createTokenStore>;
