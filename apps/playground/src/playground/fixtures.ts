/** The sandbox's fixture tokens (docs/bridge-api.md, "Sandbox"), with the result each gives. */
export interface Fixture {
  token: string;
  kind: 'approved' | 'denied';
  result: string;
  detail: string;
}

export const FIXTURES: readonly Fixture[] = [
  { token: 'KE8V-3TXY-Z72L', kind: 'approved', result: 'Tier A · 812', detail: 'KE→GB · income ✓ identity ✓ sanctions clear · approved' },
  { token: 'NG4M-XQRS-T88W', kind: 'approved', result: 'Tier B · 743', detail: 'NG→US · income ✓ identity ✓ sanctions clear · approved' },
  { token: 'GH2P-ABCD-56KL', kind: 'approved', result: 'Tier C · 671', detail: 'GH→EU · income ✓ identity ✗ fraud medium · review' },
  { token: 'EXPD-TOKN-0001', kind: 'denied', result: 'TOKEN_EXPIRED', detail: 'the token’s TTL elapsed' },
  { token: 'RVKD-TOKN-0001', kind: 'denied', result: 'TOKEN_REVOKED', detail: 'revoked from the wallet' },
  { token: 'USED-TOKN-0001', kind: 'denied', result: 'TOKEN_ALREADY_USED', detail: 'one-time token already consumed' },
  { token: 'OTHR-INST-0001', kind: 'denied', result: 'INSTITUTION_MISMATCH', detail: 'issued for another institution' },
  { token: 'SANC-HITS-0001', kind: 'denied', result: 'HARD_DENY_SANCTIONS_MATCH', detail: 'watchlist match: never approve' },
];
