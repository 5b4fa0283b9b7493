/**
 * The sandbox's data tables: seeded institutions, wallet personas (each with a full claims
 * profile), the reusable fixture tokens and the deny fixtures. Everything here is public
 * test data; nothing is a secret.
 */
import type { Claims, DenyReason, Permission, SandboxPersona, Tier } from '@passid/core/wire';
import { ALWAYS_CLAIMS, PERMISSION_CLAIMS, PERMISSIONS } from '@passid/core/wire';

/** A seeded sandbox institution. */
export interface SandboxInstitution {
  /** Id carried in deep links (`i=`) and webhook envelopes. */
  readonly id: string;
  readonly name: string;
  /** The sandbox API key (`X-Institution-Key`). Public test data. */
  readonly key: string;
}

export const INSTITUTIONS: readonly SandboxInstitution[] = [
  { id: 'inst_demo', name: 'Demo Bank', key: 'sk_sandbox_demo' },
  { id: 'inst_other', name: 'Other Bank', key: 'sk_sandbox_other' },
];

/** The complete claims profile of a persona: every claim of every permission. */
export interface ClaimsProfile {
  readonly fsi_score: number;
  readonly fsi_low: number;
  readonly fsi_high: number;
  readonly tier: Tier;
  readonly confidence: number;
  readonly p_stable: number;
  readonly income_verified: boolean;
  readonly income_band: string;
  readonly identity_verified: boolean;
  readonly sanctions_clear: boolean;
  readonly payment_reliability: number;
  readonly savings_consistency: number;
  readonly fraud_risk: 'low' | 'medium' | 'high';
  readonly corridor: string;
  readonly decision: 'approved' | 'review';
}

/** A wallet persona of the sandbox wallet simulator. */
export interface Persona {
  readonly persona: SandboxPersona;
  readonly displayName: string;
  readonly summary: string;
  /** The reusable fixture token with the same claims, if any. */
  readonly fixtureToken: string | null;
  /** A sanctions hit: verifying or fulfilling with this persona is a hard deny. */
  readonly sanctionsHit: boolean;
  readonly profile: ClaimsProfile;
}

const AMINA: ClaimsProfile = {
  fsi_score: 812, fsi_low: 791, fsi_high: 833, tier: 'A', confidence: 0.93, p_stable: 0.91,
  income_verified: true, income_band: 'GBP 30k-45k', identity_verified: true, sanctions_clear: true,
  payment_reliability: 0.97, savings_consistency: 88, fraud_risk: 'low', corridor: 'KE→GB', decision: 'approved',
};
const CHIDI: ClaimsProfile = {
  fsi_score: 743, fsi_low: 719, fsi_high: 767, tier: 'B', confidence: 0.88, p_stable: 0.84,
  income_verified: true, income_band: 'USD 40k-60k', identity_verified: true, sanctions_clear: true,
  payment_reliability: 0.91, savings_consistency: 74, fraud_risk: 'low', corridor: 'NG→US', decision: 'approved',
};
const KWAME: ClaimsProfile = {
  fsi_score: 671, fsi_low: 640, fsi_high: 702, tier: 'C', confidence: 0.76, p_stable: 0.71,
  income_verified: true, income_band: 'EUR 20k-30k', identity_verified: false, sanctions_clear: true,
  payment_reliability: 0.82, savings_consistency: 58, fraud_risk: 'medium', corridor: 'GH→EU', decision: 'review',
};
const ZED: ClaimsProfile = {
  fsi_score: 698, fsi_low: 660, fsi_high: 736, tier: 'C', confidence: 0.7, p_stable: 0.66,
  income_verified: true, income_band: 'GBP 45k-60k', identity_verified: true, sanctions_clear: false,
  payment_reliability: 0.88, savings_consistency: 61, fraud_risk: 'high', corridor: 'AE→GB', decision: 'review',
};

export const PERSONAS: Readonly<Record<SandboxPersona, Persona>> = {
  amina: { persona: 'amina', displayName: 'Amina Wanjiru', summary: 'Tier A · 812 · KE→GB · approved', fixtureToken: 'KE8V-3TXY-Z72L', sanctionsHit: false, profile: AMINA },
  chidi: { persona: 'chidi', displayName: 'Chidi Okafor', summary: 'Tier B · 743 · NG→US · approved', fixtureToken: 'NG4M-XQRS-T88W', sanctionsHit: false, profile: CHIDI },
  kwame: { persona: 'kwame', displayName: 'Kwame Mensah', summary: 'Tier C · 671 · GH→EU · identity not verified, fraud medium · review', fixtureToken: 'GH2P-ABCD-56KL', sanctionsHit: false, profile: KWAME },
  zed: { persona: 'zed', displayName: 'Zed Example', summary: 'Sanctions watchlist hit · every share is a hard deny', fixtureToken: null, sanctionsHit: true, profile: ZED },
};

/** Reusable fixture tokens: any number of verifies, all seven permissions, same claims. */
export const FIXTURE_TOKENS: Readonly<Record<string, SandboxPersona>> = {
  'KE8V-3TXY-Z72L': 'amina',
  'NG4M-XQRS-T88W': 'chidi',
  'GH2P-ABCD-56KL': 'kwame',
};

/** Deny fixtures: each always verifies to the same deny reason. */
export const DENY_FIXTURES: Readonly<Record<string, DenyReason>> = {
  'EXPD-TOKN-0001': 'TOKEN_EXPIRED',
  'RVKD-TOKN-0001': 'TOKEN_REVOKED',
  'USED-TOKN-0001': 'TOKEN_ALREADY_USED',
  'OTHR-INST-0001': 'INSTITUTION_MISMATCH',
  'SANC-HITS-0001': 'HARD_DENY_SANCTIONS_MATCH',
};

/** The claims a profile releases for the granted permissions, plus `corridor` and `decision`. */
export function claimsFor(profile: ClaimsProfile, permissions: readonly Permission[] = PERMISSIONS): Claims {
  const claims: Record<string, unknown> = {};
  for (const permission of PERMISSIONS) {
    if (!permissions.includes(permission)) continue;
    for (const key of PERMISSION_CLAIMS[permission]) claims[key] = profile[key];
  }
  for (const key of ALWAYS_CLAIMS) claims[key] = profile[key];
  return claims as Claims;
}
