/** Human names for the permissions, shared by the playground and the wallet simulator. */
import type { Permission } from '@passid/core';

export const PERMISSION_LABELS: Record<Permission, { label: string; detail: string }> = {
  full_score: { label: 'Financial stability score', detail: 'FSI score, range, tier, confidence' },
  income_verified: { label: 'Verified income', detail: 'income verified and income band' },
  identity_verified: { label: 'Verified identity', detail: 'identity verified' },
  sanctions_clear: { label: 'Sanctions screening', detail: 'not on OFAC/EU/UN lists' },
  payment_reliability: { label: 'Payment reliability', detail: 'share of bills paid on time' },
  savings_consistency: { label: 'Savings consistency', detail: '0–100' },
  fraud_risk: { label: 'Fraud risk', detail: 'low / medium / high' },
};

/** Sandbox personas of the wallet simulator. */
export const PERSONAS = [
  { id: 'amina', name: 'Amina', summary: 'Kenya → UK · tier A · 812', note: 'approved' },
  { id: 'chidi', name: 'Chidi', summary: 'Nigeria → US · tier B · 743', note: 'approved' },
  { id: 'kwame', name: 'Kwame', summary: 'Ghana → EU · tier C · 671', note: 'review' },
  { id: 'zed', name: 'Zed', summary: 'sanctions list match', note: 'always denied' },
] as const;

/** The sandbox's pasby personas and their national identification numbers (docs/pasby.md). */
export const PASBY_PERSONAS = [
  { id: 'amina', name: 'Amina Wanjiru', nin: '12345678901', note: 'approves' },
  { id: 'chidi', name: 'Chidi Okafor', nin: '23456789012', note: 'approves' },
  { id: 'kwame', name: 'Kwame Mensah', nin: '34567890123', note: 'approves' },
  { id: 'zed', name: 'Zed Example', nin: '45678901234', note: 'declines every request' },
] as const;
export type PasbyPersonaId = (typeof PASBY_PERSONAS)[number]['id'];

/** m:ss from milliseconds (never negative). */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** The widget's languages, each by its own name (the playground's language select). */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'sw', name: 'Kiswahili' },
  { code: 'ha', name: 'Hausa' },
  { code: 'yo', name: 'Yorùbá' },
  { code: 'ig', name: 'Igbo' },
  { code: 'ar', name: 'العربية' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export const isLanguage = (code: string | null): code is LanguageCode => LANGUAGES.some((l) => l.code === code);
