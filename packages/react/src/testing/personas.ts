/**
 * The sandbox's personas, as the kit approves with them: the same claims the sandbox
 * (`apps/sandbox`) releases for each, so a test written against the kit reads like one
 * written against the sandbox. `personas.test.ts` keeps the two equal.
 */
import type { Claims } from '@passid/core';
import type { PasbyClaims } from '@passid/core/pasby';

/** The sandbox personas the kit can approve as. */
export type FakePersona = 'amina' | 'chidi' | 'kwame';

/** Every PASSID claim of each persona (all seven permissions granted). */
export const PASSID_PERSONAS: Readonly<Record<FakePersona, Readonly<Claims>>> = {
  /** Tier A · 812 · KE→GB · approved. */
  amina: {
    fsi_score: 812, fsi_low: 791, fsi_high: 833, tier: 'A', confidence: 0.93, p_stable: 0.91,
    income_verified: true, income_band: 'GBP 30k-45k', identity_verified: true, sanctions_clear: true,
    payment_reliability: 0.97, savings_consistency: 88, fraud_risk: 'low', corridor: 'KE→GB', decision: 'approved',
  },
  /** Tier B · 743 · NG→US · approved. */
  chidi: {
    fsi_score: 743, fsi_low: 719, fsi_high: 767, tier: 'B', confidence: 0.88, p_stable: 0.84,
    income_verified: true, income_band: 'USD 40k-60k', identity_verified: true, sanctions_clear: true,
    payment_reliability: 0.91, savings_consistency: 74, fraud_risk: 'low', corridor: 'NG→US', decision: 'approved',
  },
  /** Tier C · 671 · GH→EU · identity not verified, fraud medium · review. */
  kwame: {
    fsi_score: 671, fsi_low: 640, fsi_high: 702, tier: 'C', confidence: 0.76, p_stable: 0.71,
    income_verified: true, income_band: 'EUR 20k-30k', identity_verified: false, sanctions_clear: true,
    payment_reliability: 0.82, savings_consistency: 58, fraud_risk: 'medium', corridor: 'GH→EU', decision: 'review',
  },
};

/** The sandbox's reusable share tokens: each verifies to its persona's claims, any number of times. */
export const PASSID_FIXTURE_TOKENS: Readonly<Record<string, FakePersona>> = {
  'KE8V-3TXY-Z72L': 'amina',
  'NG4M-XQRS-T88W': 'chidi',
  'GH2P-ABCD-56KL': 'kwame',
};

/** The sandbox's deny fixtures: each always verifies to the same deny reason. */
export const PASSID_DENY_TOKENS = {
  'EXPD-TOKN-0001': 'TOKEN_EXPIRED',
  'RVKD-TOKN-0001': 'TOKEN_REVOKED',
  'USED-TOKN-0001': 'TOKEN_ALREADY_USED',
  'OTHR-INST-0001': 'INSTITUTION_MISMATCH',
  'SANC-HITS-0001': 'HARD_DENY_SANCTIONS_MATCH',
} as const;

/** Each persona's pasby identity: the NIN it answers to and every claim pasby can release. */
export const PASBY_PERSONAS: Readonly<Record<FakePersona, { readonly nin: string; readonly claims: Readonly<PasbyClaims> }>> = {
  amina: {
    nin: '12345678901',
    claims: {
      naming: { given: 'Amina', middle: 'Njeri', family: 'Wanjiru' },
      contact: { email: 'amina.wanjiru@example.com' },
      bio: { birthdate: '1990-04-12', gender: 'female', birthnumber: 'BN-1990-0412-0001' },
      nationality: { primary: 'KE', residence: 'NG' },
    },
  },
  chidi: {
    nin: '23456789012',
    claims: {
      naming: { given: 'Chidi', middle: 'Emeka', family: 'Okafor' },
      contact: { email: 'chidi.okafor@example.com' },
      bio: { birthdate: '1987-11-03', gender: 'male', birthnumber: 'BN-1987-1103-0002' },
      nationality: { primary: 'NG', residence: 'NG' },
    },
  },
  kwame: {
    nin: '34567890123',
    claims: {
      naming: { given: 'Kwame', middle: 'Kofi', family: 'Mensah' },
      contact: { email: 'kwame.mensah@example.com' },
      bio: { birthdate: '1994-02-20', gender: 'male', birthnumber: 'BN-1994-0220-0003' },
      nationality: { primary: 'GH', residence: 'NG' },
    },
  },
};
